"""The run's last step: put the new articles into stories, and build the stories they touch.

Clustering and the store stay in the run's own process; what is pure goes to the workers:
each article's clustering features, and each story's comparison, row and files. So the
run's own process only reads, clusters and writes, and the stories are the same whichever
workers did the rest.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from corroborate.extract import BATCH
from corroborate.faults import checkpoint
from corroborate.model import Article, Story, StoryError
from corroborate.settings import Settings, StorySettings
from corroborate.store import Store
from corroborate.store.rows import StoryRow
from corroborate.text.dates import in_utc
from corroborate.workers import Inline, Pending, Workers, batched, in_order

if TYPE_CHECKING:  # the clusterer and the views load where they are used, not with the run
    from corroborate.stories.cluster import Scorer
    from corroborate.stories.features import ArticleFeatures
    from corroborate.views.summary import StoryLine

Rendered = tuple[str, str] | str
"""A story's file (JSON) and HTML page, or why they could not be rendered."""


class StoryOutput(Protocol):
    """Where a run writes each story's files as soon as it has stored the story
    (`views.output.StoryWriter`): the workers that build a story render it too, so the
    story is not read back from the store to be rendered."""

    def write(self, paths: tuple[str, str], line: StoryLine, files: tuple[str, str]) -> None: ...


@dataclass(frozen=True)
class BuiltStory:
    """A story as a worker built it: what the store keeps, its line in the run's table, and its
    files when asked for. The story itself stays in the worker."""

    row: StoryRow
    line: StoryLine
    files: Rendered | None


Built = BuiltStory | StoryError
"""A story as a worker built it, or why it failed."""


def describe_error(exc: Exception) -> str:
    """How a page's or a story's failure is recorded: the exception's kind and message."""
    return f"{type(exc).__name__}: {exc}"


def update_stories(
    store: Store,
    run_id: int = 0,
    workers: Workers | None = None,
    settings: Settings | None = None,
    output: StoryOutput | None = None,
) -> tuple[list[str], list[StoryError]]:
    """Put every article in no story yet into one, and build every pending story.

    One run at a time does this (the store's story lock), and it takes the work as
    the store holds it, so what a killed run or a concurrent one stored is clustered
    here too. Stories are built by the workers (comparison is pure), BATCH at a time,
    and saved here in order (and handed to `output`, rendered by the same workers).
    Returns the stories built or tried, and those that failed.
    """
    run = workers or Inline()
    settings = settings or Settings()
    errors: list[StoryError] = []
    with store.story_lock():
        new_ids = store.unassigned(run_id if run_id else None)
        if new_ids:
            try:
                assignment = assign_stories(store, new_ids, settings.stories, workers=run)
            except Exception as exc:  # the articles stay in no story; the next run tries again
                errors.append(StoryError(story="", stage="cluster", message=describe_error(exc)))
                store.story_failed(run_id, "", "cluster", describe_error(exc), retry=False)
            else:
                store.assign(assignment, run_id)
                checkpoint("assigned")
        touched = store.pending()
        # The next batch is being built while this one is saved, so the workers never wait.
        in_flight: deque[list[tuple[str, Pending[Built]]]] = deque()
        render = output is not None
        for start in range(0, len(touched), BATCH):
            ids = touched[start : start + BATCH]
            in_flight.append(
                [
                    (sid, run.submit(_build, (sid, store.articles_json(story=sid), settings, render)))
                    for sid in ids
                ]
            )
            if len(in_flight) > 1:
                _save_stories(store, run_id, in_flight.popleft(), errors, output)
        while in_flight:
            _save_stories(store, run_id, in_flight.popleft(), errors, output)
    return touched, errors


def _save_stories(
    store: Store,
    run_id: int,
    built: list[tuple[str, Pending[Built]]],
    errors: list[StoryError],
    output: StoryOutput | None,
) -> None:
    for story_id, future in built:
        outcome = future.result()
        if isinstance(outcome, StoryError):  # this story stays pending, its error recorded
            errors.append(outcome)
            store.story_failed(run_id, story_id, "compare", outcome.message)
            continue
        store.save_story(outcome.row, run_id)
        checkpoint("story-saved")
        files = outcome.files
        if output is None or files is None:
            continue
        if isinstance(files, str):  # stored, but its page is missing until a run renders it
            errors.append(StoryError(story=story_id, stage="render", message=files))
            store.story_failed(run_id, story_id, "render", files)
        else:
            output.write((outcome.row.file, outcome.row.page), outcome.line, files)


