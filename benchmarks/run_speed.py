"""The whole run against trafilatura alone, side by side, on the same pages in one invocation.

Run: .venv/bin/python benchmarks/run_speed.py [PAGES...] [--repeat 2]

Default pages: L3S-GN1's 621 HTML pages (../shared/datasets/l3s-gn1/html), or the
bundled examples without ../shared. Each configuration runs as its own process on a
fresh store: trafilatura's `extract` over every page in one process (the floor: it
only extracts), then `corroborate run --workers 1` and `--workers 2`. Wall time
includes start-up (imports, the name model) as a user sees it; peak memory is the
largest resident size of the process and of any worker it started (wait4).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from processes import timed

ROOT = Path(__file__).resolve().parents[1]
L3S = ROOT.parent / "shared" / "datasets" / "l3s-gn1" / "html"

TRAFILATURA = """
import sys
from pathlib import Path
import trafilatura
from corroborate.sources import read_pages
pages = n = 0
for page in read_pages(sys.argv[1:]):
    if hasattr(page, "content"):
        pages += 1
        n += bool(trafilatura.extract(page.content, with_metadata=True))
print(pages, n)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="*", default=[str(L3S if L3S.is_dir() else ROOT / "examples")])
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each configuration (best is kept).")
    args = parser.parse_args()
    python = sys.executable
    configs = {
        "trafilatura alone": [python, "-c", TRAFILATURA, *args.pages],
        "corroborate --workers 1": ["--workers", "1"],
        "corroborate --workers 2": ["--workers", "2"],
    }
    best: dict[str, tuple[float, float]] = {}
    n_pages = 0
    for _ in range(args.repeat):
        for name, command in configs.items():
            with tempfile.TemporaryDirectory() as work:
                if name.startswith("corroborate"):
                    db, out = str(Path(work) / "c.db"), str(Path(work) / "out")
                    command = [
                        python,
                        "-m",
                        "corroborate.cli",
                        "run",
                        *args.pages,
                        "--db",
                        db,
                        "--out",
                        out,
                        *command,
                    ]
                run = timed(command, ok=(0, 1))  # 1: some pages were not taken, as runs do
                wall, peak, printed = run.wall, run.peak_mb, run.printed
            if name == "trafilatura alone":
                n_pages = int(printed.split()[0])
            if name not in best or wall < best[name][0]:
                best[name] = (wall, peak)
    print(f"{n_pages} pages ({', '.join(args.pages)}); best of {args.repeat}")
    print(f"{'':26} {'wall s':>8} {'pages/s':>8} {'x trafilatura time':>19} {'peak MB':>8}")
    floor = best["trafilatura alone"][0]
    for name, (wall, peak) in best.items():
        print(f"{name:26} {wall:8.2f} {n_pages / wall:8.1f} {wall / floor:19.2f} {peak:8.0f}")
    one, two = best["corroborate --workers 1"][0], best["corroborate --workers 2"][0]
    print(f"--workers 2 throughput / --workers 1: {one / two:.2f}x")


if __name__ == "__main__":
    main()
