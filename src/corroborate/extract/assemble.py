"""Blocks and found metadata -> Article: text, removed, dates, origin, dateline, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from corroborate.extract.boilerplate import PUBLISHED_LINE, Block
from corroborate.extract.dates import parse_date, url_date
from corroborate.extract.lang import detect_language
from corroborate.extract.metadata import (
    appeal_outlet,
    clean_authors,
    host_outlet,
    origin_from_lines,
)
from corroborate.model import Article, Page, RemovedBlock
from corroborate.text.datelines import dateline_and_origin

MIN_WORDS = 20
"""Fewer words of body than this is no article (a stub, a gallery, a paywall teaser)."""


class ExtractError(Exception):
    """The page holds no article we can take; the message says why."""


@dataclass
class Found:
    """Metadata found in the markup, before the visible text is consulted."""

    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    fallback_date: datetime | None = None
    """A date of lower trust (a date-only guess from the page): used when nothing better is found."""
    canonical_url: str | None = None
    origin: str | None = None
    language_hint: str | None = None
    removed: list[RemovedBlock] | None = None
    """Everything not in the text, when the HTML reader audited it all; else taken from the blocks."""


_APPEAL_KINDS = frozenset(["donation", "newsletter"])
"""Removed blocks where a page asks its readers for support, naming itself."""
_UPDATED = re.compile(r"^(updated|last updated|modified)\b", re.I)
_BY = re.compile(r"^(by|from|words by|written by)\s+", re.I)


def assemble(page: Page, blocks: list[Block], found: Found) -> Article:
    body = [b for b in blocks if b.kind is None]
    n_words = sum(len(b.text.split()) for b in body)
    if n_words < MIN_WORDS:
        raise ExtractError(f"no article text: {n_words} words of body (need at least {MIN_WORDS})")
    removed = found.removed
    if removed is None:
        removed = [RemovedBlock(kind=b.kind, text=b.text) for b in blocks if b.kind]
    published, updated = _visible_dates(removed)
    dateline, origin = dateline_and_origin(body[0].text)
    if origin is None:
        origin = found.origin or origin_from_lines([r.text for r in removed] + [b.text for b in body])
    bylines = [_BY.sub("", r.text) for r in removed if r.kind in ("byline", "metadata") and _BY.match(r.text)]
    authors = found.authors or clean_authors(bylines)
    # Last: the name the page's own reader appeal gives ('Become a member of Eastvale Post').
    outlet = (
        found.outlet
        or outlet_from_host(page.url, origin)
        or appeal_outlet([r.text for r in removed if r.kind in _APPEAL_KINDS])
    )
    text = "\n\n".join(b.text for b in body)
    return Article(
        id=page.id,
        source=page.source,
        url=page.url,
        canonical_url=found.canonical_url,
        title=found.title or page.title,
        outlet=outlet,
        origin=origin,
        authors=authors,
        published=found.published or published or page.published or found.fallback_date or url_date(page.url),
        updated=found.updated or updated,
        dateline=dateline,
        language=detect_language(text, found.language_hint),
        text=text,
        removed=removed,
    )


def outlet_from_host(url: str | None, origin: str | None) -> str | None:
    """The URL's host, or the wire's name when the host is the wire's own site (northernwire.example)."""
    host = host_outlet(url)
    if host and origin:
        label = re.sub(r"[^a-z0-9]", "", origin.lower())
        if label and host.split(".")[0].replace("-", "") == label:
            return origin
    return host


def _visible_dates(blocks: list[RemovedBlock]) -> tuple[datetime | None, datetime | None]:
    """'Published 09/29/2023, 07:47 AM' and 'Updated ...' lines, as printed on the page."""
    published = updated = None
    for block in blocks:
        if block.kind != "metadata" or not PUBLISHED_LINE.match(block.text):
            continue
        stamp = parse_date(block.text)
        if stamp is None:
            continue
        if _UPDATED.match(block.text):
            updated = updated or stamp
        else:
            published = published or stamp
    return published, updated
