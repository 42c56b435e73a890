"""Tables of the shared desk (`corroborate serve`): its users, their marks, and a search index.

Users and marks are the desk's own data: nothing a run does touches them. A mark names its
finding by the article span it stands on (article ids are page hashes, so they never change),
not by the story, so a finding keeps its marks when a later run grows or rebuilds its story.

The `desk_*` index tables are derived from the stories: `corroborate serve` fills them and
keeps them in step with `stories.updated`; dropping their rows loses nothing.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

desk_metadata = MetaData()

desk_users = Table(
    "desk_users",
    desk_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 of the token, never the token
    Column("created", DateTime(timezone=True), nullable=False),
)

desk_marks = Table(
    "desk_marks",
    desk_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding", String(120), nullable=False),  # kind:article:start-end, see desk.finding_key
    Column("kind", String(12), nullable=False),  # conflict | claim | figure | quote | event
    Column("article_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("story_id", String(40)),  # the story it was in when marked
    Column("finding_text", Text, nullable=False),  # what the finding said when marked
    Column("status", String(12), nullable=False),  # verified | disputed | wrong
    Column("note", Text, nullable=False),
    Column("user_name", String(80), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Index("ix_desk_marks_article", "article_id"),
)

# One row per story: the list's columns and filters, copied from the story when it changes.
desk_stories = Table(
    "desk_stories",
    desk_metadata,
    Column("story_id", String(40), primary_key=True),
    Column("updated", DateTime(timezone=True), nullable=False),  # stories.updated when indexed
    Column("title", Text, nullable=False),
    Column("first_published", DateTime(timezone=True)),
    Column("last_published", DateTime(timezone=True)),
    Column("n_articles", Integer, nullable=False),
    Column("n_single", Integer, nullable=False),  # single-source claims
    Column("figures_differ", Boolean, nullable=False),
    Column("quotes_differ", Boolean, nullable=False),
    Column("summary", Text, nullable=False),  # the StorySummary as JSON
    Index("ix_desk_stories_last", "last_published"),
)

desk_story_outlets = Table(
    "desk_story_outlets",
    desk_metadata,
    Column("story_id", String(40), primary_key=True),
    Column("outlet", String(300), primary_key=True),
    Index("ix_desk_story_outlets_outlet", "outlet"),
)

desk_story_entities = Table(
    "desk_story_entities",
    desk_metadata,
    Column("story_id", String(40), primary_key=True),
    Column("entity", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("label", String(8), nullable=False),
    Column("mentions", Integer, nullable=False),
    Index("ix_desk_story_entities_entity", "entity"),
)

# Every quote of every article with its speaker resolved to an entity: "what has X said".
desk_quotes = Table(
    "desk_quotes",
    desk_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("article_id", String(64), nullable=False),
    Column("entity", String(200), nullable=False),
    Column("outlet", Text, nullable=False),
    Column("published", DateTime(timezone=True)),
    Column("kind", String(12), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_desk_quotes_entity", "entity", "published"),
)

DESK_TABLES = (desk_users, desk_marks, desk_stories, desk_story_outlets, desk_story_entities, desk_quotes)


def create_desk_tables(conn: Connection) -> None:
    """Schema migration 5: the desk's tables and its full-text index (FTS5 or tsvector).

    Each step is skipped when its table is there already (a store whose version was set back)."""
    for table in DESK_TABLES:
        table.create(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":
        columns = "story_id VARCHAR(40) PRIMARY KEY, document TSVECTOR"
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS desk_search ({columns})"))
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS ix_desk_search_document ON desk_search USING GIN (document)")
        )
    else:
        # Porter stemming, like PostgreSQL's 'english' configuration: "evacuated" finds "evacuation".
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS desk_search USING fts5(story_id UNINDEXED, title, body, "
                "tokenize='porter unicode61 remove_diacritics 2')"
            )
        )
