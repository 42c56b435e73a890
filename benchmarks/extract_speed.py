"""Pages per second through read + extract, on the bundled examples and the seed pages.

.venv/bin/python benchmarks/extract_speed.py [PATH ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corroborate.extract import ExtractError, extract
from corroborate.model import Page
from corroborate.sources import read_pages

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "examples", ROOT.parent / "shared" / "examples" / "pages"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=[p for p in DEFAULT if p.exists()])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    pages = [p for p in read_pages([str(p) for p in args.paths]) if isinstance(p, Page)]
    if not pages:
        raise SystemExit("no pages found")
    extract(pages[0])  # warm-up: imports and compiled patterns are not per-page costs
    for fmt in ("html", "text"):
        subset = [p for p in pages if p.format == fmt]
        if not subset:
            continue
        errors = 0
        start = time.perf_counter()
        for _ in range(args.repeat):
            for page in subset:
                try:
                    extract(page)
                except ExtractError:
                    errors += 1
        elapsed = time.perf_counter() - start
        done = len(subset) * args.repeat
        kb = sum(len(p.content) for p in subset) / len(subset) / 1024
        print(
            f"{fmt:5} {len(subset):3} pages (avg {kb:.1f} KiB) x{args.repeat}: {done / elapsed:8.1f} pages/s"
        )
    start = time.perf_counter()
    for _ in range(args.repeat):
        list(read_pages([str(p) for p in args.paths]))
    print(f"read  {len(pages) * args.repeat / (time.perf_counter() - start):8.1f} pages/s")


if __name__ == "__main__":
    main()
