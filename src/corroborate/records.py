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
from corroborate.workers import batched

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
) -> Iterator[Record]:
    """Per page: its analysis with offsets into "text" (the clean text; with `as_text`, the page's
    content exactly as given, which the record then leaves out), or its error.

    `published` places "today" or "on Friday" for a page that gives no date of its own.
    """
    from corroborate.language import analyze

    pairs: Iterable[tuple[Page | PageError, Article | ExtractError | PageError | Page]]
    pairs = ((item, item) for item in items) if as_text else extracted(items, settings)
    for item, outcome in pairs:
        if isinstance(outcome, ExtractError | PageError):
            yield _error(item, outcome)
            continue
        if isinstance(outcome, Page):
            body, when = outcome.content, outcome.published or published
        else:
            body, when = outcome.text, published or outcome.published
        try:
            analysis = analyze(body, when)
        except Exception as exc:  # one page's failure is that page's
            yield {"source": item.source, "error": f"{type(exc).__name__}: {exc}"}
            continue
        record: Record = {"source": item.source} | ({} if as_text else {"text": body})
        yield record | json.loads(analysis.model_dump_json())


def _error(item: Page | PageError, outcome: ExtractError | PageError) -> Record:
    message = outcome.message if isinstance(outcome, PageError) else str(outcome)
    return {"source": item.source, "error": message}
