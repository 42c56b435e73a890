"""What a sitemap lists: pages (with news publication dates) and further sitemaps, read by
ultimate-sitemap-parser from bytes we fetched (it never fetches anything itself here)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from usp.objects.sitemap import AbstractSitemap, InvalidSitemap
from usp.tree import sitemap_from_str

from corroborate.fetch.feeds import Entry
from corroborate.text.dates import as_utc

# usp logs every parse at INFO and every odd sitemap as a warning; our run reports its own outcome.
logging.getLogger("usp").setLevel(logging.ERROR)


@dataclass
class SitemapContent:
    pages: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # an index's sub-sitemaps, to fetch next


def parse_sitemap(body: bytes, base_url: str) -> SitemapContent:
    """Pages and sub-sitemaps of a sitemap (XML, news, index, or plain text)."""
    tree = sitemap_from_str(body.decode("utf-8", errors="replace"))
    content = SitemapContent()
    _walk(tree, base_url, content)
    return content


def _walk(node: AbstractSitemap, base_url: str, content: SitemapContent) -> None:
    if isinstance(node, InvalidSitemap):
        # Sub-sitemaps of a parsed string come back unfetched, as InvalidSitemap with their URL.
        if node.url and not node.url.startswith("http://usp-local-dummy.local"):
            content.sitemaps.append(urljoin(base_url, node.url))
        return
    for page in node.pages:
        when = page.news_story.publish_date if page.news_story else None
        when = when or page.last_modified
        when = as_utc(when) if when is not None else None
        title = page.news_story.title if page.news_story else None
        content.pages.append(Entry(urljoin(base_url, page.url), title, when))
    for sub in node.sub_sitemaps:
        _walk(sub, base_url, content)


def since(entries: list[Entry], start: datetime | None) -> list[Entry]:
    """Entries dated at or after `start`; undated ones are kept (they may be new)."""
    if start is None:
        return entries
    return [e for e in entries if e.published is None or e.published >= start]
