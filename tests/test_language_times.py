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
