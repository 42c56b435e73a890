"""Two runs on one store: retried transactions, and one run at a time building stories.

Pages are stored in short transactions that any number of runs can interleave;
a write that meets a busy database waits (SQLite's busy timeout) and is retried.
Clustering and building stories read the whole recent store and must see every
article stored before them, so only one run at a time does it: a lock the
operating system (SQLite: a file lock) or the server (PostgreSQL: an advisory
lock on the session) releases when its holder dies, so `kill -9` never leaves a
store locked.
"""

from __future__ import annotations

import fcntl
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

T = TypeVar("T")

RETRIES = 12
"""Attempts at one transaction before its error is given up to the caller (about a minute of waiting)."""

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_PG_RETRY = {"40001", "40P01", "55P03"}
# Any 64-bit key of our own: the lock on building stories.
_PG_STORY_LOCK = 0x636F72726F62


def is_transient(exc: BaseException) -> bool:
    """A database busy with another writer, worth trying again: not a bug in the statement."""
    if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return isinstance(exc, DBAPIError) and code in _PG_RETRY


def retrying(work: Callable[[], T], retries: int = RETRIES) -> T:
    """Run `work` (one whole transaction), again after a short random wait while the database is busy."""
    for attempt in range(retries):
        try:
            return work()
        except DBAPIError as exc:
            if attempt == retries - 1 or not is_transient(exc):
                raise
            time.sleep(min(5.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def story_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's lock on building stories for the duration of the block (waits for it)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_STORY_LOCK})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_STORY_LOCK})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield  # one process owns this store
        return
    with Path(database + ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_PG_RUN_CLASS = 0x636F72  # the first key of each run's advisory lock; the second is the run's id


@contextmanager
def run_alive(engine: Engine, run_id: int) -> Iterator[None]:
    """Hold a lock that says run `run_id` is alive; it goes with the process, however it ends.

    A run clusters its own articles, and those that runs no longer alive (killed) left
    in no story, never those of a run still storing its pages: so two runs at once
    make the same stories as the one after the other.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:c, :r)"), {"c": _PG_RUN_CLASS, "r": run_id})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:c, :r)"), {"c": _PG_RUN_CLASS, "r": run_id})
                conn.commit()
        return
    folder = _run_folder(engine)
    if folder is None:
        yield
        return
    folder.mkdir(exist_ok=True)
    path = folder / f"{run_id}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def alive(engine: Engine, run_ids: set[int]) -> set[int]:
    """Those of these runs whose process still holds its `run_alive` lock."""
    if engine.dialect.name == "postgresql":
        living = set()
        with engine.connect() as conn:
            for run_id in sorted(run_ids):
                args = {"c": _PG_RUN_CLASS, "r": run_id}
                if conn.execute(text("SELECT pg_try_advisory_lock(:c, :r)"), args).scalar():
                    conn.execute(text("SELECT pg_advisory_unlock(:c, :r)"), args)
                else:
                    living.add(run_id)
            conn.commit()
        return living
    folder = _run_folder(engine)
    if folder is None:
        return set()
    living = set()
    for run_id in run_ids:
        path = folder / f"{run_id}.lock"
        if not path.exists():
            continue
        with path.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                living.add(run_id)
                continue
            path.unlink(missing_ok=True)  # a killed run's: nobody holds it
            fcntl.flock(handle, fcntl.LOCK_UN)
    return living


def _run_folder(engine: Engine) -> Path | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database + ".runs")


def serialised(conn: Connection) -> None:
    """Within this transaction, wait for any other that called this: two first runs migrate once.

    SQLite's write transactions are serialised already (BEGIN IMMEDIATE); PostgreSQL's
    are not, and two CREATE TABLEs at once fail there.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_STORY_LOCK + 1})
