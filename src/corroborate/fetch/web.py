"""A run's web inputs: URLs, URL files, feeds and sitemaps, fetched into pages for the pipeline.

Every response is recorded in the store as it arrived (fetch/archive.py), so the next
poll asks conditionally and an unchanged page costs a 304.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from corroborate.fetch.archive import FetchLog
from corroborate.fetch.client import Fetched, Fetcher, Response, Settings, with_allowed
from corroborate.fetch.decode import TooLarge, decode_body
from corroborate.fetch.feeds import FeedError, parse_feed
from corroborate.fetch.pages import to_page
from corroborate.fetch.sitemaps import parse_sitemap, since
from corroborate.model import Page, PageError

MAX_SITEMAPS = 100  # sitemaps read per run, indexes included: an index cannot send us round forever
MAX_DEPTH = 3


@dataclass
class WebInputs:
    urls: list[str] = field(default_factory=list)
    url_files: list[Path] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    since: datetime | None = None
    allow_hosts: list[str] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    def given(self) -> bool:
        return bool(self.urls or self.url_files or self.feeds or self.sitemaps)

    def labels(self) -> list[str]:
        """What the run record names as its inputs."""
        return [
            *self.urls,
            *(f"--urls {p}" for p in self.url_files),
            *(f"--feed {u}" for u in self.feeds),
            *(f"--sitemap {u}" for u in self.sitemaps),
        ]


@dataclass
class Target:
    url: str
    published: datetime | None = None
    via: str | None = None


@dataclass
class WebReport:
    outcomes: Counter[str] = field(default_factory=Counter)
    listed: int = 0  # article URLs that feeds and sitemaps listed
    fetched: list[tuple[str, str]] = field(default_factory=list)  # (URL, page id) of each page fetched
    requests: int = 0

    def summary(self) -> str:
        o = self.outcomes
        parts = [
            f"{o['fetched']} fetched",
            f"{o['unchanged']} unchanged (304)",
            f"{o['robots']} skipped by robots.txt",
            f"{o['unsafe']} refused as unsafe",
            f"{o['error']} failed",
        ]
        listed = f"; {self.listed} listed by feeds and sitemaps" if self.listed else ""
        return f"web: {', '.join(parts)}{listed}; {self.requests} requests"


def read_url_file(path: Path) -> tuple[list[str], list[PageError]]:
    """The URLs of a --urls file: one a line; blank lines and '#' comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        return [], [PageError(source=str(path), stage="read", message=f"cannot read file: {err.strerror}")]
    urls = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    return urls, []


async def _listing(fetcher: Fetcher, log: FetchLog, url: str) -> tuple[bytes | None, PageError | None]:
    """A feed's or sitemap's body: fetched (conditionally), or the kept one when it answered 304."""
    item = await fetcher.fetch(url, log.validators([url]).get(url))
    log.record(item)
    if item.outcome == "fetched" and item.response is not None:
        return item.response.body, None
    if item.outcome == "unchanged":
        kept = log.latest(url)
        if kept is not None:
            return decode_body(kept.raw, kept.header("content-encoding"), fetcher.settings.max_bytes), None
    return None, PageError(source=url, stage="fetch", message=item.reason or item.outcome)


async def _feed_targets(fetcher: Fetcher, log: FetchLog, feed: str) -> tuple[list[Target], list[PageError]]:
    body, error = await _listing(fetcher, log, feed)
    if body is None:
        return [], [error] if error else []
    try:
        entries = parse_feed(body, feed)
    except FeedError as err:
        return [], [PageError(source=feed, stage="feed", message=str(err))]
    return [Target(e.url, e.published, feed) for e in entries], []


async def _sitemap_targets(
    fetcher: Fetcher, log: FetchLog, start: str, since_date: datetime | None
) -> tuple[list[Target], list[PageError]]:
    targets: list[Target] = []
    errors: list[PageError] = []
    queue: list[tuple[str, int]] = []
    if urlsplit(start).path in ("", "/", "/robots.txt"):
        declared = (await fetcher.robots(start)).sitemaps
        if not declared:
            errors.append(PageError(source=start, stage="sitemap", message="robots.txt declares no sitemap"))
        queue.extend((u, 0) for u in declared)
    else:
        queue.append((start, 0))
    seen: set[str] = set()
    while queue and len(seen) < MAX_SITEMAPS:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        body, error = await _listing(fetcher, log, url)
        if body is None:
            errors.extend([error] if error else [])
            continue
        if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz, sent as a gzip file rather than gzip-encoded
            try:
                body = decode_body(body, "gzip", fetcher.settings.max_bytes)
            except (TooLarge, ValueError) as err:
                errors.append(PageError(source=url, stage="sitemap", message=f"bad gzip sitemap: {err}"))
                continue
        content = parse_sitemap(body, url)
        if not content.pages and not content.sitemaps:
            errors.append(PageError(source=url, stage="sitemap", message="no pages or sitemaps in it"))
        targets.extend(Target(e.url, e.published, url) for e in since(content.pages, since_date))
        if depth < MAX_DEPTH:
            queue.extend((sub, depth + 1) for sub in content.sitemaps)
    return targets, errors


