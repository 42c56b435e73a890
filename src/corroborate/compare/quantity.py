"""What makes two figures one quantity: a real count, its occasion, and its as-of date.

The language stage reads every number; a comparison must only put side by side
numbers that count the same thing on the same occasion. These checks read the
figure's own words and the sentence around it, nothing else.
"""

from __future__ import annotations

import math
import re

from corroborate.model import Analysis, Figure, Span
from corroborate.settings import CompareSettings
from corroborate.text.words import is_content, iter_words, stem, words

# "even one life", "not a single", "one of the": the number counts nothing.
_NOTHING_BEFORE = re.compile(r"(?:\b(?:even|not|no|any|every|each|just about)\s+(?:a\s+)?)$", re.IGNORECASE)
_ONE_OF = re.compile(r"^\s+(?:of|another|other|or\s+(?:two|more|another))\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^[-\s]*(?:years?[-\s]+old|year-old|yr-old|-year)\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s*$", re.IGNORECASE)
_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$", re.I
)
_AGE_HEADS = frozenset({"year-old", "yr-old"})
_WORD_ONE = frozenset({"one", "a", "an", "single", "once"})
# A period's start, not the date a figure stands as of: "since Monday", "from 2002".
_PERIOD_START = re.compile(r"\b(?:since|from|starting|beginning)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def counts_nothing(text: str, f: Figure) -> str | None:
    """Why the figure is no count ("even one life", an ordinal, an age), or None when it is one."""
    before, after = text[max(0, f.start - 30) : f.start], text[f.end : f.end + 30]
    surface = f.text.strip().lower()
    if _ORDINAL.match(surface):
        return "an ordinal"
    if f.value == 1 and surface in _WORD_ONE and (_NOTHING_BEFORE.search(before) or _ONE_OF.match(after)):
        return "'one' as a word, not a count"
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before) or stem(f.counted or "") in _AGE_HEADS:
        return "an age"
    return None


def stated_as_of(text: str, analysis: Analysis | None, f: Figure, sentence: Span | None) -> str | None:
    """The figure's as-of date, unless its sentence gives that date as a period's start ("since Monday")."""
    if f.as_of is None or analysis is None:
        return f.as_of
    lo, hi = (sentence.start, sentence.end) if sentence else (f.start - 200, f.end + 200)
    for t in analysis.times:
        starts_period = _PERIOD_START.search(text[max(0, t.start - 15) : t.start])
        if lo <= t.start < hi and t.value.startswith(f.as_of[:10]) and starts_period:
            return None
    return f.as_of


def occasion(text: str, analysis: Analysis | None, f: Figure, sentence: Span | None) -> frozenset[str]:
    """What tells one occasion from another in the figure's sentence and counted words.

    Years named in the sentence ("the 2019 election") and ordinals, numbers and names
    qualifying the counted thing ("votes in the second round"). Two figures whose
    occasions are both stated and share nothing are different quantities.
    """
    marks: set[str] = set()
    counted = f.counted or ""
    lead = [m.group(0) for m in iter_words(counted)]
    cut = next((i for i, w in enumerate(lead) if not is_content(w)), len(lead))
    head = lead[cut - 1] if cut else ""
    for m in iter_words(counted):
        w = m.group(0)
        if w == head:
            continue  # the counted noun itself ("Armenians") is what is counted, not the occasion
        if _ORDINAL.match(w) or w[:1].isdigit() or (w[:1].isupper() and is_content(w)):
            marks.add(w.lower())
    if analysis is not None and sentence is not None:
        for t in analysis.times:
            inside = sentence.start <= t.start < sentence.end and t.grain in ("year", "decade")
            if inside and not _PERIOD_START.search(text[max(0, t.start - 15) : t.start]):
                marks.add(t.value[:4])
    elif sentence is not None:
        marks.update(w for w in words(text[sentence.start : sentence.end]) if _YEAR.match(w))
    return frozenset(marks)


# Groups a count names that are not one another: "5 soldiers killed" is not "12 civilians killed".
_SUBGROUP_WORDS = """civilians soldiers troops children women men police officers militants fighters
    students passengers workers patients prisoners journalists protesters rebels"""
