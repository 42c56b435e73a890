"""The pair scorer: how likely two articles report the same event, from learned weights.

A logistic model over what the clusterer knows of a pair: the cosine of their
tf-idf vectors (as its log, so the model can ask for more or less of it), how
well their names agree, whether they name disjoint places, how far apart their
event days are, and the conflicts of `conflicts.py` (different exact counts, a
salient name each never names, one office with two holders). The weights are
learned from labelled pairs of ECB+ topics 1-20, L3S-GN1 and PolNeAR train
(`benchmarks/clustering_joint_cv.py --write`) and ship in `data/pair_scorer.json`; the
threshold and cohesion ratio were chosen by folds of all three
(`benchmarks/clustering_joint_cv.py`). PolNeAR is dated, and so are the 56 ECB+ articles whose
url holds a date (a run reads it as the publication date): they teach how far apart in
publication time two reports of one event are (`days_apart`, log of 1 + days; 0 when
either article is undated; ECB+ events run over days and months, so it is learned milder
than from PolNeAR alone, session 9). The dates the leads give (`conflicts.event_day`) are months
apart within one ECB+ event as often as between two, so they are no feature. The
clusterer also multiplies the probability by its hand-set time factor
(`cluster.time_factor`), which bounds the window blocking looks in.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import mul

from corroborate.stories.conflicts import absent_name, counts_conflict, role_conflict
from corroborate.stories.features import Compact

FEATURES = (
    "log_cosine",
    "name_cosine",
    "no_names",
    "disjoint_places",
    "counts_conflict",
    "absent_names",
    "role_conflict",
    "both_values",
    "value_overlap",
    "years_disjoint",
    "days_apart",
)
# Reports of one event published within this many days of each other are not told apart by
# time: a day's dates are often given without a time, and the next day's report is common.
DAYS_FREE = 1.5
# Cosines below this are as good as none (and log(0) is not a number).
MIN_COSINE = 1e-3


@dataclass(frozen=True)
class PairScorer:
    weights: tuple[float, ...]
    bias: float
    # Mean pairwise probability two clusters must keep to be one story, and the share of the
    # looser cluster's cohesion a merge must keep (see linkage.average_link).
    threshold: float
    cohesion_ratio: float
    cohesion_cap: float
    # What a single article counts as cohesion: a lone article joins a story only at this much
    # times cohesion_ratio, not at the bare threshold.
    lone_cohesion: float = 0.0

    def score(self, x: Sequence[float]) -> float:
        z = self.bias + sum(map(mul, self.weights, x))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def pair_features(va: Mapping[int, float], vb: Mapping[int, float], fa: Compact, fb: Compact) -> list[float]:
    """The scorer's inputs for one pair, in the order of FEATURES."""
    # Only the shared terms contribute; the key intersection and the products run in C.
    shared = va.keys() & vb.keys()
    cos: float = sum(map(mul, map(va.__getitem__, shared), map(vb.__getitem__, shared)))
    name_cos, no_names = 0.0, 1.0
    if fa.name_norm and fb.name_norm:
        common = shared.intersection(fa.names)
        names: float = sum(map(mul, map(va.__getitem__, common), map(vb.__getitem__, common)))
        name_cos, no_names = names / (fa.name_norm * fb.name_norm), 0.0
    a, b = fa.marks, fb.marks
    return [
        math.log(max(cos, MIN_COSINE)),
        name_cos,
        no_names,
        float(bool(fa.places and fb.places and not (fa.places & fb.places))),
        float(counts_conflict(a, b)),
        float(absent_name(a, b) and absent_name(b, a)),
        float(role_conflict(a, b)),
        *_overlap(a.values, b.values),
        float(bool(a.years and b.years and not (a.years & b.years))),
        _days_apart(fa, fb),
    ]


def _days_apart(fa: Compact, fb: Compact) -> float:
    """log(1 + days between the two publication times beyond DAYS_FREE); 0 when either has none."""
    if fa.published is None or fb.published is None:
        return 0.0
    return math.log1p(max(0.0, abs((fa.published - fb.published).total_seconds()) / 86400.0 - DAYS_FREE))


def _overlap(a: frozenset[float], b: frozenset[float]) -> tuple[float, float]:
    """(both have some, share of the smaller set the other has): one event gives the same figures.

    Years are compared only for a conflict (no year in common): in a feed of one week every
    article names the same year, so a shared year says nothing.
    """
    if not a or not b:
        return 0.0, 0.0
    return 1.0, len(a & b) / min(len(a), len(b))


@cache
def shipped() -> PairScorer:
    """The scorer in data/pair_scorer.json."""
    text = resources.files("corroborate").joinpath("data/pair_scorer.json").read_text(encoding="utf-8")
    return from_json(json.loads(text))


def from_json(data: Mapping[str, object]) -> PairScorer:
    weights = data["weights"]
    if not isinstance(weights, dict) or set(weights) != set(FEATURES):
        raise ValueError(f"pair scorer weights must name exactly {FEATURES}")
    return PairScorer(
        weights=tuple(float(weights[k]) for k in FEATURES),
        bias=float(data["bias"]),  # type: ignore[arg-type]
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
        cohesion_ratio=float(data["cohesion_ratio"]),  # type: ignore[arg-type]
        cohesion_cap=float(data["cohesion_cap"]),  # type: ignore[arg-type]
        lone_cohesion=float(data.get("lone_cohesion", 0.0)),  # type: ignore[arg-type]
    )


def to_json(scorer: PairScorer, note: str) -> dict[str, object]:
    return {
        "note": note,
        "weights": dict(zip(FEATURES, scorer.weights, strict=True)),
        "bias": scorer.bias,
        "threshold": scorer.threshold,
        "cohesion_ratio": scorer.cohesion_ratio,
        "cohesion_cap": scorer.cohesion_cap,
        "lone_cohesion": scorer.lone_cohesion,
    }
