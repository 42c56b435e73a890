"""Blocking: which article pairs are worth comparing at all.

Two articles are candidates when they share one of their strongest features
(rarest and most repeated terms and names) and were published within the time
window. Every step is bounded per article: at most BLOCK_FEATURES features,
each looked at only when its window holds at most MAX_BLOCK_POSTING articles
(checked by binary search before anything is copied), and at most
MAX_CANDIDATES candidates kept. A dense day (a feature in thousands of
articles) therefore costs the same per article as a quiet one, and the total
grows with the number of articles, not with the pairs.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from corroborate.stories.features import Compact

# Features of an article used for blocking: its strongest (rarest, most repeated) terms and names.
BLOCK_FEATURES = 20
# A blocking feature shared by more articles than this (within the window) says little.
MAX_BLOCK_POSTING = 150
# At most this many candidates per article are compared (those sharing most blocking features).
MAX_CANDIDATES = 40


def top_features(d: Compact, names: Sequence[str]) -> tuple[array[int], array[float]]:
    """The article's strongest features and their weights; ties broken by the feature's text."""
    pairs = zip(d.weights, d.terms, strict=True)
    best = heapq.nsmallest(BLOCK_FEATURES, pairs, key=lambda wt: (-wt[0], names[wt[1]]))
    return array("l", [t for _, t in best]), array("d", [w for w, _ in best])


def candidate_pairs(
    docs: Sequence[Compact], times: Sequence[float | None], window: float, names: Sequence[str]
) -> list[array[int]]:
    """For each i, the sorted j > i to compare with it.

    `times` (seconds, None when undated) must be ascending with undated last, as the
    articles are ordered; postings then stay in time order and a window is a slice.
    """
    tops = [top_features(d, names) for d in docs]
    postings: dict[int, array[int]] = {}
    for i, (top, _) in enumerate(tops):
        for t in top:
            postings.setdefault(t, array("l")).append(i)
    # Per feature: the publication times of its dated articles (a prefix of its posting).
    stamps: dict[int, array[float]] = {
        t: array("d", [s for j in posting if (s := times[j]) is not None]) for t, posting in postings.items()
    }
    # Flat int arrays, not sets or tuples: at 100k articles a set per article costs 200 MB.
    later: list[array[int]] = [array("l") for _ in docs]
    for i, (top, weights) in enumerate(tops):
        shared: dict[int, float] = {}
        ti = times[i]
        for t, w in zip(top, weights, strict=True):
            posting, dated = postings[t], stamps[t]
            undated = len(posting) - len(dated)
            if ti is not None:
                lo, hi = bisect_left(dated, ti - window), bisect_right(dated, ti + window)
            else:
                lo, hi = 0, len(dated)
            if hi - lo + undated > MAX_BLOCK_POSTING:
                continue
            for j in (*posting[lo:hi], *posting[len(dated) :]):
                if j != i:
                    shared[j] = shared.get(j, 0.0) + w
        for j, _ in heapq.nsmallest(MAX_CANDIDATES, shared.items(), key=lambda kv: (-kv[1], kv[0])):
            later[min(i, j)].append(max(i, j))
    for i, js in enumerate(later):
        later[i] = array("l", sorted(set(js)))
    return later
