"""Who gives a figure and as of when, each with where the text says so.

A figure's speaker is the speaker of the attribution around it, when that attribution's verb can
give a number ("said", "according to", "estimated", "found"; not "added 20 points" or "pleaded"),
or else a source its sentence names without a speech verb: "data from the ministry show", "a
poll by X found", "in a Washington Post-ABC News poll", "those surveyed say". A poll's results
that follow it without a source of their own ("Less than a third agreed ...") are the poll's.

The as-of is the time its sentence says the figure holds: "by the end of March", "in 2012",
"last week"; not the start of a period ("since Monday") nor the day it was said ("said Tuesday").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final, NamedTuple, TypedDict

from corroborate.language.lexicon import words
from corroborate.model import Figure, Mention, Quote, Span, TimeExpression

# Verbs through which someone gives a number; PolNeAR's cues reach wider ("thanked", "wants").
_GIVING_CUES: Final = words(
    "say says said saying tell tells told telling add adds added adding according "
    "estimate estimates estimated estimating find finds found show shows showed shown "
    "report reports reported reporting announce announces announced announcing argue argues argued "
    "write writes wrote notes noted suggest suggests suggested suggesting insist insists "
    "insisted claim claims claimed predict predicts predicted expect expects expected believe believes "
    "believed think thinks thought conclude concludes concluded testify testifies testified state "
    "states stated explain explains explained warn warns warned acknowledge acknowledged concede "
    "conceded confirm confirms confirmed reveal reveals revealed calculate calculated count counts "
    "counted put puts project projects projected forecast recall recalled assert asserted contend "
    "contended counter countered cite cites cited citing quote quoted reckon reckons figure figures "
    "tally tallied recount recounted"
)
# "Rafer Alston added 20 points": "add" and "put" followed by the figure itself count, not speak.
_COUNTING_CUES: Final = words("add adds added adding put puts")
# A source that is no speaker: a poll, a study, figures.
_SOURCE_NOUN: Final = (
    r"(?:poll|polls|polling|survey|surveys|data|figures|statistics|study|studies|report|census|"
    r"analysis|estimates?|forecast|tally|count|research|records|average)"
)
_SOURCE_VERB: Final = (
    r"(?:shows?|showed|shown|found|finds|reveal(?:s|ed)?|indicate[sd]?|suggest(?:s|ed)?|estimated?|"
    r"counted|reported|calls?\s+for|puts?)"
)
_NP_WORD: Final = r"(?:(?:[A-Z]\.)+|[\w'’&/-]+)"
# "Data from the Human Fertilisation and Embryology Authority show", "official statistics show".
_SOURCE_SAYS: Final = re.compile(
    rf"(?P<np>(?:{_NP_WORD}\s+){{0,5}}?{_SOURCE_NOUN}(?:\s+(?:by|from|of|for)\s+(?:{_NP_WORD}\s+){{0,11}}?{_NP_WORD})?)"
    rf"(?:,\s*however,)?\s+(?:(?:has|have|had|also|now)\s+)*{_SOURCE_VERB}\b",
    re.I,
)
# "in a Washington Post-ABC News poll", "In the new Post-ABC poll", "in national polls".
_IN_POLL: Final = re.compile(
    r"\b(?i:in|by|from)\s+(?P<np>(?:the\s+|a\s+|an\s+)?(?:(?:new|latest|recent|national|exit|early)\s+)?"
    r"(?:[A-Z][\w'’./&-]*\s+){0,4}(?:poll|polls|polling|survey|surveys|average)\b)"
)
_SURVEYED: Final = re.compile(
    r"\b(?P<np>(?:those|respondents|people|voters|adults|Americans)\s+(?:surveyed|polled|questioned|asked))\b"
)
_ACCORDING: Final = re.compile(
    r"\baccording\s+to\s+(?P<np>[^,;!?]+?)\s*(?=[,;!?]|(?<!\b[A-Z])\.|$)",
    re.I,  # "the U.S. Census"
)
# A share: what a poll or a study reports of a group.
_SHARE_UNITS: Final = frozenset({"%", "percent", "percentage points", "points"})
_SOURCE_HINT: Final = re.compile(
    r"accord|poll|survey|data|figures|statistic|stud|report|census|analys|estimate|forecast|tall|count|research"
    r"|record|average|asked|questioned",
    re.IGNORECASE,
)
_POLL_LIKE: Final = re.compile(rf"\b{_SOURCE_NOUN}\b|\b(?:surveyed|polled)\b", re.I)


class Source(NamedTuple):
    """Who gives a figure: the words naming them, where, and the entity they resolve to."""

    speaker: str
    span: Span | None
    entity: str | None


def _gives(text: str, quote: Quote, start: int) -> bool:
    """Whether the attribution around a figure gives it: quoted words do; an indirect report only
    through a verb that can give a number, and not "added 20 points"."""
    inside_marks = quote.kind in ("direct", "mixed") and _between_marks(text, quote, start)
    if inside_marks:
        return True
    phrase = (quote.cue or "").lower()
    cue = phrase.split()[0] if phrase else ""
    if cue not in _GIVING_CUES:
        return False
    if cue in _COUNTING_CUES and quote.cue_span is not None:
        between = text[quote.cue_span.end : start]
        if cue.startswith("put"):  # "put the toll at 7,200", not "put Colorado on probation"
            return phrase.endswith(" at") or bool(re.search(r"\bat\s+(?:\S+\s+){0,2}$", between))
        return bool(re.match(r"\s*(?:that|,|:)", between))
    return True


def _between_marks(text: str, quote: Quote, start: int) -> bool:
    """Whether an odd number of quotation marks stand between the quote's start and the figure."""
    if quote.kind == "direct":
        return True
    marks = len(re.findall(r"[\"“”]|''", text[quote.start : start]))
    return marks % 2 == 1


