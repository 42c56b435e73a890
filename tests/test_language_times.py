"""Time expressions normalised against the publication time."""

from __future__ import annotations

from datetime import UTC, datetime

from corroborate.language import analyze

FRIDAY = datetime(2023, 9, 29, 7, 47, tzinfo=UTC)


def _times(text: str, published: datetime | None = FRIDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.value, t.grain) for t in analyze(text, published).times]


def test_relative_days() -> None:
    assert _times("It began yesterday, eased last night and ends today.") == [
        ("yesterday", "2023-09-28", "day"),
        ("last night", "2023-09-28", "day"),
        ("today", "2023-09-29", "day"),
    ]


def test_weekdays_point_back_unless_the_text_points_forward() -> None:
    assert _times("The team arrived on Friday evening and left on Tuesday.") == [
        ("Friday evening", "2023-09-29", "day"),
        ("Tuesday", "2023-09-26", "day"),
    ]
    assert _times("The talks will resume on Monday.") == [("Monday", "2023-10-02", "day")]
    assert _times("A mission would travel there this weekend.") == [
        ("this weekend", "2023-09-30/2023-10-01", "weekend")
    ]


def test_dates_months_years_and_decades() -> None:
    assert _times("It ended on September 20 after the orders issued in February and in 2021.") == [
        ("September 20", "2023-09-20", "day"),
        ("February", "2023-02", "month"),
        ("2021", "2021", "year"),
    ]
    assert _times("Fighting there 30 years ago; run by rebels since the 1990s.") == [
        ("30 years ago", "1993", "year"),
        ("since the 1990s", "1990/2023-09-29", "interval"),
    ]
    assert _times("Visits will follow in the coming days.") == [
        ("in the coming days", "2023-09-29/..", "interval")
    ]


def test_without_publication_time_only_absolute_expressions() -> None:
    assert _times("On March 3, 2024 and yesterday and on Friday.", None) == [
        ("March 3, 2024", "2024-03-03", "day")
    ]


def test_recurring_times_are_no_date() -> None:
    assert _times("The fish market opens every Sunday beside the old ferry pier.") == []
    assert _times("Choir practice is held on the first Sunday of every month.") == []
    assert _times("Volunteers gather on Tuesday evenings, and each Friday the hall is cleaned.") == []
    assert _times("The council meets each year in March to set the rates.") == []
    # one day stays a day
    assert _times("The fish market opened on Sunday.") == [("Sunday", "2023-09-24", "day")]


def test_a_season_written_with_two_digits_is_the_two_years() -> None:
    assert _times("The club won the 2008-09 title and spent less in 2019/20 and in 1999–00.") == [
        ("2008-09", "2008/2009", "interval"),
        ("2019/20", "2019/2020", "interval"),
        ("1999–00", "1999/2000", "interval"),
    ]
    # only the next year makes a season: not a month, a code or a full date
    assert _times("Form 1999-02 was filed with the permit 2008-10 on 2008-09-15.") == [
        ("2008-09-15", "2008-09-15", "day")
    ]


def test_a_year_before_a_noun_is_a_year() -> None:
    assert _times("Her 2012 memoir revisits the 2004 floods and the 1998 Winter Games.") == [
        ("2012", "2012", "year"),
        ("2004", "2004", "year"),
        ("1998", "1998", "year"),
    ]
    assert _times("Ostrava's 2015 budget was cut.") == [("2015", "2015", "year")]


def test_numbers_that_only_look_like_years_are_not_years() -> None:
    text = (
        "About 2008 people came, paying $2015 in all; the 2000 km route passed Room 2010 and "
        "flight 1990 while the team scored 2003 points and the 2,010 runners finished."
    )
    assert _times(text) == []
    assert _times("Officials said that 2008 was the wettest.") == []


def test_an_abbreviated_month_without_a_space_before_the_day() -> None:
    assert _times("Ballots went out Sept.14 and were counted by Dec.2, 2022.") == [
        ("Sept.14", "2023-09-14", "day"),
        ("Dec.2, 2022", "2022-12-02", "day"),
    ]


def test_a_weekday_follows_the_verb_of_its_own_clause() -> None:
    # Published on Friday 2023-09-29: Saturday ahead is 09-30, the Tuesday behind 09-26.
    text = (
        "The referendum, which the commission announced on Tuesday would be the first in a decade, "
        "will be held in all nine river districts on Saturday."
    )
    assert _times(text) == [("Tuesday", "2023-09-26", "day"), ("Saturday", "2023-09-30", "day")]
    assert _times("The harbour mayor said on Tuesday that she will step down.") == [
        ("Tuesday", "2023-09-26", "day")
    ]
    for future in (
        "The regatta is scheduled for Saturday.",
        "The lantern parade takes place on Saturday near the quay.",
        "The new ferry line opens on Saturday.",
        "The hearing is to be held on Saturday.",
        "On Saturday, the two mayors will sign the accord.",
        "If the council agrees on Saturday, the bridge reopens in spring.",
    ):
        assert [(t[0], t[1]) for t in _times(future)] == [("Saturday", "2023-09-30")], future
    for past in (
        "The regatta was held on Saturday.",
        "The lantern parade did not take place on Saturday.",
        "The ferry was set to sail on Saturday.",
        "The harbour was closed due to the storm on Saturday.",
        "The impact of Saturday's storm is still visible.",
    ):
        assert [(t[0], t[1]) for t in _times(past)] == [("Saturday", "2023-09-23")], past


def test_a_month_with_its_year_named_after_it() -> None:
    assert _times("The levy rose in May last year and falls in March of next year.") == [
        ("May last year", "2022-05", "month"),
        ("March of next year", "2024-03", "month"),
    ]


def test_as_soon_as_a_weekday_is_the_one_ahead() -> None:
    # Issue 18: "as soon as Wednesday" was dated to the Wednesday before the article.
    assert _times("The vote could come as soon as Wednesday, aides said.") == [
        ("Wednesday", "2023-10-04", "day")
    ]
    assert _times("Talks might start as early as Monday.") == [("Monday", "2023-10-02", "day")]
    assert _times("The vote came on Wednesday.") == [("Wednesday", "2023-09-27", "day")]