async def _targets(
    fetcher: Fetcher, log: FetchLog, web: WebInputs, report: WebReport
) -> tuple[list[Target], list[PageError]]:
    targets = [Target(u) for u in web.urls]
    errors: list[PageError] = []
    for path in web.url_files:
        urls, errs = read_url_file(path)
        targets.extend(Target(u, via=str(path)) for u in urls)
        errors.extend(errs)
    listings = [_feed_targets(fetcher, log, f) for f in web.feeds]
    listings += [_sitemap_targets(fetcher, log, s, web.since) for s in web.sitemaps]
    for found, errs in await asyncio.gather(*listings):
        if web.since is not None:
            found = [t for t in found if t.published is None or t.published >= web.since]
        report.listed += len(found)
        targets.extend(found)
        errors.extend(errs)
    return targets, errors


Emit = Callable[[Page | PageError], bool]  # hands a page on; False: stop, no one wants more
Keep = Callable[[Response], None]  # keeps a response as it arrived (a WARC being written)


async def fetch_targets(
    fetcher: Fetcher, log: FetchLog, targets: Iterable[Target], report: WebReport, emit: Emit, keep: Keep
) -> None:
    """Fetch the targets (one per URL; the first listing of a URL wins) into pages, as they come."""
    by_url: dict[str, Target] = {}
    for target in targets:
        by_url.setdefault(target.url, target)
    async for item in fetcher.fetch_many(list(by_url), log.validators(list(by_url))):
        target = by_url[item.url]
        page = to_page(item, target.published) if item.outcome == "fetched" else None
        log.record(item, page.id if isinstance(page, Page) else None, target.via)
        report.outcomes[item.outcome] += 1
        if item.outcome == "unchanged":
            kept = _untaken(log, item.url, fetcher.settings.max_bytes, target.published)
            if kept is not None:
                report.fetched.append((item.url, kept.id))
                if not emit(kept):
                    return
            continue
        if item.outcome == "fetched" and item.response is not None:
            keep(item.response)
        result = page or to_page(item)
        if isinstance(result, Page):
            report.fetched.append((item.url, result.id))
        if not emit(result):
            return


def _untaken(log: FetchLog, url: str, limit: int, published: datetime | None) -> Page | None:
    """The kept page of a URL answered 304 that no run has taken yet (a run stopped between the
    fetch and the pipeline): handed on again from the stored response, so nothing is lost."""
    page_id = log.latest_page(url)
    if page_id is None or log.taken(page_id):
        return None  # the usual case, answered without reading the kept body
    kept = log.latest(url)
    if kept is None:
        return None
    try:
        body = decode_body(kept.raw, kept.header("content-encoding"), limit)
    except (TooLarge, ValueError):
        return None
    response = Response(
        url=kept.final_url,
        status=kept.status,
        headers=kept.headers,
        raw=kept.raw,
        body=body,
        fetched=kept.fetched,
    )
    page = to_page(Fetched(url, "fetched", "", response), published)
    return page if isinstance(page, Page) else None


async def _fetch_web(log: FetchLog, web: WebInputs, emit: Emit, keep: Keep) -> WebReport:
    report = WebReport()
    settings = with_allowed(web.settings, web.allow_hosts)
    async with Fetcher(settings) as fetcher:
        targets, errors = await _targets(fetcher, log, web, report)
        for error in errors:
            emit(error)
        await fetch_targets(fetcher, log, targets, report, emit, keep)
        report.requests = fetcher.requests
    return report


def fetch_web(
    log: FetchLog, web: WebInputs, keep: Keep | None = None
) -> tuple[list[Page | PageError], WebReport]:
    """Fetch every page the web inputs name; errors are pages' errors, the run goes on."""
    pages: list[Page | PageError] = []

    def emit(item: Page | PageError) -> bool:
        pages.append(item)
        return True

    report = asyncio.run(_fetch_web(log, web, emit, keep or (lambda _: None)))
    return pages, report


class WebStream:
    """The fetched pages as an iterator, fetched in a thread of their own while the pipeline
    works on those already here; `report` is complete once the iterator is exhausted."""

    def __init__(self, log: FetchLog, web: WebInputs, keep: Keep | None = None) -> None:
        self.log, self.web, self.keep = log, web, keep or (lambda _: None)
        self.report = WebReport()
        self._queue: queue.Queue[object] = queue.Queue(maxsize=64)
        self._stop = threading.Event()

    def __iter__(self) -> Iterator[Page | PageError]:
        thread = threading.Thread(target=self._produce, name="corroborate-fetch", daemon=True)
        thread.start()
        try:
            while (item := self._queue.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, (Page, PageError))
                yield item
        finally:
            self._stop.set()  # a consumer that stops early (Ctrl-C) stops the fetching too
            thread.join()

    def _emit(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            self.report = asyncio.run(_fetch_web(self.log, self.web, self._emit, self.keep))
        except BaseException as exc:  # handed to the consumer, who raises it
            self._emit(exc)
        finally:
            self._emit(_DONE)


_DONE = object()
