"""Text dumps a second on one core: l3s-gn1's pages rendered by each converter, then extracted.

.venv/bin/python benchmarks/extraction_dump_speed.py [--repeat 3] [--limit N] [--converters a,b]

The dumps are rendered first (not timed); then `extract_many` (what `corroborate extract` runs
on .txt pages: each page's `extract`, then a batch's site templates) goes over all of one
converter's dumps, `--repeat` times, and the best run's CPU seconds of this process
(`time.process_time`, one thread) give pages per second: CPU time, so other work on a shared
machine slows the figure little. The bar of issue 13 is 300 pages/s for each converter.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import time

from corroborate.extract import ExtractError, TemplateIndex, extract, extract_many
from extraction_data import load, page, renderers

logging.disable(logging.WARNING)
BAR = 300


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--converters", help="comma-separated converters (default: all installed)")
    args = ap.parse_args()
    docs = load(limit=args.limit)
    wanted = args.converters.split(",") if args.converters else None
    for name, render in renderers().items():
        if wanted and name not in wanted:
            continue
        pages = [page(d, render(d.html), "text") for d in docs]
        with contextlib.suppress(ExtractError):
            extract(pages[0])  # warm-up: imports, patterns
        runs: list[float] = []
        for _ in range(args.repeat):
            start = time.process_time()
            extract_many(pages, TemplateIndex())
            runs.append(time.process_time() - start)
        rate = len(pages) / max(min(runs), 1e-9)
        kb = sum(len(p.content) for p in pages) / len(pages) / 1024
        verdict = "meets" if rate >= BAR else "below"
        print(
            f"{name:13} {len(pages)} dumps (avg {kb:.1f} KiB): best {min(runs):.2f} s CPU of {len(runs)}"
            f" -> {rate:.0f} pages/s ({verdict} {BAR})",
            flush=True,
        )


if __name__ == "__main__":
    main()
