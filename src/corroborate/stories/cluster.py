"""Clustering articles into stories: blocked candidate pairs, then average-link merging.

Each article is a tf-idf vector over content words (title weighted up) and
entity/place names, the idf counted over the batch added to a fixed background
of news, so that weights do not swing with the batch size. A pair's similarity
is what the scorer makes of it: by default the learned pair scorer
(`scorer.py`), the probability that the two report one event, from their
cosine, how well their names agree and the conflicts of `conflicts.py`, damped
when they were published days apart. Only candidate pairs are compared:
articles that share one of their strongest, rarest features (`blocking.py`), so
the cost grows with the number of articles, not with the number of pairs. Only
the pairs that can change the result are kept for linking (see `_edges`).
Average link then merges clusters whose mean pairwise similarity stays above
the scorer's threshold: unlike joining the best story as articles arrive, it
does not depend on input order and does not let one early article pull a
second event of the same kind into its story.
"""

from __future__ import annotations

import gc
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import mul
from typing import Protocol

from corroborate.model import Article
from corroborate.stories.blocking import candidate_pairs
from corroborate.stories.conflicts import conflict_factor
from corroborate.stories.features import (
    ArticleFeatures,
    Compact,
    DocumentCounts,
    as_features,
    compact,
    utc,
    weigh,
)
from corroborate.stories.linkage import average_link
from corroborate.stories.scorer import PairScorer, pair_features, shipped
from corroborate.unionfind import UnionFind

# The hand-set scorer (HandSet below, chosen in session 5). Mean pairwise similarity two
# clusters must keep to be one story.
THRESHOLD = 0.13
# Similarity is scaled between this (the two articles' names have nothing in common) and 1
# (the same names in the same proportions): reports of one event name the same people,
# places and organisations; two events of one kind share the words, not the names.
# Chosen on ECB+ with THRESHOLD (0.85-0.9 with 0.12-0.13 score the same there).
NAME_FLOOR = 0.9
# Two clusters merge only if their mean similarity is at least this share of the looser
# one's cohesion: a second event of the same kind sits near the threshold, but well below
# how alike the articles of one event are among themselves.
COHESION_RATIO = 0.6
# Cohesion above this (wire copies, near-duplicates) asks no more of a merge than this does.
COHESION_CAP = 0.35
# Articles published within this many days are not penalised at all.
SAME_DAYS = 2.0
# Days over which the time penalty decays by a factor e.
DECAY_DAYS = 5.0
MIN_TIME_FACTOR = 0.1
DISJOINT_PLACES_FACTOR = 0.8


def time_factor(a: datetime | None, b: datetime | None) -> float:
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).total_seconds()) / 86400.0
    if gap <= SAME_DAYS:
        return 1.0
    return max(MIN_TIME_FACTOR, math.exp(-(gap - SAME_DAYS) / DECAY_DAYS))


def similarity(va: Mapping[int, float], vb: Mapping[int, float], fa: Compact, fb: Compact) -> float:
    # Only the shared terms contribute; the key intersection and the products run in C
    # (the same set is iterated twice in the same order).
    shared = va.keys() & vb.keys()
    score: float = sum(map(mul, map(va.__getitem__, shared), map(vb.__getitem__, shared)))
    if fa.places and fb.places and not (fa.places & fb.places):
        score *= DISJOINT_PLACES_FACTOR
    if fa.name_norm and fb.name_norm:
        common = shared.intersection(fa.names)
        names: float = sum(map(mul, map(va.__getitem__, common), map(vb.__getitem__, common)))
        score *= NAME_FLOOR + (1.0 - NAME_FLOOR) * names / (fa.name_norm * fb.name_norm)
    return score * time_factor(fa.published, fb.published) * conflict_factor(fa.marks, fb.marks)


