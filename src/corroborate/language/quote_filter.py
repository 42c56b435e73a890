"""A learned last look at each quote piece the rules found: keep it, or drop it.

The rules over-generate ("Mills did not respond to requests for comment", the
short half of a split quotation, a sentence fragment as speaker). A logistic
model over the rules' own outputs (kind, cue, what the speaker is, lengths,
the piece's place in its quotation) scores each piece; it is trained on
PolNeAR train by `tools/train_quotes.py`, which picks the threshold by
cross-validation, and ships as `data/quote_filter.json` (feature -> weight).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Final

from corroborate.language.cues import CUE_COUNTS, LEARNED_CUES, cue_ratio
from corroborate.language.lexicon import SPEECH_CUES, words
from corroborate.language.speaker_choice import adjacent_word
from corroborate.model import Entity, Mention, Quote

_PRONOUNS: Final = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_MARKS: Final = re.compile('["“”]')
_KNOWN: Final = frozenset({*SPEECH_CUES, *LEARNED_CUES, ":", "according to"})
_FUNCTION_WORDS: Final = words(
    "that to the a an his her their its has have had is was are were be been not also will would on of "
    "about for in with by as it he she they we i who which"
)


def _bucket(n: int, edges: Sequence[int]) -> str:
    return str(next((e for e in edges if n <= e), f">{edges[-1]}"))


def _speaker_kind(q: Quote, labels: Mapping[str, str]) -> str:
    if q.speaker is None:
        return "none"
    low = q.speaker.lower()
    if low in _PRONOUNS:
        return f"pron:{low}" if low in ("he", "she", "they", "it") else "pron:other"
    if q.speaker_entity is None:
        return "nominal:none"
    return f"entity:{labels.get(q.speaker_entity, 'other')}"


def piece_features(
    text: str,
    quotes: Sequence[Quote],
    k: int,
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    guessed: bool = False,
) -> list[str]:
    """The features of `quotes[k]`, as names (each present feature has value 1); `guessed`: the piece is
    a guess from a cue word alone (`quotes._Finder.guess`), not read by a rule."""
    q = quotes[k]
    labels = {e.key: e.label for e in entities}
    content = text[q.start : q.end]
    words = len(content.split())
    cue_at = (q.cue_span.start, q.cue_span.end) if q.cue_span is not None else None
    group = [
        p
        for p in quotes
        if cue_at is not None
        and p.cue_span is not None
        and (p.cue_span.start, p.cue_span.end) == cue_at
        and p.speaker == q.speaker
    ]
    longest = not group or all(len(p.text) <= len(q.text) for p in group)
    spk = _speaker_kind(q, labels)
    spk_words = q.speaker.split() if q.speaker else []
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    before = text[para_start : q.start].strip(' "“')
    after = text[q.end : para_end].strip(' ".,”')
    cue = (q.cue or "none").lower()
    where = "none"
    if q.cue_span is not None:
        where = "before" if q.cue_span.end <= q.start else "after" if q.cue_span.start >= q.end else "in"
    quoted_chars = sum(len(m.group(0)) for m in re.finditer(r"[\"“][^\"”“]*[\"”]", content))
    n_mentions = sum(1 for m in mentions if q.speaker_entity is not None and m.entity == q.speaker_entity)
    feats = [
        "bias",
        f"kind={q.kind}",
        f"cue={cue}",
        f"cue_where={where}",
        f"spk={spk}",
        f"kind_spk={q.kind}|{spk}",
        f"spk_words={_bucket(len(spk_words), [0, 1, 2, 3, 5])}",
        f"words={_bucket(words, [2, 3, 5, 8, 12, 20, 35])}",
        f"kind_words={q.kind}|{_bucket(words, [3, 6, 12, 25])}",
        f"group={_bucket(len(group), [1, 2, 3])}",
        f"longest={longest}",
        f"kind_longest={q.kind}|{longest}|{_bucket(len(group), [1, 2])}",
        f"spk_mentions={_bucket(n_mentions, [0, 1, 3, 8])}",
        f"whole_para={not before and not after}",
        f"para_before={_bucket(len(before.split()), [0, 3, 10])}",
        f"quoted_frac={round(4 * quoted_chars / max(1, len(content)))}",
        f"marks={bool(_MARKS.search(content))}",
        f"channel={q.channel is not None}",
        f"ends={content.rstrip()[-1:] if content.rstrip()[-1:] in '?!.' else 'w'}",
        f"starts_lower={content[:1].islower()}",
    ]
    counts = CUE_COUNTS.get(cue.split()[-1]) if q.cue else None
    # How often annotators marked the cue word a cue in PolNeAR train: rare cues are judged by it.
    feats.append(f"cue_ratio={round(4 * counts[0] / max(counts[1], 1)) if counts else 'unseen'}")
    span = q.speaker_span
    nested = span is not None and any(p.start <= span.start < p.end for p in quotes if p is not q)
    feats.append(f"nested={nested}|{q.kind}")
    feats.append(f"after_that={text[max(0, q.start - 5) : q.start].lower() == 'that '}")
    feats += _cue_features(text, q, cue)
    if guessed:
        feats += ["guess", f"guess_spk={spk}", f"guess_words={_bucket(words, [3, 6, 12, 25])}"]
        if q.cue_span is not None:
            # 'called for' is a demand, 'called him' seldom; 'was released' is no act of the subject's.
            feats.append(f"guess_cue_next={cue}|{_neighbour(text, q.cue_span.end, False)}")
            feats.append(f"guess_prev_cue={_neighbour(text, q.cue_span.start, True)}|{cue}")
            lead = len(text[text.rfind("\n", 0, q.cue_span.start) + 1 : q.cue_span.start].split())
            feats.append(f"guess_cue_at={_bucket(lead, [1, 2, 4, 8, 15])}")
    if spk_words:
        first = spk_words[0]
        feats.append(f"spk_first={first.lower() if first[:1].islower() or len(spk_words) > 1 else 'Cap'}")
        feats.append(f"spk_lower={first[:1].islower()}")
    return feats


def _neighbour(text: str, pos: int, before: bool) -> str:
    word = adjacent_word(text, pos, before, r"[\w'’]+", r"\W", 25)
    return word if word in _FUNCTION_WORDS else "<w>"


def _cue_features(text: str, q: Quote, cue: str) -> list[str]:
    """The cue as a word of attribution: whether the rules know it, how often annotators mark it (finer than
    `cue_ratio`), the function words around it, and how far its speaker stands from it."""
    if q.cue_span is None:
        return ["cue_known=none"]
    known = cue in _KNOWN or cue.split()[-1] in _KNOWN
    ratio = cue_ratio(cue.split()[-1]) if cue.split() else 0.0
    feats = [
        f"cue_known={known}|{q.kind}",
        f"cue_ratio10={round(10 * ratio)}|{known}",
        f"cue_prev={_neighbour(text, q.cue_span.start, True)}",
        f"cue_next={_neighbour(text, q.cue_span.end, False)}|{known}",
    ]
    if q.speaker_span is not None and q.speaker_span.end <= q.cue_span.start:
        gap = len(text[q.speaker_span.end : q.cue_span.start].split())
        feats.append(f"spk_gap={_bucket(gap, [0, 1, 2, 4, 8])}|{known}")
    return feats


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    path = resources.files("corroborate") / "data" / "quote_filter.json"
    if not path.is_file():
        return {}, -math.inf
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["weights"]), float(data["threshold"])


@lru_cache(maxsize=1)
def _guess_threshold() -> float:
    """The least probability a guessed piece needs (chosen apart from the rules' pieces' threshold)."""
    path = resources.files("corroborate") / "data" / "quote_filter.json"
    if not path.is_file():
        return math.inf
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data.get("guess_threshold", data["threshold"]))


def probability(weights: dict[str, float], feats: Sequence[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _quotation(q: Quote) -> tuple[int, ...] | None:
    """Direct pieces with one cue and one speaker are one quotation ('"A," she said. "B."')."""
    if q.kind != "direct" or q.speaker_span is None:
        return None
    cue = (q.cue_span.start, q.cue_span.end) if q.cue_span is not None else (-1, -1)
    return (*cue, q.speaker_span.start, q.speaker_span.end)


def keep_quotes(
    text: str,
    quotes: Sequence[Quote],
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    model: tuple[dict[str, float], float] | None = None,
    probabilities: Sequence[float] | None = None,
    guessed: Collection[tuple[int, int]] = (),
    guess_threshold: float | None = None,
) -> list[Quote]:
    """The pieces the learned model (default: the shipped one) keeps; all of them when no model is shipped.
    `probabilities` (the model's, one per piece) spare a caller that tries several thresholds the features.
    Pieces in `guessed` (start, end) are guesses: judged with their own threshold (default: the shipped).
    The model judges each
    piece; a piece of a direct quotation stays with the quotation when another of its pieces is kept, so a
    reader never gets half of what was said."""
    weights, threshold = model if model is not None else _model()
    if not weights:
        return list(quotes)
    guesses = [(q.start, q.end) in guessed for q in quotes]
    if probabilities is None:
        probabilities = [
            probability(weights, piece_features(text, quotes, k, entities, mentions, guesses[k]))
            for k in range(len(quotes))
        ]
    at = _guess_threshold() if guess_threshold is None else guess_threshold
    keep = [p >= (at if g else threshold) for p, g in zip(probabilities, guesses, strict=True)]
    kept = {_quotation(q) for q, ok in zip(quotes, keep, strict=True) if ok} - {None}
    return [q for q, ok in zip(quotes, keep, strict=True) if ok or _quotation(q) in kept]
