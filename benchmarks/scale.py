"""The whole run at scale: generated feeds of many pages through --workers 2 and --dask local.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10000 100000] [--modes workers dask]

Each feed is JSON lines as a user gives them (id, url, title, text, published):
invented events arriving at EVENTS_PER_DAY, each told by 1-8 outlets within two
days, articles of about 600 words (the event's people, town, figures and quotes,
over a common background vocabulary). Each size and mode runs `corroborate run`
as its own process on a fresh store; it prints wall time, pages per second, peak
memory of the largest process, of the run's own process and of the largest worker, and the
ratios between sizes. CPU time (the run's and its workers', user and system) is printed
too: on a machine shared with other work it compares sizes where wall time cannot.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from processes import timed

EVENTS_PER_DAY = 40
SYLLABLES = ["ka", "lo", "mi", "ren", "to", "sa", "vi", "dor", "el", "an", "bru", "ne", "ti"]
ROLES = ["mayor", "police chief", "spokesperson", "minister", "union leader", "fire chief"]
THINGS = ["bridge", "factory", "school", "harbour", "hospital", "power station", "market", "railway"]
HAPPENINGS = ["collapsed", "caught fire", "flooded", "closed", "was evacuated", "reopened"]
BACKGROUND = " ".join(
    [
        "the council said residents were told to stay away while officials inspected the site and",
        "engineers reviewed records from previous years as the town waited for news about what had",
        "happened and when the work would begin again after the weekend",
    ]
).split()


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def article(rng: random.Random, event: dict[str, object], outlet: int) -> str:
    town, thing, verb = event["town"], event["thing"], event["verb"]
    person, role, count = event["person"], event["role"], event["count"]
    sentences = [
        f"{str(town).upper()} - A {thing} in {town} {verb} on Tuesday, and {count} people were hurt, "
        f"officials said.",
        f'"We are doing everything we can," {role} {person} told reporters.',
        f"About {int(str(count)) * 10 + outlet} residents were moved from nearby homes, {person} said.",
    ]
    while sum(len(s.split()) for s in sentences) < 600:
        words = rng.choices(BACKGROUND, k=rng.randint(12, 24))
        sentences.append(" ".join(words).capitalize() + f" in {town}.")
    return (
        " ".join(sentences[:3])
        + "\n\n"
        + "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(3, len(sentences), 4))
    )


def feed(path: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    start = datetime(2031, 1, 1, tzinfo=UTC)
    written, event = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < n:
            event += 1
            facts = {
                "town": word(rng, 3).title(),
                "thing": rng.choice(THINGS),
                "verb": rng.choice(HAPPENINGS),
                "person": f"{word(rng, 2).title()} {word(rng, 3).title()}",
                "role": rng.choice(ROLES),
                "count": rng.randint(2, 40),
            }
            when = start + timedelta(days=event / EVENTS_PER_DAY)
            for k in range(min(rng.randint(1, 8), n - written)):
                published = when + timedelta(hours=rng.uniform(0, 48))
                record = {
                    "id": f"e{event}a{k}",
                    "url": f"https://www.outlet{k}.example/{event}",
                    "title": f"{str(facts['thing']).capitalize()} {facts['verb']} in {facts['town']}",
                    "text": article(rng, facts, k),
                    "published": published.isoformat(),
                }
                out.write(json.dumps(record) + "\n")
                written += 1


def measure(path: Path, mode: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as work:
        db = str(Path(work) / "c.db")
        extra = ["--workers", "2"] if mode == "workers" else ["--dask", "local", "--workers", "2"]
        command = [
            sys.executable,
            "-m",
            "corroborate.cli",
            "run",
            str(path),
            "--db",
            db,
            "--no-report",
            *extra,
        ]
        run = timed(command)
    # The run's process and what it waited for (its pool); a Dask cluster's workers are its children too.
    return {
        "wall": run.wall,
        "cpu": run.cpu,
        "peak_mb": run.peak_mb,
        "own_mb": run.own_peak_mb,
        "worker_mb": max(run.worker_peaks_mb.values(), default=0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--modes", nargs="+", default=["workers", "dask"], choices=["workers", "dask"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for mode in args.modes:
            rows = []
            for n in args.sizes:
                path = Path(work) / f"feed-{n}.jsonl"
                if not path.exists():
                    feed(path, n)
                row = {"pages": n, **measure(path, mode)}
                rows.append(row)
                print(
                    f"{mode:8} {n:>7} pages: {row['wall']:8.1f} s, {n / row['wall']:6.1f} pages/s, "
                    f"CPU {row['cpu']:8.1f} s, "
                    f"peak {row['peak_mb']:6.0f} MB (largest process; the run's own {row['own_mb']:.0f} MB, "
                    f"largest worker {row['worker_mb']:.0f} MB)",
                    flush=True,
                )
            for a, b in itertools.pairwise(rows):
                print(
                    f"{mode:8} {b['pages'] / a['pages']:.0f}x pages: time x{b['wall'] / a['wall']:.1f}, "
                    f"CPU x{b['cpu'] / a['cpu']:.1f}, "
                    f"peak memory x{b['peak_mb'] / a['peak_mb']:.1f}"
                )


if __name__ == "__main__":
    main()
