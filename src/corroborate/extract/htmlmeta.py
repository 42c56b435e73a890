"""Metadata from markup: meta tags, JSON-LD, <link rel=canonical>, <time>, headings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from corroborate.extract.assemble import Found
from corroborate.extract.dates import parse_date, parse_iso
from corroborate.extract.metadata import clean_authors, host_outlet, split_title, strip_site
from corroborate.text.outlets import agency_name

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "date",
)
_UPDATED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
)
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_ARTICLE_TYPES = (
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
)
_MAX_LD = 500_000


def read_metadata(tree: HtmlElement, url: str | None) -> Found:
    metas = _metas(tree)
    ld = _json_ld(tree)
    found = Found()
    found.outlet = (
        metas.get("og:site_name")
        or _name(ld.get("publisher"))
        or metas.get("application-name")
        or _title_suffix(tree)
        or host_outlet(url)
    )
    found.title = _title(tree, metas, ld, found.outlet)
    found.published = _first_date(ld.get("datePublished"), *(metas.get(k) for k in _PUBLISHED_KEYS))
    found.published = found.published or _time_attr(tree, "datePublished", "published")
    found.updated = _first_date(ld.get("dateModified"), *(metas.get(k) for k in _UPDATED_KEYS))
    found.updated = found.updated or _time_attr(tree, "dateModified", "updated")
    people, orgs = _ld_authors(ld.get("author"))
    meta_authors = [v for k in _AUTHOR_KEYS if (v := metas.get(k)) and not v.startswith("http")]
    # An organisation named as author is a wire (or the outlet itself), never a person.
    found.authors = clean_authors(people or [a for a in meta_authors if a not in orgs])
    wires = [o for o in [*orgs, *meta_authors] if agency_name(o) or o in orgs]
    for org in wires:
        if found.outlet is None or org.lower() != found.outlet.lower():
            found.origin = agency_name(org) or org
            break
    canonical = tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")
    href = str(canonical[0]).strip() if canonical else metas.get("og:url") or _str(ld.get("url"))
    found.canonical_url = urljoin(url or "", href) if href else None
    lang = (
        tree.get("lang")
        or metas.get("content-language")
        or metas.get("og:locale")
        or _str(ld.get("inLanguage"))
    )
    found.language_hint = lang
    return found


def _metas(tree: HtmlElement) -> dict[str, str]:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), " ".join(content.split()))
    return metas


def _json_ld(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (else the first object at all)."""
    first: dict[str, Any] = {}
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "")[:_MAX_LD]
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for node in _nodes(data):
            types = node.get("@type")
            names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if any(str(t).lower() in _ARTICLE_TYPES for t in names):
                return node
            first = first or node
    return first


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Dicts in a JSON-LD document (top level, lists, @graph), breadth first and bounded."""
    queue, seen = [data], 0
    while queue and seen < 200:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                queue.extend(item["@graph"])


def _ld_authors(value: Any) -> tuple[list[str], list[str]]:
    """(people, organisations) named as authors; an organisation as author is a wire or the outlet."""
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict) and (name := _str(item.get("name"))):
            (orgs if str(item.get("@type", "")).lower() == "organization" else people).append(name)
    return people, orgs


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _str(value.get("name"))
    if isinstance(value, list) and value:
        return _name(value[0])
    return _str(value)


def _str(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _first_date(*values: Any) -> datetime | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            stamp = parse_iso(value) or parse_date(value)
            if stamp is not None:
                return stamp
    return None


def _time_attr(tree: HtmlElement, itemprop: str, css: str) -> datetime | None:
    values = tree.xpath(
        f"//*[@itemprop='{itemprop}']/@datetime | //*[@itemprop='{itemprop}']/@content"
        f" | //time[contains(concat(' ', @class, ' '), ' {css} ')]/@datetime"
    )
    return _first_date(*(str(v) for v in values[:3]))


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _title_suffix(tree: HtmlElement) -> str | None:
    titles = tree.xpath("//title")
    return split_title(_text(titles[0]))[1] if titles else None


def _title(tree: HtmlElement, metas: dict[str, str], ld: dict[str, Any], outlet: str | None) -> str | None:
    """The headline as printed (the article's h1), else what the page declares, without the site name."""
    for path in ("//article//h1", "//main//h1", "//h1"):
        for h1 in tree.xpath(path)[:2]:
            text = _text(h1)
            if len(text.split()) >= 3:
                return text
    for value in (metas.get("og:title"), _str(ld.get("headline")), metas.get("twitter:title")):
        if value:
            return strip_site(value, outlet)
    titles = tree.xpath("//title")
    return strip_site(_text(titles[0]), outlet) if titles and _text(titles[0]) else None
