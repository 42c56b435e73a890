"""A story in brief: what the index of stories shows about it, kept by the store beside it.

A run lists every story (out/stories.json, out/index.html) but rebuilds only those
its pages touched; the listing reads these small records, so it never has to read
the stories themselves.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePosixPath

from pydantic import Field

from corroborate.model import Article, Record, Story, TimeGrain, TimelineEvent
from corroborate.text.dates import as_utc, date_bounds
from corroborate.text.outlets import page_name, publisher

STORY_FILES = "stories"  # the output folder's subfolder of story files
SUMMARY_VERSION = 3
"""Bump when `summarize` writes something else: the store then makes every summary again once
(summaries are derived from the stories; no migration computes them)."""


class StorySummary(Record):
    # Kept in the store as JSON: a change to these fields needs a store migration that rewrites them.
    id: str
    title: str
    first_published: datetime | None = Field(description="the earliest time an article carries")
    last_published: datetime | None = Field(description="the latest publication or update time")
    n_articles: int
    n_outlets: int
    origins: list[str] = Field(description="the independent origins (a wire and its copies are one)")
    n_corroborated: int = Field(description="claims corroborated by independent origins")
    first_event: str | None = Field(description="the first day of the story's events (see event_bounds)")
    last_event: str | None = Field(description="the last day of the story's events (see event_bounds)")
    page: str = Field(description="the story's HTML page, in the output folder")
    file: str = Field(description="the story file (JSON), in the output folder")


# How a story and its outlets are named: the story pages, the story files and the index
# must all use the same names, so they are made here, beside the summary.


def outlet_of(article: Article) -> str:
    """The publisher's name (`corroborate.text.outlets`); a page that names none is its own unknown outlet."""
    return publisher(article) or f"Unknown outlet ({page_name(article)})"


def story_filename(story: Story) -> str:
    # Story ids become file names: keep them to safe characters, and unique when cleaning changed them.
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", story.id)[:80]
    if safe != story.id:
        safe += "-" + hashlib.sha256(story.id.encode()).hexdigest()[:8]
    return f"story-{safe}.html"


def story_paths(story: Story) -> tuple[str, str]:
    """The story file (JSON) and the HTML page of a story, in the output folder."""
    page = story_filename(story)
    return str(PurePosixPath(STORY_FILES, page).with_suffix(".json")), page


def summarize(story: Story) -> StorySummary:
    # Times without a zone are read as UTC, so a story mixing both still sorts.
    times = sorted((t for a in story.articles for t in (a.published, a.updated) if t), key=as_utc)
    events = event_bounds(story.timeline)
    origins = {story.origins.get(a.id) or a.origin or outlet_of(a) for a in story.articles}
    file, page = story_paths(story)
    return StorySummary(
        id=story.id,
        title=story.title,
        first_published=times[0] if times else None,
        last_published=times[-1] if times else None,
        n_articles=len(story.articles),
        n_outlets=len({outlet_of(a) for a in story.articles}),
        origins=sorted(origins),
        n_corroborated=len(story.corroborated),
        first_event=events[0] if events else None,
        last_event=events[1] if events else None,
        page=page,
        file=file,
    )


# Dates that pin an event to a day or a few: what happened. A story's years, decades and months
# ("built in 1968", "the 1950s", "repairs planned for next year") are mostly its background.
_EVENT_GRAINS: frozenset[TimeGrain] = frozenset({"instant", "day", "weekend", "week"})


def event_bounds(timeline: Sequence[TimelineEvent]) -> tuple[str, str] | None:
    """The first and last day of the story's events, as its page and the index of stories show them.

    Only the dates of a day or a week count when the timeline has any, so background years do
    not stretch the range; a timeline dated only by months or years gives their range. Each date
    covers all it names ("2024-W20" ends on its Sunday), as the timeline sorts them.
    """
    dated = [e for e in timeline if e.grain in _EVENT_GRAINS] or list(timeline)
    if not dated:
        return None
    bounds = [date_bounds(e.date) for e in dated]
    return min(first for first, _ in bounds), max(last for _, last in bounds)
