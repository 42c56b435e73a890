"""Extraction: the real seed pages, and small invented pages for each rule."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from corroborate.extract import ExtractError, extract
from corroborate.extract.dates import parse_date
from corroborate.extract.metadata import clean_authors
from corroborate.model import Article, Page
from corroborate.text.datelines import dateline_and_origin

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "examples" / "pages"
needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/examples/pages is absent")

BODY = " ".join(
    [
        "The council said on Monday that the old bridge would reopen next week after repairs.",
        "Engineers found no damage to the main span, the mayor told reporters.",
        "Traffic will be limited to cars for the first month.",
    ]
)


def _page(content: str, fmt: str = "html", source: str = "test", url: str | None = None) -> Page:
    digest = hashlib.sha256(content.encode()).hexdigest()
    return Page(
        id=digest, source=source, format="html" if fmt == "html" else "text", content=content, url=url
    )


def _seed(prefix: str) -> Article:
    path = next(SEED.glob(f"{prefix}_*.txt"))
    return extract(_page(path.read_text(encoding="utf-8"), "text", source=str(path)))


def _removed(article: Article) -> dict[str, str]:
    return {block.text: block.kind for block in article.removed}


@needs_seed
def test_seed_000_donation_caption_and_video_removed() -> None:
    article = _seed("000")
    assert article.title == "A UN mission is present in Nagorno-Karabakh for the first time in about 30 years"
    removed = _removed(article)
    assert removed["Map of Nagorno-Karabakh / Photo: M-Production / Alamy / Alamy / Profimedia"] == "caption"
    assert removed["Dear reader,"] == "donation"
    assert removed["SUPPORT A FREE PRESS."] == "donation"
    assert removed["WITH AN INITIAL AMOUNT OF 60 DENARS"] == "donation"
    assert any(
        t.startswith("Our access to web content is free") and k == "donation" for t, k in removed.items()
    )
    assert removed["Video of the day"] == "related"
    for gone in ("Dear reader", "SUPPORT A FREE PRESS", "60 DENARS", "Video of the day", "Profimedia"):
        assert gone not in article.text
    paragraphs = article.text.split("\n\n")
    assert (
        paragraphs[0]
        == "A United Nations mission arrived in Nagorno-Karabakh today, Azerbaijani media reported."
    )
    assert paragraphs[-1] == '"They still control the cities," he stressed.'
    assert len(paragraphs) == 13
    assert article.language == "en"
    assert article.origin is None and article.published is None


@needs_seed
def test_seed_001_reuters_republished_by_a_finance_site() -> None:
    article = _seed("001")
    assert article.title == "UN mission to visit Karabakh after military offensive"
    assert article.published == datetime(2023, 9, 29, 7, 47, tzinfo=UTC)
    assert article.updated == datetime(2023, 9, 29, 16, 16, tzinfo=UTC)
    assert article.origin == "Reuters"
    assert article.dateline == "BAKU"
    # Fusion Media Limited holds the copyright: the site's owner, not the site, which the page never names.
    assert article.outlet is None
    removed = _removed(article)
    assert removed["Get 40% Off"] == "advertisement"
    assert any(t.startswith("🚀 AI-picked stocks") and k == "advertisement" for t, k in removed.items())
    captions = [b for b in article.removed if b.text.startswith("© Reuters. Refugees")]
    assert len(captions) == 2 and {b.kind for b in captions} <= {"caption", "credit"}
    assert removed["Latest comments"] == "comments"
    assert removed["© 2007-2024 - Fusion Media Limited. All Rights Reserved."] == "disclaimer"
    disclaimers = [b.text for b in article.removed if b.kind == "disclaimer"]
    assert disclaimers[0].startswith("Risk Disclosure: Trading in financial instruments")
    assert len(disclaimers) == 6  # every line of the risk disclosure and the Fusion Media notices
    for gone in (
        "Get 40% Off",
        "AI-picked",
        "© Reuters",
        "Latest comments",
        "Risk Disclosure",
        "Fusion Media",
    ):
        assert gone not in article.text
    paragraphs = article.text.split("\n\n")
    # As the outlet printed it: the dateline stays in the text.
    assert paragraphs[0].startswith("BAKU (Reuters) - Azerbaijan has invited a United Nations mission")
    assert paragraphs[-1].endswith(
        "and civilians were not harmed\", according to a statement from the Azeri president's office."
    )
    # The subheading is kept as its own paragraph: it is the outlet's text, not boilerplate.
    assert "INTERNATIONAL CALLS FOR MONITORS" in paragraphs
    assert len(paragraphs) == 15


HTML = f"""<!DOCTYPE html><html lang="en"><head>
<title>Old bridge to reopen next week | The Valley Times</title>
<meta property="og:site_name" content="The Valley Times">
<meta property="article:published_time" content="2024-05-15T08:10:00+02:00">
<link rel="canonical" href="/news/bridge-reopens">
<script type="application/ld+json">{{"@type": "NewsArticle",
 "author": [{{"@type": "Person", "name": "Jo Hale"}}],
 "dateModified": "2024-05-15T11:30:00Z"}}</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Old bridge to reopen next week</h1>