_SUBGROUPS = frozenset(stem(w) for w in _SUBGROUP_WORDS.split())


def named_group(head: str) -> str:
    """The counted head when it names a particular group of people, else '' (people, residents, none)."""
    return head if head in _SUBGROUPS else ""


def same_occasion(a: frozenset[str], b: frozenset[str]) -> bool:
    return not (a and b) or bool(a & b)


_SAYS = re.compile(r"\W*(?:\w+\W+){0,2}?(?:said|says|told|tells|stated|claimed|estimated|reported)\b", re.I)
# Where the words that belong to a figure start: a clause break before it ("..., landed 178").
_SEGMENT_BREAK = re.compile(r"[,;:()]|\b(?:while|whereas|and|but|against|to)\b", re.IGNORECASE)


def owner(text: str, analysis: Analysis | None, f: Figure, sentence: Span | None) -> str | None:
    """The person whose figure it is, where the words say so: "Rahman (45-7-2, 36 KOs)", "Rahman
    connected on 30 of 207 punches". Klitschko's 46 knockouts and Rahman's 36 are two quantities.

    Inside brackets, the person just before them; otherwise the last person named between the
    figure and the clause break before it. None when no person is that close.
    """
    if analysis is None or sentence is None:
        return None
    # Who states the figure does not own it: "Mayor Ida Holm said 16 people died".
    people = [
        m
        for m in analysis.mentions
        if m.label == "PERSON"
        and sentence.start <= m.start < f.start
        and m.entity != f.speaker_entity
        and not _SAYS.match(text, m.end)
    ]
    opened = text.rfind("(", sentence.start, f.start)
    if opened >= 0 and text.find(")", opened, f.start) < 0:
        before = [m for m in people if m.end <= opened and not text[m.end : opened].strip()]
        return before[-1].entity if before else None
    breaks = list(_SEGMENT_BREAK.finditer(text, sentence.start, f.start))
    start = breaks[-1].end() if breaks else sentence.start
    inside = [m for m in people if m.start >= start]
    return inside[-1].entity if inside else None


# Words two reports of one quantity share beyond the figure itself ("landslide", "Brannock").
MIN_CONTEXT_SHARED = 2


def context_shared(text_a: str, sentence_a: Span, text_b: str, sentence_b: Span, counted: str) -> int:
    """How many content words the two figures' sentences share besides what is counted and numbers.

    "ended in disgrace after two sexting scandals" and "three sexting scandals was one too many"
    share only the counted thing: two time frames as likely as one figure told two ways.
    """
    skip = {stem(w) for w in words(counted)}

    def stems(text: str, s: Span) -> set[str]:
        return {stem(w) for w in words(text[s.start : s.end]) if is_content(w) and not w[:1].isdigit()} - skip

    return len(stems(text_a, sentence_a) & stems(text_b, sentence_b))


def _interval(f: Figure, approx: float) -> tuple[float, float]:
    v = f.value
    match f.bound:
        case "exact":
            return (v, v)
        case "approximate":
            return (v * (1 - approx), v * (1 + approx))
        case "more_than" | "at_least":
            return (v, math.inf)
        case "less_than" | "at_most":
            return (-math.inf, v)
        case "range":
            return (v, f.high if f.high is not None else v)
    return (v, v)


def figures_agree(a: Figure, b: Figure, settings: CompareSettings) -> bool:
    """The same stated value, or intervals that overlap: "more than 10" agrees with 12.

    Bounds are read as the intervals they state; a bound is not an estimate of its number.
    Comparisons only ever hold figures of one magnitude (`figures_max_ratio`), so an open bound
    never reaches a figure of another order.
    """
    if abs(a.value - b.value) <= settings.figures_same_value * max(abs(a.value), abs(b.value)):
        return True
    approx = settings.figures_approximate
    (lo1, hi1), (lo2, hi2) = _interval(a, approx), _interval(b, approx)
    return lo1 <= hi2 and lo2 <= hi1
