"""A fetched response as a Page for the pipeline, or the reason it is none."""

from __future__ import annotations

import hashlib
from datetime import datetime

from corroborate.fetch.client import Fetched
from corroborate.model import Page, PageError

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def to_page(item: Fetched, published: datetime | None = None) -> Page | PageError:
    """The page a 'fetched' outcome carries; anything else (or a non-page body) becomes its error."""
    from corroborate.sources import ReadError, decode, sniff_format  # sources imports fetch.warc

    response = item.response
    if item.outcome != "fetched" or response is None:
        return PageError(source=item.url, stage="fetch", message=item.reason or item.outcome)
    content_type = response.header("content-type") or ""
    kind = content_type.split(";")[0].strip().lower()
    charset = next(
        (p.split("=", 1)[1] for p in content_type.split(";") if p.strip().lower().startswith("charset=")),
        None,
    )
    if kind and kind not in _PAGE_TYPES:
        return PageError(source=item.url, stage="fetch", message=f"not a page: {kind}")
    page_id = hashlib.sha256(response.body).hexdigest()
    try:
        text, encoding = decode(response.body, charset.strip() if charset else None)
    except ReadError as err:
        return PageError(source=item.url, page_id=page_id, stage="fetch", message=str(err))
    return Page(
        id=page_id,
        source=item.url,
        format=sniff_format(text),
        content=text,
        encoding=encoding,
        url=response.url,
        published=published,
        fetched=response.fetched,
    )
