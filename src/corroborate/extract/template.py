"""Learning a site's template from many of its pages: paragraphs that recur across its articles.

A line that one outlet prints under every article ('Email this article',
'Copyright 2008 The Associated Press. All rights reserved.', a standing promo) is
its template, not its news. `extract` cannot see that from one page; a batch can.
The pass is cheap: it counts the paragraphs of the already-extracted articles per
site and takes out those found in many different articles of that site.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from corroborate.extract.boilerplate import classify_one, words
from corroborate.model import Article, RemovedBlock
from corroborate.settings import ExtractSettings

_MAX_KEY = 300


def site_of(article: Article) -> str | None:
    """The site an article belongs to: its URL's host, else its canonical URL's."""
    for url in (article.url, article.canonical_url):
        if url:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
            if host:
                return host
    return None


def _key(paragraph: str) -> bytes:
    """The paragraph's words, lowercased, as an 8-byte digest (b"" for none): a run's index counts every
    paragraph of every article of a site, so it keeps digests, not text (0.7 KB a page of a generated
    feed instead of 3.0 KB). Two paragraphs share one by chance once in 2**64."""
    text = " ".join(re.findall(r"\w+", paragraph.lower()))[:_MAX_KEY]
    return hashlib.blake2b(text.encode(), digest_size=8).digest() if text else b""


class TemplateIndex:
    """Per site: in how many distinct articles each paragraph occurs.

    A paragraph is template once `settings.template_pages` different articles of the site carry
    it, and at least `settings.template_share` of them: wire copy shared by two updates is not.
    """

    def __init__(self, settings: ExtractSettings | None = None) -> None:
        settings = settings or ExtractSettings()
        self.min_pages, self.min_share = settings.template_pages, settings.template_share
        self._counts: dict[str, Counter[bytes]] = defaultdict(Counter)
        self._stories: dict[str, set[bytes]] = defaultdict(set)

    def add(self, article: Article) -> None:
        site = site_of(article)
        if site is None:
            return
        # Versions of one story (same title) count once, so its own paragraphs never look like template.
        story = _key(article.title or article.text[:200])
        if story in self._stories[site]:
            return
        self._stories[site].add(story)
        self._counts[site].update({_key(p) for p in article.text.split("\n\n") if _key(p)})

    def is_template(self, site: str | None, paragraph: str) -> bool:
        if site is None:
            return False
        pages = len(self._stories.get(site, ()))
        seen = self._counts[site][_key(paragraph)] if site in self._counts else 0
        return pages >= self.min_pages and seen >= self.min_pages and seen >= pages * self.min_share

    def strip(self, article: Article) -> Article:
        """The article without its site's template paragraphs, which join its removed blocks."""
        site = site_of(article)
        paragraphs = article.text.split("\n\n")
        kept = [p for p in paragraphs if not self.is_template(site, p)]
        if len(kept) == len(paragraphs) or sum(words(p) for p in kept) == 0:
            return article
        removed = [
            RemovedBlock(kind=classify_one(p) or ("navigation" if words(p) < 8 else "other"), text=p)
            for p in paragraphs
            if self.is_template(site, p)
        ]
        return article.model_copy(update={"text": "\n\n".join(kept), "removed": article.removed + removed})
