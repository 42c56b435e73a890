"""Evidence that two similar articles report two different events of the same kind.

Two title defences by the same boxer, two pirate captures by the same navy:
the articles share the main names and most words, so their cosine is high.
What tells them apart is a detail that cannot both be true of one event: the
event happened on dates weeks apart, the same counted thing (pirates
arrested, people killed) has different exact counts, or each article keeps
naming someone or somewhere the other never names at all (the opponent, the
venue, the new coach). Each such conflict
multiplies the pair's similarity down; it never raises it, so articles without
dates or figures are compared exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from corroborate.model import Analysis
from corroborate.stories.names import salient_names
from corroborate.text.names import name_forms
from corroborate.text.words import STOPWORDS, content_stems

# Explicit dates of one event reported by different outlets stay within this many days
# (a dateline, "on Saturday" resolved, the day after); further apart they are two events.
DATE_CONFLICT_DAYS = 120
DATE_CONFLICT_FACTOR = 0.35
# The same counted thing with different exact counts: weaker evidence (early counts change).
FIGURE_CONFLICT_FACTOR = 0.6
# Only the opening of an article dates its event; later dates are often background.
LEAD_CHARS = 400
# Counts of people or things this large are estimates even when stated exactly.
MAX_COUNT = 10_000
# Each article repeats a name the other never mentions, under any label or form. Weak
# evidence (outlets quote different people), so a mild factor; chosen on ECB+, where
# 0.75-0.85 give the same.
ABSENT_NAME_FACTOR = 0.8
# The same office held by different people ("Interior Secretary Dirk Kempthorne" /
# "Interior Secretary Ken Salazar"), neither article naming the other's holder at all.
# Chosen on ECB+: 0.3-0.6 give the same there (0.3-0.5 with the analyses of an older name model).
ROLE_CONFLICT_FACTOR = 0.5
# Longer role phrases are descriptions ("director of the ... program"), not an office.
MAX_ROLE_WORDS = 4
# A one-word role ("photographer") or one of title words alone ("prime minister", "general
# manager") is held by many people at once (one per country, team, company); a title
# qualified by what it is of ("Interior Secretary", "Qeshm governor") by one.
_TITLE_TEXT = """
    president vice prime minister secretary general manager chief head director governor mayor
    chairman chairwoman chair spokesman spokeswoman spokesperson deputy executive senior assistant
    foreign coach leader commander officer official judge attorney lawyer counsel adviser advisor
    ceo cfo founder owner captain lieutenant sergeant senator representative ambassador envoy
    minority majority speaker
