"""`corroborate run` with web inputs: what the command line gives, as pages for the pipeline.

The command hands `pages` to `pipeline.ingest` and calls `finish` after it; the
pipeline itself knows nothing of the web.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from corroborate.fetch.archive import FetchLog
from corroborate.fetch.versions import Version, attach_versions, record_versions
from corroborate.fetch.warc import WarcWriter
from corroborate.fetch.web import WebInputs, WebReport, WebStream
from corroborate.model import Page, PageError
from corroborate.pipeline import RunResult
from corroborate.sources import read_pages, split_inputs
from corroborate.store import Store
from corroborate.text.dates import as_utc


@dataclass
class WebRun:
    local: list[str]
    web: WebInputs
    log: FetchLog
    warc_out: Path | None = None
    report: WebReport | None = None
    versions: list[Version] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [*self.local, *self.web.labels()]

    def pages(self, stdin: BinaryIO | None = None) -> Iterator[Page | PageError]:
        """The local inputs' pages, then the fetched ones, fetched while the pipeline works."""
        if self.local:
            yield from read_pages(self.local, stdin=stdin)
        with ExitStack() as stack:
            keep = None
            if self.warc_out is not None:
                self.warc_out.parent.mkdir(parents=True, exist_ok=True)
                writer = WarcWriter(stack.enter_context(self.warc_out.open("wb")))
                keep = writer.write
            stream = WebStream(self.log, self.web, keep)
            yield from stream
            self.report = stream.report

    def finish(self, store: Store, result: RunResult) -> None:
        """After the pipeline: a changed page at a known URL becomes a new version of its article."""
        if self.report is None:
            return
        self.versions = record_versions(store, self.log, self.report.fetched, result.run_id)
        touched = {v.story_id for v in self.versions if v.story_id}
        result.stories = sorted(set(result.stories) | touched)
        attach_versions(store, result.stories)

    def summary(self) -> list[str]:
        lines = [self.report.summary()] if self.report else []
        for version in self.versions:
            what = "; ".join(c.describe() for c in version.changes) or "no visible change"
            lines.append(f"new version of {version.url}: {what}")
        return lines


def plan(
    store: Store,
    inputs: Sequence[str] | None,
    urls: Sequence[Path] | None = None,
    feeds: Sequence[str] | None = None,
    sitemaps: Sequence[str] | None = None,
    since: datetime | None = None,
    allow_hosts: Sequence[str] | None = None,
    warc_out: Path | None = None,
) -> WebRun | None:
    """A web run when the command line names URLs, --urls, --feed or --sitemap; else None."""
    local, direct = split_inputs(list(inputs or []))
    since = as_utc(since) if since is not None else None
    web = WebInputs(
        urls=direct,
        url_files=list(urls or []),
        feeds=list(feeds or []),
        sitemaps=list(sitemaps or []),
        since=since,
        allow_hosts=list(allow_hosts or []),
    )
    if not web.given():
        return None
    return WebRun(local, web, FetchLog(store.engine), warc_out)
