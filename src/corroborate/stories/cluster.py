"""Clustering articles into stories: blocked candidate pairs, then average-link merging.

Each article is a tf-idf vector over content words (title weighted up) and
entity/place names. Similarity is their cosine, damped when the two name
disjoint places (two earthquakes are two stories) and when they were published
days apart. Only candidate pairs are compared: articles that share one of their
strongest, rarest features (blocking through an inverted index whose long
postings are skipped), so the cost grows with the number of articles, not with
the number of pairs. Average link then merges clusters whose mean pairwise
similarity stays above THRESHOLD: unlike joining the best story as articles
arrive, it does not depend on input order and does not let one early article
pull a second event of the same kind into its story.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from corroborate.model import Article
from corroborate.stories.conflicts import conflict_factor
from corroborate.stories.features import ArticleFeatures, features, idf_table, vectorise
from corroborate.stories.linkage import average_link

# Mean pairwise similarity two clusters must keep to be one story.
THRESHOLD = 0.14
# Two clusters merge only if their mean similarity is at least this share of the looser
# one's cohesion: a second event of the same kind sits near the threshold, but well below
# how alike the articles of one event are among themselves.
COHESION_RATIO = 0.6
# Cohesion above this (wire copies, near-duplicates) asks no more of a merge than this does.
COHESION_CAP = 0.35
# Features of an article used for blocking: its strongest (rarest, most repeated) terms and names.
BLOCK_FEATURES = 20
# A blocking feature shared by more articles than this says little about any one of them.
MAX_BLOCK_POSTING = 150
# At most this many candidates per article are compared (those sharing most blocking features).
MAX_CANDIDATES = 40
# Articles published within this many days are not penalised at all.
SAME_DAYS = 2.0
# Days over which the time penalty decays by a factor e.
DECAY_DAYS = 5.0
MIN_TIME_FACTOR = 0.1
DISJOINT_PLACES_FACTOR = 0.8
# Articles published further apart than this cannot reach THRESHOLD even with the same text,
# so blocking only looks this far (the time window of the blocking).
WINDOW_DAYS = SAME_DAYS + DECAY_DAYS * math.log(1.0 / THRESHOLD) if MIN_TIME_FACTOR < THRESHOLD else math.inf


def time_factor(a: datetime | None, b: datetime | None) -> float:
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).total_seconds()) / 86400.0
    if gap <= SAME_DAYS:
        return 1.0
    return max(MIN_TIME_FACTOR, math.exp(-(gap - SAME_DAYS) / DECAY_DAYS))


def similarity(
    va: Mapping[str, float], vb: Mapping[str, float], fa: ArticleFeatures, fb: ArticleFeatures
) -> float:
    small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
    score = sum(v * large.get(t, 0.0) for t, v in small.items())
    if fa.places and fb.places and not (fa.places & fb.places):
        score *= DISJOINT_PLACES_FACTOR
    return score * time_factor(fa.published, fb.published) * conflict_factor(fa.marks, fb.marks)


def _order(f: ArticleFeatures) -> tuple[datetime, str]:
    return (f.published or datetime.max.replace(tzinfo=UTC), f.id)


def _top_features(vec: Mapping[str, float]) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:BLOCK_FEATURES]]


def candidate_pairs(
    vecs: Sequence[Mapping[str, float]], times: Sequence[float | None]
) -> set[tuple[int, int]]:
    """Pairs (i < j) sharing a strong feature within the time window; each i keeps its best few.

    `times` (seconds, None when undated) must be ascending with undated last, as the
    articles are ordered; postings then stay in time order and a window is a slice.
    A feature whose window holds more than MAX_BLOCK_POSTING articles is skipped.
    """
    tops = [_top_features(v) for v in vecs]
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for i, top in enumerate(tops):
        for t in top:
            postings[t].append(i)
    dated: dict[str, list[float]] = {}
    window = WINDOW_DAYS * 86400.0
    pairs: set[tuple[int, int]] = set()
    for i, top in enumerate(tops):
        shared: defaultdict[int, float] = defaultdict(float)
        ti = times[i]
        for t in top:
            posting = postings[t]
            if ti is not None:
                stamps = dated.get(t)
                if stamps is None:
                    stamps = dated[t] = [s for j in posting if (s := times[j]) is not None]
                lo, hi = bisect_left(stamps, ti - window), bisect_right(stamps, ti + window)
                # The window's slice plus the undated articles at the end of the posting.
                members = posting[lo:hi] + posting[len(stamps) :]
            else:
                members = posting
            if len(members) > MAX_BLOCK_POSTING:
                continue
            for j in members:
                if j != i:
                    shared[j] += vecs[i][t]
        best = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        pairs.update((min(i, j), max(i, j)) for j, _ in best)
    return pairs


def _new_story_id(article_id: str, taken: set[str]) -> str:
    for n in range(12, len(article_id) + 1):
        sid = "s-" + article_id[:n]
        if sid not in taken:
            return sid
    sid, k = "s-" + article_id, 2
    while f"{sid}-{k}" in taken:
        k += 1
    return f"{sid}-{k}"


def cluster(articles: Sequence[Article], known: Mapping[str, str]) -> dict[str, str]:
    """Article id -> story id for every article.

    `known` holds the assignments already stored; they are kept (two stored
    stories never merge), so stories grow as new articles arrive. New stories
    get ids derived from their earliest article. Pass the stored articles of
    recent stories along with the new ones: a story with no article here
    cannot be joined.
    """
    unique = {a.id: a for a in articles}
    feats = sorted((features(a) for a in unique.values()), key=_order)
    idf, unseen = idf_table(feats)
    vecs = [vectorise(f, idf, unseen) for f in feats]
    edges = {}
    times = [f.published.timestamp() if f.published else None for f in feats]
    for i, j in sorted(candidate_pairs(vecs, times)):
        s = similarity(vecs[i], vecs[j], feats[i], feats[j])
        if s > 0:
            edges[(i, j)] = s
    labels = average_link(
        len(feats), edges, THRESHOLD, [known.get(f.id) for f in feats], COHESION_RATIO, COHESION_CAP
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