def _entity_in(span: Span, mentions: Sequence[Mention]) -> str | None:
    inside = [m for m in mentions if span.start <= m.start and m.end <= span.end]
    return inside[-1].entity if inside else None


def named_source(text: str, sentence: Span, mentions: Sequence[Mention]) -> Source | None:
    """A source the sentence names without a speaker's verb, or None."""
    found = _named_span(text, sentence.start, sentence.end)
    if found is None:
        return None
    span = Span(start=found[0], end=found[1])
    return Source(text[found[0] : found[1]], span, _entity_in(span, mentions))


@lru_cache(maxsize=64)
def _named_span(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Where text[lo:hi] names a source without a speaker's verb (each sentence is asked once per figure)."""
    if not _SOURCE_HINT.search(text, lo, hi):
        return None  # the cheap test first: most sentences name no poll, study or data
    for pattern in (_ACCORDING, _SOURCE_SAYS, _IN_POLL, _SURVEYED):
        m = pattern.search(text, lo, hi)
        if m is not None:
            start, end = m.span("np")
            lead = re.match(r"(?:[Tt]he|[Aa]n?)\s+", text[start:end])
            return start + (lead.end() if lead else 0), end
    return None


def quote_source(text: str, start: int, end: int, quotes: Sequence[Quote]) -> Source | None:
    """The speaker of the smallest attribution holding the figure, when it gives the figure."""
    around = [
        q
        for q in quotes
        if q.start <= start < q.end and any(p.start <= start and end <= p.end for p in q.spans())
    ]
    if not around:
        return None
    quote = min(around, key=lambda q: q.end - q.start)
    if quote.speaker is None or not _gives(text, quote, start):
        return None
    return Source(quote.speaker, quote.speaker_span, quote.speaker_entity)


def figure_source(
    text: str, start: int, end: int, sentence: Span, quotes: Sequence[Quote], mentions: Sequence[Mention]
) -> Source | None:
    """Who gives the figure: the attribution around it, or a source its sentence names. A named
    source holding the attribution's speaker is the fuller mention ("A study by Vanderbilt
    University and ... found" over "Education")."""
    quoted = quote_source(text, start, end, quotes)
    named = named_source(text, sentence, mentions)
    if quoted is None or named is None or quoted.span is None or named.span is None:
        return quoted or named
    holds = named.span.start - 4 <= quoted.span.start and quoted.span.end <= named.span.end
    return named if holds else quoted


class Attribution(TypedDict):
    """A figure's fields saying who gives it and as of when."""

    speaker: str | None
    speaker_entity: str | None
    speaker_span: Span | None
    as_of: str | None
    as_of_span: Span | None


def attribution(
    text: str,
    start: int,
    end: int,
    sentence: Span,
    quotes: Sequence[Quote],
    mentions: Sequence[Mention],
    times: Sequence[TimeExpression],
) -> Attribution:
    """Who gives the figure at start:end and as of when, with where the text says so."""
    source = figure_source(text, start, end, sentence, quotes, mentions)
    when = as_of_time(text, sentence, times, start)
    return Attribution(
        speaker=source.speaker if source else None,
        speaker_entity=source.entity if source else None,
        speaker_span=source.span if source else None,
        as_of=when.value[:10] if when else None,
        as_of_span=Span(start=when.start, end=when.end) if when else None,
    )


def is_share(unit: str | None, value: float, high: float | None) -> bool:
    """A poll's kind of number: a percentage, points, or a fraction ('less than a third')."""
    return unit in _SHARE_UNITS or (unit is None and high is None and 0 < value < 1)


_AS_OF_REACH: Final = (
    40  # characters between a figure and its time; 30, 60, 100 and the whole sentence did worse
)


def as_of_time(text: str, sentence: Span, times: Sequence[TimeExpression], at: int) -> TimeExpression | None:
    """The time a figure stands as of: a day, week, month or year named within a few words of it
    in its sentence ("in 2012", "last week"), or a day or month anywhere in it after "by", "as of"
    ("by Friday evening"), which come first; then the nearest. Not a period's start ("since
    Monday", "from May") nor the day something was said or published ("said Tuesday", "released
    Sunday"); a year or week only after "in", "by", "this" or as "last year"."""
    found: list[tuple[bool, int, TimeExpression]] = []
    for t in times:
        if not (sentence.start <= t.start and t.end <= sentence.end) or t.grain in ("decade", "interval"):
            continue
        distance = max(t.start - at, at - t.end, 0)
        before = text[max(sentence.start, t.start - 30) : t.start]
        marked = bool(_MARKED.search(before))
        # "by Friday evening" holds for every figure of its sentence; "by 2030" is a target
        # "In the 2012 election, turnout ...": a time opening the sentence holds for all of it
        opening = t.start - sentence.start <= 30 and _OPENING.fullmatch(text, sentence.start, t.start)
        anywhere = (marked and t.grain in ("day", "instant", "month")) or bool(opening)
        if (
            (distance > _AS_OF_REACH and not anywhere)
            or _PERIOD_START.search(before)
            or _SAID_ON.search(before)
        ):
            continue
        relative = re.match(r"(?:last|this|past)\b", t.text, re.I)  # "last year", "this week"
        if t.grain in ("year", "week", "weekend") and not (relative or _IN_TIME.search(before)):
            continue
        found.append((not marked, distance, t))
    return min(found, key=lambda x: (x[0], x[1]))[2] if found else None


_OPENING: Final = re.compile(r"\W*(?:(?:in|on|at|by|during)\s+(?:the\s+)?)?", re.I)
_PERIOD_START: Final = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.I)
_IN_TIME: Final = re.compile(r"\b(?:in|by|as of|during|this|last)\s+(?:the\s+)?$", re.I)
_MARKED: Final = re.compile(r"\b(?:by|as of|as at|through|until|up to)\s+(?:the\s+)?$", re.I)
_SAID_ON: Final = re.compile(
    r"\b(?:said|says|say|told\s+\w+|announced|reported|wrote|released|published|stated|added|"
    r"tweeted|posted|issued)\s+(?:on\s+|late\s+|early\s+|this\s+|last\s+)?$"
)


