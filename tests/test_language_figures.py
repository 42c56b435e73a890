"""Figures: value, range, bound, unit, what is counted, who says it, as of when."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from corroborate.language import analyze
from corroborate.model import Figure

PUBLISHED = datetime(2024, 3, 8, 9, 0, tzinfo=UTC)  # a Friday


def _figures(text: str) -> list[tuple[str, float, float | None, str, str | None, str | None]]:
    figures = [f for f in analyze(text, PUBLISHED).figures if not f.partitive]  # "one of": no count
    return [(f.text, f.value, f.high, f.bound, f.unit, f.counted) for f in figures]


def _one(text: str) -> Figure:
    figures = [f for f in analyze(text, PUBLISHED).figures if not f.partitive]
    assert len(figures) == 1, figures
    return figures[0]


def test_bounds_and_dot_grouped_thousands() -> None:
    text = "Officials said more than 40.000 of the town's roughly 52.000 residents had left."
    assert _figures(text) == [
        ("more than 40.000", 40000.0, None, "more_than", None, "residents"),
        ("roughly 52.000", 52000.0, None, "approximate", None, "residents"),
    ]


def test_each_bound_word() -> None:
    cases = {
        "at least 12 people": ("at_least", "people"),
        "up to 300 tents": ("at_most", None),
        "fewer than 20 trucks": ("less_than", None),
        "nearly 900 families": ("approximate", None),
        "more that 98,500 people": ("more_than", "people"),
        "over 3,000 volunteers": ("more_than", None),
    }
    for phrase, (bound, unit) in cases.items():
        f = _one(f"The agency counted {phrase} on the ground.")
        assert (f.bound, f.unit) == (bound, unit), phrase


def test_words_ranges_units_and_currencies() -> None:
    assert _figures("About three quarters of the region's population fled.") == [
        ("About three quarters", 0.75, None, "approximate", None, "the region's population")
    ]
    assert _figures("A dozen houses burned.") == [("A dozen", 12.0, None, "exact", None, "houses")]
    assert _figures("The plan costs $1.2 million and €40 billion.") == [
        ("$1.2 million", 1_200_000.0, None, "exact", "USD", None),
        ("€40 billion", 40_000_000_000.0, None, "exact", "EUR", None),
    ]
    assert _figures("Between 10 and 20 boats and 5-8 km of road were lost, 12% of the fleet.") == [
        ("Between 10 and 20", 10.0, 20.0, "range", None, "boats"),
        ("5-8 km", 5.0, 8.0, "range", "km", "road"),
        ("12%", 12.0, None, "exact", "percent", "the fleet"),
    ]


def test_counted_after_the_number_of() -> None:
    f = _one(
        "The ministry put at 7,200 the number of displaced residents who had reached Quent by Friday evening."
    )
    assert (f.value, f.counted, f.as_of) == (
        7200.0,
        "displaced residents who had reached Quent",
        "2024-03-08",
    )
    assert (f.speaker, f.speaker_entity) == ("The ministry", None)


def test_speaker_comes_from_the_attribution() -> None:
    f = _one("Mayor Lena Quist said 14 people died in the flood.")
    assert (f.value, f.counted, f.speaker, f.speaker_entity) == (
        14.0,
        "people",
        "Lena Quist",
        "person:lena-quist",
    )


def test_dates_times_years_ages_ordinals_and_names_are_not_figures() -> None:
    text = (
        "On March 3, 2024 at 10:30 a.m. the 45-year-old, aged 45, came first in the 3rd round "
        "of Resolution 2334 talks held in 1998 and again 30 years ago."
    )
    assert _figures(text) == []


def test_a_team_named_with_a_number_is_not_a_count() -> None:
    # "49ers" used to give a figure of 49 counting "ers" beside the real count.
    text = "The 49ers fired their coach after 11 straight losses."
    assert [(f.value, f.counted) for f in analyze(text, PUBLISHED).figures] == [(11.0, "straight losses")]


def test_durations_are_figures_with_a_time_unit() -> None:
    assert _figures("The strike lasted less than 24 hours, the first in about 30 years.") == [
        ("less than 24 hours", 24.0, None, "less_than", "hours", None),
        ("about 30 years", 30.0, None, "approximate", "years", None),
    ]


def test_units_written_onto_numbers_and_shared_units() -> None:
    figs = analyze("The phone has 256GB of storage. Lunch costs eight or nine euros.").figures
    assert [(f.value, f.unit) for f in figs] == [(256.0, "GB"), (8.0, "EUR"), (9.0, "EUR")]


def test_dates_periods_and_a_three_course_meal() -> None:
    figs = analyze("We did that on Oct. 31. Between 1600 and 1900 they ate a three course meal.").figures
    assert [f.value for f in figs] == [3.0]


def test_a_plural_scale_word_is_a_range_of_one_to_ten_of_it() -> None:
    assert _figures("Thousands of ferry passengers waited, and tens of millions of euros were lost.") == [
        ("Thousands", 1000.0, 10000.0, "range", None, "ferry passengers"),
        ("tens of millions", 1e7, 1e8, "range", "EUR", None),
    ]


def test_ages_list_markers_and_points_in_time_are_not_figures() -> None:
    text = (
        "Ola Brekke, 57, told the council that voters under 35 backed the plan eight years ago.\n"
        "7.\n"
        "Wages have been flat for the past 15 years, and one of the best schools closed.\n"
        "The two became friends; Illinois went 13-47 in that time."
    )
    assert _figures(text) == []


def test_only_one_of_is_a_count_and_one_or_more_a_bound() -> None:
    figs = analyze("Only one of those posts is paid. The deal went to one or more journalists.").figures
    assert [(f.value, f.bound, f.counted) for f in figs] == [
        (1.0, "exact", "those posts"),
        (1.0, "at_least", "journalists"),
    ]


def test_rates_heights_word_ranges_and_a_unit_of_one() -> None:
    text = (
        "One in four of the workers is idle. The guard, 6-foot-2, walked less than a mile. "
        "The lease runs another four to ten years, and three-fourths of tenants agree."
    )
    assert [(f.text, round(f.value, 4), f.high, f.unit) for f in analyze(text, PUBLISHED).figures] == [
        ("One in four", 0.25, None, None),
        ("6-foot-2", 74.0, None, "inch"),
        ("less than a mile", 1.0, None, "miles"),
        ("four to ten years", 4.0, 10.0, "years"),
        ("three-fourths", 0.75, None, None),
    ]


def test_plus_or_less_hyphenated_units_and_over_as_during() -> None:
    text = (
        "The paper has 100,000-plus subscribers and a 12-year run. Loans are paid back in 10 years or less. "
        "The bill cut aid by $55 billion over six years."
    )
    assert [(f.text, f.bound, f.unit, f.counted) for f in analyze(text, PUBLISHED).figures] == [
        ("100,000-plus", "more_than", None, "subscribers"),
        ("12-year", "exact", "years", None),
        ("10 years or less", "at_most", "years", None),
        ("$55 billion", "exact", "USD", None),
        ("six years", "exact", "years", None),
    ]


def test_what_is_counted_in_coordinated_shares_and_other_things() -> None:
    text = (
        "Some 89% of young Democrats and 83% of young Republicans agree; "
        "17 percent of likely voters and four other towns do not."
    )
    assert [(f.value, f.counted) for f in analyze(text, PUBLISHED).figures] == [
        (89.0, "young Democrats"),
        (83.0, "young Republicans"),
        (17.0, "likely voters"),
        (4.0, "other towns"),
    ]


def test_the_annotated_gold_is_intact_and_read_well() -> None:
    # The hand-annotated figures (benchmarks/figures_gold.json) over texts in ../shared/datasets.
    import sys
    from pathlib import Path

    import pytest

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import figures_cv

    docs = figures_cv.load_gold()
    if docs is None:
        pytest.skip("../shared/datasets not here")
    total = figures_cv.Counts()
    for doc in docs:
        total.add(figures_cv.score_doc(doc, figures_cv.predict(doc)))
    assert total.n_gold >= 300
    assert total.prf()[2] >= 0.92


def test_a_change_says_which_way() -> None:
    text = (
        "Turnout was down 16 percent, while income rose by 0.8% and a 10% bump followed. "
        "The state freed up $26 million, and 70 percent agree, up from 60 percent."
    )
    assert [(f.value, f.change) for f in analyze(text, PUBLISHED).figures] == [
        (16.0, "down"),
        (0.8, "up"),
        (10.0, "up"),
        (26e6, None),
        (70.0, None),
        (60.0, None),
    ]


def test_two_numbers_in_one_run_of_words_and_metres_written_short() -> None:
    text = (
        "The ban is between two and four matches. The plane rolled a slow 500m to the hangar, "
        "a report is due within 30 days, and a dozen-or-so locals watched."
    )
    assert [(f.value, f.high, f.bound, f.unit) for f in analyze(text, PUBLISHED).figures] == [
        (2.0, 4.0, "range", None),
        (500.0, None, "exact", "metre"),
        (30.0, None, "at_most", "days"),
        (12.0, None, "approximate", None),
    ]


def test_pounds_are_money_unless_a_weight() -> None:
    text = "The guard, listed at 6-foot-4 and 231 pounds, turned down a 10 million pounds offer."
    assert [(f.value, f.unit) for f in analyze(text, PUBLISHED).figures] == [
        (76.0, "inch"),
        (231.0, "pound"),
        (1e7, "GBP"),
    ]


def test_one_as_the_article_of_a_speaker_is_no_count() -> None:
    text = (
        '"Probably," said one former official. One resident, who lives nearby, said so. '
        "Only one official said it."
    )
    assert [(f.text, f.counted) for f in analyze(text, PUBLISHED).figures] == [("one", "official")]


def test_the_gold_files_hold_offsets_and_labels_only() -> None:
    # No third-party text may ship: every string in the gold is an id, a label or a unit code.
    import json
    from pathlib import Path

    allowed_keys = {"start", "end", "items", "sha1", "figure", "kind", "value", "high", "bound", "unit"}
    allowed_keys |= {"counted", "change"}
    for name in [f"figures_gold{s}.json" for s in ("", "_blind", "_blind2", "_blind3")]:
        data = json.loads((Path(__file__).resolve().parent.parent / "benchmarks" / name).read_text())
        for doc in data["documents"]:
            assert re.fullmatch(r"(?:polnear|l3s)/[\w.-]+", doc["doc"])
            for sentence in doc["sentences"]:
                assert set(sentence) <= allowed_keys and re.fullmatch(r"[0-9a-f]{12}", sentence["sha1"])
                for item in sentence["items"]:
                    assert set(item) <= allowed_keys
                    texts = [v for k, v in item.items() if isinstance(v, str)]
                    assert all(len(v) <= 20 and "  " not in v for v in texts), texts


def test_temperatures_money_in_words_names_and_exact_scaled_values() -> None:
    text = (
        "It reached 40C and -5°C. Profit fell to £4.1m on sales of 1.5 trillion yen. "
        "The 5G network covers 5-10% of homes."
    )
    assert [(f.text, f.value, f.high, f.unit) for f in analyze(text, PUBLISHED).figures] == [
        ("40C", 40.0, None, "celsius"),
        ("-5°C", -5.0, None, "celsius"),
        ("£4.1m", 4_100_000.0, None, "GBP"),
        ("1.5 trillion yen", 1.5e12, None, "JPY"),
        ("5-10%", 5.0, 10.0, "percent"),
    ]


def test_a_figure_in_the_words_between_a_quotations_pieces_is_the_writers() -> None:
    a = analyze(
        '"Yes, I have made some bad choices," she continued in the four-page letter. '
        '"I ask for 30 days to show it."'
    )
    speakers = {f.text: f.speaker for f in a.figures}
    assert speakers == {"four": None, "30 days": "she"}
