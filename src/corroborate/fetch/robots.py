"""robots.txt: what a site lets corroborate fetch, and how often (RFC 9309, read by protego)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

AGENT = "corroborate"


def origin(url: str) -> str:
    """scheme://host[:port]: robots.txt, politeness and the gap between requests are per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def robots_url(url: str) -> str:
    return origin(url) + "/robots.txt"


@dataclass
class Robots:
    """A site's rules as read; `note` says how they were got (a status, an error)."""

    rules: Protego | None = None
    allow_all: bool = True
    note: str = ""
    sitemaps: list[str] = field(default_factory=list)

    @classmethod
    def from_response(cls, status: int | None, body: bytes, note: str = "") -> Robots:
        """RFC 9309: 2xx is read; 4xx means no rules; 5xx or no answer means nothing may be fetched."""
        if status is not None and 200 <= status < 300:
            rules = Protego.parse(body.decode("utf-8", errors="replace"))
            return cls(
                rules=rules, allow_all=False, note=f"robots.txt {status}", sitemaps=list(rules.sitemaps)
            )
        if status is not None and 400 <= status < 500:
            return cls(note=f"robots.txt {status}: no rules")
        return cls(allow_all=False, note=note or f"robots.txt unreachable ({status})")

    def can_fetch(self, url: str) -> bool:
        if self.rules is not None:
            return bool(self.rules.can_fetch(url, AGENT))
        return self.allow_all

    def crawl_delay(self) -> float | None:
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(AGENT)
        rate = self.rules.request_rate(AGENT)
        if rate is not None and rate.requests:
            per = rate.seconds / rate.requests
            delay = max(delay or 0.0, per)
        return float(delay) if delay is not None else None
