"""Every bundled example page, extracted, against examples/expected.json."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from corroborate.extract import extract
from corroborate.model import Article, Page
from corroborate.sources import read_pages

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED_FILE = EXAMPLES / "expected.json"

if not EXPECTED_FILE.exists():
    pytest.skip("examples/expected.json is absent", allow_module_level=True)

EXPECTED: dict[str, dict[str, Any]] = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))["pages"]


def _pages() -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for item in read_pages([str(EXAMPLES)]):
        assert isinstance(item, Page), item
        pages[str(Path(item.source).relative_to(EXAMPLES))] = item
    return pages


PAGES = _pages()
ARTICLES: dict[str, Article] = {}


def article(name: str) -> Article:
    if name not in ARTICLES:
        ARTICLES[name] = extract(PAGES[name])
    return ARTICLES[name]


def _time(value: str | None) -> datetime | None:
    if value is None:
        return None
    stamp = datetime.fromisoformat(value)
    # The text copies print no zone; the extractor reads such times as UTC.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def test_every_expected_page_is_read() -> None:
    assert sorted(EXPECTED) == sorted(PAGES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(name: str) -> None:
    want, got = EXPECTED[name], article(name)
    assert got.title == want["title"]
    assert got.outlet == want["outlet"]
    assert got.origin == want["origin"]
    assert got.dateline == want["dateline"]
    assert got.language == "en"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_times_keep_the_printed_offset(name: str) -> None:
    want, got = EXPECTED[name], article(name)
    assert got.published == _time(want["published"])
    assert got.updated == _time(want["updated"])
    if got.published and want["published"] and "+" in want["published"]:
        assert got.published.isoformat() == want["published"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_canonical_url_and_encoding(name: str) -> None:
    want, got = EXPECTED[name], article(name)
    assert (got.canonical_url or got.url) == want["url"]
    assert PAGES[name].encoding == want["encoding"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_body_kept(name: str) -> None:
    text = article(name).text
    for sentence in EXPECTED[name]["body_contains"]:
        assert sentence in text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_boilerplate_removed_and_listed(name: str) -> None:
    got = article(name)
    removed = "\n".join(block.text for block in got.removed)
    for snippet in EXPECTED[name]["removed_contains"]:
        assert snippet not in got.text
        assert snippet in removed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_paragraphs_are_separated_by_blank_lines(name: str) -> None:
    text = article(name).text
    assert "\n\n" in text
    assert "\n\n\n" not in text
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in text.split("\n\n"))
