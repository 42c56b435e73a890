"""The run's output folder: one story file (JSON) and one HTML page per story, and an index.

A run rewrites the files of the stories it changed, and any that are missing or
older than the story in the store (a run killed before it wrote them); the index
(stories.json, index.html) lists every story from the summaries the store keeps.
So a run on a large store reads in full only the stories it changed. Every file
is written whole or not at all (written aside, then renamed over the old one).
A story whose page cannot be rendered is recorded and stays due for the next run.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from corroborate.faults import checkpoint
from corroborate.model import Story, StoryError
from corroborate.settings import PageSettings
from corroborate.store import Store
from corroborate.summaries import STORY_FILES, StorySummary, story_paths
from corroborate.text.dates import as_utc
from corroborate.views.export import write_index
from corroborate.views.report import render_story, write_reports
from corroborate.views.summary import StoryLine, story_line
from corroborate.workers import Inline, Pending, batched, workers_for

T = TypeVar("T")


@dataclass
class Output:
    written: list[StoryLine] = field(default_factory=list)  # rows, not stories: a run may write thousands
    errors: list[StoryError] = field(default_factory=list)


def write_atomic(path: Path, text: str) -> None:
    """Write `path` so that a reader, or a run killed midway, sees the old file or the new one."""
    aside = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, path)


def write_output(
    store: Store,
    out: Path,
    changed: Collection[str] | None = None,
    run_id: int | None = None,
    workers: int | None = None,
    settings: PageSettings | None = None,
) -> Output:
    """Write `out`; with `changed`, only those stories' files (and missing or stale ones) are written.

    `workers` processes render the pages when there are many (default: one per core).

    Files of stories no longer in the store are removed.
    """
    summaries = store.summaries()
    folder = out / STORY_FILES
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in [*out.glob(".*.tmp"), *folder.glob(".*.tmp")]:
        leftover.unlink(missing_ok=True)  # from a run killed while writing
    due = _due(store, out, summaries, changed)
    result = Output()
    writer = StoryWriter(out)
    # Rendering is pure: many stories are rendered by a pool while this process writes.
    pool = workers_for(workers, None) if len(due) >= RENDER_BATCH else Inline()
    in_flight: deque[list[tuple[Story, Pending[tuple[str, str] | str]]]] = deque()
    try:
        for batch in batched(store.stories(due), RENDER_BATCH):
            in_flight.append([(story, pool.submit(render_files, (story, settings))) for story in batch])
            if len(in_flight) > 1:
                _write(store, in_flight.popleft(), writer, result, run_id)
        while in_flight:
            _write(store, in_flight.popleft(), writer, result, run_id)
    finally:
        pool.close()
    result.written = writer.written
    current = {Path(s.file).name for s in summaries}
    for stale in {path.name for path in folder.glob("story-*.json")} - current:
        (folder / stale).unlink()
    aside = out / f".stories.json.{os.getpid()}.tmp"
    with aside.open("w", encoding="utf-8") as handle:
        write_index(summaries, handle)
    os.replace(aside, out / "stories.json")
    write_reports([], out, index=summaries)  # index.html, and pages of stories merged away removed
    return result


RENDER_BATCH = 32


class StoryWriter:
    """Writes each story's file and page as the run stores it (`story_updates.StoryOutput`).

    The run's workers render them with the story they build, so a run's own stories
    are not read back from the store; `write_output` then writes the index and any
    story still due.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[StoryLine] = []
        (out / STORY_FILES).mkdir(parents=True, exist_ok=True)

    def write(self, paths: tuple[str, str], line: StoryLine, files: tuple[str, str]) -> None:
        """Write a story's file and page at `paths` (`summaries.story_paths`); `line` is its row
        in the run's table."""
        for path, text in zip(paths, files, strict=True):
            write_atomic(self.out / path, text)
        self.written.append(line)
        checkpoint("output-file")


def render_files(work: tuple[Story, PageSettings | None]) -> tuple[str, str] | str:
    """The story file and the HTML page of a story, or why it could not be rendered."""
    story, settings = work
    try:
        return story.model_dump_json(indent=2) + "\n", render_story(story, settings)
    except Exception as exc:  # this story's page is missing until the next run renders it
        return f"{type(exc).__name__}: {exc}"


def _write(
    store: Store,
    rendered: list[tuple[Story, Pending[tuple[str, str] | str]]],
    writer: StoryWriter,
    result: Output,
    run_id: int | None,
) -> None:
    for story, pending in rendered:
        files = pending.result()
        if isinstance(files, str):
            result.errors.append(StoryError(story=story.id, stage="render", message=files))
            if run_id is not None:
                store.story_failed(run_id, story.id, "render", files)
            continue
        writer.write(story_paths(story), story_line(story), files)


def _due(
    store: Store, out: Path, summaries: list[StorySummary], changed: Collection[str] | None
) -> list[str]:
    """Stories whose files must be written: changed, missing, or older than the stored story."""
    if changed is None:
        return [s.id for s in summaries]
    # One listing of each folder, not a look-up per story: the store may hold many thousands.
    pages = _modified(out, "story-*.html")
    files = _modified(out / STORY_FILES, "story-*.json")
    saved = store.story_times()
    due = []
    for s in summaries:
        stamp = saved.get(s.id)
        when = as_utc(stamp) if stamp else None
        page, file = pages.get(s.page), files.get(Path(s.file).name)
        if s.id in changed or page is None or file is None or (when and min(page, file) < when):
            due.append(s.id)
    return due


def _modified(folder: Path, pattern: str) -> dict[str, datetime]:
    return {p.name: datetime.fromtimestamp(p.stat().st_mtime, UTC) for p in folder.glob(pattern)}
