"""Page -> article: main text, boilerplate set aside, metadata."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from corroborate.extract.assemble import MIN_WORDS, ExtractError, Found, assemble
from corroborate.extract.authors import person_bylines
from corroborate.extract.template import TemplateIndex
from corroborate.extract.text import classify_text, text_blocks
from corroborate.model import Article, Page
from corroborate.workers import batched

MAX_CHARS = 3_000_000
"""Pages are cut to this many characters before parsing: time stays bounded, and no article is this long."""

__all__ = [
    "BATCH",
    "MIN_WORDS",
    "ExtractError",
    "TemplateIndex",
    "extract",
    "extract_many",
    "strip_templates",
]


def extract(page: Page) -> Article:
    """Extract the article from one page, or raise ExtractError."""
    if page.body:
        from corroborate.extract.given import given_article

        return given_article(page)
    content = page.content[:MAX_CHARS]
    try:
        if page.format == "html":
            from corroborate.extract.html import html_blocks

            blocks, found = html_blocks(content, page)
        else:
            blocks = text_blocks(content)
            title, outlet = classify_text(blocks, page.title)
            found = Found(title=title, outlet=outlet)
    except ExtractError:
        raise
    except Exception as err:
        # A parser choking on hostile markup is one bad page, never the end of the run.
        raise ExtractError(f"cannot parse page: {type(err).__name__}: {err}") from err
    article = assemble(page, blocks, found)
    return article.model_copy(update={"authors": person_bylines(article.authors, article.outlet)})


BATCH = 32
"""Pages a batch: `corroborate run` extracts, learns templates and stores this many at a time."""

E = TypeVar("E")


def extract_many(pages: Iterable[Page], index: TemplateIndex | None = None) -> list[Article | ExtractError]:
    """Extract pages as `corroborate run` does: each page alone, then, a batch at a time, the
    paragraphs that recur across many articles of one site taken out as its template.

    Pass an index to keep learning across calls.
    """
    index = index if index is not None else TemplateIndex()
    out: list[Article | ExtractError] = []
    for batch in batched(pages, BATCH):
        out += strip_templates(batch, [_extract_or_error(page) for page in batch], index)
    return out


def strip_templates(
    pages: Sequence[Page], extracted: Sequence[Article | E], index: TemplateIndex
) -> list[Article | E]:
    """A batch's step after each page's own extraction: teach the index the batch's pages, then cut
    from each article its site's template. A body given as such (a JSON line's text) is kept whole.

    `extract` stays pure, so the pages can be extracted anywhere (worker processes) and this
    step, which learns from many pages, runs where the batch comes together.
    """
    for item in extracted:
        if isinstance(item, Article):
            index.add(item)
    return [
        index.strip(item) if isinstance(item, Article) and not page.body else item
        for page, item in zip(pages, extracted, strict=True)
    ]


def _extract_or_error(page: Page) -> Article | ExtractError:
    try:
        return extract(page)
    except ExtractError as err:
        return err
