"""Start-up of each command: what a person waits for before anything is read.

Run: .venv/bin/python benchmarks/startup.py [--repeat 5]

Each command runs as its own process (as a person types it), `--repeat` times; it
prints the median wall time and the median CPU time (user + system, from wait4) of
each. A store is made first from two of the bundled examples, so `show`, `export`
and `doctor` read a real one. Only `run` and `analyze` need the stages and the name
model; the others should start in well under a second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corroborate.store import Store
from processes import timed

ROOT = Path(__file__).resolve().parents[1]
TWO_PAGES = ["daily-ledger_bridge.html", "coastline-news_museum.txt"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "corroborate.cli"]
    with tempfile.TemporaryDirectory() as work:
        pages = Path(work) / "pages"
        pages.mkdir()
        for name in TWO_PAGES:
            shutil.copy(ROOT / "examples" / name, pages / name)
        db = str(Path(work) / "c.db")
        subprocess.run(
            [*cli, "run", str(pages), "--db", db, "--out", f"{work}/out"], check=True, capture_output=True
        )
        with Store(db) as store:
            story = store.story_ids()[0]
        text = Path(work) / "one.txt"
        text.write_text((ROOT / "examples" / TWO_PAGES[1]).read_text(encoding="utf-8"), encoding="utf-8")
        commands = {
            "--help": ["--help"],
            "schema": ["schema"],
            "show STORY": ["show", story, "--db", db],
            "export --json": ["export", "--json", "--db", db, "-o", f"{work}/all.json"],
            "doctor": ["doctor", "--db", db],
            "analyze --text, one text": ["analyze", "--text", str(text)],
            "run, two pages (new store each time)": ["run", str(pages), "--out", f"{work}/o2"],
        }
        print(f"{'command':40} {'wall (median)':>14} {'CPU (median)':>13}")
        for label, arguments in commands.items():
            walls, cpus = [], []
            for i in range(args.repeat):
                extra = ["--db", f"{work}/fresh{i}.db"] if arguments[0] == "run" else []
                run = timed([*cli, *arguments, *extra])
                wall, cpu = run.wall, run.cpu
                walls.append(wall)
                cpus.append(cpu)
            print(
                f"{label:40} {statistics.median(walls):12.2f} s {statistics.median(cpus):11.2f} s", flush=True
            )


if __name__ == "__main__":
    main()
