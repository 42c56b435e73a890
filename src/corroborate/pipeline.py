"""The whole flow: sources -> extract -> language -> stories -> compare -> store.

Each stage is a plain function from records to records; this module only
wires them together and records every page's and story's outcome. A bad page
costs that page and a bad story that story, never the run.

What a run leaves undone is in the store, not in the process: articles in no
story yet, and stories marked pending (changed, or failed). Every run finishes
that work first, so a run that was killed, or one that met a bug in a story,
is completed by the next.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, BinaryIO, Protocol

from corroborate.extract import BATCH as EXTRACT_BATCH
from corroborate.extract import ExtractError, extract, strip_templates
from corroborate.extract.template import TemplateIndex
from corroborate.faults import checkpoint
from corroborate.model import Article, Page, PageError, Story, StoryError
from corroborate.settings import Settings, StorySettings
from corroborate.sources import read_pages
from corroborate.store import Store
from corroborate.text.dates import in_utc
from corroborate.workers import Inline, Pending, Workers, batched, workers_for

if TYPE_CHECKING:  # the clusterer loads when stories are assigned, not with the pipeline
    from corroborate.stories.cluster import Scorer

# The later stages (language, stories, comparison) are imported where they are first
# used; the commands that run none of them (show, export, doctor, schema) do not
# import this module at all.

Progress = Callable[[str], None]

Rendered = tuple[str, str] | str
"""A story's file (JSON) and HTML page, or why they could not be rendered."""


class StoryOutput(Protocol):
    """Where a run writes each story's files as soon as it has stored the story
    (`views.output.StoryWriter`): the workers that build a story render it too, so the
    story is not read back from the store to be rendered."""

    def write(self, story: Story, files: tuple[str, str]) -> None: ...


# Pages are processed in batches (extraction's: templates are learnt a batch at a
# time, as the benchmarks see them): a run smaller than one batch never pays for
# starting worker processes; a larger one spreads extraction and analysis
# (pure, CPU-bound) over the cores.
BATCH = EXTRACT_BATCH


