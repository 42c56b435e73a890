"""The language stage on the two real seed pages in ../shared (skipped without it).

The text is each whole file, page boilerplate included; offsets are into it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from corroborate.language import analyze
from corroborate.model import Analysis, Quote

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "pages"


def _load(prefix: str, published: datetime) -> tuple[str, Analysis]:
    if not PAGES.is_dir():
        pytest.skip("../shared/examples/pages is not here")
    path = next(PAGES.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, analyze(text, published)


@pytest.fixture(scope="module")
def page000() -> tuple[str, Analysis]:
    return _load("000", datetime(2023, 9, 30, 10, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def page001() -> tuple[str, Analysis]:
    return _load("001", datetime(2023, 9, 29, 7, 47, tzinfo=UTC))


def _quote(a: Analysis, snippet: str) -> Quote:
    found = [q for q in a.quotes if snippet in q.text]
    assert len(found) == 1, [q.text for q in a.quotes]
    return found[0]


def test_000_hadjiev_quotes(page000: tuple[str, Analysis]) -> None:
    text, a = page000
    expected = {
        "We cannot accept accusations": ("direct", "said", "Hikmet Hadjiev"),
        "Ethnic cleansing is a violent action": ("direct", None, "Hikmet Hadjiev"),
        "They confirm it themselves": ("direct", "claims", "Hadjiev"),
        "no 'Armenian' citizens": ("direct", "added", "he"),
        "We have always considered them": ("direct", "said", "he"),
        "hired internal security troops": ("mixed", "said", "He"),
        "They still control the cities": ("direct", "stressed", "he"),
    }
    for snippet, (kind, cue, speaker) in expected.items():
        q = _quote(a, snippet)
        assert (q.kind, q.cue, q.speaker, q.speaker_entity) == (
            kind,
            cue,
            speaker,
            "person:hikmet-hadjiev",
        ), snippet
        assert text[q.start : q.end] == q.text
    mixed = _quote(a, "hired internal security")
    assert mixed.text.startswith('Azerbaijan had "hired internal security troops')


def test_000_figures_and_entities(page000: tuple[str, Analysis]) -> None:
    _, a = page000
    fled = [f for f in a.figures if f.value in (100000, 120000)]
    assert [(f.text, f.value, f.bound, f.counted, f.speaker_entity) for f in fled] == [
        ("more than 100.000", 100000.0, "more_than", "residents", "person:nikol-pashinyan"),
        ("roughly 120.000", 120000.0, "approximate", "residents", "person:nikol-pashinyan"),
    ]
    entities = {e.key: e for e in a.entities}
    assert entities["person:nikol-pashinyan"].aliases == ["Pashinyan"]
    assert entities["person:nikol-pashinyan"].roles == ["Armenian Prime Minister"]
    assert entities["person:hikmet-hadjiev"].roles == [
        "diplomatic adviser to Azerbaijani President Ilham Aliyev"
    ]
    assert entities["gpe:nagorno-karabakh"].aliases == ["Karabakh"]
    times = {t.text: (t.value, t.grain) for t in a.times}
    assert times["September 20"] == ("2023-09-20", "day")
    assert times["last night"] == ("2023-09-29", "day")
    assert times["30 years ago"] == ("1993", "year")


def test_001_quotes(page001: tuple[str, Analysis]) -> None:
    _, a = page001
    expected = {
        "While there the team will seek": ("direct", "told", "person:stephane-dujarric"),
        "The focus will be on humanitarian": ("direct", "said", "person:stephane-dujarric"),
        "The visit will allow": ("direct", "said in a statement", "org:foreign-ministry-of-azerbaijan"),
        "In addition, the group members": ("direct", None, "org:foreign-ministry-of-azerbaijan"),
        "in the coming days": ("mixed", "said", "org:foreign-ministry-of-azerbaijan"),
        "iron fist": ("mixed", "said", "person:ilham-aliyev"),
        "military facilities": ("mixed", "told", "person:ilham-aliyev"),
        "asked the World Court": ("indirect", "said", "org:international-court-of-justice"),
    }
    for snippet, (kind, cue, entity) in expected.items():
        q = _quote(a, snippet)
        assert (q.kind, q.cue, q.speaker_entity) == (kind, cue, entity), snippet
    chain = _quote(a, "98,500")
    assert (chain.speaker, chain.speaker_entity, chain.channel) == (
        "Armenia's government",
        "org:government-of-armenia",
        "Russian news agencies",
    )


def test_001_figures_entities_and_times(page001: tuple[str, Analysis]) -> None:
    _, a = page001
    figures = {f.value: f for f in a.figures}
    crossed = figures[98500]
    assert (crossed.text, crossed.bound, crossed.counted, crossed.speaker_entity, crossed.as_of) == (
        "more that 98,500",
        "more_than",
        "ethnic Armenians who had crossed into Armenia",
        "org:government-of-armenia",
        "2023-09-29",
    )
    share = figures[0.75]
    assert (share.text, share.bound, share.counted) == (
        "more than three quarters",
        "more_than",
        "the region's population",
    )
    entities = {e.key: e for e in a.entities}
    assert entities["org:international-court-of-justice"].aliases == ["World Court"]
    assert entities["person:stephane-dujarric"].roles == ["U.N. spokesperson"]
    assert set(entities["org:united-nations"].aliases) == {"UN", "U.N."}
    times = {t.text: (t.value, t.grain) for t in a.times}
    assert times["Friday evening"] == ("2023-09-29", "day")
    assert times["this weekend"] == ("2023-09-30/2023-10-01", "weekend")
    assert times["February"] == ("2023-02", "month")
    assert times["in the coming days"] == ("2023-09-29/..", "interval")
