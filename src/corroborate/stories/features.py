"""What an article looks like to the clusterer: weighted terms, entity names, places, time."""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources

from corroborate.model import Article
from corroborate.stories.conflicts import EventMarks, marks
from corroborate.text.dates import in_utc
from corroborate.text.names import name_key
from corroborate.text.words import content_stems

TITLE_WEIGHT = 3.0
ENTITY_WEIGHT = 2.0
PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass
class ArticleFeatures:
    id: str
    published: datetime | None
    counts: dict[str, float] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    marks: EventMarks = field(default_factory=EventMarks)


def utc(dt: datetime | None) -> datetime | None:
    return None if dt is None else in_utc(dt)


def features(article: Article) -> ArticleFeatures:
    """Raw term counts (title words weighted up) plus '@name' features for entities and places."""
    f = ArticleFeatures(id=article.id, published=utc(article.published))
    counts: defaultdict[str, float] = defaultdict(float)
    for s in content_stems(article.text):
        counts[s] += 1.0
    for s in content_stems(article.title or ""):
        counts[s] += TITLE_WEIGHT
    analysis = article.analysis
    f.marks = marks(analysis, f.published)
    if analysis is not None:
        mentioned = Counter(m.entity for m in analysis.mentions)
        for entity in analysis.entities:
            weight = ENTITY_WEIGHT * max(1, mentioned.get(entity.key, 0))
            for name in _entity_names(entity.name, entity.aliases, entity.label):
                counts["@" + name] += weight
            if entity.label in PLACE_LABELS:
                f.places.update(name_key(n) for n in [entity.name, *entity.aliases] if n.strip())
    if article.dateline:
        f.places.add(name_key(article.dateline))
        counts["@" + name_key(article.dateline)] += ENTITY_WEIGHT
    f.counts = dict(counts)
    return f


def _entity_names(name: str, aliases: Sequence[str], label: str) -> set[str]:
    names = {name_key(n) for n in [name, *aliases] if n.strip()}
    if label == "PERSON":
        # Another outlet may only give the surname.
        names |= {n.split()[-1] for n in names if n}
    return {n for n in names if n}


@dataclass(slots=True)
class Compact:
    """An article as the clusterer keeps it: ints and flat arrays, about 1.5 KB at 100 terms.

    Term and place names become ids in a shared vocabulary (a dict of str per
    article cost ~34 KB each at 100k articles). `weights` holds the raw counts
    until `weigh` turns them into the unit tf-idf vector.
    """

    id: str
    published: datetime | None
    terms: array[int]
    weights: array[float]
    places: frozenset[int]
    marks: EventMarks
    # The '@name' terms among `terms`, and the length of their part of the unit vector.
    names: array[int] = field(default_factory=lambda: array("l"))
    name_norm: float = 0.0


def compact(f: ArticleFeatures, vocab: dict[str, int]) -> Compact:
    terms, weights, names = array("l"), array("d"), array("l")
    for t in sorted(f.counts):
        if f.counts[t] > 0:
            terms.append(vocab.setdefault(t, len(vocab)))
            weights.append(f.counts[t])
            if t.startswith("@"):
                names.append(terms[-1])
    # Places share the vocabulary under a prefix no term can start with.
    places = frozenset(vocab.setdefault("\0" + p, len(vocab)) for p in f.places)
    return Compact(f.id, f.published, terms, weights, places, f.marks, names)


@cache
def background() -> tuple[int, dict[str, int]]:
    """Documents and document frequencies of stems in training news (tools/learn_background_df.py)."""
    text = resources.files("corroborate").joinpath("data/background_df.tsv").read_text(encoding="utf-8")
    first, *rows = text.splitlines()
    df = {}
    for row in rows:
        stem, count = row.split("\t")
        df[stem] = int(count)
    return int(first), df


@dataclass(frozen=True)
class DocumentCounts:
    """How many articles of a wider span than one batch there are, and how many hold each term."""

    documents: int
    df: Mapping[str, int]


def as_features(item: Article | ArticleFeatures) -> ArticleFeatures:
    """An article's features, or the features given: a run's workers make them from the stored
    articles (`story_updates.each_features`), so its own process only clusters."""
    return item if isinstance(item, ArticleFeatures) else features(item)


def document_counts(articles: Iterable[Article | ArticleFeatures]) -> DocumentCounts:
    """The document counts of these articles (each id once), for `cluster(..., context=...)`."""
    df: Counter[str] = Counter()
    seen: set[str] = set()
    for a in articles:
        if a.id not in seen:
            seen.add(a.id)
            df.update(as_features(a).counts.keys())
    return DocumentCounts(len(seen), dict(df))


def weigh(
    docs: list[Compact],
    vocab_size: int,
    vocab: Sequence[str] | None = None,
    context: DocumentCounts | None = None,
) -> None:
    """Counts -> unit-length tf-idf (sublinear tf, smoothed idf), in place.

    The idf is the batch's alone, or, given the `vocab` (term of each id), the batch's added
    to a fixed background of news: then a term weighs about the same in a batch of five
    articles as in one of five thousand, and so do the cosines. A `context` (with `vocab`)
    stands for the batch in that sum when it counts more: a run's stretch is weighed by the
    counts of the whole span the run reads, so a dense topic's common words weigh as little
    in a stretch of it as over all of it.
    """
    df = array("l", bytes(8 * vocab_size))
    for d in docs:
        for t in d.terms:
            df[t] += 1
    n = len(docs)
    if vocab is not None:
        total, known = background()
        if context is not None:
            n = max(n, context.documents)
            for t, term in enumerate(vocab):
                df[t] = max(df[t], context.df.get(term, 0))
        n += total
        for t, term in enumerate(vocab):
            df[t] += known.get(term, 0)
    for d in docs:
        vec = [
            (1.0 + math.log(c)) * (1.0 + math.log((n + 1) / (df[t] + 1)))
            for t, c in zip(d.terms, d.weights, strict=True)
        ]
        norm = math.sqrt(sum(v * v for v in vec))
        if not norm:
            d.terms, d.weights, d.names = array("l"), array("d"), array("l")
        else:
            d.weights = array("d", [v / norm for v in vec])
            names = set(d.names)
            d.name_norm = math.sqrt(sum(w * w for t, w in zip(d.terms, d.weights, strict=True) if t in names))
