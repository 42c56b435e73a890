"""Page -> article: main text, boilerplate set aside, metadata."""

from __future__ import annotations

from collections.abc import Iterable

from corroborate.extract.assemble import MIN_WORDS, ExtractError, Found, assemble
from corroborate.extract.authors import person_bylines
from corroborate.extract.template import TemplateIndex
from corroborate.extract.text import classify_text, text_blocks
from corroborate.model import Article, Page

MAX_CHARS = 3_000_000
"""Pages are cut to this many characters before parsing: time stays bounded, and no article is this long."""

__all__ = ["MIN_WORDS", "ExtractError", "TemplateIndex", "extract", "extract_many"]


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


def extract_many(pages: Iterable[Page], index: TemplateIndex | None = None) -> list[Article | ExtractError]:
    """Extract a batch; paragraphs that recur across many articles of one site are taken out as its template.

    Each page is extracted alone (`extract` stays pure); the batch then teaches the
    index each site's template. Pass an index to keep learning across batches.
    """
    index = index if index is not None else TemplateIndex()
    out: list[Article | ExtractError] = []
    for page in pages:
        try:
            article = extract(page)
        except ExtractError as err:
            out.append(err)
            continue
        index.add(article)
        out.append(article)
    return [index.strip(a) if isinstance(a, Article) else a for a in out]
