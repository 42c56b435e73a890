"""Who wrote each article: a wire's republications share one independent origin.

An explicit `Article.origin` (set by extraction from a "(Reuters)" dateline or
a byline) wins. Otherwise near-duplicate texts (most 5-word shingles of the
shorter text found in the longer one) share the origin of the earliest copy,
so a republication trimmed or retitled still counts once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from corroborate.model import Article
from corroborate.settings import StorySettings
from corroborate.text.dates import as_utc
from corroborate.text.outlets import normalise_origin, page_name, publisher
from corroborate.text.words import stable_hash, words
from corroborate.unionfind import UnionFind

SHINGLE = 5
# Too few shingles and a headline-sized text looks "contained" in anything.
MIN_SHINGLES = 8
# A shingle shared by this many articles is boilerplate (a footer, a disclaimer), not copy:
# it is skipped when looking for candidate pairs (pairs are still verified on full sets).
MAX_POSTING = 200


def shingles(text: str) -> set[int]:
    toks = [w.lower() for w in words(text)]
    if len(toks) < SHINGLE:
        return {stable_hash(" ".join(toks))} if toks else set()
    return {stable_hash(" ".join(toks[i : i + SHINGLE])) for i in range(len(toks) - SHINGLE + 1)}


def shared_share(a: set[int], b: set[int]) -> float:
    """Share of the smaller set found in the larger one."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def _sort_key(article: Article) -> tuple[datetime, str]:
    return (as_utc(article.published or datetime.max), article.id)


def near_duplicate_groups(articles: Sequence[Article], containment: float) -> list[list[Article]]:
    """Groups of near-duplicate articles (connected by `containment` or more), earliest first."""
    ordered = sorted(articles, key=_sort_key)
    sets = [shingles(a.text) for a in ordered]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            postings[h].append(i)

    copies = UnionFind(len(ordered))

    for i, s in enumerate(sets):
        if len(s) < MIN_SHINGLES:
            continue
        shared: dict[int, int] = defaultdict(int)
        for h in s:
            posting = postings[h]
            if len(posting) > MAX_POSTING:
                continue
            for j in posting:
                if j > i:
                    shared[j] += 1
        for j, count in shared.items():
            smaller = min(len(s), len(sets[j]))
            # Pairs sharing only a few shingles share stock phrases, not copy: skip the full check.
            if smaller < MIN_SHINGLES or count < containment * smaller * 0.5:
                continue
            if shared_share(s, sets[j]) >= containment:
                copies.union(i, j)

    groups: dict[int, list[Article]] = defaultdict(list)
    for i, article in enumerate(ordered):
        groups[copies.find(i)].append(article)
    return sorted(groups.values(), key=lambda g: _sort_key(g[0]))


def own_origin(article: Article) -> str:
    """The origin of an article with no copies: its publisher, else a label a person can read.

    The publisher, not the host: two pages of one publisher's subdomains are one origin
    (see `corroborate.text.outlets`). Articles of unknown outlet are never assumed to share one,
    so the label names the page itself.
    """
    name = publisher(article)
    if name:
        return normalise_origin(name)
    return f"unknown outlet ({page_name(article)})"


def find_origins(articles: Sequence[Article], settings: StorySettings | None = None) -> dict[str, str]:
    """Article id -> independent origin; a wire story and its republications share one."""
    result: dict[str, str] = {}
    containment = (settings or StorySettings()).copy_containment
    for group in near_duplicate_groups(articles, containment):
        explicit = [normalise_origin(a.origin) for a in group if a.origin and a.origin.strip()]
        # An unmarked copy of a wire story is still the wire's; otherwise the earliest copy's outlet.
        shared = explicit[0] if explicit else own_origin(group[0])
        for article in group:
            if article.origin and article.origin.strip():
                result[article.id] = normalise_origin(article.origin)
            else:
                result[article.id] = shared
    return result
