"""What feeds and sitemaps list: RSS 0.91/1.0/2.0, Atom, JSON Feed, sitemap kinds, and bad ones."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from corroborate.fetch.feeds import FeedError, parse_feed
from corroborate.fetch.sitemaps import parse_sitemap, since

BASE = "http://news.example/feeds/main.xml"


def test_rss_0_91_with_relative_links() -> None:
    feed = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Ledger</title>
    <item><title>Ferry late</title><link>/2025/ferry.html</link></item></channel></rss>"""
    assert [(e.url, e.title) for e in parse_feed(feed, BASE)] == [
        ("http://news.example/2025/ferry.html", "Ferry late")
    ]


def test_rss_1_0_rdf() -> None:
    feed = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://news.example/"><title>Ledger</title><link>http://news.example/</link></channel>
      <item rdf:about="http://news.example/a.html"><title>A</title><link>http://news.example/a.html</link>
      <dc:date>2025-03-04T10:00:00Z</dc:date></item>
    </rdf:RDF>"""
    (entry,) = parse_feed(feed, BASE)
    assert entry.url == "http://news.example/a.html"
    assert entry.published == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def test_rss_2_0_dates_are_utc() -> None:
    feed = b"""<rss version="2.0"><channel><title>L</title><item><title>B</title>
    <link>http://news.example/b.html</link><pubDate>Tue, 04 Mar 2025 11:30:00 +0100</pubDate></item>
    </channel></rss>"""
    (entry,) = parse_feed(feed, BASE)
    assert entry.published == datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


def test_atom_alternate_link() -> None:
    feed = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>G</title><id>urn:g</id>
    <updated>2025-03-04T12:00:00Z</updated><entry><title>C</title><id>urn:c</id>
    <link rel="alternate" href="http://news.example/c.html"/><updated>2025-03-04T12:00:00Z</updated></entry></feed>"""
    assert [e.url for e in parse_feed(feed, BASE)] == ["http://news.example/c.html"]


def test_json_feed() -> None:
    feed = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "W", "items": [
      {"id": "1", "url": "/d.html", "title": "D", "date_published": "2025-03-04T09:00:00Z"},
      {"id": "2", "content_text": "no link"}]}"""
    (entry,) = parse_feed(feed, BASE)
    assert (entry.url, entry.published) == ("http://news.example/d.html", datetime(2025, 3, 4, 9, tzinfo=UTC))


@pytest.mark.parametrize("body", [b"<html><body>a web page</body></html>", b"{not json", b'{"items": 3}'])
def test_what_is_no_feed_says_so(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, BASE)


def test_a_sitemap_index_lists_sitemaps_and_a_news_sitemap_pages_with_dates() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://news.example/news.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index, BASE).sitemaps == ["http://news.example/news.xml"]
    news = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>http://news.example/e.html</loc><news:news><news:publication><news:name>L</news:name>
    <news:language>en</news:language></news:publication>
    <news:publication_date>2025-03-04T08:00:00Z</news:publication_date><news:title>E</news:title></news:news></url>
    <url><loc>http://news.example/f.html</loc><lastmod>2025-03-01</lastmod></url></urlset>"""
    pages = parse_sitemap(news, BASE).pages
    assert [(p.url, p.title) for p in pages] == [
        ("http://news.example/e.html", "E"),
        ("http://news.example/f.html", None),
    ]
    recent = since(pages, datetime(2025, 3, 2, tzinfo=UTC))
    assert [p.url for p in recent] == ["http://news.example/e.html"]


def test_a_plain_text_sitemap() -> None:
    content = parse_sitemap(b"http://news.example/g.html\nhttp://news.example/h.html\n", BASE)
    assert [p.url for p in content.pages] == ["http://news.example/g.html", "http://news.example/h.html"]


def test_a_gzipped_body_is_no_sitemap_until_unpacked() -> None:
    packed = gzip.compress(b"http://news.example/g.html\n")
    assert parse_sitemap(packed, BASE).pages == []  # the fetch unpacks it first (see test_fetch_run)
