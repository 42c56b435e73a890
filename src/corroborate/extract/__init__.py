"""Page -> article: main text, boilerplate set aside, metadata."""

from __future__ import annotations

from collections.abc import Iterable

from corroborate.extract.assemble import MIN_WORDS, ExtractError, Found, assemble
from corroborate.extract.text import classify_text, text_blocks
from corroborate.model import Article, Page

MAX_CHARS = 3_000_000
"""Pages are cut to this many characters before parsing: time stays bounded, and no article is this long."""

__all__ = ["MIN_WORDS", "ExtractError", "extract"]


def extract(page: Page) -> Article:
    """Extract the article from one page, or raise ExtractError."""
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
    return assemble(page, blocks, found)


def extract_many(pages: Iterable[Page]) -> list[Article | ExtractError]:
    """Extract many pages; placeholder until the template pass lands."""
    out: list[Article | ExtractError] = []
    for page in pages:
        try:
            out.append(extract(page))
        except ExtractError as err:
            out.append(err)
    return out
