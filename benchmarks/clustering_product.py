"""Stories through the whole of `corroborate run`: event sets written as JSON lines, read as a user's.

Run: .venv/bin/python benchmarks/clustering_product.py [--set ecb|l3s|polnear|all] [--workers 1]
     .venv/bin/python benchmarks/clustering_product.py --jsonl FILE --gold-field cluster

Each article of a set becomes one JSON line with the fields a user gives (`id`, `url`,
`title`, `text`, `published` as an ISO date where the set has one, else null). The file is
given to `pipeline.ingest`, the function `corroborate run` calls (reading, extraction,
language stage, storing, stories), into an empty store. Then each gold article is found
in the store by its URL: B-cubed against the event gold, with any article that was not
taken or is in no story counted as a story of its own, and those articles listed.
`--jsonl` scores a JSON lines file of your own whose lines carry their event in
`--gold-field`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from clustering import DATA, bcubed, load
from clustering_long import LOADERS
from corroborate.model import Article
from corroborate.pipeline import ingest
from corroborate.store import Store


def lines(articles: Sequence[Article]) -> list[str]:
    """JSON lines as a user writes them; the url stands for the article's id when it has none."""
    return [
        json.dumps(
            {
                "id": a.id,
                "url": a.url or f"https://news.example/{a.id}",
                "title": a.title,
                "text": a.text,
                "published": a.published.isoformat() if a.published else None,
            }
        )
        for a in articles
    ]


def through_run(path: Path, workers: int) -> tuple[dict[str, str], int, float]:
    """url -> story id of what `corroborate run` stored, the pages not taken, and the seconds."""
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "run.db")) as store:
        start = time.perf_counter()
        result = ingest(store, [str(path)], workers=workers)
        seconds = time.perf_counter() - start
        stories = store.assignments()
        by_url = {a.url or "": stories.get(a.id, "") for a in store.each_article()}
    return by_url, len(result.errors), seconds


def score(rows: Sequence[Mapping[str, object]], gold_field: str, workers: int, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        by_url, errors, seconds = through_run(path, workers)
    gold = {str(r["url"]): str(r[gold_field]) for r in rows}
    left = sorted(u for u in gold if not by_url.get(u))
    pred = {u: by_url.get(u) or "left-out:" + u for u in gold}
    p, r, f = bcubed(pred, gold)
    print(
        f"{name}: {len(rows)} lines, {errors} not taken, {len(left)} in no story; "
        f"B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}  ({len(set(pred.values()))} stories, {seconds:.0f} s)"
    )
    for u in left[:20]:
        print("  in no story:", u)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", choices=["ecb", "l3s", "polnear", "all"], default="all")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--jsonl", type=Path, help="a JSON lines file of your own, with its gold in --gold-field")
    ap.add_argument("--gold-field", default="cluster")
    args = ap.parse_args()
    if args.jsonl:
        rows = [json.loads(x) for x in args.jsonl.read_text(encoding="utf-8").splitlines() if x.strip()]
        score(rows, args.gold_field, args.workers, args.jsonl.stem)
        return
    for name in ["ecb", "l3s", "polnear"] if args.set == "all" else [args.set]:
        articles, gold = load(DATA) if name == "ecb" else LOADERS[name]()
        rows = [json.loads(x) for x in lines(articles)]
        for row in rows:
            row["event"] = gold[str(row["id"])]
        score(rows, "event", args.workers, name)


if __name__ == "__main__":
    main()
