"""A learned second look at who said each quote: the rules' speaker, or another name or pronoun nearby.

Candidates are the rules' speaker mention, the names the text mentions and the
personal pronouns in the cue's sentence (and, for a quote without a cue, the
sentence before). A linear model scores each candidate from where it stands
against the cue and the quote, what it is (a place or a party seldom speaks),
and what the rules chose; the best one speaks when it beats the rules' choice
by a margin. Trained on PolNeAR train by `tools/train_speakers.py` as a
ranking model (logistic over the feature differences of a right and a wrong
candidate of one quote; margin chosen by cross-validation), shipped as
`data/speaker_choice.json`.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from corroborate.language.speakers import Speakers
from corroborate.model import Entity, Mention, Quote, Span
from corroborate.text.datelines import DATELINE_AT

_POSSESSIVE: Final = ("'s", "’s")
# Personal pronouns only: "who" names nobody a reader can use; its antecedent is a name candidate.
_PRONOUN: Final = re.compile(r"\b(?:he|she|they|He|She|They|It|it|I|we|We)\b")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    label: str
    entity: str | None


def ranks_of(q: Quote, cands: Sequence[Candidate]) -> list[int]:
    """Each candidate's order by distance from the cue (or the quote), on its own side of it."""
    anchor = q.cue_span if q.cue_span is not None else Span(start=q.start, end=q.end)
    before = sorted({c.start for c in cands if c.end <= anchor.start}, reverse=True)
    after = sorted({c.start for c in cands if c.start >= anchor.end})
    return [
        before.index(c.start) if c.start in before else after.index(c.start) if c.start in after else 0
        for c in cands
    ]


def _bucket(n: int, edges: Sequence[int]) -> str:
    return str(next((e for e in edges if n <= e), f">{edges[-1]}"))


def candidates(
    text: str, q: Quote, sentences: Sequence[Span], mentions: Sequence[Mention]
) -> list[Candidate]:
    """The rules' speaker first (when there is one), then names and pronouns around the cue."""
    starts = [s.start for s in sentences]
    anchor = q.cue_span.start if q.cue_span is not None else q.start
    k = max(0, bisect.bisect_right(starts, anchor) - 1)
    lo = sentences[k - 1 if q.cue_span is None and k > 0 else k].start if sentences else 0
    hi = sentences[k].end if sentences else len(text)
    hi = max(hi, q.cue_span.end if q.cue_span is not None else hi)
    # "EMMETSBURG, IOWA -- At a campaign event ...": a dateline's place tells where, not who.
    dateline = DATELINE_AT.match(text, lo)
    lo = dateline.end() if dateline is not None and dateline.end() <= anchor else lo
    out: list[Candidate] = []
    if q.speaker_span is not None:
        out.append(Candidate(q.speaker_span.start, q.speaker_span.end, "rule", q.speaker_entity))
    for m in mentions:
        # "in a statement carried by Coastal Radio": the channel relayed the words, it did not say them.
        relayed = bool(q.channel) and text[m.start : m.end] in (q.channel or "")
        if lo <= m.start and m.end <= hi and not (q.start <= m.start < q.end) and not relayed:
            out.append(Candidate(m.start, m.end, m.label, m.entity))
    for p in _PRONOUN.finditer(text, lo, hi):
        if not (q.start <= p.start() < q.end):
            out.append(Candidate(p.start(), p.end(), "pron:" + p.group(0).lower(), None))
    return out


def adjacent_word(
    text: str, pos: int, before: bool, word: str = r"\S+", gap: str = r"\s", reach: int = 30
) -> str:
    """The word (lowercased) right before or after `pos`, across `gap` characters; '^' when none."""
    m = (
        re.search(rf"({word}){gap}*$", text[max(0, pos - reach) : pos])
        if before
        else re.match(rf"{gap}*({word})", text[pos : pos + reach])
    )
    return m.group(1).lower() if m else "^"


def _word(text: str, pos: int, before: bool) -> str:
    word = adjacent_word(text, pos, before)
    return word if len(word) <= 8 and word.isalpha() else "<punct>" if not word[:1].isalnum() else "<w>"


_INTRO: Final = frozenset(
    {"at", "in", "on", "after", "before", "during", "while", "when", "as", "with", "from", "for", "by"}
    | {"among"}
)


def phrase_shape(phrase: str) -> str:
    """What the rules' speaker phrase looks like: 'Speaking', 'Holding signs' (a participle), 'At a campaign
    event' (an opening phrase), 'IOWA -- At ...' (a dateline), a lowercase start, or a name or noun phrase."""
    first = phrase.split()[0] if phrase.split() else ""
    if "--" in phrase or "—" in phrase:
        return "dateline"
    if first.lower() in _INTRO:
        return "intro"
    if first[:1].isupper() and first.lower().endswith("ing") and len(first) > 5:
        return "participle"
    if phrase.split()[-1:] and phrase.split()[-1].islower() and phrase.split()[-1].endswith(("ed", "an")):
        return "verb_end"
    return "lower" if first[:1].islower() else "cap"


