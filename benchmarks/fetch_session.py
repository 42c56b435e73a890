"""The issue's commands run for real against the local test web (tests/web_pages.py), then a watch
over three polls while the site's pages change. Nothing leaves 127.0.0.1.

    .venv/bin/python -m benchmarks.fetch_session [--every 4s]

Three invented outlets (the Harwick Herald, the Lowmere Gazette, the Fenbridge Wire), each its own
server on its own port, with feeds (RSS, Atom, JSON Feed), news sitemaps behind a robots.txt-declared
index, a robots.txt that disallows /private/ and sets a 0.2 s crawl-delay, and awkward pages
(redirects, a redirect into a metadata service, 429 with Retry-After, 503 then fine, 500). Each
command is `corroborate` in a process of its own; what it printed about the web is shown, then what
the store's fetch record and the servers' own request log say.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

from tests.web_pages import HERALD, HERALD_REVISED, WIRE, article_html, build_site, evolve
from tests.web_site import Outlet, Web

CORROBORATE = [sys.executable, "-c", "from corroborate.cli import app; app()"]
ENV = {**os.environ, "COLUMNS": "2000", "NO_COLOR": "1"}


class Session:
    def __init__(self, web: Web, sites: dict[str, Outlet], tmp: Path) -> None:
        self.web, self.sites, self.tmp = web, sites, tmp
        self.names = {o.base: f"${name.upper()}" for name, o in sites.items()}

    def short(self, text: str) -> str:
        for base, name in self.names.items():
            text = text.replace(base, name)
        return text.replace(str(self.tmp) + "/", "")

    def run(self, title: str, *args: str, db: str = "c.db", show: tuple[str, ...] = ("web:",)) -> None:
        argv = [*args, "--db", str(self.tmp / db)]
        if args[0] == "run":
            argv += ["--out", str(self.tmp / "out")]
        print(f"\n## {title}\n$ corroborate {self.short(' '.join(args))}")
        started = time.monotonic()
        done = subprocess.run([*CORROBORATE, *argv], capture_output=True, text=True, env=ENV, check=False)
        wall = time.monotonic() - started
        for line in done.stdout.splitlines():
            if line.startswith(show) or (" pages: " in line and "stored" in line):
                print("  " + self.short(line.strip()))
        if done.returncode not in (0, 1):
            print(self.short(done.stderr[-2000:]))
        print(f"  (exit {done.returncode}, {wall:.1f} s)")

    def outcomes(self, db: str = "c.db", since_row: int = 0) -> int:
        """The store's record of each URL since `since_row`: outcome and reason."""
        with sqlite3.connect(self.tmp / db) as conn:
            rows = conn.execute(
                "SELECT id, url, outcome, status, reason FROM fetches WHERE id > ? ORDER BY id", (since_row,)
            ).fetchall()
        for _, url, outcome, status, reason in rows:
            print(f"    {outcome:9s} {status or '-'!s:>4} {self.short(url)}  {self.short(reason or '')}")
        return rows[-1][0] if rows else since_row

    def server_log(self) -> None:
        print("\n## What the servers saw (their own request log)")
        for name, outlet in self.sites.items():
            log = self.web.requests(name)
            statuses = Counter(r.status for r in log)
            gaps = [b.at - a.at for a, b in pairwise(log)]
            private = [r.path for r in log if r.path.startswith("/private/")]
            agents = {r.headers.get("user-agent", "").split(" ")[0] for r in log}
            print(
                f"  {name:8s} {len(log):3d} requests, statuses {dict(sorted(statuses.items()))}; "
                f"closest two {min(gaps):.3f} s apart (crawl-delay 0.2 s); at most {outlet.peak} at once; "
                f"/private/ requested {len(private)} times; user agent {', '.join(sorted(agents))}"
            )
        conditional = [r for r in self.web.requests() if "if-none-match" in r.headers]
        answered = Counter(r.status for r in conditional)
        print(f"  conditional GETs (If-None-Match): {len(conditional)}, answered {dict(answered)}")


