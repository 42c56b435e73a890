"""The run's output folder: one story file (JSON) and one HTML page per story, and an index.

A run rewrites the files of the stories it changed (and any that are missing); the
index (stories.json, index.html) lists every story from the summaries the store
keeps. So a run on a large store reads in full only the stories it changed.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from corroborate.model import Story
from corroborate.store import Store
from corroborate.summaries import STORY_FILES
from corroborate.views.export import write_index
from corroborate.views.report import write_reports


def write_output(store: Store, out: Path, changed: Collection[str] | None = None) -> list[Story]:
    """Write `out`; with `changed`, only those stories' files are written again.

    Returns the stories written. Files of stories no longer in the store are removed.
    """
    summaries = store.summaries()
    folder = out / STORY_FILES
    folder.mkdir(parents=True, exist_ok=True)
    # One listing of each folder, not a look-up per story: the store may hold many thousands.
    pages = {path.name for path in out.glob("story-*.html")}
    files = {path.name for path in folder.glob("story-*.json")}
    due = [
        s.id
        for s in summaries
        if changed is None or s.id in changed or s.page not in pages or Path(s.file).name not in files
    ]
    stories = list(store.stories(None if changed is None else due))
    file_of = {s.id: s.file for s in summaries}
    for story in stories:
        (out / file_of[story.id]).write_text(story.model_dump_json(indent=2) + "\n", encoding="utf-8")
    current = {Path(file).name for file in file_of.values()}
    for stale in files - current:
        (folder / stale).unlink()
    with (out / "stories.json").open("w", encoding="utf-8") as handle:
        write_index(summaries, handle)
    write_reports(stories, out, index=summaries)
    return stories