def features(
    text: str,
    q: Quote,
    c: Candidate,
    rule: Candidate | None,
    n_mentions: int,
    rank: int = 0,
    named: frozenset[str] = frozenset(),
) -> list[str]:
    """The candidate's features, as names; `named` holds the entities mentioned inside the quote."""
    cue = q.cue_span
    if cue is not None:
        if c.end <= cue.start:
            where, gap = "before_cue", len(text[c.end : cue.start].split())
        elif c.start >= cue.end:
            where, gap = "after_cue", len(text[cue.end : c.start].split())
        else:
            where, gap = "in_cue", 0
    else:
        where = "before_quote" if c.end <= q.start else "after_quote"
        gap = len(text[c.end : q.start].split()) if c.end <= q.start else len(text[q.end : c.start].split())
    is_rule = c.label == "rule"
    overlaps_rule = rule is not None and c.start < rule.end and rule.start < c.end
    rule_words = len(text[rule.start : rule.end].split()) if rule is not None else 0
    g = _bucket(gap, [0, 1, 2, 4, 8, 15])
    kind = c.label if not is_rule else "rule"
    feats = [
        "bias",
        f"is_rule={is_rule}",
        f"label={kind}",
        f"where={where}",
        f"where_gap={where}|{g}",
        f"label_where={kind}|{where}",
        f"qkind={q.kind}|{kind}",
        f"overlaps_rule={overlaps_rule}",
        f"has_entity={c.entity is not None}",
        f"mentions={_bucket(n_mentions, [0, 1, 3, 8])}",
        f"rank={where}|{_bucket(rank, [0, 1, 2])}",
        f"rank_label={where}|{_bucket(rank, [0, 1])}|{kind}",
        f"prev={_word(text, c.start, True)}",
        f"next={_word(text, c.end, False)}",
        f"possessive={text[c.end : c.end + 2] in _POSSESSIVE}",
        # People seldom name themselves: a candidate the quote names is likely spoken about.
        f"named_in_quote={c.entity is not None and c.entity in named}",
        # What the candidate names: a place or a party ('New Hampshire', 'Republicans') seldom speaks.
        f"ent_type={c.entity.split(':')[0] if c.entity else 'none'}|{is_rule}",
        f"ent_where={c.entity.split(':')[0] if c.entity else 'none'}|{where}",
    ]
    if is_rule:
        feats.append(f"self_shape={phrase_shape(text[c.start : c.end])}|{_bucket(rule_words, [1, 2, 3, 5])}")
    if rule is not None and not is_rule:
        feats.append(f"rule_shape={phrase_shape(text[rule.start : rule.end])}|{kind}")
        feats.append(f"rule_words={_bucket(rule_words, [1, 2, 3, 5, 8])}")
        feats.append(f"rule_entity={rule.entity is not None}")
        feats.append(f"rule_lower={text[rule.start : rule.start + 1].islower()}")
        feats.append(f"inside_rule={overlaps_rule}|{kind}")
    if rule is None:
        feats.append("no_rule")
    return feats


def named_inside(q: Quote, mentions: Sequence[Mention]) -> frozenset[str]:
    return frozenset(m.entity for m in mentions if q.start <= m.start < q.end)


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    path = resources.files("corroborate") / "data" / "speaker_choice.json"
    if not path.is_file():
        return {}, math.inf
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["weights"]), float(data["margin"])


def score(weights: dict[str, float], feats: Sequence[str]) -> float:
    return sum(weights.get(f, 0.0) for f in feats)


def choose(
    text: str,
    q: Quote,
    sentences: Sequence[Span],
    mentions: Sequence[Mention],
    weights: dict[str, float],
    margin: float,
) -> Candidate | None:
    """The candidate that should speak instead of the rules' choice, or None to keep it."""
    cands = candidates(text, q, sentences, mentions)
    if not cands:
        return None
    rule = cands[0] if cands[0].label == "rule" else None
    counts: dict[str | None, int] = {}
    for m in mentions:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    ranks = ranks_of(q, cands)
    named = named_inside(q, mentions)
    scored = [
        (score(weights, features(text, q, c, rule, counts.get(c.entity, 0) if c.entity else 0, r, named)), c)
        for c, r in zip(cands, ranks, strict=True)
    ]
    best_score, best = max(scored, key=lambda sc: sc[0])
    base = scored[0][0] if rule is not None else 0.0
    same = rule is not None and best.start < rule.end and rule.start < best.end
    if same or best_score < base + margin:
        return None  # the rules' own mention: keep how the rules resolved it
    return best


def rechoose(
    text: str,
    quotes: Sequence[Quote],
    sentences: Sequence[Span],
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    model: tuple[dict[str, float], float] | None = None,
) -> list[Quote]:
    """The quotes, each with the speaker the model (default: the shipped one) prefers; unchanged when no
    model is shipped. The pieces of one quotation (one cue, one speaker) follow the choice for the longest."""
    weights, margin = model if model is not None else _model()
    if not weights:
        return list(quotes)
    speakers = Speakers(text, sentences, entities, mentions)
    groups: dict[tuple[int, ...], list[int]] = {}
    for k, q in enumerate(quotes):
        cue, spk = q.cue_span, q.speaker_span
        key = (cue.start, cue.end, spk.start, spk.end) if cue is not None and spk is not None else (k,)
        groups.setdefault(key, []).append(k)
    out = list(quotes)
    told = 0  # quotes before this one whose speakers `speakers` has heard: who "he" may be
    for members in sorted(groups.values(), key=lambda ks: quotes[ks[0]].start):
        longest = max(members, key=lambda k: quotes[k].end - quotes[k].start)
        best = choose(text, quotes[longest], sentences, mentions, weights, margin)
        if best is None:
            continue
        for q in sorted(out, key=lambda q: q.start)[told:]:
            if q.start >= quotes[longest].start:
                break
            speakers.spoke(
                q.speaker_entity, min(q.start, q.speaker_span.start if q.speaker_span else q.start)
            )
            told += 1
        s = speakers.resolve(best.start, best.end)
        update = {
            "speaker": s.text,
            "speaker_span": Span(start=s.start, end=s.end),
            "speaker_entity": s.entity,
        }
        for k in members:
            out[k] = quotes[k].model_copy(update=update)
    return out
