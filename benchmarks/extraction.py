"""Extraction quality and speed on l3s-gn1: ours beside trafilatura, HTML and text dumps.

.venv/bin/python benchmarks/extraction.py [--limit N] [--variants] [--no-text]

Scores with the metric of ../shared/datasets/README.md (benchmarks/extraction_metric.py).
Our output is scored as title + text, since the gold is headline + full text and our
Article keeps the headline in its own field; the text alone is printed too.
Pages/s are CPU seconds of this one process (time.process_time), one page at a time: a busy machine
shifts them less than wall time.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable

import trafilatura

from corroborate.extract import ExtractError, extract, extract_many
from corroborate.model import Article, Page
from extraction_data import Doc, load, page, renderers
from extraction_metric import Score, score

logging.disable(logging.WARNING)  # trafilatura and htmldate talk about every short page


def timed(fn: Callable[[str], str], inputs: list[str]) -> tuple[list[str], float]:
    out: list[str] = []
    start = time.process_time()
    for item in inputs:
        out.append(fn(item))
    return out, len(inputs) / max(time.process_time() - start, 1e-9)


def ours(pages: list[Page]) -> tuple[list[Article | None], float]:
    out: list[Article | None] = []
    start = time.process_time()
    for p in pages:
        try:
            out.append(extract(p))
        except ExtractError:
            out.append(None)
    return out, len(pages) / max(time.process_time() - start, 1e-9)


def ours_many(pages: list[Page]) -> tuple[list[Article | None], float]:
    start = time.process_time()
    out = [a if isinstance(a, Article) else None for a in extract_many(pages)]
    return out, len(pages) / max(time.process_time() - start, 1e-9)


def full(article: Article | None) -> str:
    if article is None:
        return ""
    return f"{article.title}\n{article.text}" if article.title else article.text


def report(name: str, docs: list[Doc], texts: list[str], rate: float | None, base: float | None) -> Score:
    s = score(zip((d.gold for d in docs), texts, strict=True))
    speed = "" if rate is None else f"  {rate:7.1f} pages/s"
    if rate is not None and base:
        speed += f"  ({base / rate:.2f}x trafilatura's time)"
    print(f"  {name:34} {s}{speed}")
    return s


def html_section(docs: list[Doc], variants: bool) -> None:
    print(f"HTML, {len(docs)} pages")
    htmls = [d.html for d in docs]
    extract(page(docs[0], docs[0].html, "html"))  # warm-up: imports and compiled patterns
    trafilatura.extract(htmls[0])
    pages = [page(d, d.html, "html") for d in docs]
    # Page by page, trafilatura then ours: a busy machine slows both alike, so the ratio holds.
    traf: list[str] = []
    arts: list[Article | None] = []
    t_traf = t_ours = 0.0
    for html, p in zip(htmls, pages, strict=True):
        start = time.process_time()
        traf.append(trafilatura.extract(html) or "")
        middle = time.process_time()
        arts.extend(ours([p])[0])
        t_traf += middle - start
        t_ours += time.process_time() - middle
    traf_rate, rate = len(pages) / t_traf, len(pages) / t_ours
    report("trafilatura 2.3.1 defaults", docs, traf, traf_rate, None)
    report("ours extract(), text only", docs, [a.text if a else "" for a in arts], None, None)
    report("ours extract(), title + text", docs, [full(a) for a in arts], rate, traf_rate)
    many, many_rate = ours_many(pages)
    report("ours extract_many(), title + text", docs, [full(a) for a in many], many_rate, traf_rate)
    if variants:
        for label, kwargs in [
            ("favor_precision", {"favor_precision": True}),
            ("favor_recall", {"favor_recall": True}),
            ("include_tables=False", {"include_tables": False}),
            ("fast (no fallbacks)", {"fast": True}),
        ]:
            out, r = timed(lambda h, kw=kwargs: trafilatura.extract(h, **kw) or "", htmls)  # type: ignore[misc]
            report(f"trafilatura {label}", docs, out, r, traf_rate)


def text_section(docs: list[Doc]) -> None:
    for name, render in renderers().items():
        dumps = [render(d.html) for d in docs]
        print(f"Text dumps rendered by {name}, {len(docs)} pages")
        report("keep everything", docs, dumps, None, None)
        pages = [page(d, dump, "text") for d, dump in zip(docs, dumps, strict=True)]
        arts, rate = ours(pages)
        report("ours extract(), title + text", docs, [full(a) for a in arts], rate, None)
        many, many_rate = ours_many(pages)
        report("ours extract_many(), title + text", docs, [full(a) for a in many], many_rate, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--variants", action="store_true", help="also score trafilatura's options")
    parser.add_argument("--no-text", action="store_true", help="skip the text dumps")
    args = parser.parse_args()
    docs = load(limit=args.limit)
    html_section(docs, args.variants)
    if not args.no_text:
        text_section(docs)


if __name__ == "__main__":
    main()
