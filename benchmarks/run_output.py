"""How long a whole run that adds 100 pages takes on a large store, its output included.

`.venv/bin/python benchmarks/run_output.py --sizes 10000`

For each size, generates a feed (the generator of `clustering_scale.py`), stores all
but the newest 100 articles with their stories, and writes the output folder once, as
earlier runs would have left it. Then, on two copies of that store and folder, times
what `corroborate run` does with the 100 new articles after extracting and analysing
them (that part costs the same whatever the store holds, so it is left out):
`update_stories`, then the output: the story files, stories.json, the HTML pages and
index.html, and the summary table. "before" is the output as runs wrote it until
session 3 (every story loaded, all of them in stories.json and in the table); "now" is
what the run command does today.
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from corroborate.pipeline import build_story, update_stories
from corroborate.store import Store
from corroborate.views import export as exporting
from corroborate.views.output import write_output
from corroborate.views.report import write_reports
from corroborate.views.summary import stories_table
from incremental_run import NEW, seed_store


def old_output(store: Store, out: Path, changed: Sequence[str]) -> None:
    """The run's output until session 3: every story read back, written and listed."""
    stories = list(store.stories())
    out.mkdir(parents=True, exist_ok=True)
    with (out / "stories.json").open("w", encoding="utf-8") as handle:
        exporting.write_json(stories, handle)
    write_reports(stories, out, changed=changed)
    Console(file=io.StringIO(), width=100).print(stories_table(stories))


def new_output(store: Store, out: Path, changed: Sequence[str]) -> None:
    """The run's output now (as the run command writes it): the changed stories' files, and the index."""
    written = write_output(store, out, changed=changed).written
    others = store.count_stories() - len(written)
    Console(file=io.StringIO(), width=100).print(stories_table(written, others=others))


Output = Callable[[Store, Path, Sequence[str]], None]


def prepare(n: int, folder: Path) -> list[str]:
    """A store of n articles less the newest 100 with their stories, and its output folder."""
    with Store(str(folder / "store.db")) as store:
        stored, new, assignment = seed_store(store, n)
        members: dict[str, list[str]] = {}
        for article in stored:
            members.setdefault(assignment[article.id], []).append(article.id)
        by_id = {a.id: a for a in stored}
        for story_id, ids in members.items():
            store.save_story(build_story(story_id, [by_id[i] for i in ids]))
        write_output(store, folder / "out")
    return [a.id for a in new]


def timed(folder: Path, ids: list[str], label: str, output: Output) -> str:
    with Store(str(folder / "store.db")) as store:
        started = time.perf_counter()
        touched = update_stories(store, ids)
        stories_s = time.perf_counter() - started
        output(store, folder / "out", touched)
        total_s = time.perf_counter() - started
        count = len(store.story_ids())
    return (
        f"{label}: {total_s:6.2f} s (update_stories {stories_s:5.2f} s, output {total_s - stories_s:5.2f} s; "
        f"{len(touched)} of {count} stories changed)"
    )


def one(n: int, folder: Path) -> None:
    base = folder / f"base-{n}"
    base.mkdir()
    ids = prepare(n, base)
    print(f"{n - NEW:>7} stored + {NEW} new:", flush=True)
    for label, output in (("before", old_output), ("now", new_output)):
        shutil.copytree(base, folder / f"{label}-{n}")
        print("  " + timed(folder / f"{label}-{n}", ids, f"{label:>6}", output), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            one(n, Path(folder))


if __name__ == "__main__":
    main()
