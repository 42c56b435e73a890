"""One stage over many pages, as JSON records: the library functions of `corroborate extract` and
`corroborate analyze`, so the commands only print what these return.

Both extract as `corroborate run` does (`extract.extract_many`: each page alone, then a site's
template learnt from the pages given together, a batch at a time), so what they show is what a
run stores. A page that cannot be read, extracted or analysed is a record `{"source", "error"}`
and the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from corroborate.extract import BATCH, ExtractError, TemplateIndex, extract_many
from corroborate.model import Article, Page, PageError
from corroborate.settings import ExtractSettings
from corroborate.workers import Inline, Pending, Workers, batched, done, in_order, workers_for

Record = dict[str, Any]


def extracted(
    items: Iterable[Page | PageError], settings: ExtractSettings | None = None
) -> Iterator[tuple[Page | PageError, Article | ExtractError | PageError]]:
    """Each item with its article (or why there is none), in input order, a batch at a time."""
    templates = TemplateIndex(settings)
    for batch in batched(items, BATCH):
        pages = [item for item in batch if isinstance(item, Page)]
        articles = iter(extract_many(pages, templates))
        for item in batch:
            yield item, (item if isinstance(item, PageError) else next(articles))


def extract_records(
    items: Iterable[Page | PageError], settings: ExtractSettings | None = None
) -> Iterator[Record]:
    """Per page: its article without the analysis (clean text, metadata, what was removed), or its error."""
    for item, outcome in extracted(items, settings):
        if isinstance(outcome, Article):
            yield json.loads(outcome.model_dump_json(exclude={"analysis"}))
        else:
            yield _error(item, outcome)


def analyze_records(
    items: Iterable[Page | PageError],
    as_text: bool = False,
    published: datetime | None = None,
    settings: ExtractSettings | None = None,
    workers: int | None = None,
) -> Iterator[Record]:
    """Per page: its analysis with offsets into "text" (the clean text; with `as_text`, the page's
    content exactly as given, which the record then leaves out), or its error.

    `published` places "today" or "on Friday" for a page that gives no date of its own. Past
    the first batch of pages, `workers` processes (default: one per core) analyse them;
    extraction stays here (it learns each site's template from the pages together). The
    records come in input order whoever made them.
    """
    pairs: Iterable[tuple[Page | PageError, Article | ExtractError | PageError | Page]]
    pairs = ((item, item) for item in items) if as_text else extracted(items, settings)
    pool: Workers | None = None  # a few pages are analysed here: a pool costs more to start
    inline = Inline()

    def analysing() -> Iterator[Pending[Record]]:
        nonlocal pool
        for n, (item, outcome) in enumerate(pairs):
            if pool is None and n == BATCH:
                pool = workers_for(workers, None)
            run = pool or inline
            if isinstance(outcome, ExtractError | PageError):
                yield done(_error(item, outcome))
            elif isinstance(outcome, Page):
                when = outcome.published or published
                yield run.submit(_analysis_record, (item.source, outcome.content, when, False))
            else:
                when = published or outcome.published
                yield run.submit(_analysis_record, (item.source, outcome.text, when, True))

    try:
        yield from in_order(analysing(), ahead=IN_FLIGHT)
    finally:
        if pool is not None:
            pool.close()


# Pages being analysed at once: enough to keep every worker busy, few enough to stay small.
IN_FLIGHT = 2 * BATCH


def _analysis_record(work: tuple[str, str, datetime | None, bool]) -> Record:
    """One page's record (in a worker): its analysis, with its text unless it was given as is."""
    from corroborate.language import analyze

    source, body, when, with_text = work
    try:
        analysis = analyze(body, when)
    except Exception as exc:  # one page's failure is that page's
        return {"source": source, "error": f"{type(exc).__name__}: {exc}"}
    record: Record = {"source": source} | ({"text": body} if with_text else {})
    found: Record = json.loads(analysis.model_dump_json())
    return record | found


def _error(item: Page | PageError, outcome: ExtractError | PageError) -> Record:
    message = outcome.message if isinstance(outcome, PageError) else str(outcome)
    return {"source": item.source, "error": message}
