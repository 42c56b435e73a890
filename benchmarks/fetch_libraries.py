"""The fetch libraries measured against their alternatives: right answers first, then speed.

    .venv/bin/python -m benchmarks.fetch_libraries [--alternatives DIR]

The alternatives are not dependencies of corroborate: install them into a folder of their own
(`pip install --no-deps --target DIR aiohttp multidict yarl frozenlist aiosignal aiohappyeyeballs
propcache attrs fastfeedparser robotspy robotexclusionrulesparser`) and name it; any missing is
skipped. WARC readers are measured in benchmarks/fetch.py.

1. robots.txt: RFC 9309 cases (longest match, Allow on a tie, wildcards and $, percent-encoding,
   groups) answered by protego, urllib.robotparser (stdlib), robotspy, robotexclusionrulesparser;
   then checks per second of 10,000 URLs against a 400-rule robots.txt.
2. Feeds: the cases tests/test_fetch_feeds.py reads (RSS 0.91 relative links, RSS 1.0, RSS 2.0 with a
   zone, Atom alternate link) plus a broken RSS (an unescaped '&'), by feedparser and fastfeedparser;
   feeds per second of a 100-item RSS 2.0 feed.
3. Sitemaps: ultimate-sitemap-parser against lxml's iterparse (what a hand-written reader would
   be) on a 50,000-URL sitemap and a 1,000-URL news sitemap: URLs found, dates, seconds.
4. HTTP: httpx and aiohttp, one request at a time per host, no gap, 550 GETs over 50 local hosts.
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import io
import subprocess
import sys
import time
import urllib.robotparser
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from benchmarks.fetch_library_cases import FEED_CASES, ROBOTS_CASES, big_robots, news_sitemap, sitemap

AGENT = "corroborate"


def _robots_parsers() -> dict[str, Callable[[str], Callable[[str], bool]]]:
    from protego import Protego

    def protego(text: str) -> Callable[[str], bool]:
        rules = Protego.parse(text)
        return lambda url: bool(rules.can_fetch(url, AGENT))

    def stdlib(text: str) -> Callable[[str], bool]:
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(text.splitlines())
        return lambda url: rules.can_fetch(AGENT, url)

    parsers = {"protego": protego, "urllib.robotparser": stdlib}
    try:
        import robots  # robotspy

        def robotspy(text: str) -> Callable[[str], bool]:
            rules = robots.RobotsParser.from_string(text)
            return lambda url: bool(rules.can_fetch(AGENT, url))

        parsers["robotspy"] = robotspy
    except ImportError:
        pass
    try:
        import robotexclusionrulesparser as rerp

        def exclusion(text: str) -> Callable[[str], bool]:
            rules = rerp.RobotExclusionRulesParser()
            rules.parse(text)
            return lambda url: bool(rules.is_allowed(AGENT, url))

        parsers["robotexclusionrulesparser"] = exclusion
    except ImportError:
        pass
    return parsers


def bench_robots() -> None:
    print(f"robots.txt: {len(ROBOTS_CASES)} RFC 9309 cases")
    text, urls = big_robots()
    for name, make in _robots_parsers().items():
        wrong = [why for why, robots_txt, url, allowed in ROBOTS_CASES if make(robots_txt)(url) != allowed]
        check = make(text)
        started = time.perf_counter()
        for url in urls:
            check(url)
        rate = len(urls) / (time.perf_counter() - started)
        print(f"  {name:26s} {len(ROBOTS_CASES) - len(wrong):2d} right, {rate:9,.0f} checks/s")
        for why in wrong:
            print(f"      wrong: {why}")


def _feedparser(body: bytes, base: str) -> list[tuple[str, datetime | None]]:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base})
    out = []
    for e in parsed.entries:
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        if not e.get("link"):
            continue  # corroborate skips an entry with no link (fetch/feeds.py)
        out.append(
            (
                urljoin(base, e.get("link", "")),
                datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None,
            )
        )
    return out


def _fastfeedparser(body: bytes, base: str) -> list[tuple[str, datetime | None]]:
    import fastfeedparser

    parsed = fastfeedparser.parse(body)
    out = []
    for e in parsed.entries:
        when = e.get("published") or e.get("updated")
        if not e.get("link"):
            continue
        # Links made absolute as corroborate does for feedparser's (fetch/feeds.py).
        out.append((urljoin(base, e.get("link", "")), datetime.fromisoformat(when) if when else None))
    return out


def bench_feeds() -> None:
    readers: dict[str, Callable[[bytes, str], list[tuple[str, datetime | None]]]] = {
        "feedparser": _feedparser
    }
    try:
        import fastfeedparser  # noqa: F401

        readers["fastfeedparser"] = _fastfeedparser
    except ImportError:
        pass
    big = FEED_CASES[-1][1]
    print(f"feeds: {len(FEED_CASES) - 1} cases, then a 100-item RSS 2.0 feed ({len(big) // 1000} kB)")
    for name, read in readers.items():
        wrong = []
        for why, body, base, expected in FEED_CASES[:-1]:
            try:
                got = read(body, base)
            except Exception as err:
                got = [(f"error {type(err).__name__}", None)]
            if got != expected:
                wrong.append(f"{why}: {got[:1]}")
        started = time.perf_counter()
        for _ in range(20):
            assert len(read(big, "http://news.example/")) == 100
        rate = 20 / (time.perf_counter() - started)
        print(f"  {name:26s} {len(FEED_CASES) - 1 - len(wrong):2d} right, {rate:9,.0f} feeds/s")
        for why in wrong:
            print(f"      wrong: {why}")


def _usp(body: bytes) -> list[tuple[str, datetime | None]]:
    from corroborate.fetch.sitemaps import parse_sitemap

    return [(e.url, e.published) for e in parse_sitemap(body, "http://news.example/").pages]


def _lxml(body: bytes) -> list[tuple[str, datetime | None]]:
    from lxml import etree

    out = []
    for _, el in etree.iterparse(io.BytesIO(body), tag="{http://www.sitemaps.org/schemas/sitemap/0.9}url"):
        loc = el.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        when = el.findtext(".//{http://www.google.com/schemas/sitemap-news/0.9}publication_date")
        out.append((loc or "", datetime.fromisoformat(when) if when else None))
        el.clear()
    return out


def bench_sitemaps() -> None:
    print("sitemaps:")
    for label, body in (
        ("50,000-URL sitemap", sitemap(50_000)),
        ("1,000-URL news sitemap", news_sitemap(1000)),
    ):
        for name, read in (("ultimate-sitemap-parser", _usp), ("lxml iterparse", _lxml)):
            started = time.perf_counter()
            got = read(body)
            elapsed = time.perf_counter() - started
            dated = sum(1 for _, when in got if when)
            print(f"  {label:24s} {name:24s} {len(got):6d} URLs ({dated} dated) in {elapsed:.2f} s")


async def _httpx(urls: list[str]) -> int:
    import httpx

    async with httpx.AsyncClient() as client:
        return await _per_host(urls, lambda u: client.get(u), lambda r: r.status_code)


async def _aiohttp(urls: list[str]) -> int:
    import aiohttp

    async def get(url: str) -> int:
        async with session.get(url) as r:
            await r.read()
            return r.status

    async with aiohttp.ClientSession() as session:
        return await _per_host(urls, get, lambda status: status)


async def _per_host(urls: list[str], get: Callable[[str], Any], status: Callable[[Any], int]) -> int:
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(url.split("/story/")[0], []).append(url)

    async def host(queue: list[str]) -> int:
        return sum([status(await get(u)) == 200 for u in queue])

    return sum(await asyncio.gather(*(host(q) for q in by_host.values())))


def bench_http(hosts: int = 50, pages: int = 11) -> None:
    command = [
        sys.executable,
        "-m",
        "benchmarks.fetch",
        "--serve",
        "--hosts",
        str(hosts),
        "--pages",
        str(pages),
    ]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        bases = [server.stdout.readline().strip() for _ in range(hosts)]
        urls = [f"{b}/story/{n}.html" for b in bases for n in range(pages)]
        clients: dict[str, Callable[[list[str]], Any]] = {"httpx": _httpx}
        try:
            import aiohttp  # noqa: F401

            clients["aiohttp"] = _aiohttp
        except ImportError:
            pass
        print(f"http: {len(urls)} GETs over {hosts} local hosts, one at a time per host, no gap")
        for name, run in clients.items():
            times = []
            for _ in range(3):
                started = time.perf_counter()
                assert asyncio.run(run(urls)) == len(urls)
                times.append(time.perf_counter() - started)
            print(f"  {name:26s} best {min(times):.2f} s ({len(urls) / min(times):,.0f} req/s), runs {times}")
    finally:
        server.communicate("")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--alternatives", help="a folder the alternatives were installed into (pip --target)")
    args = parser.parse_args()
    if args.alternatives:
        sys.path.append(args.alternatives)  # after the project's own packages: theirs win
    bench_robots()
    bench_feeds()
    bench_sitemaps()
    bench_http()


if __name__ == "__main__":
    main()
