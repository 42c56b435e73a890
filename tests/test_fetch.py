"""The HTTP client against the local test web: robots.txt, gaps per host, retries, conditional GET,
safety (no loopback or private hosts unless allowed, before and after redirects), limits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from corroborate.fetch.client import Fetched, Fetcher, Settings
from corroborate.fetch.pages import to_page
from corroborate.fetch.safety import UnsafeURL, check_peer, unsafe_address
from corroborate.model import Page
from tests.web_pages import HERALD, WIRE, build_site
from tests.web_site import Web

FAST = Settings(
    gap=0.05,
    timeout=1.0,
    deadline=2.0,
    backoff=0.1,
    max_bytes=2_000_000,
    allow_hosts=frozenset({"127.0.0.1"}),
)


def fetch(url: str, settings: Settings = FAST, validators: Mapping[str, str] | None = None) -> Fetched:
    async def go() -> Fetched:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, validators)

    return asyncio.run(go())


def fetch_all(urls: list[str], settings: Settings = FAST) -> list[Fetched]:
    async def go() -> list[Fetched]:
        async with Fetcher(settings) as fetcher:
            return [item async for item in fetcher.fetch_many(urls)]

    return asyncio.run(go())


def test_a_page_is_fetched_with_a_user_agent_naming_corroborate(web: Web) -> None:
    wire = build_site(web)["wire"]
    item = fetch(wire.url(WIRE[0].path))
    assert item.outcome == "fetched" and item.response is not None
    assert b"Fenbridge Wire" in item.response.body
    asked = web.requests("wire", WIRE[0].path)[0]
    assert asked.headers["user-agent"].startswith("corroborate/")
    # robots.txt is read before the first page of a host.
    assert [r.path for r in web.requests("wire")] == ["/robots.txt", WIRE[0].path]


def test_a_url_robots_txt_disallows_is_never_requested_and_the_reason_is_given(web: Web) -> None:
    wire = build_site(web)["wire"]
    direct, redirected = fetch_all([wire.url("/private/draft.html"), wire.url("/to-private.html")])
    assert (direct.outcome, redirected.outcome) == ("robots", "robots")
    assert "disallowed by" in direct.reason and "/robots.txt" in direct.reason
    assert web.requests("wire", "/private/draft.html") == []  # not even after the redirect


def test_requests_to_one_host_keep_its_crawl_delay_apart(web: Web) -> None:
    sites = build_site(web, delay=0.3)
    urls = [sites["herald"].url(s.path) for s in HERALD] + [sites["herald"].url("/rss.xml")]
    urls += [sites["wire"].url(WIRE[0].path), sites["wire"].url("/gzip.html")]
    fetch_all(urls)
    for outlet in ("herald", "wire"):
        times = [r.at for r in web.requests(outlet)]
        assert len(times) >= 3
        gaps = [b - a for a, b in pairwise(times)]
        assert min(gaps) >= 0.29, (outlet, gaps)


def test_many_hosts_are_fetched_at_once_not_one_after_another(web: Web) -> None:
    sites = build_site(web, delay=0.4)
    urls = [o.url(f"/page{n}.html") for o in sites.values() for n in range(3)]
    for o in sites.values():
        for n in range(3):
            o.put(f"/page{n}.html", f"<html><p>page {n}</p></html>")
    started = time.monotonic()
    items = fetch_all(urls)
    elapsed = time.monotonic() - started
    assert [i.outcome for i in items] == ["fetched"] * 9
    # Each host: robots.txt and 3 pages, 0.4 s apart = 1.2 s; one host after another would be 3.6 s.
    assert 1.15 < elapsed < 2.4, elapsed


def test_an_unchanged_page_is_answered_304_on_a_conditional_get(web: Web) -> None:
    herald = build_site(web)["herald"]
    first = fetch(herald.url(HERALD[0].path))
    assert first.response is not None
    etag = first.response.header("etag")
    assert etag
    again = fetch(herald.url(HERALD[0].path), validators={"etag": etag})
    assert again.outcome == "unchanged"
    statuses = [r.status for r in web.requests("herald", HERALD[0].path)]
    assert statuses == [200, 304]
    assert web.requests("herald", HERALD[0].path)[1].headers["if-none-match"] == etag


def test_loopback_and_private_hosts_are_refused_unless_allowed(web: Web) -> None:
    wire = build_site(web)["wire"]
    strict = Settings(gap=0.05)
    for url in (
        wire.url(WIRE[0].path),  # 127.0.0.1 itself, not allowed here
        f"http://localhost:{wire.port}{WIRE[0].path}",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
    ):
        item = fetch(url, strict)
        assert item.outcome == "unsafe", url
        assert item.reason.startswith("refused:")
    assert "link-local" in fetch("http://169.254.169.254/", strict).reason
    assert web.requests() == []  # nothing reached the server


def test_a_redirect_to_an_unsafe_host_is_refused_after_the_redirect(web: Web) -> None:
    wire = build_site(web)["wire"]
    from tests.web_site import redirect

    wire.handle("/to-localhost.html", redirect(f"http://localhost:{wire.port}{WIRE[0].path}"))
    item = fetch(wire.url("/to-localhost.html"))
    assert item.outcome == "unsafe" and "localhost" in item.reason
    assert web.requests("wire", WIRE[0].path) == []


def test_only_http_and_https_are_fetched() -> None:
    for url in ("file:///etc/passwd", "ftp://example.invalid/x", "gopher://x/"):
        item = fetch(url)
        assert item.outcome == "unsafe" and "only http and https" in item.reason


def test_redirects_are_followed_and_limited(web: Web) -> None:
    wire = build_site(web)["wire"]
    moved, loop = fetch_all([wire.url("/moved.html"), wire.url("/loop.html")])
    assert moved.outcome == "fetched" and moved.response is not None
    assert moved.response.url == wire.url(WIRE[0].path) and moved.chain == [wire.url("/moved.html")]
    assert loop.outcome == "error" and "redirects" in loop.reason
    assert len(web.requests("wire", "/loop.html")) == FAST.max_redirects + 1


def test_429_is_retried_after_the_time_retry_after_asks(web: Web) -> None:
    wire = build_site(web)["wire"]
    item = fetch(wire.url("/busy.html"))
    assert item.outcome == "fetched"
    first, second = web.requests("wire", "/busy.html")
    assert first.status == 429 and second.status == 200
    assert second.at - first.at >= 0.95


def test_5xx_is_retried_with_backoff_then_given_up(web: Web) -> None:
    wire = build_site(web)["wire"]
    flaky, broken = fetch_all([wire.url("/flaky.html"), wire.url("/broken.html")])
    assert flaky.outcome == "fetched"
    assert [r.status for r in web.requests("wire", "/flaky.html")] == [503, 200]
    assert broken.outcome == "error" and broken.reason == "HTTP 500"
    assert len(web.requests("wire", "/broken.html")) == FAST.retries + 1


def test_gzip_and_brotli_bodies_are_decoded(web: Web) -> None:
    wire = build_site(web)["wire"]
    gz, br = fetch_all([wire.url("/gzip.html"), wire.url("/br.html")])
    assert gz.response is not None and br.response is not None
    assert b"GZIP, March 4" in gz.response.body and b"BROTLI, March 4" in br.response.body
    assert gz.response.raw[:2] == b"\x1f\x8b"  # kept as it arrived


def test_a_decompression_bomb_is_cut_off_at_the_size_limit(web: Web) -> None:
    wire = build_site(web)["wire"]
    item = fetch(wire.url("/bomb.html"))
    assert item.outcome == "error" and "too large" in item.reason


def test_slow_and_endless_responses_are_cut_off(web: Web) -> None:
    wire = build_site(web)["wire"]
    started = time.monotonic()
    slow, endless = fetch_all([wire.url("/slow.html"), wire.url("/endless.html")])
    assert slow.outcome == "error" and "timed out" in slow.reason
    assert endless.outcome == "error" and "timed out" in endless.reason
    assert time.monotonic() - started < 6  # no retries of a timeout


def test_a_host_whose_robots_txt_fails_is_not_crawled(web: Web) -> None:
    site = web.outlet("down")
    site.put("/robots.txt", b"oops", status=503, content_type="text/plain")
    site.put("/a.html", "<html><p>a</p></html>")
    item = fetch(site.url("/a.html"))
    assert item.outcome == "robots"
    assert web.requests("down", "/a.html") == []


def test_the_address_actually_connected_to_is_checked_too() -> None:
    # A name that resolved to a public address when checked but connects to a private one
    # (DNS rebinding) is refused once connected.
    with pytest.raises(UnsafeURL, match=r"connected to 127\.0\.0\.1"):
        check_peer("news.example", "127.0.0.1", frozenset())
    check_peer("news.example", "8.8.8.8", frozenset())  # a public address passes
    check_peer("127.0.0.1", "127.0.0.1", frozenset({"127.0.0.1"}))  # allowed by name


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.0.0.8", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata address (link-local)"),
        ("169.254.1.7", "link-local"),
        ("fd00:ec2::254", "metadata"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("8.8.8.8", None),
        ("2606:4700::1111", None),
    ],
)
def test_addresses_inside_the_machine_s_network_are_unsafe(address: str, why: str | None) -> None:
    found = unsafe_address(address)
    assert (found is None) if why is None else (found is not None and why in found)


def test_the_charset_an_http_header_names_is_read(web: Web) -> None:
    site = web.outlet("lodz")
    # Too short for detection to tell KOI8-R from a Japanese code page: only the header says.
    html = "<html><body><p>Москва сегодня</p></body></html>"
    site.put("/a.html", html.encode("koi8-r"), content_type="text/html; charset=KOI8-R")
    page = to_page(fetch(site.url("/a.html")))
    assert isinstance(page, Page) and page.content == html and page.encoding == "koi8-r"


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    from email.utils import format_datetime

    from corroborate.fetch.client import _retry_after

    assert _retry_after("120") == 120.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (_retry_after(soon) or 0) <= 31
    assert _retry_after("Tue, 04 Mar 2025 10:30:00 GMT") == 0.0  # already past: go on now
    assert _retry_after("soon") is None


def test_a_host_asking_to_wait_longer_than_allowed_is_given_up_at_once(web: Web) -> None:
    from tests.web_site import Resource, sequence

    site = web.outlet("slowpoke")
    site.handle("/a.html", sequence((429, {"Retry-After": "3600"}), then=Resource(b"<p>ok</p>")))
    started = time.monotonic()
    item = fetch(site.url("/a.html"))
    assert item.outcome == "error" and item.reason == "HTTP 429"
    assert len(web.requests("slowpoke", "/a.html")) == 1 and time.monotonic() - started < 2