@dataclass
class RunResult:
    run_id: int
    pages: int = 0
    stored: int = 0
    unchanged: int = 0
    errors: list[PageError] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # ids of the stories this run touched
    story_errors: list[StoryError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Some item (a page, a story) failed: the exit status says so."""
        return bool(self.errors or self.story_errors)


def extract_page(page: Page) -> Article | PageError:
    """Extract one page; any failure becomes that page's recorded error."""
    try:
        return extract(page)
    except ExtractError as exc:
        return PageError(source=page.source, page_id=page.id, stage="extract", message=str(exc))
    except Exception as exc:  # one bad page must not stop the run
        return PageError(source=page.source, page_id=page.id, stage="extract", message=_describe(exc))


def analyze_page(article: Article) -> Article | PageError:
    from corroborate.language import analyze_article

    try:
        return analyze_article(article)
    except Exception as exc:  # one bad page must not stop the run
        return PageError(source=article.source, page_id=article.id, stage="analyze", message=_describe(exc))


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def ingest(
    store: Store,
    inputs: Sequence[str],
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    pages: Iterable[Page | PageError] | None = None,
    dask: str | None = None,
    settings: Settings | None = None,
    output: StoryOutput | None = None,
) -> RunResult:
    """Read, extract and analyse the pages of `inputs` (or the given `pages`, say fetched from
    the web; `inputs` then only labels the run), then update the stories they touch; `output`
    gets each story's files as it is stored."""
    settings = settings or Settings()
    result = RunResult(run_id=store.start_run(inputs))
    with store.hold_run(result.run_id):
        work = Batches(store, result, progress, settings, output)
        if dask and pages is None:  # the cluster's workers read the input themselves
            from corroborate.distributed import ingest_parts

            ingest_parts(work, inputs, stdin, workers, dask)
        else:
            source = read_pages(inputs, stdin=stdin) if pages is None else pages
            _ingest(work, source, workers, dask)
    store.finish_run(result.run_id)
    return result


def _ingest(work: Batches, pages: Iterable[Page | PageError], workers: int | None, dask: str | None) -> None:
    """Extract, analyse and store the pages, a batch at a time, then update the stories.

    While one batch is analysed and stored, the next is already being extracted, so
    the workers never wait for the store; at most two batches are held at once, so
    memory stays bounded however long the input.
    """
    pool: Workers | None = None  # started at the first full batch: a small run never pays for it
    inline = Inline()
    in_flight: deque[tuple[list[Page], list[Pending[Article | PageError]], Workers]] = deque()
    try:
        for batch in batched(pages, BATCH):
            todo = work.new_pages(batch)
            if pool is None and len(batch) == BATCH:
                pool = workers_for(workers, dask)  # Inline when there is one core to use
            run = pool or inline
            in_flight.append((todo, [run.submit(extract_page, page) for page in todo], run))
            if len(in_flight) > 1:
                work.finish(*in_flight.popleft())
        while in_flight:
            work.finish(*in_flight.popleft())
        work.update_stories(pool)
    finally:
        if pool is not None:
            pool.close()


class Batches:
    """The run's side of the batches: what is new, the site templates, and storing each page."""

    def __init__(
        self,
        store: Store,
        result: RunResult,
        progress: Progress | None,
        settings: Settings,
        output: StoryOutput | None = None,
    ) -> None:
        self.store, self.result, self.progress, self.settings = store, result, progress, settings
        self.output = output
        # Learns each site's template (lines its pages all carry) across the run's batches.
        self.templates = TemplateIndex(self.settings.extract)
        self.taken: set[str] = set()  # pages of this run in flight or stored: the same page twice is one
        self.new_ids: list[str] = []

    def new_pages(self, batch: list[Page | PageError]) -> list[Page]:
        """The batch's pages not yet stored; read errors and pages already stored are recorded here."""
        store, result = self.store, self.result
        todo: list[Page] = []
        for item in batch:
            result.pages += 1
            if isinstance(item, PageError):
                result.errors.append(item)
                store.record_error(result.run_id, item)
            elif item.id in self.taken or store.has_page(item.id):
                result.unchanged += 1
                store.record_unchanged(result.run_id, item)
            else:
                self.taken.add(item.id)
                todo.append(item)
                continue
            if self.progress:
                self.progress(item.source)
        return todo

    def finish(self, todo: list[Page], extracting: list[Pending[Article | PageError]], run: Workers) -> None:
        """Learn the batch's templates, have it analysed, and store each page in input order."""
        extracted = strip_templates(todo, [future.result() for future in extracting], self.templates)
        analyzing = iter([run.submit(analyze_page, a) for a in extracted if isinstance(a, Article)])
        for page, outcome in zip(todo, extracted, strict=True):
            final = outcome if isinstance(outcome, PageError) else next(analyzing).result()
            if self.progress:
                self.progress(page.source)
            if isinstance(final, Article):
                final = _save(self.store, self.result.run_id, page, final)
            if isinstance(final, PageError):
                self.result.errors.append(final)
                self.store.record_error(self.result.run_id, final)
                continue
            self.result.stored += 1
            self.new_ids.append(final.id)
            checkpoint("page-stored")

    def update_stories(self, workers: Workers | None) -> None:
        """The run's last step: cluster and build the stories, and note every story the run touched."""
        result = self.result
        touched, result.story_errors = update_stories(
            self.store, result.run_id, workers, self.settings, self.output
        )
        result.stories = sorted(set(touched) | set(self.store.stories_of(self.new_ids).values()))


def _save(store: Store, run_id: int, page: Page, article: Article) -> Article | PageError:
    try:
        store.save_article(run_id, page, article)
    except Exception as exc:  # this article cannot be stored (the database refuses its data)
        if not store.reachable():
            raise  # the store itself is gone: nothing more can be stored, the run must stop
        return PageError(source=page.source, page_id=page.id, stage="store", message=_describe(exc))
    return article


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
                assignment = assign_stories(store, new_ids, settings.stories)
            except Exception as exc:  # the articles stay in no story; the next run tries again
                errors.append(StoryError(story="", stage="cluster", message=_describe(exc)))
                store.story_failed(run_id, "", "cluster", _describe(exc), retry=False)
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


Built = tuple[Story, Rendered | None] | StoryError
"""A story as a worker built it, with its files when asked for; or why it failed."""


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
        story, files = outcome
        store.save_story(story, run_id)
        checkpoint("story-saved")
        if output is None or files is None:
            continue
        if isinstance(files, str):  # stored, but its page is missing until a run renders it
            errors.append(StoryError(story=story_id, stage="render", message=files))
            store.story_failed(run_id, story_id, "render", files)
        else:
            output.write(story, files)


def _build(work: tuple[str, list[str], Settings, bool]) -> Built:
    """Build one story from its articles as stored (JSON: read where the work is done, not here),
    and render its files when `render` says so (rendering is pure too)."""
    story_id, stored, settings, render = work
    try:
        story = build_story(story_id, [Article.model_validate_json(data) for data in stored], settings)
    except Exception as exc:  # one bad story must not stop the run
        return StoryError(story=story_id, stage="compare", message=_describe(exc))
    if not render:
        return story, None
    from corroborate.views.output import render_files

    return story, render_files((story, settings.pages))


def assign_stories(
    store: Store, new_ids: Sequence[str], settings: StorySettings | None = None, scorer: Scorer | None = None
) -> dict[str, str]:
    """The story of each new article, from clustering them with the stored articles near them.

    Stored articles keep their stories, so only those published near the new ones
    (within the clustering's time window) can matter: a run adding a day's pages to a
    store of a year's reads a few weeks of it, not all of it. A run that brings a long
    span of pages is clustered `settings.chunk_days` at a time, oldest first, each stretch
    joining the stories of the one before: memory grows with a stretch, not the run.
    `scorer` replaces the one the settings ask for (the benchmarks' cross-validation).
    """
    from corroborate.stories import cluster
    from corroborate.stories.configure import scorer_for
    from corroborate.stories.features import document_counts

    settings = settings or StorySettings()
    scorer = scorer or scorer_for(settings)
    window = scorer.window_days()
    when = {aid: d and in_utc(d) for aid, d in store.publication(new_ids).items()}
    if None in when.values() or not math.isfinite(window):
        # An undated article may join any story.
        assignment = cluster(store.each_article(), store.assignments(), scorer)
        return {aid: assignment[aid] for aid in new_ids}
    dated = {aid: d for aid, d in when.items() if d is not None}
    reach = timedelta(days=window + 1)  # a day more: stored times may be local times
    known = store.assignments()
    ordered = sorted(dated, key=lambda aid: (dated[aid], aid))
    # Words are weighed by how common they are over the run's whole span, not one stretch's: in a
    # dense stretch of one campaign, "primary" and the candidates' names would count as rare, and
    # different events of the campaign would look alike (benchmarks/clustering.md, session 8).
    span = (dated[ordered[0]] - reach, dated[ordered[-1]] + reach)
    context = document_counts(store.each_article(published_within=span))
    result: dict[str, str] = {}
    for chunk in _stretches(ordered, dated, settings.chunk_days):
        nearby = store.each_article(published_within=(dated[chunk[0]] - reach, dated[chunk[-1]] + reach))
        # Reads each article into its features as it comes.
        assignment = cluster(nearby, known, scorer, context)
        for aid in chunk:
            result[aid] = known[aid] = assignment[aid]
    return result


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
