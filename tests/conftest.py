"""Shared fixtures: paths to the bundled examples and to ../shared, and stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.store import Store
from tests.web_site import Web, serve_web

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEED_PAGES = SHARED / "examples" / "pages"


@pytest.fixture
def seed_pages() -> Path:
    """The two real seed pages in ../shared; tests that need them skip without it."""
    if not SEED_PAGES.is_dir():
        pytest.skip("../shared/examples/pages is not here")
    return SEED_PAGES


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with Store(str(tmp_path / "corroborate.db")) as store:
        yield store


@pytest.fixture
def postgres_url() -> str:
    """A PostgreSQL database for server-mode tests (.ci/run starts one)."""
    url = os.environ.get("CORROBORATE_TEST_PG")
    if not url:
        pytest.skip("CORROBORATE_TEST_PG is not set (source .ci/postgres.sh)")
    return url


@pytest.fixture
def web() -> Iterator[Web]:
    """Invented outlets served on 127.0.0.1, with the log of every request (tests/web_site.py)."""
    yield from serve_web()
