"""Numbers that count nothing are no figures (issue 18): 'not one', ages, game clocks, labels."""

from __future__ import annotations

import pytest

from corroborate.language import analyze


def _figures(text: str) -> list[str]:
    return [f.text for f in analyze(text).figures if not f.partitive]


@pytest.mark.parametrize(
    "text",
    [
        "The story is a poignant one, and it is not one he tells often.",
        "One congressman questioned the witnesses about the rules of 2005.",
        '"If we play like this 11 against 11 we have a good chance," he said.',
        "Houston tied the game at 50 just before Yao hit a free throw with nine seconds left.",
        "Clarke finished the day on two over after a frustrating back nine.",
        "The passage comes from verse 71 of the book.",
        "The company will book a charge in the fourth quarter after several quarters of losses.",
        "France 24",
        "[538]",
        "Mr. Sperling, then 38, joined the Group of 8 talks.",
        "He is American 100 percent, an aide said.",
    ],
)
def test_numbers_that_count_nothing(text: str) -> None:
    assert _figures(text) == []


def test_counts_beside_them_stay_figures() -> None:
    assert _figures("One man was killed and two were injured.") == ["One", "two"]
    assert _figures("One night after scoring 29 points, Curry was held to 12.") == ["One", "29 points", "12"]
    text = "Turnout among those ages 18 to 29 was 53 percent, and among voters 45 and older 70 percent."
    assert _figures(text) == ["53 percent", "70 percent"]
    assert _figures("A quarter of the staff left as a couple with one income struggled.") == [
        "A quarter",
        "one",
    ]


def test_units_written_onto_the_number_and_vague_money() -> None:
    text = "The bomb held 35 kilos of TNT and left a 2-meter-wide crater; it cost millions of dollars."
    assert [(f.text, f.unit) for f in analyze(text).figures] == [
        ("35 kilos", "kg"),
        ("2-meter", "metre"),
        ("millions", "USD"),
    ]
    assert [f.text for f in analyze("One poll shows Ted Cruz 16 points ahead of Trump.").figures] == [
        "16 points"
    ]


def test_set_scores_a_model_named_elsewhere_and_the_third_quarter() -> None:
    # A tennis score by sets is no range; "the 757" is the plane the text calls "a Boeing 757".
    assert _figures("Dellacqua advanced with a 6-4, 4-6, 6-1 win over Lapushchenkova.") == []
    assert _figures("The job will take 4-6 weeks and cost 5-10% more.") == ["4-6 weeks", "5-10%"]
    text = "He flies a Boeing 757. Using the 757 costs thousands of dollars an hour, and 757 people flew."
    assert _figures(text) == ["thousands", "757"]
    assert _figures("Cruz raised $12.2million during the third quarter of the year.") == ["$12.2million"]
    assert _figures("A quarter of the vote went to him.") == ["A quarter"]


def test_tens_of_thousands_needs_no_noun_after_it() -> None:
    figures = analyze("Tens of thousands have died since the conflict began.").figures
    assert [(f.text, f.value, f.high) for f in figures] == [("Tens of thousands", 10000.0, 100000.0)]
