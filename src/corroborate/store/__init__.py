"""The store: the only state. A SQLite file by default, any SQLAlchemy URL otherwise.

Pages are keyed by the hash of their content, so re-ingesting a page is a no-op.
Every page's outcome (stored, unchanged, or its error) is recorded per run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from corroborate.model import Article, Page, PageError, Story
from corroborate.options import DEFAULT_DB as DEFAULT_DB  # one home for the default; re-exported
from corroborate.store import schema
from corroborate.store.engine import database_url, open_engine
from corroborate.store.locks import alive, retrying, run_alive, serialised, story_lock
from corroborate.store.rows import ArticleRow, StoryRow
from corroborate.store.schema import (
    articles,
    page_outcomes,
    pages,
    pending_stories,
    runs,
    stories,
    story_outcomes,
    story_summaries,
)
from corroborate.summaries import StorySummary

T = TypeVar("T")


def _now() -> datetime:
    return datetime.now(UTC)


def _column(value: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; the record's JSON keeps it escaped, the column need not.
    return value.replace("\x00", "\ufffd") if value else value


def _slices(ids: Collection[str], size: int = 500) -> Iterator[list[str]]:
    """Ids a slice at a time: a database takes only so many values in one query."""
    wanted = list(ids)
    for i in range(0, len(wanted), size):
        yield wanted[i : i + size]


def _migrate(conn: Connection) -> int:
    serialised(conn)
    version = schema.migrate(conn)
    schema.refresh_summaries(conn)  # derived data follows today's code, in the same transaction
    return version


class Store:
    def __init__(self, db: str = DEFAULT_DB) -> None:
        self.url = database_url(db)
        self.engine: Engine = open_engine(self.url)
        self.schema_version = self._write(_migrate)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` as one transaction, retried while another writer holds the database."""

        def once() -> T:
            with self.engine.connect() as conn:
                conn.execution_options(immediate=True)
                with conn.begin():
                    return work(conn)

        return retrying(once)

    def story_lock(self) -> AbstractContextManager[None]:
        """One run at a time clusters and builds stories (see `locks`)."""
        return story_lock(self.engine)

    # --- runs and outcomes ---------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        row = {"started": _now(), "inputs": json.dumps(list(inputs))}

        def write(conn: Connection) -> int:
            key = conn.execute(runs.insert().values(**row)).inserted_primary_key
            assert key is not None
            return int(key[0])

        return self._write(write)

    def finish_run(self, run_id: int) -> None:
        self._write(
            lambda conn: conn.execute(update(runs).where(runs.c.id == run_id).values(finished=_now()))
        )

    def record_error(self, run_id: int, error: PageError) -> None:
        row = {
            "run_id": run_id,
            "source": _column(error.source),
            "page_id": error.page_id,
            "status": "error",
            "stage": error.stage,
            "message": _column(error.message),
        }
        self._write(lambda conn: conn.execute(page_outcomes.insert().values(**row)))

    def record_unchanged(self, run_id: int, page: Page) -> None:
        row = {"run_id": run_id, "source": _column(page.source), "page_id": page.id, "status": "unchanged"}
        self._write(lambda conn: conn.execute(page_outcomes.insert().values(**row)))

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

    def save_article(self, run_id: int, page: Page, article: Article | ArticleRow) -> None:
        """Store a page and its article in one transaction; a page already stored is left as it is."""
        row = article if isinstance(article, ArticleRow) else ArticleRow.of(article)
        page_row = {
            "id": page.id,
            "source": _column(page.source),
            "format": page.format,
            "url": _column(page.url),
            "encoding": page.encoding,
            "size": page.size if page.size is not None else len(page.content),
            "first_seen": _now(),
        }
        article_row = {
            "id": row.id,
            "title": _column(row.title),
            "outlet": _column(row.outlet),
            "origin": _column(row.origin),
            "published": row.published,
            "data": row.data,
        }
        outcome = {"run_id": run_id, "source": _column(page.source), "page_id": page.id, "status": "stored"}

        def save(conn: Connection) -> None:
            conn.execute(self._insert_ignore(pages, page_row))
            conn.execute(self._insert_ignore(articles, article_row))
            conn.execute(page_outcomes.insert().values(**outcome))

        self._write(save)

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
        query = schema.article_query(ids, story, published_within)
        with self.engine.connect() as conn:
            return [Article.model_validate_json(row.data) for row in conn.execute(query)]

    def each_article(self, published_within: tuple[datetime, datetime] | None = None) -> Iterator[Article]:
        """As `articles`, one at a time, so a caller that keeps less than the article (clustering)
        never holds them all."""
        for data in self.each_article_json(published_within):
            yield Article.model_validate_json(data)

    def each_article_json(self, published_within: tuple[datetime, datetime] | None = None) -> Iterator[str]:
        """As `each_article`, each as stored (JSON): for a worker to read."""
        query = schema.article_query(None, None, published_within)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=200).execute(query):
                yield row.data

    def articles_json(self, story: str) -> list[str]:
        """A story's articles as stored (JSON), in publication order: for a worker to read."""
        with self.engine.connect() as conn:
            return [row.data for row in conn.execute(schema.article_query(None, story, None))]

    def publication(self, ids: Sequence[str]) -> dict[str, datetime | None]:
        """When each of these articles was published, by id, without reading the articles."""
        found: dict[str, datetime | None] = {}
        with self.engine.connect() as conn:
            for some in _slices(ids):
                query = select(articles.c.id, articles.c.published).where(articles.c.id.in_(some))
                found.update({row.id: row.published for row in conn.execute(query)})
        return found

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    # --- stories ------------------------------------------------------------------

    def stories_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Article id -> story id, for those of these articles that are in a story."""
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for some in _slices(ids):
                query = select(articles.c.id, articles.c.story_id).where(
                    articles.c.id.in_(some), articles.c.story_id.is_not(None)
                )
                found.update({row.id: row.story_id for row in conn.execute(query)})
        return found

    def reachable(self) -> bool:
        """Whether the database still answers: a failed write was this record's, not the store's."""
        try:
            with self.engine.connect() as conn:
                conn.execute(select(func.count()).select_from(runs))
        except Exception:
            return False
        return True

    def assignments(self) -> dict[str, str]:
        """Article id -> story id, for every article already in a story."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(articles.c.id, articles.c.story_id).where(articles.c.story_id.is_not(None))
            )
            return {row.id: row.story_id for row in rows}

    def unassigned(self, run_id: int | None = None) -> list[str]:
        """Ids of the stored articles in no story yet; with `run_id`, those that run may cluster:
        its own, and those of runs no longer alive (killed), not those of a run still going."""
        stored_by = (page_outcomes.c.page_id == articles.c.id) & (page_outcomes.c.status == "stored")
        query = (
            select(articles.c.id, page_outcomes.c.run_id)
            .join_from(articles, page_outcomes, stored_by, isouter=True)
            .where(articles.c.story_id.is_(None))
        )
        with self.engine.connect() as conn:
            runs_of: dict[str, set[int]] = {}
            for row in conn.execute(query):
                runs_of.setdefault(row.id, set()).update([row.run_id] if row.run_id is not None else [])
        if run_id is None:
            return sorted(runs_of)
        living = alive(self.engine, set().union(*runs_of.values()) - {run_id}) if runs_of else set()
        return sorted(aid for aid, by in runs_of.items() if run_id in by or not (by & living))

    def hold_run(self, run_id: int) -> AbstractContextManager[None]:
        """Say, while the block runs, that this run is alive (see `locks.run_alive`)."""
        return run_alive(self.engine, run_id)

    def assign(self, assignment: Mapping[str, str], run_id: int = 0) -> None:
        """Put articles in stories, and mark those stories to be built, in one transaction."""

        def write(conn: Connection) -> None:
            for article_id, story_id in assignment.items():
                conn.execute(update(articles).where(articles.c.id == article_id).values(story_id=story_id))
            for story_id in sorted(set(assignment.values())):
                self._mark_pending(conn, story_id, run_id)

        self._write(write)

    def _mark_pending(self, conn: Connection, story_id: str, run_id: int) -> None:
        row = {"id": story_id, "run_id": run_id, "failures": 0}
        conn.execute(self._insert_ignore(pending_stories, row))

    def pending(self) -> list[str]:
        """Ids of the stories to build: changed since they were last built, failed, or never built."""
        built = select(stories.c.id)
        unbuilt = select(articles.c.story_id).where(
            articles.c.story_id.is_not(None), articles.c.story_id.not_in(built)
        )
        with self.engine.connect() as conn:
            marked = set(conn.execute(select(pending_stories.c.id)).scalars())
            return sorted(marked | set(conn.execute(unbuilt.distinct()).scalars()))

    def pending_details(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = select(pending_stories).order_by(pending_stories.c.id)
            return [dict(row._mapping) for row in conn.execute(query)]

    def story_failed(self, run_id: int, story_id: str, stage: str, message: str, retry: bool = True) -> None:
        """Record that building or rendering a story failed: it stays pending, for the next run."""

        def write(conn: Connection) -> None:
            if retry:
                self._mark_pending(conn, story_id, run_id)
            conn.execute(
                update(pending_stories)
                .where(pending_stories.c.id == story_id)
                .values(
                    run_id=run_id,
                    failures=pending_stories.c.failures + 1,
                    stage=stage,
                    error=_column(message),
                )
            )
            conn.execute(
                story_outcomes.insert().values(
                    run_id=run_id, story_id=story_id, status="error", stage=stage, message=_column(message)
                )
            )

        self._write(write)

    def story_outcomes(self, run_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = (
                select(story_outcomes).where(story_outcomes.c.run_id == run_id).order_by(story_outcomes.c.id)
            )
            return [dict(row._mapping) for row in conn.execute(query)]

    def save_story(self, story: Story | StoryRow, run_id: int | None = None) -> None:
        """Store the story (less its articles, kept in their own table) and its summary; it is built."""
        built = story if isinstance(story, StoryRow) else StoryRow.of(story)
        row = {"id": built.id, "title": _column(built.title), "updated": _now(), "data": built.data}

        def write(conn: Connection) -> None:
            conn.execute(stories.delete().where(stories.c.id == built.id))
            conn.execute(stories.insert().values(**row))
            conn.execute(story_summaries.delete().where(story_summaries.c.id == built.id))
            conn.execute(story_summaries.insert().values(id=built.id, data=built.summary))
            conn.execute(pending_stories.delete().where(pending_stories.c.id == built.id))
            if run_id is not None:
                conn.execute(story_outcomes.insert().values(run_id=run_id, story_id=built.id, status="built"))

        self._write(write)

    def story_times(self) -> dict[str, datetime]:
        """When each story was last saved: a story file older than this is out of date."""
        with self.engine.connect() as conn:
            return {row.id: row.updated for row in conn.execute(select(stories.c.id, stories.c.updated))}

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
            queries = [query.where(stories.c.id.in_(some)) for some in _slices(sorted(ids))]
        with self.engine.connect() as conn:
            for each in queries:
                for row in conn.execute(each).all():
                    yield schema.story_with_articles(conn, row.id, row.data)
