"""Reading pages: folders, gzip, JSON lines, stdin, encodings, and bad input that must not stop a run."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from corroborate.model import Page, PageError
from corroborate.sources import MAX_BYTES, read_pages

ARTICLE = (
    "<html><head><title>Bridge reopens</title></head><body><p>The bridge reopened today.</p></body></html>"
)


def _read(*inputs: str | Path, stdin: io.BytesIO | None = None) -> list[Page | PageError]:
    return list(read_pages([str(i) for i in inputs], stdin=stdin))


def _page(item: Page | PageError) -> Page:
    assert isinstance(item, Page), item
    return item


def _error(item: Page | PageError) -> PageError:
    assert isinstance(item, PageError), item
    return item


def test_folder_walk_is_recursive_sorted_and_skips_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.htm").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\nSome text.", encoding="utf-8")
    (tmp_path / "c.md").write_text("# Title\n\nBody.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not a page")
    (tmp_path / "README.md").write_text("# About this folder", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    items = [_page(i) for i in _read(tmp_path)]
    assert [Path(p.source).relative_to(tmp_path).as_posix() for p in items] == ["a.txt", "b/z.htm", "c.md"]
    assert [p.format for p in items] == ["text", "html", "text"]


def test_page_id_is_sha256_of_the_raw_bytes(tmp_path: Path) -> None:
    raw = ARTICLE.encode("utf-8")
    (tmp_path / "p.html").write_bytes(raw)
    page = _page(_read(tmp_path / "p.html")[0])
    assert page.id == hashlib.sha256(raw).hexdigest()
    assert page.content == ARTICLE
    assert page.encoding == "utf-8"


def test_gzip_page_is_read_and_keeps_the_identity_of_its_content(tmp_path: Path) -> None:
    raw = ARTICLE.encode("utf-8")
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(raw))
    page = _page(_read(tmp_path)[0])
    assert page.format == "html"
    assert page.content == ARTICLE
    assert page.id == hashlib.sha256(raw).hexdigest()


def test_truncated_gzip_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    data = gzip.compress(ARTICLE.encode("utf-8") * 50)
    (tmp_path / "a.html.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "b.html").write_text(ARTICLE, encoding="utf-8")
    first, second = _read(tmp_path)
    assert _error(first).stage == "read"
    assert "truncated gzip" in _error(first).message
    assert _page(second).source.endswith("b.html")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
        (b"abc\x00\x01\x02\x00" * 100, "binary file (contains NUL bytes)"),
        (b"", "empty file"),
        (b"  \n\n \t", "empty file"),
    ],
)
def test_binary_and_empty_files_are_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "page.html").write_bytes(data)
    error = _error(_read(tmp_path / "page.html")[0])
    assert error.message.startswith(reason)
    assert error.source == str(tmp_path / "page.html")


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    assert _error(_read(tmp_path / "nope.html")[0]).message == "no such file or directory"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    assert _error(_read(big)[0]).message.startswith("file too large")


def test_a_file_named_explicitly_is_read_whatever_its_extension(tmp_path: Path) -> None:
    (tmp_path / "page.data").write_text(ARTICLE, encoding="utf-8")
    assert _read(tmp_path) == []
    assert _page(_read(tmp_path / "page.data")[0]).format == "html"


def test_json_lines_with_one_bad_line(tmp_path: Path) -> None:
    good = {
        "id": "a",
        "url": "https://x.example/a",
        "title": "A",
        "text": "Plain text.",
        "published": "2024-05-16T06:55:00Z",
    }
    html = {"id": "b", "html": ARTICLE, "published": "2024-05-16T08:00:00"}
    lines = [json.dumps(good), "{not json", "", json.dumps(html), json.dumps({"id": "c"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(tmp_path / "feed.jsonl")
    assert [i.source.rsplit(":", 1)[1] for i in items] == ["1", "2", "4", "5"]
    first, bad, second, empty = items
    assert _page(first).title == "A" and _page(first).url == "https://x.example/a"
    assert _page(first).format == "text"
    assert _page(first).published == datetime(2024, 5, 16, 6, 55, tzinfo=UTC)
    assert _page(first).id == hashlib.sha256(lines[0].encode()).hexdigest()
    assert _error(bad).message.startswith("invalid JSON line")
    assert _page(second).format == "html"
    assert _page(second).published == datetime(2024, 5, 16, 8, 0, tzinfo=UTC)  # no zone: UTC
    assert _error(empty).message == 'JSON line has no "html" or "text" content'


def test_cp1252_page_with_a_lying_utf8_meta(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="utf-8"><title>Café</title></head>'
        "<body><p>“Naïve” – €14 entrée.</p></body></html>"
    )
    (tmp_path / "p.html").write_bytes(html.encode("cp1252"))
    page = _page(_read(tmp_path / "p.html")[0])
    assert page.content == html
    assert page.encoding == "windows-1252"


def test_declared_legacy_charset_is_used_when_it_holds(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"></head>'
        "<body><p>Zażółć gęślą jaźń, łódź.</p></body></html>"
    )
    (tmp_path / "p.html").write_bytes(html.encode("iso-8859-2"))
    page = _page(_read(tmp_path / "p.html")[0])
    assert page.content == html
    assert page.encoding == "iso-8859-2"


def test_utf16_with_bom(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_bytes("Headline\n\nText with ünïcode.".encode("utf-16"))
    page = _page(_read(tmp_path / "p.txt")[0])
    assert page.content == "Headline\n\nText with ünïcode."


def test_stdin_html_text_and_json_lines() -> None:
    html = _page(_read("-", stdin=io.BytesIO(ARTICLE.encode()))[0])
    assert (html.source, html.format) == ("-", "html")
    text = _page(_read("-", stdin=io.BytesIO(b"Headline\n\nJust words here."))[0])
    assert text.format == "text"
    feed = b'{"text": "one"}\n{"html": "<p>two</p>"}\n'
    items = [_page(i) for i in _read("-", stdin=io.BytesIO(feed))]
    assert [(i.source, i.format) for i in items] == [("-:1", "text"), ("-:2", "html")]
    assert _error(_read("-")[0]).message == "no standard input given"


def test_urls_are_told_apart_from_paths_and_not_opened_as_files(tmp_path: Path) -> None:
    from corroborate.sources import split_inputs

    local, urls = split_inputs(["examples/", "https://news.example/a.html", "-", "HTTP://X.example/b"])
    assert (local, urls) == (["examples/", "-"], ["https://news.example/a.html", "HTTP://X.example/b"])
    (error,) = _read("https://news.example/a.html")
    assert isinstance(error, PageError) and "corroborate run" in error.message


def test_a_binary_file_full_of_control_characters_is_refused(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(b"Headline\n" + bytes(range(1, 9)) * 200)
    error = _error(_read(tmp_path / "odd.txt")[0])
    assert "control characters" in error.message
    (tmp_path / "fine.txt").write_bytes(b"Headline\n\n\tIndented text.\r\n\x0cNext page.\n")
    assert _page(_read(tmp_path / "fine.txt")[0]).format == "text"