def carry_poll_sources(
    text: str, sentences: Sequence[Span], figures: list[Figure], mentions: Sequence[Mention]
) -> list[Figure]:
    """The figures, with a poll's results after the sentence naming it, up to the first that reports none,
    "A YouGov poll ... revealed ... When asked ..., 59 percent said ... Less than a third agreed"."""
    by_sentence: dict[int, list[Figure]] = {}
    k = 0
    for f in sorted(figures, key=lambda f: f.start):
        while k + 1 < len(sentences) and sentences[k + 1].start <= f.start:
            k += 1
        by_sentence.setdefault(k, []).append(f)
    carried: Source | None = None
    for i, sentence in enumerate(sentences):
        own = by_sentence.get(i, [])
        shares = [f for f in own if is_share(f.unit, f.value, f.high)]
        if (
            carried is not None
            and shares
            and all(f.speaker is None or f.speaker == carried.speaker for f in shares)
        ):
            for f in shares:
                if f.speaker is None:
                    f.speaker, f.speaker_span, f.speaker_entity = (
                        carried.speaker,
                        carried.span,
                        carried.entity,
                    )
            continue
        named = named_source(text, sentence, mentions) if not own or shares else None
        given = [Source(f.speaker, f.speaker_span, f.speaker_entity) for f in shares if f.speaker]
        polls = [s for s in ([named] if named else []) + given if _POLL_LIKE.search(s.speaker)]
        carried = polls[0] if polls else None
    return figures
