"""The language stage on the bundled example pages, after extraction, against examples/expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.extract import extract
from corroborate.language import analyze
from corroborate.model import Analysis, Page
from corroborate.sources import read_pages

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _page_id(source: str) -> str:
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return f"{Path(path).name}:{line}"
    return Path(source).name


@pytest.fixture(scope="module")
def analysed() -> dict[str, tuple[Analysis, dict[str, Any]]]:
    expected_file = EXAMPLES / "expected.json"
    if not expected_file.is_file():
        pytest.skip("examples/expected.json is not here")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))["pages"]
    out: dict[str, tuple[Analysis, dict[str, Any]]] = {}
    for page in read_pages([str(EXAMPLES)]):
        if isinstance(page, Page) and _page_id(page.source) in expected:
            article = extract(page)
            out[_page_id(page.source)] = (
                analyze(article.text, article.published),
                expected[_page_id(page.source)],
            )
    assert set(out) == set(expected)
    return out


def test_every_expected_quote_has_its_speaker_and_kind(
    analysed: dict[str, tuple[Analysis, dict[str, Any]]],
) -> None:
    missing = []
    for page, (a, expected) in analysed.items():
        names = {e.key: e.name for e in a.entities}
        for want in expected.get("quotes", []):
            found = [
                q
                for q in a.quotes
                if want["contains"] in q.text
                and q.kind == want["kind"]
                and want["speaker"].lower() in f"{names.get(q.speaker_entity or '', '')} {q.speaker}".lower()
            ]
            if not found:
                missing.append((page, want))
    assert missing == []


def test_every_expected_figure_has_its_value_and_bound(
    analysed: dict[str, tuple[Analysis, dict[str, Any]]],
) -> None:
    missing = [
        (page, want)
        for page, (a, expected) in analysed.items()
        for want in expected.get("figures", [])
        if not any(f.value == want["value"] and f.bound == want["bound"] for f in a.figures)
    ]
    assert missing == []


def test_named_speakers_resolve_to_people(analysed: dict[str, tuple[Analysis, dict[str, Any]]]) -> None:
    a, _ = analysed["riverside-radio_bridge.txt"]
    brandt = [q for q in a.quotes if "worst thing I have seen" in q.text]
    assert [(q.speaker, q.speaker_entity) for q in brandt] == [("he", "person:tomas-brandt")]
    a, _ = analysed["eastvale-post_bridge.txt"]
    money = [q for q in a.quotes if "money for this repair" in q.text]
    assert [(q.speaker, q.speaker_entity) for q in money] == [("she", "person:ruth-adeyemi")]
