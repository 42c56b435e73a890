"""`corroborate run` on the local test web: feeds, sitemaps, URL files, robots and safety outcomes
recorded, 304s on a second run, a changed page as a new version, and an offline rerun from a WARC."""

from __future__ import annotations

import json
import socket
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.fetch.archive import FetchLog
from corroborate.fetch.versions import story_versions
from corroborate.fetch.web import WebInputs, fetch_web
from corroborate.store import Store
from tests.web_pages import GAZETTE, HERALD, HERALD_REVISED, WIRE, article_html, build_site
from tests.web_site import Web

from .conftest import EXAMPLES, ROOT

runner = CliRunner()
ALLOW = ["--allow-host", "127.0.0.1"]


def run(tmp_path: Path, *args: str) -> str:
    result = runner.invoke(
        app, ["run", "--db", str(tmp_path / "c.db"), "--out", str(tmp_path / "out"), *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def fetch_rows(tmp_path: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(tmp_path / "c.db") as conn:
        return conn.execute("SELECT url, outcome, reason FROM fetches ORDER BY id").fetchall()


def test_feeds_of_three_kinds_are_fetched_and_every_outcome_is_recorded(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    herald, gazette, wire = s["herald"], s["gazette"], s["wire"]
    unsafe = f"http://localhost:{wire.port}{WIRE[0].path}"
    output = run(
        tmp_path,
        *(
            "--feed",
            herald.url("/rss.xml"),
            "--feed",
            gazette.url("/atom.xml"),
            "--feed",
            wire.url("/feed.json"),
        ),
        *ALLOW,
        wire.url("/private/draft.html"),
        unsafe,
    )
    assert "4 fetched" in output and "1 skipped by robots.txt" in output and "1 refused as unsafe" in output
    with Store(str(tmp_path / "c.db")) as store:
        urls = sorted(a.url or "" for a in store.articles())
    expected = [herald.url(x.path) for x in HERALD] + [gazette.url(GAZETTE[0].path), wire.url(WIRE[0].path)]
    assert urls == sorted(expected)
    outcomes = {url: (outcome, reason) for url, outcome, reason in fetch_rows(tmp_path)}
    assert outcomes[wire.url("/private/draft.html")][0] == "robots"
    assert "robots.txt" in (outcomes[wire.url("/private/draft.html")][1] or "")
    assert outcomes[unsafe][0] == "unsafe"
    assert web.requests("wire", "/private/draft.html") == []

    # The second run asks conditionally: every article answers 304, nothing is stored again.
    again = run(tmp_path, "--feed", herald.url("/rss.xml"), *ALLOW)
    assert "0 fetched, 2 unchanged (304)" in again
    assert [r.status for r in web.requests("herald", HERALD[0].path)] == [200, 304]


def test_a_sitemap_declared_in_robots_txt_is_followed_through_its_index(web: Web, tmp_path: Path) -> None:
    herald = build_site(web)["herald"]
    output = run(tmp_path, "--sitemap", herald.base + "/", "--since", "2025-03-04T12:00:00+00:00", *ALLOW)
    assert "1 fetched" in output
    paths = [r.path for r in web.requests("herald")]
    assert paths[:3] == ["/robots.txt", "/sitemap-index.xml", "/sitemap-news.xml"]
    assert HERALD[1].path in paths and HERALD[0].path not in paths  # published before --since


def test_pages_fetched_by_a_run_stopped_before_the_pipeline_are_not_lost(web: Web, tmp_path: Path) -> None:
    herald = build_site(web)["herald"]
    with Store(str(tmp_path / "c.db")) as store:
        # A run killed after fetching: the responses are in the store, the pages in no story.
        _, report = fetch_web(
            FetchLog(store.engine), WebInputs(feeds=[herald.url("/rss.xml")], allow_hosts=ALLOW[1:])
        )
        assert report.outcomes["fetched"] == 2 and store.count_articles() == 0
    output = run(tmp_path, "--feed", herald.url("/rss.xml"), *ALLOW)
    assert "0 fetched, 2 unchanged (304)" in output  # nothing fetched twice...
    with Store(str(tmp_path / "c.db")) as store:
        assert store.count_articles() == 2  # ...and nothing lost: the kept responses were taken


def test_a_gzipped_sitemap_is_read(web: Web, tmp_path: Path) -> None:
    gazette = build_site(web)["gazette"]
    output = run(tmp_path, "--sitemap", gazette.url("/sitemap-news.xml.gz"), *ALLOW)
    assert "1 fetched" in output and "1 listed by feeds and sitemaps" in output


def test_a_url_file_lists_pages_to_fetch(web: Web, tmp_path: Path) -> None:
    wire = build_site(web)["wire"]
    links = tmp_path / "links.txt"
    links.write_text(f"# links a claim went round on\n\n{wire.url(WIRE[0].path)}\n{wire.url('/gzip.html')}\n")
    output = run(tmp_path, "--urls", str(links), *ALLOW)
    assert "2 fetched" in output
    with Store(str(tmp_path / "c.db")) as store:
        assert store.count_articles() == 2


def test_a_changed_page_is_a_new_version_of_the_same_article(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    herald, gazette = s["herald"], s["gazette"]
    urls = [herald.url(HERALD[0].path), gazette.url(GAZETTE[0].path)]
    run(tmp_path, *urls, *ALLOW)
    herald.put(HERALD[0].path, article_html("The Harwick Herald", HERALD_REVISED))
    edited = datetime.now(UTC)
    output = run(tmp_path, *urls, *ALLOW)
    seen_by = datetime.now(UTC)
    assert "1 fetched, 1 unchanged (304)" in output
    assert "new version of " + urls[0] in output
    with Store(str(tmp_path / "c.db")) as store:
        herald_articles = [a for a in store.articles() if a.url == urls[0]]
        assert [a.title for a in herald_articles] == [HERALD_REVISED.title]  # one article, the new version
        story_id = store.stories_of([herald_articles[0].id])[herald_articles[0].id]
        story = store.story(story_id)
        assert story is not None and sum(1 for a in story.articles if a.url == urls[0]) == 1
        # The story file says what the outlet changed, and when.
        assert [(v.url, v.new_id) for v in story.versions] == [(urls[0], herald_articles[0].id)]
        assert story.versions[0].changes[0].kind == "headline"
        versions = story_versions(store, story_id)
    assert len(versions) == 1
    assert edited <= versions[0].seen <= seen_by  # when the change was first read
    changes = {(c.kind, c.old, c.new) for c in versions[0].changes}
    assert ("headline", HERALD[0].title, HERALD_REVISED.title) in changes
    assert any(
        kind == "figure" and old and "1,200" in old and new and "1,450" in new for kind, old, new in changes
    )
    assert any(
        kind == "quote" and new is None and old and "We will find out why" in old
        for kind, old, new in changes
    )
    # A quote whose number was revised is one reworded quote, not one cut and one added.
    reworded = [(old, new) for kind, old, new in changes if kind == "quote" and old and new]
    assert any("1,200" in old and "1,450" in new for old, new in reworded)
    files = [json.loads(f.read_text(encoding="utf-8")) for f in (tmp_path / "out" / "stories").glob("*.json")]
    written = [(v["url"], datetime.fromisoformat(v["seen"])) for f in files for v in f.get("versions", [])]
    assert [u for u, _ in written] == [urls[0]]  # the story file written for the page carries the version
    assert edited <= written[0][1] <= seen_by


def test_a_run_writes_a_warc_that_repeats_offline(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    archive = tmp_path / "run.warc.gz"
    online = tmp_path / "online"
    run(online, "--feed", s["herald"].url("/rss.xml"), "--warc-out", str(archive), *ALLOW)
    web.close()  # the web is gone: the rerun reads only the archive
    offline = tmp_path / "offline"
    run(offline, str(archive))
    with Store(str(online / "c.db")) as a, Store(str(offline / "c.db")) as b:
        assert sorted(x.id for x in a.articles()) == sorted(x.id for x in b.articles())
        assert a.count_articles() == 2


def test_make_demo_reads_the_examples_without_touching_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "corroborate run examples/ " in (ROOT / "Makefile").read_text(encoding="utf-8")
    tried: list[Any] = []

    def no_network(*args: Any, **kw: Any) -> None:
        tried.append(args)
        raise OSError("the demo must not use the network")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    output = run(tmp_path, str(EXAMPLES))
    assert "stored" in output and "web:" not in output
    assert tried == []
    with Store(str(tmp_path / "c.db")) as store:
        assert store.count_articles() >= 8
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM fetches").scalar() == 0
