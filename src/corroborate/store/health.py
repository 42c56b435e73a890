"""What a store holds that a run has yet to finish, and whether its database is sound."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select, text

from corroborate.store.schema import (
    articles,
    page_outcomes,
    pending_stories,
    runs,
    stories,
    story_summaries,
)


@dataclass
class Health:
    integrity: str  # "ok", the database's own complaint, or "not checked" (a server checks itself)
    articles: int
    stories: int
    unassigned: list[str] = field(default_factory=list)  # articles in no story
    pending: list[tuple[str, int, str | None]] = field(default_factory=list)  # (story, failures, error)
    unbuilt: list[str] = field(default_factory=list)  # stories with articles but no story record
    empty: list[str] = field(default_factory=list)  # story records with no article
    unsummarised: list[str] = field(default_factory=list)
    unfinished_runs: list[int] = field(default_factory=list)  # runs that never finished (killed)
    failed_pages: list[tuple[str, str, str]] = field(default_factory=list)  # (source, stage, message)


def check(engine: Engine, sample: int = 20) -> Health:
    """Read the store's state; lists hold at most `sample` items, counts are whole."""
    with engine.connect() as conn:
        integrity = "not checked"
        if engine.dialect.name == "sqlite":
            integrity = str(conn.execute(text("PRAGMA quick_check")).scalar())
        story_ids = select(stories.c.id)
        in_articles = select(articles.c.story_id).where(articles.c.story_id.is_not(None)).distinct()
        health = Health(
            integrity=integrity,
            articles=int(conn.execute(select(func.count()).select_from(articles)).scalar_one()),
            stories=int(conn.execute(select(func.count()).select_from(stories)).scalar_one()),
        )
        health.unassigned = list(
            conn.execute(select(articles.c.id).where(articles.c.story_id.is_(None)).order_by(articles.c.id))
            .scalars()
            .all()
        )
        health.pending = [
            (row.id, row.failures, row.error)
            for row in conn.execute(select(pending_stories).order_by(pending_stories.c.id))
        ]
        health.unbuilt = list(
            conn.execute(in_articles.where(articles.c.story_id.not_in(story_ids))).scalars()
        )
        health.empty = list(conn.execute(story_ids.where(stories.c.id.not_in(in_articles))).scalars())
        health.unsummarised = list(
            conn.execute(story_ids.where(stories.c.id.not_in(select(story_summaries.c.id)))).scalars()
        )
        health.unfinished_runs = list(
            conn.execute(select(runs.c.id).where(runs.c.finished.is_(None)).order_by(runs.c.id)).scalars()
        )
        stored = select(articles.c.id)
        failed = (
            select(page_outcomes.c.source, page_outcomes.c.stage, page_outcomes.c.message)
            .where(page_outcomes.c.status == "error")
            .where(page_outcomes.c.page_id.is_(None) | page_outcomes.c.page_id.not_in(stored))
            .order_by(page_outcomes.c.id.desc())
            .limit(sample)
        )
        health.failed_pages = [(r.source, r.stage or "", r.message or "") for r in conn.execute(failed)]
    return health
