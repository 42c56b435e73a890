"""How long a run that adds a day's pages takes on a large store.

`.venv/bin/python benchmarks/incremental_run.py --sizes 10000 30000`

For each size, generates a feed (the generator of `clustering_scale.py`: 40
events a day, so 10k articles span about two months, 30k about six), stores all
but the newest 100 with their stories, then times what the run does with the
100 new ones: `update_stories`, which clusters them against the stored articles
within reach in time and rebuilds the stories they touch, against what runs did
before: load and cluster the whole store, then rebuild the same stories. It checks both give the new
articles the same stories.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from clustering_scale import generate
from corroborate.model import Article, Page
from corroborate.pipeline import build_story, update_stories
from corroborate.store import Store
from corroborate.stories import cluster

NEW = 100


def seed_store(store: Store, n: int) -> tuple[list[Article], list[Article], dict[str, str]]:
    """A generated feed of n articles all saved, the older ones clustered into stories.

    Returns the stored articles, the newest NEW (saved but not yet in a story) and the
    stored articles' stories.
    """
    articles, _ = generate(n)
    articles.sort(key=lambda a: (a.published, a.id))
    stored, new = articles[:-NEW], articles[-NEW:]
    run = store.start_run(["generated"])
    for article in articles:
        page = Page(id=article.id, source="generated", format="text", content=b"")
        store.save_article(run, page, article)
    assignment = cluster(stored, {})
    store.assign(assignment)
    return stored, new, assignment


def one(n: int, folder: Path) -> None:
    with Store(str(folder / f"store-{n}.db")) as store:
        stored, new, _ = seed_store(store, n)
        ids = [a.id for a in new]

        # Before: the whole store loaded and clustered, the touched stories rebuilt.
        started = time.perf_counter()
        everything = store.articles()
        whole = cluster(everything, store.assignments())
        for story_id in {whole[i] for i in ids}:
            build_story(story_id, [a for a in everything if whole[a.id] == story_id])
        whole_s = time.perf_counter() - started

        started = time.perf_counter()
        touched = update_stories(store, ids)
        windowed_s = time.perf_counter() - started
        same = sum(whole[i] == story for i, story in store.assignments().items() if i in set(ids))
    print(
        f"{len(stored):>7} stored + {NEW} new: whole store {whole_s:6.2f} s; "
        f"update_stories {windowed_s:6.2f} s (with {len(touched)} stories rebuilt); "
        f"same stories for {same}/{NEW}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            one(n, Path(folder))


if __name__ == "__main__":
    main()