def commands(s: Session) -> None:
    herald, gazette, wire = s.sites["herald"], s.sites["gazette"], s.sites["wire"]
    allow = ("--allow-host", "127.0.0.1")
    print("Outlets: " + ", ".join(f"{n} = {b}" for b, n in s.names.items()))
    feeds = ("--feed", herald.url("/rss.xml"), "--feed", gazette.url("/atom.xml"))
    feeds += ("--feed", wire.url("/feed.json"))
    odd = [wire.url(p) for p in ("/private/draft.html", "/to-private.html", "/to-metadata.html")]
    odd += [f"http://localhost:{wire.port}{WIRE[0].path}", "http://169.254.169.254/latest/meta-data/"]
    odd += [wire.url(p) for p in ("/moved.html", "/busy.html", "/flaky.html", "/broken.html")]
    archive = str(s.tmp / "run.warc.gz")
    s.run("Feeds of three kinds and URLs given", "run", *feeds, *odd, *allow, "--warc-out", archive)
    print("  the store's fetch record:")
    last = s.outcomes()

    s.run("A site's address: the sitemaps its robots.txt declares, through the index", "run",
          "--sitemap", gazette.base + "/", "--since", "2025-03-04T00:00:00+00:00", *allow)  # fmt: skip
    last = s.outcomes(since_row=last)

    links = s.tmp / "links.txt"
    links.write_text("# the links a claim went round on\n" + "\n".join(herald.url(x.path) for x in HERALD))
    s.run("The same pages again, from a URL file: unchanged, so 304s", "run", "--urls", str(links), *allow)
    last = s.outcomes(since_row=last)

    herald.put(HERALD[0].path, article_html("The Harwick Herald", HERALD_REVISED))
    print("\n[the Herald edits its lead story: headline, a figure, a quote]")
    s.run("The Herald's feed again: the edited page is a new version", "run", "--feed",
          herald.url("/rss.xml"), *allow, show=("web:", "new version"))  # fmt: skip
    last = s.outcomes(since_row=last)

    s.run("Without --allow-host the local site itself is refused", "run", herald.url(HERALD[1].path))
    s.outcomes(since_row=last)
    s.server_log()

    requests_before = len(s.web.requests())
    s.run("Offline: the WARC the first run wrote, in a fresh store", "run", archive, db="offline.db")
    print(f"  requests to the web during the offline run: {len(s.web.requests()) - requests_before}")


def watch(s: Session, every: str) -> None:
    """`corroborate watch --polls 3` while the site changes between polls (tests/web_pages.evolve)."""
    herald, gazette, wire = s.sites["herald"], s.sites["gazette"], s.sites["wire"]
    herald.put(HERALD[0].path, article_html("The Harwick Herald", HERALD[0]))  # as first published
    feeds = s.tmp / "feeds.txt"
    feeds.write_text("\n".join([herald.url("/rss.xml"), gazette.url("/atom.xml"), wire.url("/feed.json")]))
    args = ["watch", "--feeds", str(feeds), "--every", every, "--polls", "3", "--allow-host", "127.0.0.1"]
    args += ["--db", str(s.tmp / "watch.db"), "--out", str(s.tmp / "watch-out")]
    print(f"\n## A watch over three polls while the pages change\n$ corroborate {s.short(' '.join(args))}")
    proc = subprocess.Popen([*CORROBORATE, *args], stdout=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout is not None
    pending = ""
    for line in proc.stdout:
        if line.startswith("poll ") and pending:
            print(pending)
            pending = ""
        print(s.short(line.rstrip()))
        polled = line.split()[1] if line.startswith("poll ") else ""
        if polled in ("1", "2"):
            # The poll's fetching is over once it prints: change the web before the next one.
            pending = f"[{time.strftime('%H:%M:%S')} the site: {evolve(s.sites, int(polled))}]"
    proc.wait()
    print(f"(exit {proc.returncode})")
    with sqlite3.connect(s.tmp / "watch.db") as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        versions = conn.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    print(f"store after the watch: {articles} articles, {versions} earlier versions kept")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--every", default="4s", help="the watch's interval (default 4s)")
    args = parser.parse_args()
    web = Web()
    try:
        sites = build_site(web, delay=0.2)
        with tempfile.TemporaryDirectory() as tmp:
            session = Session(web, sites, Path(tmp))
            commands(session)
            watch(session, args.every)
    finally:
        web.close()


if __name__ == "__main__":
    main()
