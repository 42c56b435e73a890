"""Who gives a figure and as of when, with where the text says so (language/figure_sources.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from corroborate.language import analyze
from corroborate.model import Span

PUBLISHED = datetime(2024, 3, 8, 9, 0, tzinfo=UTC)  # a Friday


def _at(text: str, span: Span | None) -> str | None:
    return text[span.start : span.end] if span else None


def _sources(text: str) -> list[tuple[str, str | None, str | None]]:
    """Each figure's words, speaker as written at its span, and as-of words at theirs."""
    return [
        (f.text, _at(text, f.speaker_span), _at(text, f.as_of_span)) for f in analyze(text, PUBLISHED).figures
    ]


def test_a_count_of_points_added_is_nobodys_statement() -> None:
    text = "Rafer Alston added 20 points and eight rebounds for the Rockets."
    assert _sources(text) == [("20 points", None, None), ("eight", None, None)]


def test_a_source_named_without_a_speech_verb_gives_the_figure() -> None:
    text = "More than one million embryos were destroyed over 14 years, official statistics show."
    assert _sources(text)[0] == ("More than one million", "official statistics", None)
    text = "Some 42 million borrowers owe money, according to data from the U.S. Department of Education."
    f = analyze(text, PUBLISHED).figures[0]
    assert (f.speaker, _at(text, f.speaker_span)) == (
        "data from the U.S. Department of Education",
        "data from the U.S. Department of Education",
    )


def test_a_polls_results_after_it_are_the_polls() -> None:
    text = (
        "A Harbor Institute poll of likely voters has revealed deep doubts about the plan. "
        "When asked, 54 percent said it would fail. Another 31 percent were unsure. "
        "The council meets again next week to discuss 12 amendments."
    )
    assert _sources(text) == [
        ("54 percent", "Harbor Institute poll of likely voters", None),
        ("31 percent", "Harbor Institute poll of likely voters", None),
        ("12", None, None),
    ]


def test_since_monday_starts_a_period_and_the_day_said_is_no_as_of() -> None:
    assert _sources("Since Monday, 40 people have been arrested in the capital.") == [("40", None, None)]
    f = analyze("The minister said on Tuesday that 1,200 homes had been damaged.", PUBLISHED).figures[0]
    assert (f.speaker, f.as_of) == ("The minister", None)


def test_each_figure_takes_the_time_next_to_it() -> None:
    text = "Baseball gave over 100 exemptions last year, up from 28 in 2006, Tierney said."
    assert [(f.text, f.as_of) for f in analyze(text, PUBLISHED).figures] == [
        ("over 100", "2023"),
        ("28", "2006"),
    ]
    text = "In the 2012 election, turnout among voters under 30 was 53 percent."
    assert [(f.text, f.as_of) for f in analyze(text, PUBLISHED).figures if f.unit] == [("53 percent", "2012")]


def test_the_counted_words_carry_their_offsets() -> None:
    text = "More than 40.000 of the roughly 52.000 displaced  residents left, and 300 homes burned."
    for f in analyze(text, PUBLISHED).figures:
        assert (
            f.counted is None
            or " ".join(text[f.counted_span.start : f.counted_span.end].split()) == f.counted
        )
    assert [f.counted for f in analyze(text, PUBLISHED).figures] == [
        "displaced residents",
        "displaced residents",
        "homes",
    ]
