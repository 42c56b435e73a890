"""WARC archives as input: the HTML responses inside, with their URL and fetch time; the rest skipped."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.fetch.warc import ArchivedResponse, write_warc
from corroborate.model import Page, PageError
from corroborate.sources import read_pages

HTML = "<html><head><title>{t}</title></head><body><p>{t}: the ferry ran late again.</p></body></html>"


def _write(path: Path, *, gzipped: bool = True, version: str = "1.0") -> None:
    """An archive as a crawler writes it: warcinfo, request and response records, odd ones among them."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped, warc_version=version)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, status: str, body: bytes, ctype: str, extra: list[tuple[str, str]]) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2025-03-04T10:20:30Z"},
            )
            writer.write_record(record)

        request = writer.create_warc_record(
            "http://ferry.example/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        response("http://ferry.example/a", "200 OK", HTML.format(t="A").encode(), "text/html", [])
        response("http://ferry.example/gone", "404 Not Found", b"missing", "text/html", [])
        response("http://ferry.example/logo.png", "200 OK", b"\x89PNG....", "image/png", [])
        zipped = gzip.compress(HTML.format(t="B").encode())
        response(
            "http://ferry.example/b",
            "200 OK",
            zipped,
            "text/html; charset=utf-8",
            [("Content-Encoding", "gzip")],
        )


def _pages(*inputs: Path) -> list[Page | PageError]:
    return list(read_pages([str(i) for i in inputs]))


def test_html_responses_come_with_their_url_and_fetch_time(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _write(archive)
    pages = _pages(archive)
    assert all(isinstance(p, Page) for p in pages), pages
    assert [p.url for p in pages if isinstance(p, Page)] == [
        "http://ferry.example/a",
        "http://ferry.example/b",
    ]
    first, second = (p for p in pages if isinstance(p, Page))
    assert first.fetched == datetime(2025, 3, 4, 10, 20, 30, tzinfo=UTC)
    assert "A: the ferry ran late again." in first.content
    assert "B: the ferry" in second.content  # Content-Encoding: gzip inside the record is undone


def test_an_uncompressed_warc_1_1_without_the_suffix_is_read_by_its_content(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.dat"
    _write(archive, gzipped=False, version="1.1")
    pages = _pages(archive)
    assert len([p for p in pages if isinstance(p, Page)]) == 2


def test_a_folder_with_an_archive_reads_the_archive(tmp_path: Path) -> None:
    _write(tmp_path / "crawl.warc.gz")
    (tmp_path / "note.txt").write_text("Ferry news\n\nThe ferry ran on time.", encoding="utf-8")
    pages = _pages(tmp_path)
    assert len([p for p in pages if isinstance(p, Page)]) == 3


def test_a_corrupt_archive_gives_an_error_for_that_archive_and_the_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    _write(good)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good.read_bytes()[:900])  # ends inside the first response's body
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not an archive at all\n")
    items = _pages(cut, junk, good)
    errors = [i for i in items if isinstance(i, PageError)]
    assert [e.source for e in errors] == ["http://ferry.example/a", str(junk)]
    assert "truncated" in errors[0].message
    pages = [p for p in items if isinstance(p, Page)]
    assert len(pages) == 2  # the good archive still read, and no half page from the cut one


def test_responses_written_by_a_run_read_back_as_the_same_pages(tmp_path: Path) -> None:
    body = HTML.format(t="C").encode()
    when = datetime(2025, 3, 5, 8, 0, tzinfo=UTC)
    responses = [
        ArchivedResponse("http://ferry.example/c", 200, [("Content-Type", "text/html")], body, when),
        ArchivedResponse(
            "http://ferry.example/d",
            200,
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
            gzip.compress(HTML.format(t="D").encode()),
            when,
        ),
    ]
    archive = tmp_path / "run.warc.gz"
    with archive.open("wb") as fh:
        assert write_warc(fh, responses) == 2
    pages = [p for p in _pages(archive) if isinstance(p, Page)]
    assert [(p.url, p.fetched) for p in pages] == [
        ("http://ferry.example/c", when),
        ("http://ferry.example/d", when),
    ]
    assert pages[0].content == body.decode()
    assert "D: the ferry" in pages[1].content
