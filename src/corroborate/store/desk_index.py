"""The desk's index of stories: search (SQLite FTS5 or PostgreSQL tsvector), filters, entities, outlets.

It is derived from the stories and kept in step with them by `sync`, which re-reads a
story whenever `stories.updated` moved on since it was indexed; `corroborate serve`
calls it every second, so a run writing while the desk reads shows up within a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, and_, bindparam, func, literal_column, or_, select, text
from sqlalchemy.exc import IntegrityError

from corroborate.model import Story
from corroborate.store import Store
from corroborate.store.desk_tables import desk_quotes, desk_stories, desk_story_entities, desk_story_outlets
from corroborate.store.schema import stories
from corroborate.summaries import StorySummary, outlet_of, summarize
from corroborate.text.dates import as_utc

# tsvector holds at most 1 MB; a story of hundreds of articles is searched on its first 400k characters.
_MAX_DOCUMENT = 400_000
_WORD = re.compile(r"\w+")


class StoryRow(BaseModel):
    """A story as the list shows it: its summary and what the filters ask."""

    summary: StorySummary
    n_single_source: int
    figures_differ: bool
    quotes_differ: bool


class QuoteRow(BaseModel):
    story: str
    article: str
    entity: str
    outlet: str
    published: datetime | None
    kind: str
    text: str
    start: int
    end: int


@dataclass
class StoryQuery:
    q: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    entity: str | None = None
    figures_differ: bool = False
    single_source: bool = False
    quotes_differ: bool = False
    limit: int = 20
    offset: int = 0


class DeskIndex:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self.postgres = self.engine.dialect.name == "postgresql"

    # --- keeping in step -------------------------------------------------------------

    def stale(self, limit: int = 200) -> list[tuple[str, datetime]]:
        """Stories changed (or new) since they were indexed, with the time they were saved."""
        joined = stories.outerjoin(desk_stories, desk_stories.c.story_id == stories.c.id)
        query = (
            select(stories.c.id, stories.c.updated)
            .select_from(joined)
            .where(or_(desk_stories.c.story_id.is_(None), desk_stories.c.updated != stories.c.updated))
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(row.id, row.updated) for row in conn.execute(query)]

    def sync(self, limit: int = 200) -> int:
        """Index the stories that changed, forget those gone; return how many changed."""
        self._forget_vanished()
        done = 0
        for story_id, updated in self.stale(limit):
            story = self.store.story(story_id)
            if story is None or story.id != story_id:
                continue
            try:
                self.index(story, updated)
            except IntegrityError:
                continue  # another desk process indexed it at the same moment
            done += 1
        return done

    def _forget_vanished(self) -> None:
        # Only when the index holds more stories than the store: a cheap count, most seconds.
        count = select(func.count()).select_from
        with self.engine.begin() as conn:
            if conn.execute(count(desk_stories)).scalar_one() <= conn.execute(count(stories)).scalar_one():
                return
            gone = select(desk_stories.c.story_id).where(desk_stories.c.story_id.not_in(select(stories.c.id)))
            ids = list(conn.execute(gone).scalars())
            for table in (desk_stories, desk_story_outlets, desk_story_entities, desk_quotes):
                conn.execute(table.delete().where(table.c.story_id.in_(ids)))
            for story_id in ids:
                conn.execute(text("DELETE FROM desk_search WHERE story_id = :id"), {"id": story_id})

    def index(self, story: Story, updated: datetime) -> None:
        brief = summarize(story)
        flags = {
            "n_single": len(story.single_source),
            "figures_differ": any(c.verdict != "agree" for c in story.figures)
            or any(c.differs for c in story.claims),
            "quotes_differ": any(not q.identical for q in story.quotes),
        }
        row = {
            "story_id": story.id,
            "updated": updated,
            "title": story.title,
            # In UTC: SQLite compares times as text, so one zone for all keeps the order right.
            "first_published": _utc(brief.first_published),
            "last_published": _utc(brief.last_published),
            "n_articles": brief.n_articles,
            "summary": brief.model_dump_json(),
        } | flags
        outlets = sorted({outlet_of(a)[:300] for a in story.articles})
        entities = [
            {"story_id": story.id, "entity": e.key[:200], "name": e.name, "label": e.label,
             "mentions": len(e.mentions)}
            for e in {e.key[:200]: e for e in story.entities}.values()
        ]  # fmt: skip
        quotes = _quote_rows(story)
        with self.engine.begin() as conn:
            for table in (desk_stories, desk_story_outlets, desk_story_entities, desk_quotes):
                conn.execute(table.delete().where(table.c.story_id == story.id))
            conn.execute(text("DELETE FROM desk_search WHERE story_id = :id"), {"id": story.id})
            conn.execute(desk_stories.insert().values(**row))
            if outlets:
                conn.execute(
                    desk_story_outlets.insert(), [{"story_id": story.id, "outlet": o} for o in outlets]
                )
            if entities:
                conn.execute(desk_story_entities.insert(), entities)
            if quotes:
                conn.execute(desk_quotes.insert(), quotes)
            conn.execute(self._search_insert(), {"id": story.id, "title": story.title, "body": _body(story)})

    def _search_insert(self) -> Any:
        if self.postgres:
            return text(
                "INSERT INTO desk_search (story_id, document) VALUES (:id, "
                "setweight(to_tsvector('english', :title), 'A') || to_tsvector('english', :body))"
            )
        return text("INSERT INTO desk_search (story_id, title, body) VALUES (:id, :title, :body)")

    # --- reading -------------------------------------------------------------------

    def stories(self, query: StoryQuery) -> tuple[int, list[StoryRow]]:
        """The stories that match, newest first (best match first when searching), and how many match."""
        base = select(desk_stories)
        conditions = _filters(query)
        rank = None
        terms = _WORD.findall(query.q or "")
        if terms:
            if self.postgres:
                rank = text("SELECT story_id, ts_rank(document, plainto_tsquery('english', :q)) AS rank "
                            "FROM desk_search WHERE document @@ plainto_tsquery('english', :q)")  # fmt: skip
                search = rank.columns(literal_column("story_id"), literal_column("rank")).subquery("hits")
                order = [search.c.rank.desc()]
                bind = {"q": " ".join(terms)}
            else:
                fts = " ".join(f'"{t}"' for t in terms)
                rank = text("SELECT story_id, -bm25(desk_search) AS rank FROM desk_search "
                            "WHERE desk_search MATCH :q")  # fmt: skip
                search = rank.columns(literal_column("story_id"), literal_column("rank")).subquery("hits")
                order = [search.c.rank.desc()]
                bind = {"q": fts}
            base = base.join(search, search.c.story_id == desk_stories.c.story_id)
        else:
            order, bind = [], {}
        if conditions:
            base = base.where(and_(*conditions))
        newest = [desk_stories.c.last_published.desc().nulls_last(), desk_stories.c.story_id]
        page = base.order_by(*order, *newest).limit(query.limit).offset(query.offset)
        count = select(func.count()).select_from(base.subquery())
        with self.engine.connect() as conn:
            total = int(conn.execute(count, bind).scalar_one())
            rows = conn.execute(page, bind).all()
        return total, [_story_row(row) for row in rows]

    def outlets(self, limit: int = 100, offset: int = 0) -> list[tuple[str, int]]:
        n = func.count(desk_story_outlets.c.story_id)
        query = (
            select(desk_story_outlets.c.outlet, n.label("n"))
            .group_by(desk_story_outlets.c.outlet)
            .order_by(n.desc(), desk_story_outlets.c.outlet)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [(row.outlet, int(row.n)) for row in conn.execute(query)]

    def entities(self, q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities by the number of stories they are in; with q, those whose name contains it."""
        t = desk_story_entities.c
        n = func.count(t.story_id)
        name, label = func.max(t.name).label("name"), func.max(t.label).label("label")
        query: Select[Any] = select(t.entity, name, label, n.label("stories"))
        if q:
            query = query.where(func.lower(t.name).contains(q.lower(), autoescape=True))
        query = query.group_by(t.entity).order_by(n.desc(), t.entity).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def entity(self, key: str) -> dict[str, Any] | None:
        t = desk_story_entities.c
        query = select(t.name, t.label).where(t.entity == key).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return {"key": key, "name": row.name, "label": row.label} if row else None

    def quotes(
        self, entity: str, since: datetime | None = None, limit: int = 50, offset: int = 0
    ) -> tuple[int, list[QuoteRow]]:
        """What this entity said, newest first, across stories and outlets."""
        t = desk_quotes.c
        base = select(desk_quotes).where(t.entity == entity)
        if since is not None:
            base = base.where(t.published >= _utc(since))
        page = base.order_by(t.published.desc().nulls_last(), t.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())
            rows = conn.execute(page).all()
        return total, [
            QuoteRow(story=r.story_id, article=r.article_id, entity=r.entity, outlet=r.outlet,
                     published=r.published, kind=r.kind, text=r.text, start=r.start, end=r.end)
            for r in rows
        ]  # fmt: skip


