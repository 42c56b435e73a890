"""The extraction metric of ../shared/datasets/README.md (the article-extraction benchmark's).

Tokens are \\w+ runs; each text is a multiset of 4-token shingles; per document
tp/fp/fn are counted on shingles and normalised by their sum; precision and
recall are averaged over documents (nothing predicted: left out of precision;
nothing true: left out of recall); F1 comes from the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
N = 4


def shingles(text: str, n: int = N) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    # A text shorter than n tokens is one shorter shingle, as in the benchmark's code.
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one document."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


@dataclass
class Score:
    f1: float
    precision: float
    recall: float
    docs: int

    def __str__(self) -> str:
        return f"F1 {self.f1:.3f}  P {self.precision:.3f}  R {self.recall:.3f}  ({self.docs} docs)"


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Score (gold, predicted) text pairs."""
    precisions: list[float] = []
    recalls: list[float] = []
    docs = 0
    for true, pred in pairs:
        docs += 1
        tp, fp, fn = counts(true, pred)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(f1, p, r, docs)
