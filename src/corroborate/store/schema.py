"""Tables of the store and the migrations that build them.

Records are kept whole as JSON (the model is the contract); the columns beside
them are only what queries need. Each migration is a step applied once, in
order; `schema_version` holds how many have run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
    text,
)

from corroborate.fetch.tables import create_fetch_tables
from corroborate.model import Story
from corroborate.store.desk_tables import create_desk_tables
from corroborate.summaries import SUMMARY_VERSION, summarize
from corroborate.text.dates import publication_order

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", DateTime(timezone=True), nullable=False),
    Column("finished", DateTime(timezone=True)),
    Column("inputs", Text, nullable=False),
)

pages = Table(
    "pages",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("url", Text),
    Column("encoding", String(40)),
    Column("size", Integer, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
)

page_outcomes = Table(
    "page_outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("page_id", String(64)),
    Column("status", String(12), nullable=False),  # stored | unchanged | error
    Column("stage", String(16)),
    Column("message", Text),
    Index("ix_page_outcomes_run", "run_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Column("data", Text, nullable=False),  # the Story record less its articles
)

# What the index of stories shows of each (a StorySummary): a run lists every story
# from here and reads in full only the stories it changed.
story_summaries = Table(
    "story_summaries",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("data", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), ForeignKey("pages.id"), primary_key=True),
    Column("story_id", String(40), index=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("origin", Text),
    Column("published", DateTime(timezone=True)),
    Column("data", Text, nullable=False),  # the Article record
)


def _create_v1(conn: Connection) -> None:
    for table in (runs, pages, page_outcomes, stories, articles):
        table.create(conn)


def story_with_articles(conn: Connection, story_id: str, data: str) -> Story:
    """The Story record of a `stories` row, its articles read from the `articles` table."""
    rows = conn.execute(
        select(articles.c.data)
        .where(articles.c.story_id == story_id)
        .order_by(articles.c.published, articles.c.id)
    )
    record = json.loads(data)
    record["articles"] = [json.loads(row.data) for row in rows]
    story = Story.model_validate(record)
    # The order the comparison gave them (SQLite orders times by their local clocks).
    story.articles.sort(key=lambda article: publication_order(article.published, article.id))
    return story


def _summaries_v2(conn: Connection) -> None:
    # The index's per-story summaries. Migrations are frozen: none computes summaries (that would
    # run today's `summarize` inside an old step); the store makes any missing or outdated ones
    # when it opens (see `refresh_summaries`).
    story_summaries.create(conn)


def _event_range_v3(conn: Connection) -> None:
    # Summaries were made again here once (the index's event range); `refresh_summaries` does that now.
    pass


# Stories that must be (re)built: their articles changed, or building or rendering them failed.
# A row is written with the assignment that changes a story, in one transaction, and deleted
# with the story's save: a run killed in between leaves it here for the next run to finish.
pending_stories = Table(
    "pending_stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("run_id", Integer, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("stage", String(16)),  # where the last attempt failed: compare | save | render
    Column("error", Text),
)

# Each story's outcome per run, as page_outcomes is each page's: built, or its error.
story_outcomes = Table(
    "story_outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("story_id", String(40), nullable=False),
    Column("status", String(12), nullable=False),  # built | error
    Column("stage", String(16)),
    Column("message", Text),
    Index("ix_story_outcomes_run", "run_id"),
)


def _pending_v4(conn: Connection) -> None:
    pending_stories.create(conn, checkfirst=True)
    story_outcomes.create(conn, checkfirst=True)
    # Stores written before this could hold articles assigned to a story that was never built
    # (a run that died while comparing): those stories are built by the next run.
    conn.execute(
        text(
            "INSERT INTO pending_stories (id, run_id, failures) "
            "SELECT DISTINCT a.story_id, 0, 0 FROM articles a "
            "WHERE a.story_id IS NOT NULL AND a.story_id NOT IN (SELECT id FROM stories) "
            "AND a.story_id NOT IN (SELECT id FROM pending_stories)"
        )
    )


def _desk_v5(conn: Connection) -> None:
    # The shared desk (`corroborate serve`): users, marks on findings, the search index.
    create_desk_tables(conn)


def _fetches_v6(conn: Connection) -> None:
    # Every web fetch as it arrived (corroborate.fetch): conditional GETs, versions, offline reruns.
    create_fetch_tables(conn)


# What the store derives from its stories, and the version it was derived with.
store_info = Table(
    "store_info",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)


def _store_info_v7(conn: Connection) -> None:
    store_info.create(conn, checkfirst=True)


def refresh_summaries(conn: Connection) -> int:
    """Make every story's summary again if they were made by another `summarize`; return how many."""
    version = str(SUMMARY_VERSION)
    stored = conn.execute(select(store_info.c.value).where(store_info.c.key == "summaries")).scalar()
    if stored == version:
        return 0
    rows = conn.execute(select(stories.c.id, stories.c.data)).all()
    for row in rows:
        summary = summarize(story_with_articles(conn, row.id, row.data))
        conn.execute(story_summaries.delete().where(story_summaries.c.id == row.id))
        conn.execute(story_summaries.insert().values(id=row.id, data=summary.model_dump_json()))
    conn.execute(store_info.delete().where(store_info.c.key == "summaries"))
    conn.execute(store_info.insert().values(key="summaries", value=version))
    return len(rows)


MIGRATIONS: list[Callable[[Connection], None]] = [
    _create_v1,
    _summaries_v2,
    _event_range_v3,
    _pending_v4,
    _desk_v5,
    _fetches_v6,
    _store_info_v7,
]


def migrate(conn: Connection) -> int:
    """Apply the migrations not yet applied; return the schema version."""
    schema_version.create(conn, checkfirst=True)
    current = conn.execute(text("SELECT max(version) FROM schema_version")).scalar() or 0
    for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
        step(conn)
        conn.execute(schema_version.insert().values(version=number))
    return len(MIGRATIONS)


def article_query(
    ids: Sequence[str] | None, story: str | None, published_within: tuple[datetime, datetime] | None
) -> Any:
    """The `articles` rows' data in publication order, narrowed as asked."""
    query = select(articles.c.data).order_by(articles.c.published, articles.c.id)
    if ids is not None:
        query = query.where(articles.c.id.in_(list(ids)))
    if story is not None:
        query = query.where(articles.c.story_id == story)
    if published_within is not None:
        first, last = published_within
        query = query.where(articles.c.published.is_(None) | articles.c.published.between(first, last))
    return query