"""
_TITLE_WORDS = frozenset(_TITLE_TEXT.split())
# Words that place a holder before or after their time in office.
_PAST = frozenset({"former", "ex", "late", "then", "outgoing"})
_FUTURE = frozenset({"elect", "incoming", "designate"})
_DATED = frozenset({"day", "week", "weekend", "month", "year"})


@dataclass(frozen=True)
class Office:
    """An office an article names with its holder: "Interior Secretary Dirk Kempthorne"."""

    key: frozenset[str]  # its words in lower case, without "former", "-elect"
    tense: str  # "now", "past" (former), "future" (-elect)
    holder: frozenset[str]  # the holder's name forms


@dataclass
class EventMarks:
    """What of an article can conflict with another: its event day, exact counts, names and offices."""

    day: date | None = None
    # stem of a counted word -> the exact counts given for it.
    counts: dict[str, frozenset[float]] = field(default_factory=dict)
    values: frozenset[float] = frozenset()
    # Every name form in the article, and the forms of each entity it keeps naming.
    names: frozenset[str] = frozenset()
    salient: tuple[frozenset[str], ...] = ()
    roles: tuple[Office, ...] = ()
    # The years of the dates it gives (days, weeks, months, years).
    years: frozenset[int] = frozenset()


def event_day(analysis: Analysis | None, published: datetime | None) -> date | None:
    """The day the article is about: its publication day, else the first full date in its lead."""
    if published is not None:
        return published.date()
    if analysis is None:
        return None
    for t in analysis.times:
        if t.start > LEAD_CHARS:
            break
        if t.grain == "day" and len(t.value) == 10:
            try:
                return date.fromisoformat(t.value)
            except ValueError:
                continue
    return None


def marks(analysis: Analysis | None, published: datetime | None) -> EventMarks:
    m = EventMarks(day=event_day(analysis, published))
    m.names, m.salient = salient_names(analysis)
    if analysis is None:
        return m
    m.roles = offices(analysis)
    m.years = frozenset(
        int(t.value[:4]) for t in analysis.times if t.grain in _DATED and t.value[:4].isdigit()
    )
    counts: dict[str, set[float]] = {}
    values: set[float] = set()
    for fig in analysis.figures:
        if fig.partitive:
            continue  # "one of the ...": a count of one that reports nothing of the event
        values.add(fig.value)
        if fig.bound != "exact" or fig.high is not None or fig.unit or not fig.counted:
            continue
        if not (1 < fig.value < MAX_COUNT and fig.value.is_integer()):
            continue
        for s in content_stems(fig.counted)[:2]:
            counts.setdefault(s, set()).add(fig.value)
    m.counts = {k: frozenset(v) for k, v in counts.items()}
    m.values = frozenset(values)
    return m


def conflict_factor(a: EventMarks, b: EventMarks) -> float:
    factor = 1.0
    if a.day is not None and b.day is not None and abs((a.day - b.day).days) > DATE_CONFLICT_DAYS:
        factor *= DATE_CONFLICT_FACTOR
    if counts_conflict(a, b):
        factor *= FIGURE_CONFLICT_FACTOR
    if absent_name(a, b) and absent_name(b, a):
        factor *= ABSENT_NAME_FACTOR
    if role_conflict(a, b):
        factor *= ROLE_CONFLICT_FACTOR
    return factor


def offices(analysis: Analysis) -> tuple[Office, ...]:
    """Each office the article names with its holder."""
    found: list[Office] = []
    for entity in analysis.entities:
        holder = name_forms([entity.name, *entity.aliases])
        for role in entity.roles:
            words = re.findall(r"[a-z]+", role.lower().replace("-", " "))
            if not words or len(words) > MAX_ROLE_WORDS:
                continue
            tense = "past" if _PAST & set(words) else "future" if _FUTURE & set(words) else "now"
            key = frozenset(w for w in words if w not in STOPWORDS and w not in _PAST | _FUTURE)
            if key and holder:
                found.append(Office(key, tense, holder))
    return tuple(found)


def role_conflict(a: EventMarks, b: EventMarks) -> bool:
    """An office held by someone else in each article, or one person's office in two tenses.

    "Interior Secretary Dirk Kempthorne" against "Interior Secretary Ken Salazar"
    (neither article naming the other's holder at all); "President-elect Barack
    Obama" against "President Barack Obama".
    """
    for x in a.roles:
        for y in b.roles:
            if x.key != y.key:
                continue
            if x.holder & y.holder:
                if x.tense != y.tense:
                    return True
                continue
            unnamed = not (x.holder & b.names) and not (y.holder & a.names)
            office = len(x.key) > 1 and bool(x.key - _TITLE_WORDS)
            if unnamed and office and x.tense == y.tense == "now":
                return True
    return False


def absent_name(a: EventMarks, b: EventMarks) -> bool:
    """`a` keeps naming an entity that `b` does not name in any form.

    Compared on the names alone: the label the name model gave (person, place,
    organisation) changes between model versions and between articles.
    """
    return any(not (forms & b.names) for forms in a.salient)


def counts_conflict(a: EventMarks, b: EventMarks) -> bool:
    """Both count the same thing, and neither mentions any of the other's counts for it at all."""
    for key, va in a.counts.items():
        vb = b.counts.get(key)
        if vb and not (va & b.values) and not (vb & a.values):
            return True
    return False
