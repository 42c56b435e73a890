"""Over-merging on long opinionated articles: PolNeAR v1.0 train (840 political articles of 7
outlets, 2015-2016, dated) through `cluster()`, its stories of 2+ articles listed for reading.

Run: .venv/bin/python benchmarks/clustering_polnear.py [--split train] [--min 2]

PolNeAR has no event gold, so nothing is scored: the list shows by title, date and outlet
whether a story mixes events (two primaries, a rally and a robocall) or holds one. The
language stage runs once and is cached in /tmp (about 4 minutes on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import csv
import pickle
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from corroborate.language import analyze
from corroborate.model import Article
from corroborate.stories import cluster

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear"


def load(split: str) -> list[Article]:
    with (ROOT / "metadata.tsv").open(encoding="utf-8") as fh:
        meta = {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}
    articles = []
    for path in sorted((ROOT / split / "text").glob("*.txt")):
        row = meta.get(path.stem)
        if row is None:
            continue
        published = datetime.strptime(row["publication_date"], "%Y-%m-%d").replace(tzinfo=UTC)
        text = path.read_text(encoding="utf-8")
        articles.append(
            Article(
                id=path.stem,
                source="polnear",
                title=row["title"],
                outlet=row["publisher"],
                published=published,
                text=text,
            )
        )
    return articles


def analysed(split: str) -> list[Article]:
    cache = Path("/tmp") / f"corroborate-polnear-{split}.pickle"
    if cache.exists():
        with cache.open("rb") as fh:
            cached: list[Article] = pickle.load(fh)
        return cached
    articles = [a.model_copy(update={"analysis": analyze(a.text, a.published)}) for a in load(split)]
    with cache.open("wb") as fh:
        pickle.dump(articles, fh)
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="train")
    ap.add_argument("--min", type=int, default=2, help="list stories of at least this many articles")
    args = ap.parse_args()
    articles = analysed(args.split)
    assigned = cluster(articles, {})
    stories: defaultdict[str, list[Article]] = defaultdict(list)
    for a in articles:
        stories[assigned[a.id]].append(a)
    _print(articles, stories, args.min)


def _print(articles: list[Article], stories: dict[str, list[Article]], least: int) -> None:
    multi = sorted((s for s in stories.values() if len(s) >= least), key=len, reverse=True)
    print(f"{len(articles)} articles, {len(stories)} stories, {len(multi)} of {least}+ articles")
    for members in multi:
        members.sort(key=lambda a: (a.published or datetime.min.replace(tzinfo=UTC), a.id))
        first, last = members[0].published, members[-1].published
        days = (last - first).days if first and last else 0
        outlets = sorted({a.outlet or "?" for a in members})
        print(f"--- {len(members)} articles over {days} days, outlets {', '.join(outlets)}")
        for a in members:
            when = f"{a.published:%Y-%m-%d}" if a.published else "undated"
            print(f"    {when} {a.outlet or '?':12} {(a.title or '')[:100]}")


if __name__ == "__main__":
    main()
