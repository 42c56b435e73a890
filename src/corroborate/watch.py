"""`corroborate watch`: poll feeds and sitemaps, fetch what is new or changed, keep the stories current.

Everything a poll learns is in the store when the poll ends (pages, versions, the
validators for the next conditional GET), so Ctrl-C loses nothing and the next start
goes on where the last one stopped.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from corroborate.options import (
    DEFAULT_DB,
    AllowHostOption,
    FeedOption,
    SettingOption,
    SitemapOption,
    settings_from,
)
from corroborate.settings import Settings

if TYPE_CHECKING:  # the store, the HTTP client and the stages load when a watch starts, not with the CLI
    from corroborate.fetch.versions import Version
    from corroborate.fetch.web import WebInputs, WebReport
    from corroborate.model import PageError
    from corroborate.store import Store

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in '90', '30s', '10m', '1h', '1h30m'."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    parts = re.findall(r"(\d+(?:\.\d+)?)([smhd])", value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise typer.BadParameter(f"not an interval: {text!r} (say 30s, 10m, 1h)")
    return sum(float(n) * _UNITS[u] for n, u in parts)


@dataclass
class Poll:
    number: int
    started: datetime
    report: WebReport
    new: list[str] = field(default_factory=list)  # titles of the articles first stored
    stories: list[str] = field(default_factory=list)  # titles of the stories changed
    versions: list[Version] = field(default_factory=list)
    errors: list[PageError] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = f"poll {self.number} at {self.started:%Y-%m-%d %H:%M:%S}Z: {self.report.summary()}"
        out = [head]
        out += [f"  new article: {title}" for title in self.new]
        for version in self.versions:
            what = "; ".join(c.describe() for c in version.changes) or "no visible change"
            out.append(f"  changed: {version.url}: {what}")
        out += [f"  story updated: {title}" for title in self.stories]
        out += [f"  not taken: {e.source}: {e.message}" for e in self.errors]
        if not (self.new or self.versions or self.stories):
            out.append("  nothing new")
        return out


class Watcher:
    def __init__(
        self, store: Store, web: WebInputs, out: Path | None, settings: Settings | None = None
    ) -> None:
        from corroborate.fetch.archive import FetchLog

        self.store, self.web, self.out = store, web, out
        self.settings = settings or Settings()
        self.log = FetchLog(store.engine)
        self.polls = 0

    def poll(self) -> Poll:
        """Fetch the listings and what they list, ingest it, record versions, write the changed stories."""
        from corroborate.fetch.versions import attach_versions, record_versions
        from corroborate.fetch.web import fetch_web
        from corroborate.pipeline import ingest
        from corroborate.views.output import write_output

        self.polls += 1
        started = datetime.now(UTC)
        pages, report = fetch_web(self.log, self.web)
        labels = [f"watch poll {self.polls}", *self.web.labels()]
        result = ingest(self.store, labels, pages=pages, settings=self.settings)
        versions = record_versions(self.store, self.log, report.fetched, result.run_id)
        changed = set(result.stories) | {v.story_id for v in versions if v.story_id}
        attach_versions(self.store, changed)
        if self.out is not None and changed:
            write_output(self.store, self.out, changed, result.run_id, settings=self.settings.pages)
        new_ids = [o["page_id"] for o in self.store.outcomes(result.run_id) if o["status"] == "stored"]
        stored = {a.id: a for a in self.store.articles(new_ids)}
        renewed = {v.new_id for v in versions}
        return Poll(
            number=self.polls,
            started=started,
            report=report,
            new=[a.title or a.url or a.id for aid, a in stored.items() if aid not in renewed],
            stories=[s.title for s in self.store.stories(changed)],
            versions=versions,
            errors=result.errors,
        )


def watch_loop(
    watcher: Watcher,
    every: float,
    polls: int | None,
    say: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll every `every` seconds (`polls` times, or until Ctrl-C); a failed poll is reported and
    the next one goes on. Returns the number of polls made."""
    try:
        while polls is None or watcher.polls < polls:
            began = time.monotonic()
            try:
                for line in watcher.poll().lines():
                    say(line)
            except Exception as exc:  # the network, the disk: the next poll tries again
                say(f"poll {watcher.polls} failed: {type(exc).__name__}: {exc}")
            if polls is not None and watcher.polls >= polls:
                break
            sleep(max(0.0, every - (time.monotonic() - began)))
    except KeyboardInterrupt:
        say(f"stopped after {watcher.polls} polls; everything read is in the store, the next start goes on")
    return watcher.polls


def watch(
    feeds_file: Annotated[
        list[Path] | None, typer.Option("--feeds", help="A file of feed URLs to watch, one a line.")
    ] = None,
    feed: FeedOption = None,
    sitemap: SitemapOption = None,
    every: Annotated[str, typer.Option(help="Time between polls: 30s, 10m, 1h.")] = "10m",
    polls: Annotated[
        int | None, typer.Option(help="Stop after this many polls (default: until Ctrl-C).")
    ] = None,
    db: Annotated[
        str, typer.Option("--db", envvar="CORROBORATE_DB", help="SQLite file path, or a SQLAlchemy URL.")
    ] = DEFAULT_DB,
    out: Annotated[Path, typer.Option(help="Folder for the story files and pages, kept current.")] = Path(
        "out"
    ),
    allow_host: AllowHostOption = None,
    setting: SettingOption = None,
) -> None:
    """Follow feeds and sitemaps: fetch new and changed articles, update their stories, say what changed."""
    from corroborate.fetch.web import WebInputs, read_url_file
    from corroborate.store import Store

    console = Console()
    interval = parse_interval(every)
    settings = settings_from(setting)
    listed: list[str] = list(feed or [])
    for path in feeds_file or []:
        urls, errors = read_url_file(path)
        if errors:
            raise typer.BadParameter(errors[0].message, param_hint="--feeds")
        listed += urls
    if not listed and not sitemap:
        raise typer.BadParameter("give --feeds FILE, --feed URL or --sitemap URL")
    web = WebInputs(feeds=listed, sitemaps=list(sitemap or []), allow_hosts=list(allow_host or []))
    with Store(db) as store:
        say: Callable[[str], None] = lambda line: console.print(line, markup=False, highlight=False)  # noqa: E731
        say(f"watching {len(listed)} feeds and {len(web.sitemaps)} sitemaps every {every} (Ctrl-C stops)")
        watch_loop(Watcher(store, web, out, settings), interval, polls, say)
