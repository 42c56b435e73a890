"""Extraction by site folds on l3s-gn1: ours beside trafilatura, HTML and text dumps.

.venv/bin/python benchmarks/extraction_cv.py [--folds 5] [--no-text] [--limit N] [--dump DIR]

Pages are grouped by site (`extraction_sites.site_of`; pages with no site of their own
links are each a site of one) and the sites dealt into folds, largest first, each to
the fold with the fewest pages, so a site's template never sits in two folds. Each
fold is scored with the metric of ../shared/datasets/README.md (title + text, as
benchmarks/extraction.py does); the folds' mean and spread are printed. The
extractor is rules, with nothing fitted per fold, so the folds show how its figure
varies across sites; a rule or model chosen on the other folds is scored on each
held-out one the same way. `--dump DIR` writes, per page, the paragraphs
trafilatura keeps that ours drops (scored against the gold), for reading.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import trafilatura

from corroborate.extract import ExtractError, extract
from corroborate.model import Article
from extraction_data import Doc, load, page, renderers
from extraction_metric import Score, score
from extraction_sites import site_of

logging.disable(logging.WARNING)


def site_folds(docs: Sequence[Doc], k: int) -> list[list[int]]:
    sites: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        s = site_of(d.html)
        sites.setdefault(d.id if s == "unknown" else s, []).append(i)
    folds: list[list[int]] = [[] for _ in range(k)]
    for _, members in sorted(sites.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(folds, key=len).extend(members)
    return [sorted(f) for f in folds]


def full(article: Article | None) -> str:
    if article is None:
        return ""
    return f"{article.title}\n{article.text}" if article.title else article.text


def ours(doc: Doc, content: str, fmt: str) -> str:
    try:
        return full(extract(page(doc, content, fmt)))
    except ExtractError:
        return ""


def by_fold(name: str, docs: Sequence[Doc], texts: Sequence[str], folds: Sequence[list[int]]) -> list[Score]:
    scores = [score((docs[i].gold, texts[i]) for i in f) for f in folds]
    f1 = [s.f1 for s in scores]
    whole = score(zip((d.gold for d in docs), texts, strict=True))
    print(
        f"  {name:30} folds {' '.join(f'{x:.3f}' for x in f1)}  mean {statistics.mean(f1):.3f} ± "
        f"{statistics.stdev(f1):.3f} (sd)  P {statistics.mean(s.precision for s in scores):.3f} "
        f"R {statistics.mean(s.recall for s in scores):.3f}  | all pages {whole}"
    )
    return scores


def timed(fn: Callable[[Doc], str], docs: Sequence[Doc]) -> tuple[list[str], float]:
    start = time.process_time()
    out = [fn(d) for d in docs]
    return out, time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-text", action="store_true", help="skip the text dumps")
    ap.add_argument("--converters", help="comma-separated converters to score (default: all installed)")
    ap.add_argument("--dump", type=Path, help="write what trafilatura keeps and ours drops, per page")
    args = ap.parse_args()
    docs = load(limit=args.limit)
    folds = site_folds(docs, args.folds)
    print(f"l3s-gn1 {len(docs)} pages, {args.folds} site folds of {[len(f) for f in folds]} pages")
    ours(docs[0], docs[0].html, "html")  # warm-up: imports, compiled patterns
    print("HTML")
    traf, t_traf = timed(lambda d: trafilatura.extract(d.html) or "", docs)
    mine, t_mine = timed(lambda d: ours(d, d.html, "html"), docs)
    by_fold("trafilatura 2.3.1 defaults", docs, traf, folds)
    by_fold("ours extract()", docs, mine, folds)
    print(f"  time: trafilatura {t_traf:.1f} s, ours {t_mine:.1f} s CPU ({t_mine / t_traf:.2f}x)")
    if args.dump:
        from extraction_diff import write_diffs

        write_diffs(args.dump, docs, traf, mine)
    if args.no_text:
        return
    wanted = args.converters.split(",") if args.converters else None
    for name, render in renderers().items():
        if wanted and name not in wanted:
            continue
        dumps = [render(d.html) for d in docs]
        print(f"Text dumps by {name}")
        by_fold("keep everything", docs, dumps, folds)
        start = time.process_time()
        texts = [ours(d, dump, "text") for d, dump in zip(docs, dumps, strict=True)]
        rate = len(docs) / max(time.process_time() - start, 1e-9)
        by_fold("ours extract()", docs, texts, folds)
        print(f"  {rate:.0f} pages/s CPU; {sum(1 for x in dumps if not x.strip())} empty dumps")
        # A converter that fails on a page (html2text stops at old pages' broken scripts) leaves
        # nothing to extract from: the figure over the pages whose dump holds the article.
        pairs = enumerate(zip(docs, dumps, strict=True))
        held = [i for i, (d, x) in pairs if score([(d.gold, x)]).recall >= 0.8]
        sub = score((docs[i].gold, texts[i]) for i in held)
        print(f"  pages whose dump holds 80%+ of the gold: {len(held)}; ours there {sub}")


if __name__ == "__main__":
    main()
