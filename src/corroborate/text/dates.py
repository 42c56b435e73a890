"""Dates: the month and weekday names every stage reads, the one rule for naive times, and ISO
dates as the story file writes them ("2024-05-15", "2024-05", "2024-W20", "1950/1959"): the days
they cover, and the words a person writes for them.

Our own names, not strftime's: those follow the process locale.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_ISO_DECADE = re.compile(r"(\d{3})0/(\d{3})9")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Lower-case month names and the abbreviations pages print ("Sept", "Jan") -> month number.
MONTH_NUMBERS: dict[str, int] = (
    {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
    | {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}
    | {"sept": 9}
)
# Regular-expression alternatives: the full names first, so "January" is never read as "Jan".
MONTH_NAME_PATTERN = "|".join(MONTHS)
MONTH_ABBREVIATION_PATTERN = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
MONTH_PATTERN = rf"(?:{MONTH_NAME_PATTERN}|{MONTH_ABBREVIATION_PATTERN})"
WEEKDAY_PATTERN = rf"(?:{'|'.join(WEEKDAYS)})"


def date_in_words(iso: str) -> str:
    """An ISO date as a person writes it in a sentence: '15 May 2024', 'May 2024', '2024', 'the 1950s'.

    The story file keeps the ISO value in its structured fields; this is only for text a reader reads.
    Anything not understood is given as it is.
    """
    try:
        return _date_in_words(iso)
    except ValueError:  # "2024-02-30", week 53 of a 52-week year: shown as written
        return iso


def _date_in_words(iso: str) -> str:
    if (decade := _ISO_DECADE.fullmatch(iso)) and decade[1] == decade[2]:
        return f"the {decade[1]}0s"
    if "/" in iso:
        first, last = iso.split("/", 1)
        if last == "..":
            return f"since {date_in_words(first)}"
        return f"{date_in_words(first)} to {date_in_words(last)}"
    if week := ISO_WEEK.fullmatch(iso):
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return f"the week of {_day_in_words(monday)}"
    day, _, clock = iso.partition("T")
    if ISO_DAY.fullmatch(day):
        text = _day_in_words(date.fromisoformat(day))
        return f"{text}, {clock[:5]}" if clock else text
    if month := _ISO_MONTH.fullmatch(iso):
        return f"{MONTHS[date(int(month[1]), int(month[2]), 1).month - 1]} {month[1]}"
    return iso  # a year, or a form we do not know


def _day_in_words(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_day(day: date) -> str:
    """'Tue 12 May 2024': a day as a page's margin shows it, in English whatever the locale."""
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {short_month(day.year, day.month)}"


def short_month(year: int, month: int) -> str:
    """'May 2024', 'Sep 2024'."""
    return f"{MONTHS[month - 1][:3]} {year}"


def date_bounds(iso: str) -> tuple[str, str]:
    """The first and last ISO day (or month, or year) an ISO date covers: for sorting and ranges."""
    if "/" in iso:
        first, last = iso.split("/", 1)
        return date_bounds(first)[0], date_bounds(last)[1]
    if week := ISO_WEEK.fullmatch(iso):
        year, number = int(week[1]), int(week[2])
        try:
            return date.fromisocalendar(year, number, 1).isoformat(), date.fromisocalendar(
                year, number, 7
            ).isoformat()
        except ValueError:
            return iso, iso
    day = iso.partition("T")[0]
    return day, day


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time ("2024-05-15T09:30:00Z", "2024-05-15") with its zone (a naive one: UTC),
    or None for anything else: feeds, WARC records and JSON lines all give their times so."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return as_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


def as_utc(moment: datetime) -> datetime:
    """The moment with its zone; a naive one is UTC (SQLite hands times back without their zone, and
    feeds, sitemaps and JSON lines may give none). One rule for the whole project."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def in_utc(moment: datetime) -> datetime:
    """The same moment on UTC's clock (a naive one is UTC already): for ordering and day arithmetic."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def publication_order(published: datetime | None, key: str) -> tuple[datetime, str]:
    """How a story's articles are ordered wherever they are shown or compared: earliest first
    (moments compared in UTC), undated ones last, then by id."""
    return (as_utc(published or datetime.max), key)
