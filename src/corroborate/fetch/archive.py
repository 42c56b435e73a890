"""The fetch record in the store: what each URL answered, kept as it arrived.

It gives a re-poll its validators (ETag, Last-Modified) for a conditional GET, a watch
the URLs it has already seen, a changed page its earlier versions, and an offline
rerun the bytes it read.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Engine, Table, func, select

from corroborate.fetch.client import Fetched, Response
from corroborate.fetch.tables import fetches
from corroborate.store.schema import articles, page_outcomes
from corroborate.text.dates import as_utc


@dataclass
class Stored:
    """A response as the store keeps it."""

    url: str
    final_url: str
    fetched: datetime
    status: int
    headers: list[tuple[str, str]]
    raw: bytes
    page_id: str | None

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class FetchLog:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(self, item: Fetched, page_id: str | None = None, via: str | None = None) -> None:
        r: Response | None = item.response
        row = {
            "url": item.url,
            "final_url": r.url if r else None,
            "fetched": r.fetched if r else datetime.now(UTC),
            "outcome": item.outcome,
            "reason": item.reason or None,
            "status": r.status if r else None,
            "etag": r.header("etag") if r else None,
            "last_modified": r.header("last-modified") if r else None,
            "headers": json.dumps(r.headers) if r else None,
            # A 304 has no body to keep; the last 200 holds it.
            "body": zlib.compress(r.raw) if r and item.outcome != "unchanged" else None,
            "page_id": page_id,
            "via": via,
        }
        with self.engine.begin() as conn:
            conn.execute(fetches.insert().values(**row))

    def _latest_fetched(self, urls: Collection[str]) -> dict[str, int]:
        """Row id of each URL's latest response with a body (a 2xx)."""
        found: dict[str, int] = {}
        wanted = list(dict.fromkeys(urls))
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                query = (
                    select(fetches.c.url, func.max(fetches.c.id).label("id"))
                    .where(fetches.c.url.in_(wanted[i : i + 500]), fetches.c.outcome == "fetched")
                    .group_by(fetches.c.url)
                )
                found.update({row.url: row.id for row in conn.execute(query)})
        return found

    def validators(self, urls: Collection[str]) -> dict[str, dict[str, str]]:
        """ETag / Last-Modified of each URL's latest response, for a conditional GET."""
        ids = self._latest_fetched(urls)
        if not ids:
            return {}
        out: dict[str, dict[str, str]] = {}
        query = select(fetches.c.url, fetches.c.etag, fetches.c.last_modified).where(
            fetches.c.id.in_(list(ids.values()))
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                tags = {"etag": row.etag, "last_modified": row.last_modified}
                if any(tags.values()):
                    out[row.url] = {k: v for k, v in tags.items() if v}
        return out

    def latest(self, url: str) -> Stored | None:
        """The URL's latest response with a body, as it arrived."""
        row_id = self._latest_fetched([url]).get(url)
        if row_id is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(fetches).where(fetches.c.id == row_id)).one()
        return _stored(row)

    def latest_page(self, url: str) -> str | None:
        """The page id of the URL's latest response with a body, without reading the body."""
        row_id = self._latest_fetched([url]).get(url)
        if row_id is None:
            return None
        with self.engine.connect() as conn:
            page_id = conn.execute(select(fetches.c.page_id).where(fetches.c.id == row_id)).scalar()
        return str(page_id) if page_id else None

    def taken(self, page_id: str) -> bool:
        """Whether a run took this page (stored it, or recorded why not): a page fetched by a run
        that was stopped before it got there is not, and must be handed on again."""
        with self.engine.connect() as conn:
            for table in (articles, page_outcomes):
                if conn.execute(select(table.c.id).where(_page_of(table) == page_id).limit(1)).first():
                    return True
        return False

    def seen(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` fetched before (whatever came of it)."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                query = select(fetches.c.url).where(fetches.c.url.in_(wanted[i : i + 500])).distinct()
                found.update(row.url for row in conn.execute(query))
        return found

    def page_history(self, url: str) -> list[tuple[str, datetime]]:
        """The URL's distinct page versions (page id, when first read), oldest first."""
        query = (
            select(fetches.c.page_id, fetches.c.fetched)
            .where(fetches.c.url == url, fetches.c.page_id.is_not(None))
            .order_by(fetches.c.id)
        )
        history: list[tuple[str, datetime]] = []
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                if not history or history[-1][0] != row.page_id:
                    history.append((row.page_id, row.fetched))
        return history

    def responses(self) -> Iterable[Stored]:
        """Every kept response, in the order fetched (to write a WARC of a store)."""
        query = select(fetches).where(fetches.c.body.is_not(None)).order_by(fetches.c.id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _stored(row)


def _page_of(table: Table) -> ColumnElement[str]:
    return table.c.id if table is articles else table.c.page_id


def _stored(row: object) -> Stored:
    r = row._mapping  # type: ignore[attr-defined]
    fetched = as_utc(r["fetched"])
    return Stored(
        url=r["url"],
        final_url=r["final_url"] or r["url"],
        fetched=fetched,
        status=r["status"] or 0,
        headers=[(str(k), str(v)) for k, v in json.loads(r["headers"] or "[]")],
        raw=zlib.decompress(r["body"]) if r["body"] else b"",
        page_id=r["page_id"],
    )
