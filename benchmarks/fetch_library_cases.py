"""Cases and inputs for benchmarks/fetch_libraries.py: what RFC 9309 says a robots.txt allows, what
a feed lists, and generated sitemaps. The answers are the RFC's and the feeds' own, not any library's."""

from __future__ import annotations

from datetime import UTC, datetime

# (what is checked, robots.txt, URL, allowed for the agent 'corroborate' by RFC 9309)
ROBOTS_CASES: list[tuple[str, str, str, bool]] = [
    ("a Disallow prefix", "User-agent: *\nDisallow: /private\n", "http://n.example/private/a", False),
    ("a path outside it", "User-agent: *\nDisallow: /private\n", "http://n.example/news/a", True),
    (
        "the longest match wins (Allow inside a Disallow, 2.2.2)",
        "User-agent: *\nDisallow: /news\nAllow: /news/today\n",
        "http://n.example/news/today/a",
        True,
    ),
    (
        "the longest match wins whatever the order",
        "User-agent: *\nAllow: /news/today\nDisallow: /news\n",
        "http://n.example/news/today/a",
        True,
    ),
    (
        "an equal Allow and Disallow: Allow (2.2.2)",
        "User-agent: *\nDisallow: /page\nAllow: /page\n",
        "http://n.example/page",
        True,
    ),
    ("* in a path (2.2.3)", "User-agent: *\nDisallow: /*.pdf\n", "http://n.example/files/x.pdf", False),
    ("$ ends a path", "User-agent: *\nDisallow: /*.pdf$\n", "http://n.example/files/x.pdf?v=2", True),
    ("$ ends a path, matching", "User-agent: *\nDisallow: /*.pdf$\n", "http://n.example/files/x.pdf", False),
    (
        "a query is part of the path",
        "User-agent: *\nDisallow: /*?print\n",
        "http://n.example/a?print=1",
        False,
    ),
    (
        "the agent's own group, not *",
        "User-agent: corroborate\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        "http://n.example/a",
        False,
    ),
    (
        "agent names match without case (2.2.1)",
        "User-agent: Corroborate\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        "http://n.example/a",
        False,
    ),
    (
        "several User-agent lines open one group",
        "User-agent: otherbot\nUser-agent: corroborate\nDisallow: /z\n",
        "http://n.example/z/1",
        False,
    ),
    (
        "two groups for one agent are merged (2.2.1)",
        "User-agent: corroborate\nDisallow: /x\n\nUser-agent: *\nDisallow: /\n\n"
        "User-agent: corroborate\nDisallow: /y\n",
        "http://n.example/y/1",
        False,
    ),
    ("an empty Disallow allows all", "User-agent: *\nDisallow:\n", "http://n.example/a", True),
    (
        "percent-encoding is the same path (2.2.2)",
        "User-agent: *\nDisallow: /%7Ejoe/\n",
        "http://n.example/~joe/index.html",
        False,
    ),
    (
        "/robots.txt itself is allowed (2.2.2)",
        "User-agent: *\nDisallow: /\n",
        "http://n.example/robots.txt",
        True,
    ),
    (
        "rules before any User-agent line are ignored",
        "Disallow: /a\nUser-agent: *\nDisallow: /b\n",
        "http://n.example/a",
        True,
    ),
]


def big_robots() -> tuple[str, list[str]]:
    """A 400-rule robots.txt (a big site's) and 10,000 URLs to check against it."""
    rules = [f"Disallow: /section{i}/private/\nAllow: /section{i}/private/public-*.html" for i in range(200)]
    text = "User-agent: *\n" + "\n".join(rules) + "\nCrawl-delay: 1\n"
    urls = [
        f"http://n.example/section{i % 250}/private/{'public-' if i % 3 else ''}{i}.html"
        for i in range(10_000)
    ]
    return text, urls


BASE = "http://news.example/feeds/main.xml"
T = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
_ITEMS = "".join(
    f"<item><title>Story {i}</title><link>http://news.example/{i}.html</link>"
    f"<description>{'The council said the works would take six weeks. ' * 8}</description>"
    f"<pubDate>Tue, 04 Mar 2025 11:30:00 +0100</pubDate></item>"
    for i in range(100)
)

