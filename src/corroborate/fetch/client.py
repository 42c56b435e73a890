"""The HTTP client: polite to each host, safe about where it connects, fast across hosts.

One request at a time per origin (scheme, host, port) with the site's crawl-delay
(or a default gap) between them; many origins at once. robots.txt is read first and
a disallowed URL is never requested. Redirects are followed by hand so that every
hop is checked for safety and robots again.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from corroborate import __version__
from corroborate.fetch.decode import BodyDecoder, TooLarge
from corroborate.fetch.robots import Robots, origin, robots_url
from corroborate.fetch.safety import UnsafeURL, check_peer, check_url
from corroborate.text.dates import as_utc

USER_AGENT = f"corroborate/{__version__} (news coverage comparison; honours robots.txt)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_REMEMBERED, _REMEMBERED_BYTES = 64, 1024 * 1024  # at most 128 MB held (raw and decoded) for that

Outcome = Literal["fetched", "unchanged", "robots", "unsafe", "error"]


@dataclass(frozen=True)
class Settings:
    user_agent: str = USER_AGENT
    gap: float = 1.0  # seconds between two requests to one origin whose robots.txt sets no crawl-delay
    min_gap: float = 0.1  # a site's crawl-delay below this (even 0) is taken as this
    max_gap: float = 60.0  # and one above this as this
    per_host: int = 1  # requests at a time to one origin
    concurrency: int = 64  # requests at a time in all
    timeout: float = 20.0  # connect, read, write: each
    deadline: float = 60.0  # a whole response: an endless one is cut off here
    max_bytes: int = 20 * 1024 * 1024  # decoded body; the raw body is capped at the same
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first retry waits this, then doubles
    max_retry_after: float = 120.0  # a server asking to wait longer is given up on
    allow_hosts: frozenset[str] = frozenset()


@dataclass
class Response:
    """One HTTP response as it arrived: the body raw (still Content-Encoded) and decoded."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    raw: bytes
    body: bytes
    fetched: datetime
    http_version: str = "HTTP/1.1"

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


@dataclass
class Fetched:
    """What became of one URL: its final response (if any) and, for anything but 'fetched', why."""

    url: str
    outcome: Outcome
    reason: str = ""
    response: Response | None = None
    chain: list[str] = field(default_factory=list)  # the URLs of the redirects followed


class _Refused(Exception):
    def __init__(self, outcome: Outcome, reason: str) -> None:
        super().__init__(reason)
        self.outcome: Outcome = outcome


