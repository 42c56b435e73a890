"""A body given as such (a JSON line's `text`): the article is that text, whole and unchanged.

Whoever hands over `text` means it to be the article, so nothing is removed as
boilerplate, however short it is, and offsets are into it exactly as given.
Only the metadata is read: the dateline and wire of its opening, the outlet of its URL.
"""

from __future__ import annotations

from corroborate.extract.assemble import ExtractError, outlet_from_host
from corroborate.extract.dates import url_date
from corroborate.extract.lang import detect_language
from corroborate.model import Article, Page
from corroborate.text.datelines import dateline_and_origin


def given_article(page: Page) -> Article:
    text = page.content
    if not text.strip():
        raise ExtractError("no article text: the given text is empty")
    opening = text.lstrip().split("\n", 1)[0]
    dateline, origin = dateline_and_origin(opening)
    return Article(
        id=page.id,
        source=page.source,
        url=page.url,
        title=page.title,
        outlet=outlet_from_host(page.url, origin),
        origin=origin,
        published=page.published or url_date(page.url),
        dateline=dateline,
        language=detect_language(text),
        text=text,
    )