# (what is checked, feed, its URL, [(link, published)] as the feed means them)
FEED_CASES: list[tuple[str, bytes, str, list[tuple[str, datetime | None]]]] = [
    (
        "RSS 0.91, a relative link",
        b'<?xml version="1.0"?><rss version="0.91"><channel><title>L</title>'
        b"<item><title>F</title><link>/2025/ferry.html</link></item></channel></rss>",
        BASE,
        [("http://news.example/2025/ferry.html", None)],
    ),
    (
        "RSS 1.0 (RDF), dc:date",
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b'<channel rdf:about="http://news.example/"><title>L</title><link>http://news.example/</link></channel>'
        b'<item rdf:about="http://news.example/a.html"><title>A</title><link>http://news.example/a.html</link>'
        b"<dc:date>2025-03-04T10:30:00Z</dc:date></item></rdf:RDF>",
        BASE,
        [("http://news.example/a.html", T)],
    ),
    (
        "RSS 2.0, a date with a zone",
        b'<rss version="2.0"><channel><title>L</title><item><title>B</title>'
        b"<link>http://news.example/b.html</link><pubDate>Tue, 04 Mar 2025 11:30:00 +0100</pubDate></item>"
        b"</channel></rss>",
        BASE,
        [("http://news.example/b.html", T)],
    ),
    (
        "Atom, the alternate link among others",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>G</title><id>urn:g</id>'
        b"<updated>2025-03-04T10:30:00Z</updated><entry><title>C</title><id>urn:c</id>"
        b'<link rel="enclosure" href="http://news.example/c.mp3"/>'
        b'<link rel="alternate" href="http://news.example/c.html"/>'
        b"<updated>2025-03-04T10:30:00Z</updated></entry></feed>",
        BASE,
        [("http://news.example/c.html", T)],
    ),
    (
        "RSS 2.0 with an unescaped & (a broken feed, as many are)",
        b'<rss version="2.0"><channel><title>L & R</title><item><title>Fish & chips</title>'
        b"<link>http://news.example/d.html</link><pubDate>Tue, 04 Mar 2025 10:30:00 GMT</pubDate></item>"
        b"</channel></rss>",
        BASE,
        [("http://news.example/d.html", T)],
    ),
    (
        "Atom 0.3, issued and modified",
        b'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>G</title>'
        b'<entry><title>E</title><link rel="alternate" type="text/html" href="http://news.example/e.html"/>'
        b"<issued>2025-03-04T10:30:00Z</issued><modified>2025-03-04T10:30:00Z</modified></entry></feed>",
        BASE,
        [("http://news.example/e.html", T)],
    ),
    (
        "RSS 2.0, a date without seconds or a zone name's offset",
        b'<rss version="2.0"><channel><title>L</title><item><title>F</title>'
        b"<link>http://news.example/f.html</link><pubDate>Tue, 4 Mar 2025 05:30 EST</pubDate></item>"
        b"</channel></rss>",
        BASE,
        [("http://news.example/f.html", T)],
    ),
    (
        "RSS 2.0 in windows-1252, as declared",
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Café</title>'
        "<item><title>Müller’s ferry</title><link>http://news.example/g.html</link>"
        "<pubDate>Tue, 04 Mar 2025 10:30:00 GMT</pubDate></item></channel></rss>".encode("cp1252"),
        BASE,
        [("http://news.example/g.html", T)],
    ),
    (
        "RSS 2.0 with an HTML entity XML does not know (&nbsp;)",
        b'<rss version="2.0"><channel><title>L</title><item><title>Ferry&nbsp;late</title>'
        b"<link>http://news.example/h.html</link><pubDate>Tue, 04 Mar 2025 10:30:00 GMT</pubDate></item>"
        b"</channel></rss>",
        BASE,
        [("http://news.example/h.html", T)],
    ),
    (
        "RSS 2.0 cut off in its second item (a dropped connection)",
        b'<rss version="2.0"><channel><title>L</title><item><title>I</title>'
        b"<link>http://news.example/i.html</link><pubDate>Tue, 04 Mar 2025 10:30:00 GMT</pubDate></item>"
        b"<item><title>J</title><li",
        BASE,
        [("http://news.example/i.html", T)],
    ),
    (
        "100 items",
        f'<rss version="2.0"><channel><title>L</title>{_ITEMS}</channel></rss>'.encode(),
        BASE,
        [],
    ),
]


def sitemap(n: int) -> bytes:
    urls = "".join(f"<url><loc>http://news.example/page/{i}.html</loc></url>" for i in range(n))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    ).encode()


def news_sitemap(n: int) -> bytes:
    urls = "".join(
        f"<url><loc>http://news.example/news/{i}.html</loc><news:news><news:publication><news:name>L"
        "</news:name><news:language>en</news:language></news:publication>"
        "<news:publication_date>2025-03-04T10:30:00+00:00</news:publication_date>"
        f"<news:title>Story {i}</news:title></news:news></url>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()