def _build(work: tuple[str, list[str], Settings, bool]) -> Built:
    """Build one story from its articles as stored (JSON: read where the work is done, not here),
    and render its files when `render` says so (rendering is pure too)."""
    from corroborate.views.summary import story_line

    story_id, stored, settings, render = work
    try:
        story = build_story(story_id, [Article.model_validate_json(data) for data in stored], settings)
        row = StoryRow.of(story)
    except Exception as exc:  # one bad story must not stop the run
        return StoryError(story=story_id, stage="compare", message=describe_error(exc))
    if not render:
        return BuiltStory(row, story_line(story), None)
    from corroborate.views.output import render_files

    return BuiltStory(row, story_line(story), render_files((story, settings.pages)))


def assign_stories(
    store: Store,
    new_ids: Sequence[str],
    settings: StorySettings | None = None,
    scorer: Scorer | None = None,
    workers: Workers | None = None,
) -> dict[str, str]:
    """The story of each new article, from clustering them with the stored articles near them.

    Stored articles keep their stories, so only those published near the new ones
    (within the clustering's time window) can matter: a run adding a day's pages to a
    store of a year's reads a few weeks of it, not all of it. A run that brings a long
    span of pages is clustered `settings.chunk_days` at a time, oldest first, each stretch
    joining the stories of the one before: memory grows with a stretch, not the run.
    `scorer` replaces the one the settings ask for (the benchmarks' cross-validation). The
    `workers` read the stored articles into their features.
    """
    from corroborate.stories import cluster
    from corroborate.stories.configure import scorer_for
    from corroborate.stories.features import document_counts

    settings = settings or StorySettings()
    scorer = scorer or scorer_for(settings)
    run = workers or Inline()

    def stored(within: tuple[datetime, datetime] | None = None) -> Iterator[ArticleFeatures]:
        return each_features(run, store.each_article_json(published_within=within))

    window = scorer.window_days()
    when = {aid: d and in_utc(d) for aid, d in store.publication(new_ids).items()}
    if None in when.values() or not math.isfinite(window):
        # An undated article may join any story.
        assignment = cluster(stored(), store.assignments(), scorer)
        return {aid: assignment[aid] for aid in new_ids}
    dated = {aid: d for aid, d in when.items() if d is not None}
    reach = timedelta(days=window + 1)  # a day more: stored times may be local times
    known = store.assignments()
    ordered = sorted(dated, key=lambda aid: (dated[aid], aid))
    # Words are weighed by how common they are over the run's whole span, not one stretch's: in a
    # dense stretch of one campaign, "primary" and the candidates' names would count as rare, and
    # different events of the campaign would look alike (benchmarks/clustering.md, session 8).
    span = (dated[ordered[0]] - reach, dated[ordered[-1]] + reach)
    context = document_counts(stored(span))
    result: dict[str, str] = {}
    for chunk in _stretches(ordered, dated, settings.chunk_days):
        nearby = stored((dated[chunk[0]] - reach, dated[chunk[-1]] + reach))
        assignment = cluster(nearby, known, scorer, context)
        for aid in chunk:
            result[aid] = known[aid] = assignment[aid]
    return result


# Stored articles go to the workers this many at a time to be read into their features.
FEATURE_BATCH = 64


def each_features(run: Workers, stored: Iterable[str]) -> Iterator[ArticleFeatures]:
    """The clustering features of each stored article (its JSON), in order, made by the workers
    a batch at a time and two batches ahead: only the features come back, never the articles."""
    made = (run.submit(_features_of, batch) for batch in batched(stored, FEATURE_BATCH))
    for features in in_order(made, ahead=2):
        yield from features


def _features_of(stored: list[str]) -> list[ArticleFeatures]:
    from corroborate.stories.features import features

    return [features(Article.model_validate_json(data)) for data in stored]


def _stretches(ordered: list[str], when: dict[str, datetime], days: float) -> Iterator[list[str]]:
    """Articles in publication order, cut where a stretch would span more than `days`."""
    chunk: list[str] = []
    for aid in ordered:
        if chunk and when[aid] - when[chunk[0]] > timedelta(days=days):
            yield chunk
            chunk = []
        chunk.append(aid)
    if chunk:
        yield chunk


def build_story(story_id: str, articles: Sequence[Article], settings: Settings | None = None) -> Story:
    """The story file of one story's analysed articles: origins, the undated articles' times read
    against the story's date, then the comparison."""
    from corroborate.compare import compare
    from corroborate.language.story_times import inferred_times
    from corroborate.stories import find_origins

    settings = settings or Settings()
    origins = find_origins(articles, settings.stories)
    return compare(story_id, articles, origins, inferred_times(articles), settings.compare)
