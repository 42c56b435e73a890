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

# A page read again at the same URL that changed: the earlier article leaves the articles table
# (the story counts the outlet's page once) and is kept here whole, with what changed.
versions = _Table(
    "article_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("story_id", String(40)),
    Column("old_id", String(64), nullable=False),
    Column("new_id", String(64), nullable=False),
    Column("seen", DateTime(timezone=True), nullable=False),
    Column("changes", Text, nullable=False),  # JSON list of {kind, old, new}
    Column("old_article", Text, nullable=False),  # the Article record as it was
    Index("ix_article_versions_story", "story_id"),
    Index("ix_article_versions_url", "url"),
)


def create_fetch_tables(conn: Connection) -> None:
    fetches.create(conn, checkfirst=True)
    versions.create(conn, checkfirst=True)
