"""The store's record of every fetch: responses kept as they arrived, and why a URL was not fetched.

Its migration (store/schema.py) only creates this table; nothing here imports the store.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy import Table as _Table

metadata = MetaData()

# One row per URL per attempt. `body` is the response body exactly as it came off the wire
# (still Content-Encoded), zlib-compressed for the store; `headers` the response headers as JSON.
fetches = _Table(
    "fetches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("final_url", Text),
    Column("fetched", DateTime(timezone=True), nullable=False),
    Column("outcome", String(12), nullable=False),  # fetched | unchanged | robots | unsafe | error
    Column("reason", Text),
    Column("status", Integer),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("headers", Text),
    Column("body", LargeBinary),
    Column("page_id", String(64)),
    Column("via", Text),  # the feed or sitemap that listed the URL
    Index("ix_fetches_url", "url"),
)


def create_fetch_tables(conn: Connection) -> None:
    fetches.create(conn, checkfirst=True)
