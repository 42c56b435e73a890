"""Reads the pages and the API share: a story with its marks, an article with its findings, an outlet."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select

from corroborate.model import Article, Claim, Story
from corroborate.serve.app import state
from corroborate.serve.render import RenderedStory, render_story_body
from corroborate.store.desk import Finding, Mark, attach_marks, story_findings
from corroborate.store.schema import articles, pages, stories
from corroborate.summaries import StorySummary, outlet_of, summarize
from corroborate.text.dates import as_utc


class StoryFilters(BaseModel):
    """What the story list and search take."""

    q: str | None = Field(None, max_length=500, description="words to find in titles, text, entities, quotes")
    since: date | None = Field(None, description="stories with an article published on or after this day")
    until: date | None = Field(None, description="stories with an article published on or before this day")
    outlet: str | None = Field(None, max_length=300, description="stories this outlet carried")
    entity: str | None = Field(None, max_length=200, description="stories naming this entity (key or name)")
    figures_differ: bool = Field(False, description="only stories whose outlets give differing figures")
    single_source: bool = Field(False, description="only stories with claims from one source only")
    quotes_differ: bool = Field(False, description="only stories where a quote's wording differs")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    def story_query(self) -> dict[str, Any]:
        return {
            "q": self.q,
            "since": datetime.combine(self.since, time.min, UTC) if self.since else None,
            "until": datetime.combine(self.until, time.max, UTC) if self.until else None,
            "outlet": self.outlet,
            "entity": self.entity,
            "figures_differ": self.figures_differ,
            "single_source": self.single_source,
            "quotes_differ": self.quotes_differ,
        }


def story_or_404(request: Request, story_id: str) -> Story:
    found = state(request).store.story(story_id) if len(story_id) <= 40 else None
    if found is None:
        raise HTTPException(404, "no such story")
    return found


def story_with_marks(request: Request, story_id: str) -> tuple[Story, list[Finding], list[Mark]]:
    """The story, its findings with their marks, and the marks on its articles no finding took."""
    found = story_or_404(request, story_id)
    findings = story_findings(found)
    marks = state(request).desk.marks(articles=[a.id for a in found.articles])
    return found, findings, attach_marks(findings, marks)


def rendered_story(request: Request, story_id: str) -> RenderedStory:
    """The story's page body, from the cache while the story is unchanged."""
    desk = state(request)
    hit = desk.story_cache.get(story_id, story_updated(request, story_id))
    if hit is not None:
        return hit
    found = story_or_404(request, story_id)
    # Read before rendering: a story saved meanwhile has a later time, and is rendered again.
    rendered = render_story_body(found, story_updated(request, found.id))
    desk.story_cache.put(rendered)
    return rendered


def story_updated(request: Request, story_id: str) -> datetime | None:
    with state(request).store.engine.connect() as conn:
        value = conn.execute(select(stories.c.updated).where(stories.c.id == story_id)).scalar()
    return value if isinstance(value, datetime) else None


def article_with_findings(request: Request, article_id: str) -> tuple[Article, str | None, list[Finding]]:
    store = state(request).store
    found = store.articles(ids=[article_id]) if len(article_id) <= 64 else []
    if not found:
        raise HTTPException(404, "no such article")
    with store.engine.connect() as conn:
        story_id = conn.execute(select(articles.c.story_id).where(articles.c.id == article_id)).scalar()
    story = store.story(story_id) if story_id else None
    findings = story_findings(story) if story else []
    if story:
        attach_marks(findings, state(request).desk.marks(articles=[article_id]))
    return found[0], story_id, findings


def versions(request: Request, article: Article) -> list[Article]:
    """Other pages of the same URL: the article as it was (or became) at other times."""
    if not article.url:
        return []
    query = select(pages.c.id).where(pages.c.url == article.url, pages.c.id != article.id)
    with state(request).store.engine.connect() as conn:
        ids = [r.id for r in conn.execute(query)]
    same = state(request).store.articles(ids=ids) if ids else []
    return sorted(same, key=lambda a: _utc(a.updated or a.published))


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.min.replace(tzinfo=UTC)
    return as_utc(moment)


def titles(request: Request, story_ids: Collection[str]) -> dict[str, str]:
    with state(request).store.engine.connect() as conn:
        rows = conn.execute(select(stories.c.id, stories.c.title).where(stories.c.id.in_(list(story_ids))))
        return {row.id: row.title for row in rows}


class OutletStory(BaseModel):
    """What one outlet carried of a story, and what it alone reported."""

    summary: StorySummary
    articles: list[dict[str, Any]] = Field(description="the outlet's articles: id, title, published")
    only_here: list[Claim] = Field(description="claims no other outlet of the story carries")


@dataclass
class _Outlet:
    name: str

    def view(self, story: Story) -> OutletStory:
        own = [a for a in story.articles if outlet_of(a) == self.name]
        ids = {a.id for a in own}
        only = [c for c in story.claims if c.articles and set(c.articles) <= ids]
        carried = [{"id": a.id, "title": a.title, "published": a.published} for a in own]
        return OutletStory(summary=summarize(story), articles=carried, only_here=only)


def outlet_stories(request: Request, name: str, limit: int, offset: int) -> tuple[int, list[OutletStory]]:
    from corroborate.store.desk_index import StoryQuery

    desk = state(request)
    total, rows = desk.index.stories(StoryQuery(outlet=name, limit=limit, offset=offset))
    full = {s.id: s for s in desk.store.stories([r.summary.id for r in rows])}
    outlet = _Outlet(name)
    return total, [outlet.view(full[r.summary.id]) for r in rows if r.summary.id in full]
