"""The two real seed pages (../shared/examples/pages) through stories and compare."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from corroborate.compare import compare
from corroborate.model import Article, Page, Story
from corroborate.stories import cluster, find_origins

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "pages"
# What the plain-text dumps do not say about themselves.
KNOWN = {
    "000": {"outlet": "Sloboden Pechat", "published": datetime(2023, 9, 30, 10, 0, tzinfo=UTC)},
    "001": {
        "outlet": "Investing.com",
        "origin": "Reuters",
        "published": datetime(2023, 9, 29, 7, 47, tzinfo=UTC),
    },
}


def _article(path: Path) -> Article:
    from corroborate.extract import extract
    from corroborate.language import analyze_article

    content = path.read_text(encoding="utf-8")
    page = Page(id=path.stem, source=str(path), format="text", content=content)
    article = extract(page)
    meta = KNOWN[path.name[:3]]
    update = {k: v for k, v in meta.items() if getattr(article, k) in (None, "")}
    article = article.model_copy(update=update)
    try:
        return analyze_article(article)
    except NotImplementedError:
        pytest.skip("the language stage is not there yet")


@pytest.fixture(scope="module")
def seed() -> tuple[dict[str, str], Story]:
    if not SEED.is_dir():
        pytest.skip("../shared/examples/pages is not here")
    articles = [_article(p) for p in sorted(SEED.glob("*.txt"))]
    assignment = cluster(articles, {})
    story = compare(assignment[articles[0].id], articles, find_origins(articles))
    return assignment, story


def _evidence_texts(story: Story, needle: str) -> list[set[str]]:
    return [
        {ev.text for ev in c.evidence}
        for c in story.corroborated
        if any(needle in e.text for e in c.evidence)
    ]


def test_the_two_pages_are_one_story(seed: tuple[dict[str, str], Story]) -> None:
    assignment, story = seed
    assert len(set(assignment.values())) == 1
    assert sorted(story.origins.values()) == ["Reuters", "Sloboden Pechat"]


def test_first_un_access_in_thirty_years_is_corroborated(seed: tuple[dict[str, str], Story]) -> None:
    _, story = seed
    assert any(
        any("first time in the past 30 years" in t for t in texts)
        and any("first access to the region in about 30 years" in t for t in texts)
        for texts in _evidence_texts(story, "30 years")
    )


def test_the_court_request_is_corroborated_under_both_names(seed: tuple[dict[str, str], Story]) -> None:
    _, story = seed
    assert any(
        any("International Court of Justice to order Azerbaijan" in t for t in texts)
        and any("asked the World Court to order Azerbaijan" in t for t in texts)
        for texts in _evidence_texts(story, "to order Azerbaijan")
    )


def test_pashinyan_and_the_government_figures_are_compared(seed: tuple[dict[str, str], Story]) -> None:
    _, story = seed
    comparison = next(f for f in story.figures if {r.value for r in f.reports} >= {100000, 98500})
    by_value = {r.value: r for r in comparison.reports}
    assert by_value[100000].speaker == "Nikol Pashinyan"
    assert by_value[98500].as_of == "2023-09-29"
    # The explanation a reader sees writes the date out; the report above keeps it as ISO.
    assert "as of 29 September 2023" in comparison.explanation
    assert "2023-09-29" not in comparison.explanation
    assert 120000 not in by_value  # the population, not the people who left
    # "more than 100,000" and "more than 98,500" are both true at once: bounds agree as intervals.
    assert comparison.verdict == "agree"
    assert "within their stated bounds" in comparison.explanation


def test_the_timeline_has_the_defeat_and_the_exodus(seed: tuple[dict[str, str], Story]) -> None:
    _, story = seed
    dates = [t.date for t in story.timeline]
    assert dates == sorted(dates, key=lambda d: d.split("/")[0])
    assert any(t.date == "2023-09-20" and "September 20" in t.text for t in story.timeline)
    assert any(t.date == "2023-09-29" for t in story.timeline)
    # Both pages are dated here, so no date is inferred from the story.
    assert all(t.inferred_from is None for t in story.timeline)


def test_every_evidence_is_the_text_at_its_offsets(seed: tuple[dict[str, str], Story]) -> None:
    _, story = seed
    texts = {a.id: a.text for a in story.articles}
    spans = [ev for c in story.claims for ev in c.evidence]
    spans += [r.evidence for f in story.figures for r in f.reports]
    spans += [ev for t in story.timeline for ev in t.evidence]
    spans += [ev for q in story.quotes for ev in q.evidence]
    spans += [ev for e in story.entities for ev in e.mentions]
    assert spans
    assert all(ev.text == texts[ev.article][ev.start : ev.end] for ev in spans)
