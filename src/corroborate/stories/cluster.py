"""Online clustering: each new article joins the most similar story or opens a new one.

Similarity is a tf-idf cosine between the article and the story's centroid over
content words (title weighted up) and entity/place names, damped when the two
name disjoint places (two earthquakes are two stories) and when they were
published days apart. Candidate stories come from an inverted index over each
article's strongest features, so the cost grows with the number of articles,
not with the number of story pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from corroborate.model import Article
from corroborate.stories.features import ArticleFeatures, features, idf_table, vectorise

THRESHOLD = 0.2
# Features of a new article looked up in the blocking index: its rarest, strongest terms and names.
BLOCK_FEATURES = 20
# A feature shared by this many stories says little about any one of them.
MAX_BLOCK_POSTING = 1000
# Articles published within this many days are not penalised at all.
SAME_DAYS = 2.0
# Days over which the time penalty decays by a factor e.
DECAY_DAYS = 5.0
MIN_TIME_FACTOR = 0.1
DISJOINT_PLACES_FACTOR = 0.5


@dataclass
class StoryProfile:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    places: set[str] = field(default_factory=set)
    times: list[datetime] = field(default_factory=list)

    def add(self, vec: Mapping[str, float], f: ArticleFeatures) -> None:
        for t, v in vec.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + v
        self.norm = math.sqrt(sum(v * v for v in self.centroid.values()))
        self.places |= f.places
        if f.published is not None:
            self.times.append(f.published)


def similarity(vec: Mapping[str, float], f: ArticleFeatures, story: StoryProfile) -> float:
    if not story.norm:
        return 0.0
    dot = sum(v * story.centroid.get(t, 0.0) for t, v in vec.items())
    score = dot / story.norm
    if f.places and story.places and not (f.places & story.places):
        score *= DISJOINT_PLACES_FACTOR
    return score * time_factor(f.published, story.times)


def time_factor(published: datetime | None, times: Sequence[datetime]) -> float:
    if published is None or not times:
        return 1.0
    gap = min(abs((published - t).total_seconds()) for t in times) / 86400.0
    if gap <= SAME_DAYS:
        return 1.0
    return max(MIN_TIME_FACTOR, math.exp(-(gap - SAME_DAYS) / DECAY_DAYS))


def _order(f: ArticleFeatures) -> tuple[datetime, str]:
    return (f.published or datetime.max.replace(tzinfo=UTC), f.id)


def _top_features(vec: Mapping[str, float]) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:BLOCK_FEATURES]]


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

    `known` holds the assignments already stored; they are kept, so stories grow
    as new articles arrive. New stories get ids derived from their first article.
    Pass the stored articles of recent stories along with the new ones: a story
    with no article here cannot be joined.
    """
    feats = {a.id: features(a) for a in articles}
    idf, unseen = idf_table(feats.values())
    vecs = {aid: vectorise(f, idf, unseen) for aid, f in feats.items()}

    stories: dict[str, StoryProfile] = {}
    index: dict[str, set[str]] = defaultdict(set)
    result: dict[str, str] = {}
    taken = set(known.values())

    def place(aid: str, sid: str) -> None:
        profile = stories.setdefault(sid, StoryProfile(sid))
        profile.add(vecs[aid], feats[aid])
        # Index every feature, look up only the article's strongest: a shared rare term is enough.
        for t in vecs[aid]:
            index[t].add(sid)
        result[aid] = sid

    ordered = sorted(feats.values(), key=_order)
    # Stored assignments first, so new articles can join any stored story whatever its date.
    for f in ordered:
        if f.id in known:
            place(f.id, known[f.id])
    for f in ordered:
        if f.id in result:
            continue
        vec = vecs[f.id]
        candidates: set[str] = set()
        for t in _top_features(vec):
            posting = index.get(t)
            if posting and len(posting) <= MAX_BLOCK_POSTING:
                candidates |= posting
        best, best_score = None, THRESHOLD
        for sid in sorted(candidates):
            score = similarity(vec, f, stories[sid])
            if score >= best_score and (best is None or score > best_score):
                best, best_score = sid, score
        if best is None:
            best = _new_story_id(f.id, taken)
            taken.add(best)
        place(f.id, best)
    return result
