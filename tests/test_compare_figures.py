"""Figure comparisons compare one quantity: invented pages through the real language stage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.compare import compare
from corroborate.model import Article, FigureComparison, Story
from corroborate.stories import find_origins

LEDGER = (
    "Twelve people were killed and 40 were wounded when the dam burst in Ostrava on Monday, police said. "
    "Not even one life could have been saved, the mayor said. "
    "In the 2019 election the party won 1,200 votes. "
    "The number of displaced has risen since Monday to more than 300."
)
POST = (
    "Forty people were wounded when the dam burst in Ostrava on Monday, and 12 were killed, police said. "
    "In the 2024 election the party won 1,500 votes. "
    "About 320 people have been displaced, officials said."
)


def _article(aid: str, outlet: str, text: str) -> Article:
    from corroborate.language import analyze_article

    a = Article(id=aid, source=aid, outlet=outlet, text=text, published=datetime(2031, 5, 14, 9, tzinfo=UTC))
    try:
        return analyze_article(a)
    except NotImplementedError:
        pytest.skip("the language stage is not there yet")


@pytest.fixture(scope="module")
def story() -> Story:
    arts = [_article("ledger", "Daily Ledger", LEDGER), _article("post", "Eastvale Post", POST)]
    return compare("s-dam", arts, find_origins(arts))


def _values(c: FigureComparison) -> set[float]:
    return {r.value for r in c.reports}


def test_killed_is_not_compared_with_wounded(story: Story) -> None:
    groups = [_values(c) for c in story.figures]
    assert {12.0} in groups and {40.0} in groups
    assert all(not ({12.0, 40.0} <= g) for g in groups)


def test_votes_of_two_elections_are_not_one_quantity(story: Story) -> None:
    assert all(not ({1200.0, 1500.0} <= _values(c)) for c in story.figures)


def test_even_one_life_is_no_figure(story: Story) -> None:
    assert all(1.0 not in _values(c) for c in story.figures)


def test_since_monday_starts_a_period_and_a_bound_is_an_interval(story: Story) -> None:
    displaced = next(c for c in story.figures if _values(c) == {300.0, 320.0})
    assert displaced.verdict == "agree"  # "more than 300" holds for "about 320"
    ledger = next(r for r in displaced.reports if r.article == "ledger")
    assert ledger.as_of is None  # "since Monday" is when the count started, not its date


def test_each_comparison_says_why_and_how_sure(story: Story) -> None:
    assert story.figures
    for c in story.figures:
        assert 0 < c.confidence <= 1
        assert "the same" in c.why


def test_an_article_is_never_compared_with_itself() -> None:
    text = "The toll rose from 12 people killed to 14 people killed overnight, police said."
    arts = [
        _article("one", "Daily Ledger", text),
        _article("two", "Eastvale Post", "Police said 14 people were killed."),
    ]
    [killed] = compare("s-self", arts, find_origins(arts)).figures
    # The Ledger's own 12 and 14 are an update inside one page, not a difference between outlets.
    assert {(r.article, r.value) for r in killed.reports} == {("one", 12), ("one", 14), ("two", 14)}
    assert killed.verdict == "agree"


def test_two_peoples_figures_are_two_quantities() -> None:
    a = "Mara Okafor (31 wins, 14 knockouts) beat Tomas Brandt (28 wins, 11 knockouts) on Saturday."
    b = "Tomas Brandt (28 wins, 11 knockouts) lost to Mara Okafor (31 wins, 14 knockouts) on Saturday."
    arts = [_article("ledger", "Daily Ledger", a), _article("post", "Eastvale Post", b)]
    story = compare("s-bout", arts, find_origins(arts))
    knockouts = [c for c in story.figures if any(r.value in (11, 14) for r in c.reports)]
    assert knockouts, "the knockouts are compared"
    for c in knockouts:
        # Okafor's 14 against Okafor's 14, Brandt's 11 against Brandt's 11: never 14 against 11.
        assert len({r.value for r in c.reports}) == 1, c
        assert c.verdict == "agree"
