"""Outlets are publishers, not hosts.

A page's publisher is, in order: the shipped table's name for its host or registered
domain (so edition.cnn.com and money.cnn.com are one CNN); the site's own name from its
metadata (og:site_name, the JSON-LD publisher: extraction puts it in `Article.outlet`),
mapped through the table's known spellings ("Guardian Unlimited"); else the registered
domain itself, from the public-suffix list tldextract ships (read offline, never fetched).
Subdomains of one publisher are one origin.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from corroborate.model import Article

if TYPE_CHECKING:
    import tldextract

# Canonical agency name -> the ways pages print it.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("reuters", "thomson reuters"),
    "AP": ("ap", "associated press", "the associated press"),
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "ANSA": ("ansa",),
    "EFE": ("efe",),
    "Xinhua": ("xinhua",),
    "TASS": ("tass", "itar-tass"),
    "UPI": ("upi", "united press international"),
    "Bloomberg": ("bloomberg",),
    "PA": ("pa", "pa media", "press association"),
    "Interfax": ("interfax",),
    "Anadolu": ("anadolu", "anadolu agency", "aa"),
    "Kyodo": ("kyodo", "kyodo news"),
    "Yonhap": ("yonhap",),
}
_ALIAS = {alias: name for name, aliases in AGENCIES.items() for alias in aliases}
# Every spelling, longest first, as a regular-expression alternative.
AGENCY_PATTERN = "|".join(sorted((re.escape(a) for a in _ALIAS), key=len, reverse=True))


def agency_name(name: str) -> str | None:
    """Canonical name of a known agency, or None."""
    return _ALIAS.get(name.strip().lower().rstrip("."))


def normalise_origin(name: str) -> str:
    """One spelling per origin: 'REUTERS', 'reuters ' -> 'Reuters'; unknown all-caps names title-cased."""
    clean = re.sub(r"\s+", " ", name).strip().strip("()[]").strip()
    known = agency_name(clean)
    if known:
        return known
    # Unknown all-caps names read better title-cased; a domain ("nytimes.com") is left as written.
    if len(clean) > 4 and (clean.isupper() or clean.islower()) and "." not in clean:
        return clean.title()
    return clean


_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")


@cache
def _extractor() -> tldextract.TLDExtract:
    # The bundled snapshot only: no download (suffix_list_urls=()), no cache written (cache_dir=None).
    # Private suffixes (blogspot.com) kept, so each blog is its own publisher.
    import tldextract  # loaded on first use: it brings requests along, which most commands never need

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    text = resources.files("corroborate").joinpath("data/outlets.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return data["domains"], data["names"]


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:  # malformed URLs are common on the web
        return None
    if not host or not _DOMAIN_LIKE.match(host):
        return None
    return host.removeprefix("www.")


def registered_domain(url: str | None) -> str | None:
    """'https://edition.cnn.com/x' -> 'cnn.com'; 'news.bbc.co.uk' -> 'bbc.co.uk'; None without a host."""
    host = host_of(url)
    if not host:
        return None
    parts = _extractor()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    return host.lower()


def known_publisher(url: str | None) -> str | None:
    """The shipped table's name for the URL's host or its registered domain."""
    domains, _ = _table()
    host = host_of(url)
    if host and host.lower() in domains:
        return domains[host.lower()]
    domain = registered_domain(url)
    return domains.get(domain) if domain else None


def publisher_name(name: str) -> str:
    """One spelling of a publisher's name: 'Guardian Unlimited' -> 'The Guardian'; a domain via the table."""
    clean = re.sub(r"\s+", " ", name).strip()
    _, names = _table()
    if clean.casefold() in names:
        return names[clean.casefold()]
    if _DOMAIN_LIKE.match(clean):
        return known_publisher(clean) or registered_domain(clean) or clean.lower()
    return clean


def publisher(article: Article) -> str | None:
    """Who published the page: table by URL, else the site's own name, else the registered domain."""
    url = article.canonical_url or article.url
    known = known_publisher(url)
    if known:
        return known
    if article.outlet and article.outlet.strip():
        return publisher_name(article.outlet)
    return registered_domain(url)


def page_name(article: Article) -> str:
    """A short name for the page an article came from: its file name, else the start of its id."""
    return PurePath(article.source).name or article.id[:12]
