"""What a feed lists: RSS 0.9x-2.0 and Atom (read by feedparser), JSON Feed (plain JSON)."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from corroborate.text.dates import parse_time


@dataclass(frozen=True)
class Entry:
    url: str
    title: str | None = None
    published: datetime | None = None


class FeedError(Exception):
    """The bytes are no feed that can be read."""


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """The entries of a feed, in the feed's order; links are made absolute against `base_url`."""
    if body.lstrip()[:1] in (b"{", b"["):
        return _json_feed(body, base_url)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not a feed (RSS, Atom or JSON Feed){': ' + str(reason) if reason else ''}")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or _first_link(item)
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        when = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        entries.append(Entry(urljoin(base_url, link), item.get("title"), when))
    return entries


def _first_link(item: Any) -> str | None:
    for link in item.get("links") or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return str(link["href"])
    guid = item.get("id")
    return str(guid) if isinstance(guid, str) and guid.startswith(("http://", "https://")) else None


def _json_feed(body: bytes, base_url: str) -> list[Entry]:
    try:
        data = json.loads(body)
    except ValueError as err:
        raise FeedError(f"not a JSON Feed: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a JSON Feed: no 'items' list")
    entries = []
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        guid = item.get("id")
        if not link and isinstance(guid, str) and guid.startswith(("http://", "https://")):
            link = guid  # an id is a link only when it is a URL
        if not isinstance(link, str) or not link:
            continue
        title = item.get("title")
        entries.append(Entry(urljoin(base_url, link), title if isinstance(title, str) else None, _iso(item)))
    return entries


def _iso(item: dict[str, Any]) -> datetime | None:
    return parse_time(item.get("date_published") or item.get("date_modified"))
