"""Who wrote it and where: wire origin, dateline, authors, outlet."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from corroborate.text.outlets import AGENCY_PATTERN, agency_name

_CREDIT_AGENCY = re.compile(
    rf"^\s*(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?(?P<agency>{AGENCY_PATTERN})\b", re.I
)
_BY_AGENCY = re.compile(
    rf"^(?:by\s+|source:\s*|\(?with inputs from\s+)(?P<agency>{AGENCY_PATTERN})\b\)?\.?$", re.I
)
_ENDS_AGENCY = re.compile(rf"[-–—]\s*(?P<agency>{AGENCY_PATTERN})\s*$", re.I)


def origin_from_lines(lines: list[str]) -> str | None:
    """A weaker origin cue: '© Reuters' credits, 'By AFP', '- AP' sign-offs, Reuters' reporting trailer."""
    for line in lines:
        text = line.strip()
        for pattern in (_BY_AGENCY, _CREDIT_AGENCY):
            match = pattern.match(text)
            if match:
                return agency_name(match["agency"])
    for line in lines:
        match = _ENDS_AGENCY.search(line.strip())
        if match and len(line.split()) <= 6:
            return agency_name(match["agency"])
    for line in lines:
        if re.match(r"^\(?(additional )?reporting by\b.*;.*editing by\b", line.strip(), re.I):
            return "Reuters"  # the trailer is Reuters' house style
    return None


_AUTHOR_JUNK = re.compile(
    r"\b(min(ute)?s? read|hours? ago|minutes? ago|days? ago|updated|published|posted|staff|correspondent"
    r"|reporter|editor|contributor|news desk|newsroom|follow|twitter|email)\b|\d|@|https?:|www\.",
    re.I,
)


def clean_authors(raw: list[str]) -> list[str]:
    """Person names only: split joint bylines, drop 'Minute Read', dates, handles and agencies."""
    names: list[str] = []
    for item in raw:
        for part in re.split(r"\s*(?:[,;|/]|\band\b|&)\s*", item or ""):
            name = re.sub(r"^(by|von|par|por|di)\s+", "", part.strip(), flags=re.I).strip(" .-–—·")
            if not name or _AUTHOR_JUNK.search(name) or agency_name(name):
                continue
            if not 1 <= len(name.split()) <= 5 or not name[0].isupper():
                continue
            if name not in names:
                names.append(name)
    return names


_TITLE_SEPARATOR = re.compile(r"\s+[|–—:-]\s+|\s+[|»]\s*")


def split_title(title: str) -> tuple[str, str | None]:
    """('Headline', 'Site') from 'Headline | Site'; the site part is short and comes last."""
    parts = _TITLE_SEPARATOR.split(title.strip())
    if len(parts) >= 2:
        site = parts[-1].strip()
        head = title.strip()[: title.strip().rfind(site)].rstrip(" |–—:-»")
        if 1 <= len(site.split()) <= 4 and len(head.split()) >= 3:
            return head, site
    return title.strip(), None


def strip_site(title: str, site: str | None) -> str:
    """The headline without a trailing or leading site name."""
    head, suffix = split_title(title)
    if suffix and (site is None or _same(suffix, site) or len(suffix.split()) <= 3):
        return head
    if site:
        for sep in (" | ", " - ", " – ", " — ", ": "):
            prefix = site + sep
            if title.lower().startswith(prefix.lower()):
                return title[len(prefix) :].strip()
    return title.strip()


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]", "", s.lower())

    return norm(a) == norm(b) or norm(a).startswith(norm(b)) or norm(b).startswith(norm(a))


def host_outlet(url: str | None) -> str | None:
    """The outlet as the URL's host, without 'www.': the last resort for naming the publisher."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(www\d?|m|amp|edition)\.", "", host)
    return host or None


_NAME = r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|&)){0,3})"
"""A capitalised name of one to four words ('Eastvale Post', 'The Northern Wire')."""
_CLOSED = r"(?=\s*$|\s*[.,!:;)—–]|\s+(?:today|now|and|by|with|for|to|in)\b)"
_APPEALS = [
    re.compile(p)
    for p in (
        rf"(?i:\bbecome\s+an?\s+(?:member|supporter|subscriber|friend|patron)\s+of)\s+{_NAME}",
        # The name closes the appeal: 'Subscribe to the Arts RSS feed' subscribes to a feed, not a site.
        rf"(?i:\b(?:support|subscribe\s+to|donate\s+to|give\s+to)\s+)(?:the\s+)?{_NAME}{_CLOSED}",
        rf"{_NAME}\s+(?i:(?:depends|relies|counts)\s+on\s+(?:the\s+support\s+of\s+)?readers)",
    )
]
_FEEDS = frozenset(["rss", "feed", "e-mail", "email", "alerts", "podcast", "blog"])
"""Words of a feed's name ('Sport RSS', 'News Blog'): subscribing to it names no outlet."""
_GENERIC = _FEEDS | frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "our",
        "us",
        "your",
        "we",
        "free",
        "independent",
        "local",
        "quality",
        "public",
        "press",
        "news",
        "journalism",
        "media",
        "reporting",
        "newsroom",
        "newsletter",
        "newsletters",
        "premium",
        "digital",
        "magazine",
    ]
)
"""Words an appeal uses for the cause, not the outlet: 'Support Independent Journalism', 'Support Us'."""
_TRAILING = frozenset(["today", "now", "here", "of", "and", "&"])
"""Words that close an appeal's button after the name ('Support Eastvale Post Today')."""


def appeal_outlet(texts: list[str]) -> str | None:
    """The outlet a page's own reader appeal names: 'Become a member of Eastvale Post', 'Support the
    Northern Wire', 'Eastvale Post depends on readers like you'. The most often named, if any."""
    counts: Counter[str] = Counter()
    for text in texts:
        if text.upper() == text:
            continue  # a shouted button ('SUPPORT A FREE PRESS') holds no name to read from case
        for pattern in _APPEALS:
            counts.update(name for m in pattern.finditer(text[:600]) if (name := _appeal_name(m["name"])))
    return counts.most_common(1)[0][0] if counts else None


def _appeal_name(raw: str) -> str | None:
    parts = raw.rstrip(".").split()
    while parts and parts[-1].lower() in _TRAILING:
        parts.pop()  # 'Support Eastvale Post Today'
    if not parts or all(p.lower() in _GENERIC or p.lower() in _TRAILING for p in parts):
        return None
    if any(p.lower() in _FEEDS for p in parts):
        return None
    if parts[0].lower() in ("a", "an", "our", "your", "this", "us", "we"):
        return None
    return " ".join(parts)
