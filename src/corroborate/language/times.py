"""Time expressions, normalised against the publication time.

Relative expressions ('yesterday', 'on Friday', 'this weekend') need the
publication time; without it they are left out. Weekdays and months point
back (the one on or before publication) unless the verb of their own clause
points forward ('will be held ... on Saturday', 'takes place on Saturday').
Recurring times ('every Sunday', 'Sunday mornings') are no date. Years count
after a preposition ('in 2008') or as a modifier ('the 2008 election'), and a
season written '2008-09' is the two years.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Final

from corroborate.language.lexicon import WEEKDAYS, words
from corroborate.language.numbers import SMALL
from corroborate.language.tense import points_forward
from corroborate.language.units import UNITS
from corroborate.model import Span, TimeExpression, TimeGrain
from corroborate.text.dates import MONTH_NUMBERS, MONTH_PATTERN, WEEKDAY_PATTERN
from corroborate.text.words import ARTICLES, POSSESSIVES

_MONTH: Final = MONTH_PATTERN
_WEEKDAY: Final = WEEKDAY_PATTERN
_SMALL_WORDS: Final = "|".join(SMALL)
# Words after "the 2008" that make it a count, not a year: units ("the 2000 km"), things often
# counted ("the 2000 troops"), and words that start no noun ("said that 2008 was ...").
_NOT_MODIFIED: Final = frozenset(
    {u.lower() for u in UNITS}
    | words(
        "residents troops soldiers votes voters workers jobs homes houses cases deaths members"
        " children and or to of in on at for by with from than as is was are were be been has had"
        " have will would said says more less per plus"
    )
)
# The words before a year that make the year a modifier of the noun after it.
_DETERMINER: Final = "|".join(rf"(?<=\b{w} )" for w in sorted(ARTICLES | POSSESSIVES | {"this", "that"}))

Found = tuple[int, int, str, TimeGrain]
Handler = Callable[[re.Match[str], date | None, bool], tuple[str, TimeGrain] | None]


def _month_num(name: str) -> int:
    return MONTH_NUMBERS[name.lower().rstrip(".")]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _full_date(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    d = _safe_date(int(m["year"]), _month_num(m["month"]), int(m["day"]))
    return (d.isoformat(), "day") if d else None


def _slash_date(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    d = _safe_date(y, b, a) if a > 12 else _safe_date(y, a, b)  # US order unless the first cannot be a month
    if d is None:
        return None
    if m["hh"]:
        hour = int(m["hh"]) % 12 + (12 if (m["ampm"] or "").upper() == "PM" else 0)
        return f"{d.isoformat()}T{hour:02d}:{m['mm']}", "instant"
    return d.isoformat(), "day"


def _month_day(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    month, day = _month_num(m["month"]), int(m["day"])
    d = _safe_date(ref.year, month, day)
    if d is None:
        return None
    if not future and (d - ref).days > 183:
        d = _safe_date(ref.year - 1, month, day) or d  # "December 28" in a January article
    return d.isoformat(), "day"


def _month_year(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    return f"{int(m['year']):04d}-{_month_num(m['month']):02d}", "month"


def _month_only(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    month = _month_num(m["month"])
    year = ref.year
    if m["yrel"]:  # "March of next year", "in June last year"
        year += {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
    elif (future or (m["rel"] or "").lower() == "next") and month < ref.month:
        year += 1
    elif not future and month > ref.month:
        year -= 1
    return f"{year:04d}-{month:02d}", "month"


def _weekday(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    target = WEEKDAYS.index(m["wd"].lower())
    rel = (m["rel"] or "").lower()
    back = (ref.weekday() - target) % 7
    if rel == "last":
        d = ref - timedelta(days=back or 7)
    elif rel in ("next", "this", "coming") or future:
        d = ref + timedelta(days=(target - ref.weekday()) % 7)
    else:
        d = ref - timedelta(days=back)
    return d.isoformat(), "day"


def _relative_day(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    word = m.group(0).lower()
    shift = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
    return (ref + timedelta(days=shift)).isoformat(), "day"


def _weekend(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    saturday = (
        ref + timedelta(days=(5 - ref.weekday()) % 7)
        if ref.weekday() < 5
        else ref - timedelta(days=ref.weekday() - 5)
    )
    rel = m["rel"].lower()
    if rel == "last":
        saturday -= timedelta(days=7)
    elif rel == "next" and ref.weekday() >= 5:
        saturday += timedelta(days=7)
    return f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}", "weekend"


def _period(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    unit = m["unit"].lower()
    if unit == "year":
        return str(ref.year + shift), "year"
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + shift
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    year, week, _ = (ref + timedelta(weeks=shift)).isocalendar()
    return f"{year:04d}-W{week:02d}", "week"


def _coming(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    return (f"{ref.isoformat()}/..", "interval") if ref else None


def _ago(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    if ref is None:
        return None
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else 1 if raw in ("a", "an") else SMALL.get(raw, 0)
    unit = m["unit"].lower().rstrip("s")
    if unit in ("year", "decade"):
        return str(ref.year - n * (10 if unit == "decade" else 1)), "year"
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 - n
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    days = n * (7 if unit == "week" else 1)
    return (ref - timedelta(days=days)).isoformat(), "day"


def _decade(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    start = int(m["dec"])
    if m["since"]:
        return f"{start}/{ref.isoformat() if ref else '..'}", "interval"
    return f"{start}/{start + 9}", "decade"


def _year_range(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    return f"{m['y1']}/{m['y2']}", "interval"


def _season(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    # "the 2008-09 season", "fiscal 2019/20": a season runs into the next year and no other;
    # "1999-02" is some other thing (a month, a code).
    first = int(m["y1"])
    return (f"{first}/{first + 1}", "interval") if int(m["y2"]) == (first + 1) % 100 else None


def _year(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    return m["year"], "year"


def _modifier_year(m: re.Match[str], ref: date | None, future: bool) -> tuple[str, TimeGrain] | None:
    # "the 2008 election", "its 2015 report", "the 2010 World Cup"; not "the 2008 people" (a count).
    return None if m["next"].lower() in _NOT_MODIFIED else (m["year"], "year")


_PATTERNS: Final[list[tuple[re.Pattern[str], Handler]]] = [
    (
        re.compile(
            rf"\b(?P<month>{_MONTH})(?: |(?<=\.))(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b"
        ),
        _full_date,
    ),
    (
        re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTH}),? (?P<year>\d{{4}})\b"),
        _full_date,
    ),
    (
        re.compile(
            r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})"
            r"(?:,? (?P<hh>\d{1,2}):(?P<mm>\d{2})(?: ?(?P<ampm>[AaPp][Mm]))?)?"
        ),
        _slash_date,
    ),
    (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"), lambda m, r, f: (m.group(0), "day")),
    (
        # "Dec. 14", and "Dec.14" as it is often typed
        re.compile(rf"\b(?P<month>{_MONTH})(?: |(?<=\.))(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d)"),
        _month_day,
    ),
    (re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTH})\b(?!,? \d)"), _month_day),
    (re.compile(rf"\b(?P<month>{_MONTH}),? (?P<year>\d{{4}})\b"), _month_year),
    (
        re.compile(
            r"(?:\b(?:in|since|until|by|during|early|late|mid-?|of|(?P<rel>last|next|this))\s+)"
            rf"(?P<month>{_MONTH})\b(?![ ,]+\d)(?:,? (?:of )?(?P<yrel>last|next|this) year\b)?"
        ),
        _month_only,
    ),
    (
        re.compile(
            rf"(?:\b(?P<rel>last|next|this|coming)\s+)?\b(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
        _weekday,
    ),
    (
        re.compile(
            r"\b(?:today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))\b", re.I
        ),
        _relative_day,
    ),
    (re.compile(r"\b(?P<rel>this|last|next) weekend\b", re.I), _weekend),
    (re.compile(r"\b(?P<rel>last|this|next) (?P<unit>week|month|year)\b", re.I), _period),
    (
        re.compile(
            r"\b(?:in|over|during) the (?:coming|next(?: few)?|following) (?:days|weeks|months)\b", re.I
        ),
        _coming,
    ),
    (
        re.compile(
            rf"\b(?P<n>\d+|a|an|{_SMALL_WORDS}) (?P<unit>years?|decades?|months?|weeks?|days?) ago\b", re.I
        ),
        _ago,
    ),
    (re.compile(r"(?:\b(?P<since>since) )?\b(?:the )?(?P<dec>(?:1[89]|20)\d0)['’]?s\b", re.I), _decade),
    (
        re.compile(r"(?<![\d,.])\b(?P<y1>(?:19|20)\d{2}) ?[-–] ?(?P<y2>(?:19|20)\d{2})\b(?![\d,.])"),
        _year_range,
    ),
    (
        re.compile(r"(?<![\d,.$€£/-])\b(?P<y1>(?:19|20)\d{2})[-–/](?P<y2>\d{2})\b(?![-–/]?\d|[,.]\d)"),
        _season,
    ),
    (
        re.compile(
            r"(?:\b(?:in|since|until|by|from|before|after|during|of|early|late|mid-?)\s+)(?P<year>(?:19|20)\d{2})\b(?![,.]?\d)"
        ),
        _year,
    ),
    (
        re.compile(
            rf"(?:{_DETERMINER}|(?<=['’]s ))(?P<year>(?:19|20)\d{{2}})(?=\s+(?P<next>[A-Za-z]+))",
            re.IGNORECASE,
        ),
        _modifier_year,
    ),
]
_LEADING_PREP: Final = re.compile(r"(?:in|on|by|until|during|of|from|before|after)\s+", re.IGNORECASE)
# A recurring time ("every Sunday", "the first Sunday of every month", "Sunday mornings",
# "each year in March") is no one day: read as a date it would put a routine on the timeline.
_RECURRING_BEFORE: Final = re.compile(
    r"\b(?:every|each)\s+(?:other\s+|(?:first|second|third|fourth|last)\s+"
    r"|(?:week|month|year)\s+(?:on|in)\s+)?$",
    re.IGNORECASE,
)
_RECURRING_AFTER: Final = re.compile(
    r"\s+(?:of\s+(?:every|each|the)\s+(?:week|month|year)|(?:every|each)\s+(?:week|month|year)"
    r"|(?:mornings|afternoons|evenings|nights))\b",
    re.IGNORECASE,
)


# "as soon as Wednesday", "as early as next month": the earliest day of what has not happened yet.
_SOONEST: Final = re.compile(r"\bas (?:soon|early) as\s+(?:on\s+)?$", re.IGNORECASE)


def _recurring(text: str, start: int, end: int, sentence: Span) -> bool:
    return bool(
        _RECURRING_BEFORE.search(text[max(sentence.start, start - 40) : start])
        or _RECURRING_AFTER.match(text, end, sentence.end)
    )


def find_times(text: str, sentences: Sequence[Span], published: datetime | None) -> list[TimeExpression]:
    ref = published.date() if published else None
    found: list[tuple[int, int, str, TimeGrain]] = []
    for sentence in sentences:
        hits: list[tuple[int, int, re.Match[str], Handler]] = []
        for pattern, handler in _PATTERNS:
            for m in pattern.finditer(text, sentence.start, sentence.end):
                start = m.start()
                lead = _LEADING_PREP.match(text, start, m.end())
                if lead is not None and not m.group(0).lower().startswith(("in the coming", "in the next")):
                    start = lead.end()  # "on Friday" -> "Friday": the preposition is not the time
                hits.append((start, m.end(), m, handler))
        taken: list[tuple[int, int]] = []
        for start, end, m, handler in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
            if any(start < e and s < end for s, e in taken):
                continue
            if _recurring(text, start, end, sentence):
                taken.append((start, end))
                continue
            ahead = bool(_SOONEST.search(text, max(sentence.start, start - 16), start))
            result = handler(m, ref, ahead or points_forward(text, start, end, sentence))
            if result is not None:
                taken.append((start, end))
                found.append((start, end, *result))
    found.sort()
    return [TimeExpression(start=s, end=e, text=text[s:e], value=v, grain=g) for s, e, v, g in found]