class Scorer(Protocol):
    """How alike two articles are, and how alike clusters must stay to merge."""

    @property
    def threshold(self) -> float: ...

    @property
    def cohesion_ratio(self) -> float: ...

    @property
    def cohesion_cap(self) -> float: ...

    @property
    def lone_cohesion(self) -> float: ...

    @property
    def background(self) -> bool:
        """Whether term weights add the batch to the fixed background of news (`features.weigh`)."""
        ...

    def similarity(
        self, va: Mapping[int, float], vb: Mapping[int, float], fa: Compact, fb: Compact
    ) -> float: ...

    def window_days(self) -> float: ...


@dataclass(frozen=True)
class HandSet:
    """Cosine times hand-set factors (`similarity`), chosen on ECB+ in session 5."""

    threshold: float = THRESHOLD
    cohesion_ratio: float = COHESION_RATIO
    cohesion_cap: float = COHESION_CAP
    lone_cohesion: float = 0.0
    background: bool = False

    def similarity(self, va: Mapping[int, float], vb: Mapping[int, float], fa: Compact, fb: Compact) -> float:
        return similarity(va, vb, fa, fb)

    def window_days(self) -> float:
        return _window(self.threshold)


def _window(threshold: float) -> float:
    """Days apart beyond which the time factor alone keeps a similarity of at most 1 under the threshold."""
    if threshold <= MIN_TIME_FACTOR:
        return math.inf
    return SAME_DAYS + DECAY_DAYS * math.log(1.0 / threshold)


@dataclass(frozen=True)
class Learned:
    """The learned pair scorer (`scorer.py`): a probability that two articles report one event."""

    model: PairScorer
    background: bool = True

    @property
    def threshold(self) -> float:
        return self.model.threshold

    @property
    def cohesion_ratio(self) -> float:
        return self.model.cohesion_ratio

    @property
    def cohesion_cap(self) -> float:
        return self.model.cohesion_cap

    @property
    def lone_cohesion(self) -> float:
        return self.model.lone_cohesion

    def similarity(self, va: Mapping[int, float], vb: Mapping[int, float], fa: Compact, fb: Compact) -> float:
        # The learned days_apart feature says how soon reports of one event follow each other;
        # the hand-set decay on top bounds the window blocking looks in.
        return self.model.score(pair_features(va, vb, fa, fb)) * time_factor(fa.published, fb.published)

    def window_days(self) -> float:
        return _window(self.threshold)


def default_scorer() -> Scorer:
    """The learned pair scorer over background-weighted terms, fitted on ECB+, L3S-GN1 and
    PolNeAR events: held-out 5 folds as a run assigns stories, 0.937 / 0.961 / 0.960 (the
    hand-set scorer's cosines rise with the batch size; benchmarks/clustering.md, sessions 6-7)."""
    return Learned(shipped())


# Articles published further apart than this cannot reach the threshold even with the same text,
# so blocking only looks this far, and a run reads stored articles this far around its own.
WINDOW_DAYS = default_scorer().window_days()


def _order(a: ArticleFeatures) -> tuple[datetime, str]:
    return (utc(a.published) or datetime.max.replace(tzinfo=UTC), a.id)


def prepare(
    articles: Iterable[Article | ArticleFeatures],
    window_days: float,
    background: bool = False,
    context: DocumentCounts | None = None,
) -> tuple[list[Compact], list[array[int]]]:
    """The unique articles as weighted vectors in publication order, and each one's later candidates.

    Each article is reduced to its features as it comes, so an iterable of articles read
    from the store is never held whole: memory grows with the features, not the texts.
    """
    unique = {f.id: (_order(f), f) for f in map(as_features, articles)}
    vocab: dict[str, int] = {}
    # Vocabulary ids are given in publication order so they, and with them every
    # floating-point sum, are the same whatever order the input came in.
    feats = [compact(f, vocab) for _, f in sorted(unique.values(), key=lambda item: item[0])]
    del unique
    names = list(vocab)
    del vocab
    weigh(feats, len(names), names if background else None, context if background else None)
    times = [f.published.timestamp() if f.published else None for f in feats]
    return feats, candidate_pairs(feats, times, window_days * 86400.0, names)