def _filters(query: StoryQuery) -> list[Any]:
    s = desk_stories.c
    out: list[Any] = []
    if query.since is not None:
        out.append(s.last_published >= _utc(query.since))
    if query.until is not None:
        out.append(s.first_published <= _utc(query.until))
    if query.outlet:
        outlets = select(desk_story_outlets.c.story_id).where(desk_story_outlets.c.outlet == query.outlet)
        out.append(s.story_id.in_(outlets))
    if query.entity:
        e = desk_story_entities.c
        named = or_(e.entity == query.entity, func.lower(e.name) == bindparam("ename", query.entity.lower()))
        out.append(s.story_id.in_(select(e.story_id).where(named)))
    if query.figures_differ:
        out.append(s.figures_differ.is_(True))
    if query.single_source:
        out.append(s.n_single > 0)
    if query.quotes_differ:
        out.append(s.quotes_differ.is_(True))
    return out


def _story_row(row: Any) -> StoryRow:
    return StoryRow(
        summary=StorySummary.model_validate_json(row.summary),
        n_single_source=row.n_single,
        figures_differ=bool(row.figures_differ),
        quotes_differ=bool(row.quotes_differ),
    )


def _quote_rows(story: Story) -> list[dict[str, Any]]:
    rows = []
    for art in story.articles:
        for q in art.analysis.quotes if art.analysis else []:
            if q.speaker_entity:
                rows.append({
                    "story_id": story.id, "article_id": art.id, "entity": q.speaker_entity[:200],
                    "outlet": outlet_of(art), "published": _utc(art.published), "kind": q.kind,
                    # A split quotation: its quoted words, and its first piece (the article page's mark).
                    "text": q.quoted(), "start": q.spans()[0].start, "end": q.spans()[0].end,
                })  # fmt: skip
    return rows


def _body(story: Story) -> str:
    """What a search reads of a story: titles, names, quotes, then the articles' text."""
    parts = [a.title or "" for a in story.articles]
    parts += [name for e in story.entities for name in (e.name, *e.aliases)]
    parts += [f"{q.speaker or ''} {q.text}" for q in story.quotes]
    parts += [a.text for a in story.articles]
    return "\n".join(parts)[:_MAX_DOCUMENT]


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return as_utc(moment).astimezone(UTC)
