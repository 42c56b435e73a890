"""The whole flow: sources -> extract -> language -> stories -> compare -> store.

Each stage is a plain function from records to records; this module only
wires them together and records every page's outcome. A bad page costs that
page, never the run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from corroborate.compare import compare
from corroborate.extract import ExtractError, extract
from corroborate.language import analyze_article
from corroborate.model import Article, Page, PageError, Story
from corroborate.sources import read_pages
from corroborate.store import Store
from corroborate.stories import cluster, find_origins

Progress = Callable[[str], None]


@dataclass
class RunResult:
    run_id: int
    pages: int = 0
    stored: int = 0
    unchanged: int = 0
    errors: list[PageError] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # ids of the stories this run touched


def process_page(page: Page) -> Article | PageError:
    """Extract and analyse one page; any failure becomes that page's recorded error."""
    stage = "extract"
    try:
        article = extract(page)
        stage = "analyze"
        return analyze_article(article)
    except ExtractError as exc:
        return PageError(source=page.source, page_id=page.id, stage=stage, message=str(exc))
    except Exception as exc:  # one bad page must not stop the run
        message = f"{type(exc).__name__}: {exc}"
        return PageError(source=page.source, page_id=page.id, stage=stage, message=message)


def ingest(
    store: Store,
    inputs: Sequence[str],
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Read, extract and analyse the pages of `inputs`, then update the stories they touch."""
    result = RunResult(run_id=store.start_run(inputs))
    new_ids: list[str] = []
    for item in read_pages(inputs, stdin=stdin):
        result.pages += 1
        if progress:
            progress(item.source)
        if isinstance(item, PageError):
            result.errors.append(item)
            store.record_error(result.run_id, item)
            continue
        if store.has_page(item.id):
            result.unchanged += 1
            store.record_unchanged(result.run_id, item)
            continue
        outcome = process_page(item)
        if isinstance(outcome, PageError):
            result.errors.append(outcome)
            store.record_error(result.run_id, outcome)
            continue
        store.save_article(result.run_id, item, outcome)
        result.stored += 1
        new_ids.append(outcome.id)
    if new_ids:
        result.stories = update_stories(store, new_ids)
    store.finish_run(result.run_id)
    return result


def update_stories(store: Store, new_ids: Sequence[str]) -> list[str]:
    """Cluster the new articles into stories and rebuild the story files they touch."""
    known = store.assignments()
    everything = store.articles()
    assignment = cluster(everything, known)
    changed = {aid: sid for aid, sid in assignment.items() if known.get(aid) != sid}
    store.assign(changed)
    members: dict[str, list[Article]] = defaultdict(list)
    for article in everything:
        members[assignment[article.id]].append(article)
    touched = sorted({assignment[aid] for aid in new_ids} | set(changed.values()))
    for story_id in touched:
        store.save_story(build_story(story_id, members[story_id]))
    return touched


def build_story(story_id: str, articles: Sequence[Article]) -> Story:
    return compare(story_id, articles, find_origins(articles))
