"""Story clustering quality on ECB+ (B-cubed P/R/F1) with the shipped defaults, and a baseline.

Run: .venv/bin/python benchmarks/clustering.py [--data PATH] [--shuffles N] [--analyses PICKLE]

Each ECB+ line becomes an Article (title, text, url; the set gives no dates, but 56 of
its urls hold one, which a run reads as the publication date, `extract.dates.url_date`, so
the article is dated here as well; `--undated` drops them) analysed by the same language
stage the pipeline runs, then `cluster(articles, {})` assigns stories. The gold is the
`cluster` field; the `topic` field is never read.
Beside it: a plain TF-IDF cosine with average-link agglomerative clustering at
its best single threshold (an oracle choice, so the baseline is at its best).
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import pickle
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from corroborate.extract.dates import url_date
from corroborate.language import analyze
from corroborate.model import Article
from corroborate.stories import cluster
from corroborate.text.words import STOPWORDS

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "ecbplus" / "ecbplus.jsonl"


# Whether ECB+ articles take the date their url holds, as `corroborate run` reads a JSON line
# with a url and no `published` (`extract.given`); session 9: before, the benchmarks had none.
URL_DATES = True


def load(path: Path) -> tuple[list[Article], dict[str, str]]:
    articles: list[Article] = []
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text, url = row["text"], row.get("url")
            published = url_date(url) if URL_DATES else None
            articles.append(
                Article(
                    id=row["id"],
                    source=str(path),
                    url=url,
                    title=row.get("title"),
                    text=text,
                    published=published,
                )
            )
            gold[row["id"]] = str(row["cluster"])
    return articles, gold


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 averaged over items."""
    by_pred: defaultdict[str, set[str]] = defaultdict(set)
    by_gold: defaultdict[str, set[str]] = defaultdict(set)
    for item, c in pred.items():
        by_pred[c].add(item)
    for item, c in gold.items():
        by_gold[c].add(item)
    p = r = 0.0
    for item in gold:
        mine, truth = by_pred[pred[item]], by_gold[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- baseline: TF-IDF + average-link ------------------------------------------------


def tfidf(texts: Sequence[str]) -> list[dict[str, float]]:
    """Lower-cased word tokens minus stopwords, raw tf x smoothed idf, unit length (sklearn's defaults)."""
    docs = [Counter(w for w in re.findall(r"\w\w+", t.lower()) if w not in STOPWORDS) for t in texts]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    idf = {w: 1.0 + math.log((1 + n) / (1 + c)) for w, c in df.items()}
    vecs = []
    for d in docs:
        v = {w: c * idf[w] for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def average_link(vecs: Sequence[Mapping[str, float]]) -> list[tuple[float, int, int]]:
    """The merges of average-link clustering, best first: (average similarity, kept, absorbed).

    Average link never merges at a higher similarity later, so cutting at a threshold
    means replaying the merges at or above it.
    """
    n = len(vecs)
    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            small, large = (vecs[i], vecs[j]) if len(vecs[i]) < len(vecs[j]) else (vecs[j], vecs[i])
            s = sum(x * large.get(w, 0.0) for w, x in small.items())
            sums[i][j] = sums[j][i] = s
    size = [1] * n
    alive = [True] * n
    version = [0] * n
    heap = [(-sums[i][j], i, j, 0, 0) for i in range(n) for j in range(i + 1, n)]
    heapq.heapify(heap)
    merges: list[tuple[float, int, int]] = []
    while heap:
        neg, i, j, vi, vj = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or version[i] != vi or version[j] != vj:
            continue
        merges.append((-neg, i, j))
        alive[j] = False
        size[i] += size[j]
        version[i] += 1
        for k in range(n):
            if alive[k] and k != i:
                s = sums[i].get(k, 0.0) + sums[j].get(k, 0.0)
                sums[i][k] = sums[k][i] = s
                heapq.heappush(heap, (-s / (size[i] * size[k]), *sorted((i, k)), *_versions(version, i, k)))
    return merges


def _versions(version: list[int], i: int, k: int) -> tuple[int, int]:
    return (version[i], version[k]) if i < k else (version[k], version[i])


def cut(n: int, merges: Sequence[tuple[float, int, int]], threshold: float) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for sim, i, j in merges:
        if sim < threshold:
            break
        parent[find(j)] = find(i)
    return [find(x) for x in range(n)]


def baseline(
    articles: Sequence[Article], gold: Mapping[str, str]
) -> tuple[float, tuple[float, float, float]]:
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    merges = average_link(tfidf(texts))
    best = (0.0, (0.0, 0.0, 0.0))
    for step in range(1, 100):
        t = step / 100
        labels = cut(len(articles), merges, t)
        score = bcubed({a.id: str(c) for a, c in zip(articles, labels, strict=True)}, gold)
        if score[2] > best[1][2]:
            best = (t, score)
    return best


def analysed(raw: Sequence[Article], path: Path) -> list[Article]:
    """The articles with the language stage run, cached in /tmp by dataset file and mtime.

    The language stage takes ~30 s for ECB+; the cache lets clustering changes be
    measured in seconds. A changed dataset file, a changed file under the package's
    language/ or data/ (or CORROBORATE_NO_CACHE=1) re-runs it.
    """
    st = path.stat()
    key = re.sub(r"\W", "_", str(path.resolve()))[-80:]
    # The language code and its models change too (a retrained NER gives other entities).
    package = Path(analyze.__code__.co_filename).resolve().parents[1]
    code = max(f.stat().st_mtime_ns for d in ("language", "data") for f in (package / d).rglob("*"))
    dated = "-dated" if any(a.published for a in raw) else ""
    cache = Path("/tmp") / f"corroborate-ecb-{key}-{st.st_mtime_ns}-{st.st_size}-{code}{dated}.pickle"
    if cache.exists() and not os.environ.get("CORROBORATE_NO_CACHE"):
        with cache.open("rb") as fh:
            cached: list[Article] = pickle.load(fh)
        if [a.id for a in cached] == [a.id for a in raw]:
            return cached
    articles = [a.model_copy(update={"analysis": analyze(a.text, a.published)}) for a in raw]
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(articles, fh)
    tmp.replace(cache)
    return articles


def pinned(raw: Sequence[Article], path: Path) -> list[Article]:
    """The analysed articles kept in `path`, written there first if it does not exist.

    Pins the language stage: clustering changes are compared on the same analyses
    while the language code (and its name model) changes under them.
    """
    if path.exists():
        with path.open("rb") as fh:
            cached: list[Article] = pickle.load(fh)
        if [a.id for a in cached] != [a.id for a in raw]:
            raise SystemExit(f"{path} holds other articles than the dataset")
        return cached
    articles = [a.model_copy(update={"analysis": analyze(a.text, a.published)}) for a in raw]
    with path.open("wb") as fh:
        pickle.dump(articles, fh)
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--shuffles", type=int, default=5)
    ap.add_argument(
        "--analyses",
        type=Path,
        help="pickle of analysed articles to use (written from the current stage if absent)",
    )
    ap.add_argument("--undated", action="store_true", help="ignore the dates the urls hold")
    args = ap.parse_args()
    global URL_DATES
    URL_DATES = not args.undated
    raw, gold = load(args.data)
    t0 = time.perf_counter()
    articles = pinned(raw, args.analyses) if args.analyses else analysed(raw, args.data)
    t_lang = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = cluster(articles, {})
    t_cluster = time.perf_counter() - t0
    p, r, f = bcubed(pred, gold)
    print(f"ECB+ {len(articles)} articles, {len(set(gold.values()))} gold events")
    print(f"language stage: {t_lang:.1f} s ({1000 * t_lang / len(articles):.0f} ms/article; 0 when cached)")
    print(
        f"corroborate cluster() defaults: P {p:.3f} R {r:.3f} F1 {f:.3f}  "
        f"({len(set(pred.values()))} stories, {t_cluster:.2f} s)"
    )

    t0 = time.perf_counter()
    threshold, (bp, br, bf) = baseline(raw, gold)
    print(
        f"baseline TF-IDF + average link, best threshold {threshold:.2f}: P {bp:.3f} R {br:.3f} F1 {bf:.3f}  "
        f"({time.perf_counter() - t0:.1f} s)"
    )

    scores = [f]
    rng = random.Random(0)
    for _ in range(args.shuffles):
        order = list(articles)
        rng.shuffle(order)
        scores.append(bcubed(cluster(order, {}), gold)[2])
    print(
        f"order independence: F1 over {len(scores)} orders min {min(scores):.3f} max {max(scores):.3f} "
        f"spread {max(scores) - min(scores):.3f}"
    )


if __name__ == "__main__":
    main()
