"""What the local test web's own log says about the fetcher: never more than one or two requests at
a time to one host, no request into the machine's own network after a redirect, an oversized answer
cut off, and every response kept byte for byte as it arrived."""

from __future__ import annotations

import asyncio
import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from corroborate.cli import app
from corroborate.fetch.client import Fetched, Fetcher, Settings
from tests.web_pages import HERALD, WIRE, build_site
from tests.web_site import Web

FAST = Settings(gap=0.05, timeout=1.0, deadline=2.0, backoff=0.1, allow_hosts=frozenset({"127.0.0.1"}))


def fetch_all(urls: list[str], settings: Settings = FAST) -> list[Fetched]:
    async def go() -> list[Fetched]:
        async with Fetcher(settings) as fetcher:
            return [item async for item in fetcher.fetch_many(urls)]

    return asyncio.run(go())


def slow_pages(web: Web, outlet: str, n: int) -> list[str]:
    site = web.outlet(outlet)
    for i in range(n):
        site.put(f"/slow{i}.html", f"<html><p>slow {i}</p></html>", delay=0.25)
    return [site.url(f"/slow{i}.html") for i in range(n)]


@pytest.mark.parametrize("per_host", [1, 2])
def test_one_host_never_has_more_requests_at_once_than_allowed(web: Web, per_host: int) -> None:
    urls = slow_pages(web, "busy", 6) + slow_pages(web, "other", 6)
    items = fetch_all(urls, replace(FAST, per_host=per_host, gap=0.0))
    assert [i.outcome for i in items] == ["fetched"] * 12
    # The server counted the requests it was answering at once.
    assert web.outlets["busy"].peak == per_host and web.outlets["other"].peak == per_host
    # And by the log: a request never arrives while `per_host` others to that host are unanswered.
    for outlet in ("busy", "other"):
        pages = [r for r in web.requests(outlet) if r.path != "/robots.txt"]
        for r in pages:
            open_then = [o for o in pages if o is not r and o.at <= r.at < o.done]
            assert len(open_then) < per_host, (outlet, r.path)


@pytest.mark.parametrize(
    ("path", "why", "asked"),
    [
        # 169.254.169.254, a cloud's metadata service
        ("/to-metadata.html", "link-local", ["/to-metadata.html"]),
        ("/to-intranet.html", "private", ["/to-intranet.html"]),  # 10.20.30.40
        # two redirects, the second into the metadata service
        ("/hop.html", "link-local", ["/hop.html", "/to-metadata.html"]),
    ],
)
def test_a_redirect_into_the_machine_s_network_is_refused_after_the_hop(
    web: Web, path: str, why: str, asked: list[str]
) -> None:
    wire = build_site(web)["wire"]

    async def go() -> tuple[Fetched, int]:
        async with Fetcher(FAST) as fetcher:  # 127.0.0.1 is allowed: the redirect's target is not
            return await fetcher.fetch(wire.url(path)), fetcher.requests

    item, requests = asyncio.run(go())
    assert item.outcome == "unsafe" and why in item.reason, item.reason
    assert item.reason.startswith("refused:")
    # Only the hops on the allowed host were requested: the server's log has them all, and the
    # client sent no request beyond them (none to the target).
    assert [r.path for r in web.requests("wire")] == ["/robots.txt", *asked]
    assert requests == len(asked) + 1


def test_a_redirect_to_a_host_the_user_allowed_is_followed(web: Web) -> None:
    wire = build_site(web)["wire"]
    from tests.web_site import redirect

    wire.handle("/to-localhost.html", redirect(f"http://localhost:{wire.port}{WIRE[0].path}"))
    # localhost is loopback too: refused after the hop, unless the user names it as well.
    (refused,) = fetch_all([wire.url("/to-localhost.html")])
    assert refused.outcome == "unsafe"
    settings = replace(FAST, allow_hosts=frozenset({"127.0.0.1", "localhost"}))
    (item,) = fetch_all([wire.url("/to-localhost.html")], settings)
    assert item.outcome == "fetched" and item.response is not None
    assert item.response.url == f"http://localhost:{wire.port}{WIRE[0].path}"


def test_a_response_larger_than_the_limit_is_refused_from_its_length(web: Web) -> None:
    wire = build_site(web)["wire"]
    (item,) = fetch_all([wire.url("/huge.html")], replace(FAST, max_bytes=2_000_000))
    assert item.outcome == "error" and "too large" in item.reason and "3145734 bytes" in item.reason


def run(tmp_path: Path, *args: str) -> str:
    argv = ["run", "--db", str(tmp_path / "c.db"), "--out", str(tmp_path / "out"), *args]
    result = CliRunner().invoke(app, [*argv, "--allow-host", "127.0.0.1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def test_every_response_is_kept_as_it_arrived_in_the_store_and_the_warc(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    wire, herald = s["wire"], s["herald"]
    urls = [wire.url("/gzip.html"), wire.url("/br.html"), herald.url(HERALD[0].path)]
    archive = tmp_path / "run.warc.gz"
    run(tmp_path, *urls, "--warc-out", str(archive))
    sent = {
        wire.url("/gzip.html"): wire.resources["/gzip.html"],
        wire.url("/br.html"): wire.resources["/br.html"],
        herald.url(HERALD[0].path): herald.resources[HERALD[0].path],
    }
    with sqlite3.connect(tmp_path / "c.db") as conn:
        rows = conn.execute("SELECT url, outcome, status, headers, body FROM fetches").fetchall()
    kept = {
        url: (outcome, status, headers, zlib.decompress(body)) for url, outcome, status, headers, body in rows
    }
    for url, resource in sent.items():
        outcome, status, headers, body = kept[url]
        assert (outcome, status) == ("fetched", 200)
        assert body == resource.sent  # the bytes the server wrote, still gzip or brotli
        assert ("etag" in headers.lower()) and (not resource.encoding or resource.encoding in headers)
    with archive.open("rb") as fh:
        records = {
            r.rec_headers.get_header("WARC-Target-URI"): r.raw_stream.read()
            for r in ArchiveIterator(fh)
            if r.rec_type == "response"
        }
    assert records[wire.url("/gzip.html")][:2] == b"\x1f\x8b"
    assert {u: records[u] for u in sent} == {u: r.sent for u, r in sent.items()}


def test_a_redirect_to_a_page_already_read_is_not_requested_again(web: Web) -> None:
    wire = build_site(web)["wire"]
    direct, moved = fetch_all([wire.url(WIRE[0].path), wire.url("/moved.html")])
    assert direct.outcome == moved.outcome == "fetched" and moved.response is not None
    assert moved.response.url == wire.url(WIRE[0].path)
    assert [r.path for r in web.requests("wire")] == ["/robots.txt", WIRE[0].path, "/moved.html"]


def test_a_page_read_through_a_redirect_is_not_requested_again_directly(web: Web) -> None:
    wire = build_site(web)["wire"]
    moved, direct = fetch_all([wire.url("/moved.html"), wire.url(WIRE[0].path)])
    assert moved.outcome == direct.outcome == "fetched"
    assert [r.path for r in web.requests("wire")] == ["/robots.txt", "/moved.html", WIRE[0].path]
