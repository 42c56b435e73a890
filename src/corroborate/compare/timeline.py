"""The story's dated events: each time expression's sentence, merged across articles, by date.

An undated article's "today" or "on Friday" is placed against its story's date before the
comparison (`language.story_times`, run by the pipeline, handed in as `StoryContext.inferred`);
each event so dated is marked `inferred_from` that date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from corroborate.compare.claims import sentence_tokens
from corroborate.compare.common import StoryContext, evidence, is_boilerplate
from corroborate.compare.entities import EntityMap
from corroborate.model import Article, Evidence, Span, TimeExpression, TimeGrain, TimelineEvent

# Finer grains first: a sentence's event is dated by its most specific expression.
_SPECIFIC: dict[TimeGrain, int] = {
    "instant": 0,
    "day": 1,
    "weekend": 2,
    "week": 3,
    "interval": 4,
    "month": 5,
    "year": 6,
    "decade": 7,
}


@dataclass
class _Event:
    date: str
    grain: TimeGrain
    tokens: frozenset[str]
    articles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # The story date the event's date was read against, while no article dates it itself.
    inferred_from: str | None = None


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


def sort_date(value: str) -> str:
    """Sort key: the start of an interval; ISO prefixes sort month before its days."""
    return value.split("/", 1)[0]


def article_times(a: Article, ctx: StoryContext) -> list[tuple[TimeExpression, datetime | None]]:
    """The article's time expressions, each with the story date it was inferred against (None: its own)."""
    own = list(a.analysis.times) if a.analysis else []
    if a.id not in ctx.inferred:
        return [(t, None) for t in own]
    ref, extra = ctx.inferred[a.id]
    return sorted([(t, None) for t in own] + [(t, ref) for t in extra], key=lambda tr: tr[0].start)


def sentence_dates(a: Article, ctx: StoryContext) -> list[tuple[Span, TimeExpression, datetime | None]]:
    """One date per sentence: its most specific time expression, the earliest of those.

    A sentence with two dates ("on Wednesday the minister said Monday's quake...") is
    one sentence of evidence; as two timeline events it would show the same text twice.
    The earliest of the finest dates is the one that dates what happened.
    """
    best: dict[int, tuple[Span, TimeExpression, datetime | None]] = {}
    for t, ref in article_times(a, ctx):
        sent = ctx.sentence_at(a.id, t.start)
        if sent is None:
            continue
        held = best.get(sent.start)
        if held is None or _rank(t) < _rank(held[1]):
            best[sent.start] = (sent, t, ref)
    return [best[k] for k in sorted(best)]


def _rank(t: TimeExpression) -> tuple[int, str, int]:
    return (_SPECIFIC.get(t.grain, len(_SPECIFIC)), sort_date(t.value), t.start)


def build_timeline(ctx: StoryContext, entities: EntityMap) -> list[TimelineEvent]:
    events: list[_Event] = []
    for a in ctx.articles:
        for sent, t, ref in sentence_dates(a, ctx):
            if is_boilerplate(a.text[sent.start : sent.end]):
                continue
            ev = evidence(a, sent.start, sent.end)
            tokens = frozenset(sentence_tokens(a, sent, entities))
            inferred = ref.date().isoformat() if ref else None
            # A date read against the story cannot tell that two sentences report one event.
            match = next(
                (
                    e
                    for e in events
                    if e.date == t.value
                    and e.inferred_from == inferred
                    and _overlap(tokens, e.tokens) >= ctx.settings.timeline_same_event
                ),
                None,
            )
            if match is None:
                match = _Event(date=t.value, grain=t.grain, tokens=tokens, inferred_from=inferred)
                events.append(match)
            if ev not in match.evidence:
                match.evidence.append(ev)
                if a.id not in match.articles:
                    match.articles.append(a.id)
    ordered = sorted(enumerate(events), key=lambda ie: (sort_date(ie[1].date), ie[0]))
    return [
        TimelineEvent(
            date=e.date,
            grain=e.grain,
            text=e.evidence[0].text,
            articles=e.articles,
            evidence=e.evidence,
            inferred_from=e.inferred_from,
        )
        for _, e in ordered
    ]