def _edges(
    docs: Sequence[Compact], later: Sequence[array[int]], locked: Sequence[str | None], scorer: Scorer
) -> dict[tuple[int, int], float]:
    """Similarity of each candidate pair, keeping only the pairs that can matter to average link.

    Two clusters merge only when their mean similarity reaches the threshold, which
    needs at least one pair between them at or above it. So clusters never span
    two components of the graph of such strong pairs (stored stories count as
    linked), and the weak pairs between components are dropped: on a large feed
    they are most of the candidates. Vectors are expanded to dicts only while
    their article is within reach (pairs run forwards in time), then let go.
    """
    groups = UnionFind(len(docs))
    first: dict[str, int] = {}
    for i, name in enumerate(locked):
        if name is not None:
            groups.union(i, first.setdefault(name, i))
    ei, ej, es = array("l"), array("l"), array("d")
    live: dict[int, dict[int, float]] = {}
    for i, js in enumerate(later):
        vi = live.pop(i, None) or dict(zip(docs[i].terms, docs[i].weights, strict=True))
        for j in js:
            vj = live.get(j)
            if vj is None:
                vj = live[j] = dict(zip(docs[j].terms, docs[j].weights, strict=True))
            s = scorer.similarity(vi, vj, docs[i], docs[j])
            if s > 0:
                ei.append(i)
                ej.append(j)
                es.append(s)
                if s >= scorer.threshold:
                    groups.union(i, j)
    return {(i, j): s for i, j, s in zip(ei, ej, es, strict=True) if groups.find(i) == groups.find(j)}


def _new_story_id(article_id: str, taken: set[str]) -> str:
    for n in range(12, len(article_id) + 1):
        sid = "s-" + article_id[:n]
        if sid not in taken:
            return sid
    sid, k = "s-" + article_id, 2
    while f"{sid}-{k}" in taken:
        k += 1
    return f"{sid}-{k}"


def cluster(
    articles: Iterable[Article | ArticleFeatures],
    known: Mapping[str, str],
    scorer: Scorer | None = None,
    context: DocumentCounts | None = None,
) -> dict[str, str]:
    """Article id -> story id for every article.

    `known` holds the assignments already stored; they are kept (two stored
    stories never merge), so stories grow as new articles arrive. New stories
    get ids derived from their earliest article. Pass the stored articles of
    recent stories along with the new ones: a story with no article here
    cannot be joined. `scorer` defaults to `default_scorer()`. `context`: the document
    counts of the whole span a run reads (`features.document_counts`), when `articles` are
    one stretch of it: terms are weighed as over the span (see `features.weigh`).
    """
    # The cyclic garbage collector would rescan every array and dict made here, more
    # often the more there are (quadratic over a large batch); nothing here forms cycles.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _cluster(articles, known, scorer or default_scorer(), context)
    finally:
        if paused:
            gc.enable()


def _cluster(
    articles: Iterable[Article | ArticleFeatures],
    known: Mapping[str, str],
    scorer: Scorer,
    context: DocumentCounts | None,
) -> dict[str, str]:
    feats, later = prepare(articles, scorer.window_days(), scorer.background, context)
    locked = [known.get(f.id) for f in feats]
    edges = _edges(feats, later, locked, scorer)
    del later
    labels = average_link(
        len(feats),
        edges,
        scorer.threshold,
        locked,
        scorer.cohesion_ratio,
        scorer.cohesion_cap,
        scorer.lone_cohesion,
    )

    members: defaultdict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(labels):
        members[root].append(i)
    taken = set(known.values())
    result: dict[str, str] = {}
    # Roots are the earliest member of each cluster, so ids follow publication order.
    for root in sorted(members):
        stored = sorted({known[feats[i].id] for i in members[root] if feats[i].id in known})
        if stored:
            sid = stored[0]
        else:
            sid = _new_story_id(feats[root].id, taken)
            taken.add(sid)
        for i in members[root]:
            result[feats[i].id] = known.get(feats[i].id, sid)
    return result
