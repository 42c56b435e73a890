"""Bad input in bounded time, text dumps reduced to their article, and the per-site template pass."""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from pathlib import Path

import pytest

from corroborate.extract import ExtractError, TemplateIndex, extract, extract_many
from corroborate.model import Article, Page, PageError
from corroborate.sources import read_pages

PARAGRAPHS = [
    "The council said on Monday that the old bridge would reopen next week after repairs were finished.",
    "Engineers found no damage to the main span, the mayor told reporters at the town hall on Monday.",
    "Traffic will be limited to cars for the first month, and buses will use the ring road until then.",
]
BODY_HTML = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
_50MB = 50 * 1024 * 1024


def _page(content: str, fmt: str = "html", url: str | None = None) -> Page:
    digest = hashlib.sha256(f"{url}:{content}".encode()).hexdigest()
    return Page(
        id=digest, source="test", format="html" if fmt == "html" else "text", content=content, url=url
    )


def _timed(fn: object) -> float:
    start = time.perf_counter()
    assert callable(fn)
    fn()
    return time.perf_counter() - start


def test_a_50_mb_html_page_gives_an_article_in_bounded_time() -> None:
    filler = "<div class='menu'><a href='/x'>Section link</a></div>\n" * (_50MB // 50)
    content = f"<html><body><article><h1>Bridge reopens</h1>{BODY_HTML}</article>{filler}</body></html>"
    assert len(content) >= _50MB

    def run() -> None:
        article = extract(_page(content))
        assert PARAGRAPHS[0] in article.text

    assert _timed(run) < 60  # loose: the page is cut to MAX_CHARS before parsing


def test_a_50_mb_text_page_gives_an_article_in_bounded_time() -> None:
    content = "\n\n".join(PARAGRAPHS) + "\n\n" + "Home\nNews\nSport\n" * (_50MB // 16)
    assert _timed(lambda: extract(_page(content, "text"))) < 60


def test_a_50_mb_file_is_a_recorded_error_and_reading_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "a_big.html"
    with big.open("wb") as fh:
        fh.truncate(_50MB)
    (tmp_path / "b_small.html").write_text(f"<html><body>{BODY_HTML}</body></html>", encoding="utf-8")
    items = list(read_pages([str(tmp_path)]))
    assert isinstance(items[0], PageError) and "too large" in items[0].message
    assert isinstance(items[1], Page)


def test_binary_garbage_and_truncated_gzip_are_errors_never_crashes(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(os.urandom(4096))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(BODY_HTML.encode())[:40])
    for item in read_pages([str(tmp_path)]):
        if isinstance(item, Page):  # a decoder may take noise for text: then extraction says no
            with pytest.raises(ExtractError):
                extract(item)
        else:
            assert item.message


def test_empty_and_markup_only_pages_are_extract_errors() -> None:
    for content in ("", "   ", "<html></html>", "<html><body><div><span></span></div></body></html>"):
        with pytest.raises(ExtractError):
            extract(_page(content))


def test_deeply_nested_markup_keeps_its_text_in_bounded_time() -> None:
    deep = "<html><body>" + "<div><span>" * 20_000 + BODY_HTML + "</span></div>" * 20_000 + "</body></html>"
    start = time.perf_counter()
    try:
        article = extract(_page(deep))
        assert PARAGRAPHS[1] in article.text
    except ExtractError:
        pass  # libxml2 caps nesting depth; a recorded error is an accepted outcome too
    assert time.perf_counter() - start < 20


def test_a_page_swallowed_by_an_unclosed_title_still_gives_its_text() -> None:
    script = "<script>var x = 1;</script>" * 100
    table = f"<table><tr><td>{BODY_HTML}</td></tr></table>"
    content = f"<html><head><title>Bridge reopens ({script}</head><body>{table}</body></html>"
    article = extract(_page(content))
    assert all(p in article.text for p in PARAGRAPHS)


def test_a_page_swallowed_by_an_unclosed_script_still_gives_its_text() -> None:
    # A script never closed runs on to the next </script>: the article's markup in between would be
    # script text.
    code = "function roll(a) {\n  a.style.color = 'red';\n}\n" * 60
    table = f"<table><tr><td>{BODY_HTML}</td></tr></table>"
    content = (
        "<html><head><title>Bridge reopens</title><script>"
        f"\n{code}</head>\n<body>\n{table}\n<script>var y = 2;</script></body></html>"
    )
    article = extract(_page(content))
    assert all(p in article.text for p in PARAGRAPHS)


def test_a_script_template_holding_markup_is_not_reopened() -> None:
    template = "\n".join(f"<div class='card'><p>{{{{item{i}}}}}</p></div>" for i in range(120))
    content = (
        f'<html><head><script type="text/x-template">\n{template}\n</script></head>'
        f"<body>{BODY_HTML}</body></html>"
    )
    article = extract(_page(content))
    assert all(p in article.text for p in PARAGRAPHS)
    assert "item1" not in article.text


def test_text_dump_keeps_the_article_and_drops_menus_and_teasers() -> None:
    menu = "\n".join(["Home", "News", "World", "Sport", "Business", "Weather", "Contact us"])
    teasers = "\n".join(
        ["More in News", "Mayor opens new park", "School term dates announced", "Weather: rain"]
    )
    dump = f"Bridge reopens next week - News - Eastvale Post\n\n{menu}\n\nBridge reopens next week\n\n"
    dump += "\n\n".join(PARAGRAPHS) + f"\n\n{teasers}\n"
    article = extract(_page(dump, "text"))
    assert article.title == "Bridge reopens next week"
    assert article.text == "\n\n".join(PARAGRAPHS)
    removed = {b.text for b in article.removed}
    assert {"Home", "Contact us", "Mayor opens new park"} <= removed


def _site_page(n: int, host: str = "eastvale.example") -> Page:
    body = (
        f"<p>Story {n}: the river rose by {n} metres overnight in the valley, officials said on Tuesday.</p>"
    )
    body += f"<p>Residents of district {n} were told to stay at home until the water fell again.</p>"
    promo = "<p>Get the Eastvale Post app for the latest local news, weather and traffic every day.</p>"
    head = f"<head><title>Flood story {n}</title></head>"
    html = f"<html>{head}<body><article>{body}{promo}</article></body></html>"
    return _page(html, url=f"https://{host}/news/{n}")


def test_extract_many_drops_paragraphs_a_site_repeats_under_every_article() -> None:
    pages = [_site_page(n) for n in range(4)] + [_site_page(9, "other.example")]
    single = extract(pages[0])
    assert "Eastvale Post app" in single.text  # one page alone cannot tell
    results = extract_many(pages)
    articles = [r for r in results if isinstance(r, Article)]
    assert len(articles) == 5
    for article in articles[:4]:
        assert "Eastvale Post app" not in article.text
        assert "river rose" in article.text
        assert any("Eastvale Post app" in b.text for b in article.removed)
    assert "Eastvale Post app" in articles[4].text  # another site, seen once: left alone


def test_versions_of_one_story_are_not_taken_for_template() -> None:
    page = _site_page(1)
    versions = [
        _page(page.content.replace("</body>", f"<!-- v{n} --></body>"), url=page.url) for n in range(4)
    ]
    index = TemplateIndex()
    articles = [r for r in extract_many(versions, index) if isinstance(r, Article)]
    assert all("river rose" in a.text and "Eastvale Post app" in a.text for a in articles)
