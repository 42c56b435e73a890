"""Group the quotes of a story: one SharedQuote per speaker and wording, whichever outlets carry it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from corroborate.compare.common import StoryContext, evidence
from corroborate.compare.entities import EntityMap
from corroborate.model import Evidence, SharedQuote
from corroborate.stories.features import name_key

SAME_WORDING = 80.0
# A trimmed quote ("...the focus will be humanitarian") is still the same quote.
SAME_PART = 90.0
MIN_PART_CHARS = 25


def normalise_quote(text: str) -> str:
    t = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").replace("…", "...")
    t = re.sub(r"\s+", " ", t).strip().lower()
    return t.strip(" \"'.,;:!?-—")


@dataclass
class _Group:
    speaker_key: str | None
    speaker: str | None
    texts: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def same_wording(a: str, b: str) -> bool:
    if fuzz.ratio(a, b) >= SAME_WORDING:
        return True
    return min(len(a), len(b)) >= MIN_PART_CHARS and fuzz.partial_ratio(a, b) >= SAME_PART


def group_quotes(ctx: StoryContext, entities: EntityMap) -> list[SharedQuote]:
    groups: list[_Group] = []
    for a in ctx.articles:
        if not a.analysis:
            continue
        for q in sorted(a.analysis.quotes, key=lambda q: q.start):
            ev = evidence(a, q.start, q.end)
            norm = normalise_quote(ev.text)
            if not norm:
                continue
            skey = entities.key(a.id, q.speaker_entity)
            speaker = entities.name(skey) or q.speaker
            if skey is None and q.speaker:
                skey = "name:" + name_key(q.speaker)
            match = next(
                (
                    g
                    for g in groups
                    # An unresolved speaker ("he") may still be the same speaker; the wording decides.
                    if (g.speaker_key is None or skey is None or g.speaker_key == skey)
                    and same_wording(norm, g.texts[0])
                ),
                None,
            )
            if match is None:
                match = _Group(speaker_key=skey, speaker=speaker)
                groups.append(match)
            elif match.speaker_key is None and skey is not None:
                match.speaker_key, match.speaker = skey, speaker
            match.texts.append(norm)
            match.articles.append(a.id)
            match.evidence.append(ev)
    out = [
        SharedQuote(
            speaker=g.speaker,
            text=g.evidence[0].text,
            articles=list(dict.fromkeys(g.articles)),
            origins=ctx.origin_list(g.articles),
            identical=len(set(g.texts)) == 1,
            evidence=g.evidence,
        )
        for g in groups
    ]
    # Quotes carried by more independent origins first; otherwise story order (stable sort).
    return sorted(out, key=lambda q: -len(q.origins))
