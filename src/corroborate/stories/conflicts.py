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

from dataclasses import dataclass, field
from datetime import date, datetime

from corroborate.model import Analysis
from corroborate.stories.names import salient_names
from corroborate.terms import content_stems

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


@dataclass
class EventMarks:
    """What of an article can conflict with another: its event day and its exact counts."""

    day: date | None = None
    # stem of a counted word -> the exact counts given for it.
    counts: dict[str, frozenset[float]] = field(default_factory=dict)
    values: frozenset[float] = frozenset()
    # Every name form in the article, and the forms of each entity it keeps naming.
    names: frozenset[str] = frozenset()
    salient: tuple[frozenset[str], ...] = ()


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
    counts: dict[str, set[float]] = {}
    values: set[float] = set()
    for fig in analysis.figures:
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
    if _counts_conflict(a, b):
        factor *= FIGURE_CONFLICT_FACTOR
    if _absent_name(a, b) and _absent_name(b, a):
        factor *= ABSENT_NAME_FACTOR
    return factor


def _absent_name(a: EventMarks, b: EventMarks) -> bool:
    """`a` keeps naming an entity that `b` does not name in any form.

    Compared on the names alone: the label the name model gave (person, place,
    organisation) changes between model versions and between articles.
    """
    return any(not (forms & b.names) for forms in a.salient)


def _counts_conflict(a: EventMarks, b: EventMarks) -> bool:
    """Both count the same thing, and neither mentions any of the other's counts for it at all."""
    for key, va in a.counts.items():
        vb = b.counts.get(key)
        if vb and not (va & b.values) and not (vb & a.values):
            return True
    return False
