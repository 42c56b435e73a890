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

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from corroborate.extract import BATCH as EXTRACT_BATCH
from corroborate.extract import ExtractError, extract, strip_templates
from corroborate.extract.template import TemplateIndex
from corroborate.faults import checkpoint
from corroborate.model import Article, Page, PageError, StoryError
from corroborate.settings import Settings
from corroborate.sources import read_pages
from corroborate.store import Store
from corroborate.store.rows import ArticleRow
from corroborate.story_updates import StoryOutput, describe_error
from corroborate.story_updates import assign_stories as assign_stories  # re-exported: the run's stages
from corroborate.story_updates import build_story as build_story
from corroborate.story_updates import update_stories as update_stories
from corroborate.workers import Inline, Pending, Workers, batched, workers_for

# The later stages (language, stories, comparison) are imported where they are first
# used; the commands that run none of them (show, export, doctor, schema) do not
# import this module at all.

Progress = Callable[[str], None]

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
        return PageError(source=page.source, page_id=page.id, stage="extract", message=describe_error(exc))


def analyze_page(article: Article) -> ArticleRow | PageError:
    """Analyse one article into the row the store keeps (made here, so a worker makes it)."""
    from corroborate.language import analyze_article

    try:
        return ArticleRow.of(analyze_article(article))
    except Exception as exc:  # one bad page must not stop the run
        return PageError(
            source=article.source, page_id=article.id, stage="analyze", message=describe_error(exc)
        )


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


Analysing = list[tuple[Page, Pending[ArticleRow | PageError] | PageError]]
"""A batch's pages in input order, each with its analysis under way or why it has none."""


def _ingest(work: Batches, pages: Iterable[Page | PageError], workers: int | None, dask: str | None) -> None:
    """Extract, analyse and store the pages, a batch at a time, then update the stories.

    Three batches are under way at once: one being extracted, the one before it being
    analysed, and the one before that being stored. So while the run's process waits for
    a batch's last analyses, the workers already have the next batches' work queued, and
    never wait for the store; memory stays bounded however long the input.
    """
    pool: Workers | None = None  # started at the first full batch: a small run never pays for it
    inline = Inline()
    extracting: deque[tuple[list[Page], list[Pending[Article | PageError]], Workers]] = deque()
    analysing: deque[Analysing] = deque()
    try:
        for batch in batched(pages, BATCH):
            todo = work.new_pages(batch)
            if pool is None and len(batch) == BATCH:
                pool = workers_for(workers, dask)  # Inline when there is one core to use
            run = pool or inline
            extracting.append((todo, [run.submit(extract_page, page) for page in todo], run))
            if len(extracting) > 1:
                analysing.append(work.analyse(*extracting.popleft()))
            if len(analysing) > 1:
                work.store_batch(analysing.popleft())
        while extracting:
            analysing.append(work.analyse(*extracting.popleft()))
        while analysing:
            work.store_batch(analysing.popleft())
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

    def analyse(
        self, todo: list[Page], extracting: list[Pending[Article | PageError]], run: Workers
    ) -> Analysing:
        """Learn the batch's templates from its extracted pages, and have `run` analyse them."""
        extracted = strip_templates(todo, [future.result() for future in extracting], self.templates)
        return [
            (page, outcome if isinstance(outcome, PageError) else run.submit(analyze_page, outcome))
            for page, outcome in zip(todo, extracted, strict=True)
        ]

    def store_batch(self, batch: Analysing) -> None:
        """Store each page of the batch as its analysis comes, in input order."""
        for page, outcome in batch:
            final = outcome if isinstance(outcome, PageError) else outcome.result()
            if self.progress:
                self.progress(page.source)
            if isinstance(final, ArticleRow):
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


def _save(store: Store, run_id: int, page: Page, article: ArticleRow) -> ArticleRow | PageError:
    try:
        store.save_article(run_id, page, article)
    except Exception as exc:  # this article cannot be stored (the database refuses its data)
        if not store.reachable():
            raise  # the store itself is gone: nothing more can be stored, the run must stop
        return PageError(source=page.source, page_id=page.id, stage="store", message=describe_error(exc))
    return article
