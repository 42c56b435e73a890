"""The story's dated events: each time expression's sentence, merged across articles, by date."""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborate.compare.claims import sentence_tokens
from corroborate.compare.common import StoryContext, evidence, is_boilerplate
from corroborate.compare.entities import EntityMap
from corroborate.model import Evidence, TimeGrain, TimelineEvent

SAME_EVENT = 0.5


@dataclass
class _Event:
    date: str
    grain: TimeGrain
    tokens: frozenset[str]
    articles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


def sort_date(value: str) -> str:
    """Sort key: the start of an interval; ISO prefixes sort month before its days."""
    return value.split("/", 1)[0]


def build_timeline(ctx: StoryContext, entities: EntityMap) -> list[TimelineEvent]:
    events: list[_Event] = []
    for a in ctx.articles:
        if not a.analysis:
            continue
        for t in sorted(a.analysis.times, key=lambda t: t.start):
            sent = ctx.sentence_at(a.id, t.start)
            if sent is None or is_boilerplate(a.text[sent.start : sent.end]):
                continue
            ev = evidence(a, sent.start, sent.end)
            tokens = frozenset(sentence_tokens(a, sent, entities))
            match = next(
                (e for e in events if e.date == t.value and _overlap(tokens, e.tokens) >= SAME_EVENT),
                None,
            )
            if match is None:
                match = _Event(date=t.value, grain=t.grain, tokens=tokens)
                events.append(match)
            if ev not in match.evidence:
                match.evidence.append(ev)
                if a.id not in match.articles:
                    match.articles.append(a.id)
    ordered = sorted(enumerate(events), key=lambda ie: (sort_date(ie[1].date), ie[0]))
    return [
        TimelineEvent(
            date=e.date, grain=e.grain, text=e.evidence[0].text, articles=e.articles, evidence=e.evidence
        )
        for _, e in ordered
    ]
