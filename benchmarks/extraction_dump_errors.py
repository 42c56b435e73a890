"""Where each converter's text-dump F1 goes on l3s-gn1, by site folds: what the metric counts.

OMP_NUM_THREADS=1 .venv/bin/python benchmarks/extraction_dump_errors.py [--cache FILE] [--converters a,b]

Each converter's dumps go through `extract_many` (as `corroborate extract` runs). Per converter:

- F1 by the 5 site folds of extraction_cv (mean ± sd), against the gold as given and against the
  gold with each line that repeats the line right before it counted once. l3s-gn1's gold repeats
  many lines (an element and its child both written out, it seems): 123 of 621 pages have 20% or
  more of their shingles twice, where the page shows the text once, so no extractor of the page
  recovers those copies;
- the recall lost, as a share of each page's gold (mean over pages), by where the missing gold
  shingles are: copies the gold repeats; in a block the rules or the model set aside (by kind);
  not in the dump at all; elsewhere (shingles over a block's edge, short blocks);
- the precision lost, as a share of each page's output, by the place of the paragraph the
  unwanted shingles come from: above the first paragraph that is mostly gold, inside, below the last.

Nothing here is fitted; it says which errors are worth a feature or a rule.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from corroborate.extract import TemplateIndex, extract_many
from corroborate.model import Article
from extraction_cv import full, site_folds
from extraction_data import Doc, load, page, renderers
from extraction_metric import _TOKEN, score, shingles

logging.disable(logging.WARNING)


def once(gold: str) -> str:
    """The gold with a line that repeats the one right before it (by its words) kept once."""
    out: list[str] = []
    last: list[str] | None = None
    for line in gold.split("\n"):
        words = _TOKEN.findall(line)
        if words and words == last:
            continue
        out.append(line)
        if words:
            last = words
    return "\n".join(out)


def by_folds(docs: Sequence[Doc], golds: Sequence[str], texts: Sequence[str], folds: list[list[int]]) -> str:
    f1 = [score((golds[i], texts[i]) for i in f).f1 for f in folds]
    return f"{statistics.mean(f1):.3f} ± {statistics.stdev(f1):.3f}"


Shares = defaultdict[str, float]


def losses(gold: str, article: Article | None, dump: str) -> tuple[Shares, Shares]:
    """Recall lost by cause and precision lost by place, as shares of the page's gold and output."""
    lost: Shares = defaultdict(float)
    extra: Shares = defaultdict(float)
    g = shingles(gold)
    if not g:
        return lost, extra
    if article is None:
        lost["no article"] = 1.0
        return lost, extra
    p = shingles(full(article))
    aside: dict[tuple[str, ...], str] = {}
    for r in article.removed or []:
        for s in shingles(r.text):
            aside.setdefault(s, r.kind)
    in_dump = shingles(dump)
    size = sum(g.values())
    for s, n in (g - p).items():
        if p.get(s, 0):
            lost["copies the gold repeats"] += n / size
        elif s in aside:
            lost[f"set aside: {aside[s]}"] += n / size
        elif s not in in_dump:
            lost["not in the dump"] += n / size
        else:
            lost["elsewhere (block edges, short blocks)"] += n / size
    paragraphs = article.text.split("\n\n")
    gold_like = [j for j, t in enumerate(paragraphs) if _mostly_in(shingles(t), g)]
    first, last = (gold_like[0], gold_like[-1]) if gold_like else (len(paragraphs), -1)
    total = max(sum(p.values()), 1)
    for j, t in enumerate(paragraphs):
        place = "above" if j < first else "below" if j > last else "inside"
        extra[place] += sum((shingles(t) - g).values()) / total
    return lost, extra


def _mostly_in(s: Counter[tuple[str, ...]], gold: Counter[tuple[str, ...]]) -> bool:
    return bool(s) and sum(1 for k in s if k in gold) >= 0.5 * len(s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="a pickle of {converter: [dump, ...]}, made on first use")
    ap.add_argument("--converters", help="comma-separated converters (default: all installed)")
    args = ap.parse_args()
    docs = load()
    folds = site_folds(docs, 5)
    wanted = args.converters.split(",") if args.converters else None
    made: dict[str, list[str]] = {}
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as f:
            made = pickle.load(f)
    for name, render in renderers().items():
        if name not in made and (not wanted or name in wanted):
            made[name] = [render(d.html) for d in docs]
    if args.cache:
        with args.cache.open("wb") as f:
            pickle.dump(made, f)
    golds = [d.gold for d in docs]
    single = [once(g) for g in golds]
    repeated = sum(1 for g in golds if _repeat_share(g) >= 0.2)
    print(f"l3s-gn1: {len(docs)} pages; {repeated} with 20%+ of the gold's shingles repeated")
    for name, dumps in made.items():
        if wanted and name not in wanted:
            continue
        pages = [page(d, x, "text") for d, x in zip(docs, dumps, strict=True)]
        results = extract_many(pages, TemplateIndex())
        articles = [r if isinstance(r, Article) else None for r in results]
        texts = [full(a) for a in articles]
        print(
            f"{name}: F1 by site folds {by_folds(docs, golds, texts, folds)}; gold's repeats once "
            f"{by_folds(docs, single, texts, folds)}; no article {sum(a is None for a in articles)} pages"
        )
        lost: Shares = defaultdict(float)
        extra: Shares = defaultdict(float)
        for d, a, x in zip(docs, articles, dumps, strict=True):
            page_lost, page_extra = losses(d.gold, a, x)
            for k, v in page_lost.items():
                lost[k] += v
            for k, v in page_extra.items():
                extra[k] += v
        n = len(docs)
        print(f"  recall lost: {_shares(lost, n)}")
        print(f"  precision lost: {_shares(extra, n)}", flush=True)


def _shares(lost: Shares, pages: int) -> str:
    ranked = sorted(lost.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{k} {v / pages:.3f}" for k, v in ranked if v >= pages / 2000)


def _repeat_share(gold: str) -> float:
    g = shingles(gold)
    return (sum(g.values()) - len(g)) / max(sum(g.values()), 1)


if __name__ == "__main__":
    main()
