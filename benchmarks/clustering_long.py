"""Story clustering on long, real news pages: B-cubed by event folds, as a run assigns stories.

Run: .venv/bin/python benchmarks/clustering_long.py [--set l3s|polnear|both] [--folds 5] [--fresh]

Two sets, each with event gold annotated here (labels only, no text):
- L3S-GN1 (`../shared/datasets/l3s-gn1/ground-truth.json`): 621 pages found through
  Google News in 2008, all topics; `benchmarks/clustering_l3s_gold.json` names the pages
  that report one event (33 events of 2-3 pages), every other page is its own event.
  The pages carry no publication date.
- PolNeAR v1.0 train (`../shared/datasets/polnear/train`): 840 long articles on 2016 US
  politics from 7 outlets of opposite leanings, dated (metadata.tsv);
  `benchmarks/clustering_polnear_gold.json` names 9 events reported by two outlets each.
  Most articles share the same politicians and vocabulary without sharing an event, so
  this is foremost a test of precision.
Each page becomes an Article as a JSON line of `corroborate run` gives it (id, title,
text, published), the language stage runs on it, the articles are stored in an empty
store and `pipeline.assign_stories`, the function a run calls, assigns their stories:
dated articles a stretch of `chunk_days` at a time, each stretch joining the stories of the
one before, through `stories.cluster`. (`benchmarks/clustering_product.py` goes further:
JSON lines through the whole of `corroborate run`.) Folds: gold events dealt round robin
(sorted labels), each fold run alone as a batch of new events. The analysed articles are
kept in /tmp (`--fresh` redoes them) so clustering changes are measured in seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import statistics
import tempfile
import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from clustering import baseline, bcubed
from corroborate.language import analyze
from corroborate.model import Article, Page
from corroborate.pipeline import assign_stories
from corroborate.settings import StorySettings
from corroborate.store import Store
from corroborate.stories.cluster import Scorer

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "datasets"


def _gold(name: str, ids: Sequence[str]) -> dict[str, str]:
    events = json.loads((HERE / f"clustering_{name}_gold.json").read_text(encoding="utf-8"))["events"]
    return {i: events.get(i, "own-" + i) for i in ids}


def load_l3s() -> tuple[list[Article], dict[str, str]]:
    pages = json.loads((SHARED / "l3s-gn1" / "ground-truth.json").read_text(encoding="utf-8"))
    articles = []
    for pid in sorted(pages):
        title, _, body = pages[pid]["articleBody"].strip().partition("\n")
        url = f"https://l3s.example/{pid}"
        articles.append(Article(id=pid, source="l3s", url=url, title=title, text=body))
    return articles, _gold("l3s", [a.id for a in articles])


def load_polnear() -> tuple[list[Article], dict[str, str]]:
    base = SHARED / "polnear"
    with (base / "metadata.tsv").open(encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    articles = []
    for path in sorted((base / "train" / "text").glob("*.txt")):
        row = meta[path.stem]
        day = datetime.fromisoformat(row["publication_date"]).replace(hour=12, tzinfo=UTC)
        first, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        articles.append(
            Article(
                id=path.stem,
                source=row["publisher"],
                url=f"https://{row['publisher']}.example/{path.stem}",
                title=row["title"] or first,
                text=body.strip(),
                published=day,
            )
        )
    return articles, _gold("polnear", [a.id for a in articles])


LOADERS = {"l3s": load_l3s, "polnear": load_polnear}


def analysed(name: str, raw: Sequence[Article], fresh: bool) -> list[Article]:
    cache = Path("/tmp") / f"corroborate-long-{name}.pickle"
    if cache.exists() and not fresh:
        with cache.open("rb") as fh:
            cached: list[Article] = pickle.load(fh)
        if [a.id for a in cached] == [a.id for a in raw]:
            return cached
    articles = [a.model_copy(update={"analysis": analyze(a.text, a.published)}) for a in raw]
    with cache.open("wb") as fh:
        pickle.dump(articles, fh)
    return articles


def as_run(
    articles: Sequence[Article], scorer: Scorer | None = None, settings: StorySettings | None = None
) -> dict[str, str]:
    """Stories as `corroborate run` assigns them into an empty store: the articles are stored
    and `pipeline.assign_stories` (the function a run calls) clusters them, dated ones a
    stretch of `settings.chunk_days` at a time, weighed by the run's document counts.
    `scorer` replaces the shipped one for this call."""
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "bench.db")) as store:
        run_id = store.start_run(["benchmark"])
        for a in articles:
            page = Page(id=a.id, source=a.source, format="text", content="", url=a.url, size=0, body=True)
            store.save_article(run_id, page, a)
        return assign_stories(store, [a.id for a in articles], settings, scorer)


def folds(gold: Mapping[str, str], k: int) -> list[set[str]]:
    labels = sorted(set(gold.values()), key=lambda s: zlib.crc32(s.encode()))
    fold = {label: n % k for n, label in enumerate(labels)}
    return [{a for a, label in gold.items() if fold[label] == f} for f in range(k)]


def scores(
    articles: Sequence[Article], gold: Mapping[str, str], k: int, scorer: Scorer | None = None
) -> list[tuple[float, float, float]]:
    out = []
    for part in folds(gold, k):
        batch = [a for a in articles if a.id in part]
        out.append(bcubed(as_run(batch, scorer), {a.id: gold[a.id] for a in batch}))
    return out


def summary(name: str, prf: Sequence[tuple[float, float, float]]) -> str:
    f1 = [f for _, _, f in prf]
    spread = statistics.stdev(f1) if len(f1) > 1 else 0.0
    p, r = statistics.mean(x[0] for x in prf), statistics.mean(x[1] for x in prf)
    return (
        f"{name:34} F1 folds {' '.join(f'{x:.3f}' for x in f1)}  "
        f"mean {statistics.mean(f1):.3f} ± {spread:.3f} (sd)  P {p:.3f} R {r:.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", choices=["l3s", "polnear", "both"], default="both")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fresh", action="store_true", help="re-run the language stage")
    ap.add_argument("--baseline", action="store_true", help="TF-IDF average link at its best threshold")
    args = ap.parse_args()
    for name in ["l3s", "polnear"] if args.set == "both" else [args.set]:
        raw, gold = LOADERS[name]()
        articles = analysed(name, raw, args.fresh)
        events = len(set(gold.values()))
        print(f"{name}: {len(articles)} articles, {events} events ({len(articles) - events} merges in gold)")
        print(summary(f"  {args.folds} event folds", scores(articles, gold, args.folds)))
        pred = as_run(articles)
        p, r, f = bcubed(pred, gold)
        print(f"  whole set: P {p:.3f} R {r:.3f} F1 {f:.3f}  ({len(set(pred.values()))} stories)")
        if args.baseline:
            t, (bp, br, bf) = baseline(raw, gold)
            print(f"  TF-IDF + average link, best threshold {t:.2f}: P {bp:.3f} R {br:.3f} F1 {bf:.3f}")


if __name__ == "__main__":
    main()
