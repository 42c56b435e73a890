"""The store: the only state. A SQLite file by default, any SQLAlchemy URL otherwise.

Pages are keyed by the hash of their content, so re-ingesting a page is a no-op.
Every page's outcome (stored, unchanged, or its error) is recorded per run.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from corroborate.model import Article, Page, PageError, Story
from corroborate.store import schema
from corroborate.store.schema import articles, page_outcomes, pages, runs, stories, story_summaries
from corroborate.summaries import StorySummary, summarize

DEFAULT_DB = "corroborate.db"


def database_url(db: str) -> str:
    """A path means a SQLite file; anything with '://' is taken as a SQLAlchemy URL."""
    if "://" in db:
        return db
    Path(db).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers (show, export, the web views) work while a run writes.
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    def __init__(self, db: str = DEFAULT_DB) -> None:
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        with self.engine.begin() as conn:
            self.schema_version = schema.migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- runs and outcomes ---------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(runs.insert().values(started=_now(), inputs=json.dumps(list(inputs))))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(finished=_now()))

    def record_error(self, run_id: int, error: PageError) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                page_outcomes.insert().values(
                    run_id=run_id,
                    source=error.source,
                    page_id=error.page_id,
                    status="error",
                    stage=error.stage,
                    message=error.message,
                )
            )

    def record_unchanged(self, run_id: int, page: Page) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                page_outcomes.insert().values(
                    run_id=run_id, source=page.source, page_id=page.id, status="unchanged"
                )
            )

    def outcomes(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(page_outcomes).where(page_outcomes.c.run_id == run_id).order_by(page_outcomes.c.id)
            )
            return [dict(row._mapping) for row in rows]

    # --- pages and articles -----------------------------------------------------

    def has_page(self, page_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == page_id)).first() is not None

    def save_article(self, run_id: int, page: Page, article: Article) -> None:
        """Store a page and its article in one transaction; a page already stored is left as it is."""
        page_row = {
            "id": page.id,
            "source": page.source,
            "format": page.format,
            "url": page.url,
            "encoding": page.encoding,
            "size": len(page.content),
            "first_seen": _now(),
        }
        article_row = {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "origin": article.origin,
            "published": article.published,
            "data": article.model_dump_json(),
        }
        with self.engine.begin() as conn:
            conn.execute(self._insert_ignore(pages, page_row))
            conn.execute(self._insert_ignore(articles, article_row))
            conn.execute(
                page_outcomes.insert().values(
                    run_id=run_id, source=page.source, page_id=page.id, status="stored"
                )
            )

    def _insert_ignore(self, table: Any, row: Mapping[str, Any]) -> Any:
        if self.engine.dialect.name == "postgresql":
            return pg_insert(table).values(**row).on_conflict_do_nothing()
        return sqlite_insert(table).values(**row).on_conflict_do_nothing()

    def articles(
        self,
        ids: Sequence[str] | None = None,
        *,
        story: str | None = None,
        published_within: tuple[datetime, datetime] | None = None,
    ) -> list[Article]:
        """Stored articles in publication order: all, or those with these ids, of this story,
        or published within (first, last), undated ones included (they can belong anywhere)."""
        query = select(articles.c.data).order_by(articles.c.published, articles.c.id)
        if ids is not None:
            query = query.where(articles.c.id.in_(list(ids)))
        if story is not None:
            query = query.where(articles.c.story_id == story)
        if published_within is not None:
            first, last = published_within
            query = query.where(articles.c.published.is_(None) | articles.c.published.between(first, last))
        with self.engine.connect() as conn:
            return [Article.model_validate_json(row.data) for row in conn.execute(query)]

    def published_dates(self, ids: Sequence[str]) -> list[datetime | None]:
        """When each of these articles was published, without reading the articles themselves."""
        query = select(articles.c.published).where(articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [row.published for row in conn.execute(query)]

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    # --- stories ------------------------------------------------------------------

    def assignments(self) -> dict[str, str]:
        """Article id -> story id, for every article already in a story."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(articles.c.id, articles.c.story_id).where(articles.c.story_id.is_not(None))
            )
            return {row.id: row.story_id for row in rows}

    def assign(self, assignment: Mapping[str, str]) -> None:
        with self.engine.begin() as conn:
            for article_id, story_id in assignment.items():
                conn.execute(update(articles).where(articles.c.id == article_id).values(story_id=story_id))

    def save_story(self, story: Story) -> None:
        """Store the story (less its articles, kept in their own table) and its summary."""
        data = story.model_dump_json(exclude={"articles"})
        row = {"id": story.id, "title": story.title, "updated": _now(), "data": data}
        summary = summarize(story).model_dump_json()
        with self.engine.begin() as conn:
            conn.execute(stories.delete().where(stories.c.id == story.id))
            conn.execute(stories.insert().values(**row))
            conn.execute(story_summaries.delete().where(story_summaries.c.id == story.id))
            conn.execute(story_summaries.insert().values(id=story.id, data=summary))

    def story_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [row.id for row in conn.execute(select(stories.c.id).order_by(stories.c.id))]

    def count_stories(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(stories)).scalar_one())

    def summaries(self) -> list[StorySummary]:
        """Every story in brief, by id: what an index of them needs, without reading the stories."""
        query = select(story_summaries.c.data).order_by(story_summaries.c.id)
        with self.engine.connect() as conn:
            return [StorySummary.model_validate_json(row.data) for row in conn.execute(query)]

    def story(self, story_id: str) -> Story | None:
        """The story with this id, or with the one id that starts with it."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(stories.c.id, stories.c.data).where(stories.c.id.startswith(story_id, autoescape=True))
            ).all()
            exact = [row for row in rows if row.id == story_id]
            if exact:
                rows = exact
            if len(rows) != 1:
                return None
            return schema.story_with_articles(conn, rows[0].id, rows[0].data)

    def stories(self, ids: Collection[str] | None = None) -> Iterator[Story]:
        """Every story, or those with these ids, in full, by id."""
        query = select(stories.c.id, stories.c.data).order_by(stories.c.id)
        if ids is None:
            queries = [query]
        else:
            # In slices: a database takes only so many values in one query.
            wanted = sorted(ids)
            queries = [query.where(stories.c.id.in_(wanted[i : i + 500])) for i in range(0, len(wanted), 500)]
        with self.engine.connect() as conn:
            for each in queries:
                for row in conn.execute(each).all():
                    yield schema.story_with_articles(conn, row.id, row.data)