@dataclass
class _Host:
    slots: asyncio.Semaphore
    gap: float
    last: float = float("-inf")  # when the last answer from it ended
    hold_until: float = 0.0  # a 429 or 5xx asked it to be left alone until then

    def wait(self) -> float:
        return max(self.last + self.gap, self.hold_until) - time.monotonic()

    robots: Robots | None = None
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Fetcher:
    """Use as `async with Fetcher(settings) as f: await f.fetch(url)`."""

    def __init__(self, settings: Settings | None = None, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings or Settings()
        s = self.settings
        self.client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            timeout=httpx.Timeout(s.timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,  # a proxy from the environment would bypass the address checks
        )
        self.hosts: dict[str, _Host] = {}
        self.all_slots = asyncio.Semaphore(s.concurrency)
        self.requests = 0
        # The latest small 200s of this session by URL: a redirect to one of them is not asked again.
        self.answered: OrderedDict[str, Response] = OrderedDict()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.client.aclose()

    def _host(self, url: str) -> _Host:
        key = origin(url)
        if key not in self.hosts:
            self.hosts[key] = _Host(asyncio.Semaphore(self.settings.per_host), self.settings.gap)
        return self.hosts[key]

    async def robots(self, url: str) -> Robots:
        """The robots.txt rules of the URL's origin, read once per origin."""
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is None:
                host.robots = await self._read_robots(url)
                delay = host.robots.crawl_delay()
                if delay is not None:
                    # The site's own crawl-delay, where it states one, is what it asks for.
                    host.gap = max(self.settings.min_gap, min(delay, self.settings.max_gap))
            return host.robots

    async def _read_robots(self, url: str) -> Robots:
        target = robots_url(url)
        try:
            response, _ = await self._follow(target, {}, check_robots=False)
        except _Refused as err:
            return Robots(allow_all=False, note=f"robots.txt not read: {err}")
        return Robots.from_response(response.status, response.body)

    async def fetch(self, url: str, validators: Mapping[str, str] | None = None) -> Fetched:
        """GET `url` (conditionally, with the ETag / Last-Modified of an earlier fetch)."""
        headers = {}
        if validators and validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators and validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        try:
            response, chain = await self._follow(url, headers, check_robots=True)
        except _Refused as err:
            return Fetched(url, err.outcome, str(err))
        if response.status == 304:
            return Fetched(url, "unchanged", "304 Not Modified", response, chain)
        if not 200 <= response.status < 300:
            return Fetched(url, "error", f"HTTP {response.status}", response, chain)
        return Fetched(url, "fetched", "", response, chain)

    async def fetch_many(
        self, urls: Collection[str], validators: Mapping[str, Mapping[str, str]] | None = None
    ) -> AsyncIterator[Fetched]:
        """Fetch every URL, many origins at once; outcomes come as they finish."""
        known = validators or {}
        tasks = [asyncio.ensure_future(self.fetch(u, known.get(u))) for u in dict.fromkeys(urls)]
        try:
            for done in asyncio.as_completed(tasks):
                yield await done
        finally:
            for task in tasks:
                task.cancel()

    async def _follow(
        self, url: str, headers: Mapping[str, str], *, check_robots: bool
    ) -> tuple[Response, list[str]]:
        chain: list[str] = []
        current = url
        for _ in range(self.settings.max_redirects + 1):
            try:
                await check_url(current, self.settings.allow_hosts)
            except UnsafeURL as err:
                raise _Refused("unsafe", str(err)) from err
            if check_robots:
                rules = await self.robots(current)
                if not rules.can_fetch(current):
                    why = "" if rules.rules is not None else f" ({rules.note})"
                    raise _Refused("robots", f"skipped: disallowed by {robots_url(current)}{why}")
            response = await self._polite_get(current, headers)
            location = response.header("location")
            if response.status not in REDIRECTS or not location:
                return response, chain
            chain.append(current)
            current = urljoin(current, location.strip())
            if origin(current) != origin(url):
                headers = {}  # validators belong to the first URL's server
        raise _Refused("error", f"more than {self.settings.max_redirects} redirects")

    async def _polite_get(self, url: str, headers: Mapping[str, str]) -> Response:
        """GET with the host's gap, retrying 429 and 5xx answers and dropped connections."""
        host = self._host(url)
        s = self.settings
        for attempt in range(s.retries + 1):
            async with host.slots:
                earlier = self.answered.get(url)
                if earlier is not None:
                    return earlier  # read by this session already (through a redirect): not asked twice
                wait = host.wait()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    async with self.all_slots:  # taken after the wait: a waiting host holds no slot
                        response: Response | None = await self._get(url, headers)
                    problem = ""
                except (httpx.TimeoutException, TimeoutError) as err:
                    # A slow or endless answer does not get faster on a retry: give up on it.
                    raise _Refused("error", f"timed out ({type(err).__name__})") from err
                except httpx.TransportError as err:
                    response, problem = None, f"{type(err).__name__}: {err}".rstrip(": ")
                finally:
                    # The gap runs from the end of one answer to the next request, so the server
                    # sees at least the gap between two requests however slow the network is.
                    host.last = time.monotonic()
            if response is not None and response.status not in RETRY_STATUS:
                self._remember(url, response)
                return response
            if attempt == s.retries:
                break
            delay = s.backoff * 2**attempt * (1 + random.random() / 4)
            asked = _retry_after(response.header("retry-after")) if response else None
            if asked is not None:
                if asked > s.max_retry_after:
                    break
                delay = max(delay, asked)
            # The whole host waits, not only this URL: it asked us to slow down.
            host.hold_until = max(host.hold_until, time.monotonic() + delay)
        if response is not None:
            return response
        raise _Refused("error", f"{problem or 'no answer'} (after {s.retries + 1} tries)")

    def _remember(self, url: str, response: Response) -> None:
        if response.status == 200 and len(response.body) <= _REMEMBERED_BYTES:
            self.answered[url] = response
            if len(self.answered) > _REMEMBERED:
                self.answered.popitem(last=False)

    async def _get(self, url: str, headers: Mapping[str, str]) -> Response:
        s = self.settings
        host = urlsplit(url).hostname or ""
        self.requests += 1
        async with asyncio.timeout(s.deadline):
            async with self.client.stream("GET", url, headers=dict(headers)) as r:
                stream = r.extensions.get("network_stream")
                peer = stream.get_extra_info("server_addr") if stream is not None else None
                try:
                    check_peer(host, peer[0] if peer else None, s.allow_hosts)
                except UnsafeURL as err:
                    raise _Refused("unsafe", str(err)) from err
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > s.max_bytes:
                    raise _Refused("error", f"response too large: {declared} bytes (limit {s.max_bytes})")
                raw, body = await _read_body(r, s.max_bytes)
                return Response(
                    url=url,
                    status=r.status_code,
                    headers=list(r.headers.multi_items()),
                    raw=raw,
                    body=body,
                    fetched=datetime.now(UTC),
                    http_version=r.http_version,
                )


async def _read_body(r: httpx.Response, limit: int) -> tuple[bytes, bytes]:
    """The raw and decoded body, both capped: a decompression bomb is cut off, not expanded."""
    try:
        decoder = BodyDecoder(r.headers.get("content-encoding"), limit)
    except ValueError as err:
        raise _Refused("error", str(err)) from err
    raw: list[bytes] = []
    body: list[bytes] = []
    size = 0
    try:
        async for chunk in r.aiter_raw():
            size += len(chunk)
            if size > limit:
                raise TooLarge
            raw.append(chunk)
            body.append(decoder.feed(chunk))
    except TooLarge as err:
        raise _Refused("error", f"response too large (limit {limit} bytes, decoded)") from err
    except ValueError as err:
        raise _Refused("error", str(err)) from err
    return b"".join(raw), b"".join(body)


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (as_utc(when) - datetime.now(UTC)).total_seconds())


def with_allowed(settings: Settings, hosts: Collection[str]) -> Settings:
    return replace(settings, allow_hosts=frozenset(h.lower().strip("[]") for h in hosts))