<div class="byline">By Jo Hale</div>
<figure><img src="x.jpg"><figcaption>The bridge in May. Photo: Sam Roe / Valley Times</figcaption></figure>
<p>TOWNSVILLE (AP) — {BODY}</p>
<p>Read more: Why the bridge closed</p>
<p>{BODY}</p>
<div class="share"><a>Share</a> <a>Tweet</a></div>
<section class="comments"><h3>Comments (1)</h3>
<p>First! I drive over it every day and it was about time.</p></section>
</article>
<footer><p>© 2024 The Valley Times. All rights reserved.</p></footer>
</body></html>"""


def test_html_page_text_metadata_and_removed() -> None:
    article = extract(_page(HTML, url="https://valleytimes.example/a?x=1"))
    assert article.title == "Old bridge to reopen next week"
    assert article.outlet == "The Valley Times"
    assert article.origin == "AP"
    assert article.dateline == "TOWNSVILLE"
    assert article.authors == ["Jo Hale"]
    assert article.published == datetime(2024, 5, 15, 8, 10, tzinfo=timezone(timedelta(hours=2)))
    assert article.updated == datetime(2024, 5, 15, 11, 30, tzinfo=UTC)
    assert article.canonical_url == "https://valleytimes.example/news/bridge-reopens"
    assert article.text == f"TOWNSVILLE (AP) — {BODY}\n\n{BODY}"
    removed = _removed(article)
    assert removed["We use cookies to improve your experience."] == "cookie"
    assert removed["The bridge in May. Photo: Sam Roe / Valley Times"] == "caption"
    assert removed["Read more: Why the bridge closed"] == "related"
    assert removed["First! I drive over it every day and it was about time."] == "comments"
    assert removed["© 2024 The Valley Times. All rights reserved."] == "disclaimer"
    assert removed["Old bridge to reopen next week"] == "title"


def test_too_little_text_is_an_extract_error() -> None:
    with pytest.raises(ExtractError, match=r"no article text: \d+ words of body \(need at least 20\)"):
        extract(_page("<html><body><nav>Home</nav><p>Short note.</p></body></html>"))


def test_hostile_markup_stays_fast_and_never_crashes() -> None:
    deep = "<html><body>" + "<div>" * 50_000 + f"<p>{BODY}</p>" + "</div>" * 50_000 + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(ExtractError):
        extract(_page(deep))
    huge = ("word " * 20 + "\n") * 100_000
    extract(_page(huge, "text"))
    assert time.perf_counter() - start < 10


def test_text_page_with_byline_markdown_and_wrapped_lines() -> None:
    text = (
        "# Old bridge to reopen next week\n\nBy Jo Hale and Sam Roe\n\n"
        "The council said on Monday that the old bridge would reopen next week\n"
        "after repairs, and engineers found no damage to the main span.\n\n"
        f"{BODY}\n\nShare: Facebook | X | Email\n"
    )
    article = extract(_page(text, "text"))
    assert article.title == "Old bridge to reopen next week"
    assert article.authors == ["Jo Hale", "Sam Roe"]
    assert article.text.split("\n\n")[0] == (
        "The council said on Monday that the old bridge would reopen next week "
        "after repairs, and engineers found no damage to the main span."
    )
    assert _removed(article)["Share: Facebook | X | Email"] == "share"


def _dump_with_footer(footer: str) -> str:
    return f"Menu | Markets | News\n\n# Old bridge to reopen next week\n\n{BODY}\n\n{BODY}\n\n{footer}\n"


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("© 2024 The Valley Times. All rights reserved.", "The Valley Times"),
        # The company holding the copyright owns the site; the site is the name the page gives it.
        (
            "Download the Quillmarket.com app\n© 2010-2024 - Northwind Media Limited. All Rights Reserved.",
            "Quillmarket.com",
        ),
        ("© 2024 Northwind Media Ltd. All rights reserved.", None),
        ("© 2024 All Rights Reserved.", None),
    ],
)
def test_text_outlet_is_the_site_not_its_owner(footer: str, outlet: str | None) -> None:
    assert extract(_page(_dump_with_footer(footer), "text")).outlet == outlet


@pytest.mark.parametrize(
    ("appeal", "outlet"),
    [
        (
            "Dear reader,\nPlease donate today: become a member of Eastvale Post to keep us going.",
            "Eastvale Post",
        ),
        ("Donate now\nThe Marsh Courier depends on readers like you.", "The Marsh Courier"),
        ("Please consider donating.\nSupport the Kestrel Ledger", "Kestrel Ledger"),
        # The cause, a feed, or a shouted button names no outlet.
        ("Please consider donating.\nSupport Independent Journalism", None),
        ("Subscribe to the Sport RSS feed", None),
        ("Donate now\nSUPPORT THE FREE PRESS.", None),
    ],
)
def test_text_outlet_from_the_pages_own_reader_appeal(appeal: str, outlet: str | None) -> None:
    article = extract(_page(_dump_with_footer(appeal), "text"))
    assert article.outlet == outlet
    assert appeal.splitlines()[-1] not in article.text


def test_url_host_outranks_a_reader_appeal() -> None:
    dump = _dump_with_footer("Donate now\nBecome a member of Eastvale Post today.")
    assert (
        extract(_page(dump, "text", url="https://www.eastvalepost.example/a/1")).outlet
        == "eastvalepost.example"
    )


@pytest.mark.parametrize(
    ("opening", "dateline", "origin"),
    [
        ("BAKU (Reuters) - Azerbaijan has", "BAKU", "Reuters"),
        ("MARROWBY, May 15 (Northern Wire) - At least", "MARROWBY", "Northern Wire"),
        ("KYIV, Ukraine (AP) — Russia", "KYIV", "AP"),
        ("PARIS (AFP) - France", "PARIS", "AFP"),
        ("Baku, Sept 29 (Reuters) - Azerbaijan", "Baku", "Reuters"),
        ("WASHINGTON — The Senate", "WASHINGTON", None),
        ("The Senate voted (pictured) - on", None, None),
    ],
)
def test_dateline_and_origin(opening: str, dateline: str | None, origin: str | None) -> None:
    assert dateline_and_origin(opening) == (dateline, origin)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Published 09/29/2023, 07:47 AM", datetime(2023, 9, 29, 7, 47, tzinfo=UTC)),
        ("Updated 09/29/2023, 04:16 PM", datetime(2023, 9, 29, 16, 16, tzinfo=UTC)),
        ("Posted: 11.05.2024, 16:45", datetime(2024, 5, 11, 16, 45, tzinfo=UTC)),
        ("Published: Tuesday 14 May 2024, 23:15 CEST", datetime(2024, 5, 14, 21, 15, tzinfo=UTC)),
        ("May 15, 2024 8:10 AM UTC", datetime(2024, 5, 15, 8, 10, tzinfo=UTC)),
        ("2024-05-15T08:10:00+0200", datetime(2024, 5, 15, 6, 10, tzinfo=UTC)),
        ("no date here", None),
    ],
)
def test_parse_date(printed: str, expected: datetime | None) -> None:
    assert parse_date(printed) == expected


def test_authors_free_of_junk() -> None:
    raw = ["By Jo Hale, 3 Minute Read", "Sam Roe | 2 Hours Ago", "Reuters", "Updated"]
    assert clean_authors(raw) == ["Jo Hale", "Sam Roe"]
