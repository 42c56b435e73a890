"""Opening the database: a path is a SQLite file (WAL, busy timeout, writes that take the lock
when they begin), anything with '://' a SQLAlchemy URL (PostgreSQL for a shared server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


def database_url(db: str) -> str:
    """A path means a SQLite file; anything with '://' is taken as a SQLAlchemy URL."""
    if "://" in db:
        return db
    Path(db).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own transaction handling leaves DDL and reads outside any transaction;
    # transactions are begun below instead, so a migration or a read-then-write is atomic.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")  # first: the next pragmas may wait on another process
    # WAL lets readers (show, export, the web views) work while a run writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A write takes the database's write lock when it begins (waiting for it under the busy
    # timeout), not when it first writes: two writers that both read first would deadlock.
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_engine(url: str) -> Engine:
    """The engine for a database URL; SQLite in WAL mode with a busy timeout and transactions begun here."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine
