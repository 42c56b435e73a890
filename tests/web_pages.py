"""Invented outlets, articles, feeds and sitemaps for the local test web (tests/web_site.py).

The event, the people and the outlets are fictional: a flood barrier on the river
Tolle at Harwick fails and the towns downstream are evacuated.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from html import escape

from tests.web_site import Outlet, Web, endless, redirect, sequence
from tests.web_site import Resource as Res

ROBOTS = "User-agent: *\nDisallow: /private/\nCrawl-delay: {delay}\nSitemap: {base}/sitemap-index.xml\n"


@dataclass
class Story:
    path: str
    title: str
    published: str
    paragraphs: list[str]


def article_html(outlet: str, story: Story) -> str:
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(story.title)} | {escape(outlet)}</title>
<meta property="og:site_name" content="{escape(outlet)}">
<meta property="og:title" content="{escape(story.title)}">
<meta property="article:published_time" content="{story.published}">
</head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav>
<article><h1>{escape(story.title)}</h1>
{paras}
</article>
<footer>© {escape(outlet)}. All rights reserved.</footer>
</body></html>"""


HERALD = [
    Story(
        "/news/tolle-barrier-fails.html",
        "Tolle flood barrier fails at Harwick, 1,200 evacuated",
        "2025-03-04T09:30:00+00:00",
        [
            "The flood barrier on the river Tolle at Harwick failed early on Tuesday, and 1,200 "
            "residents of the lower town were evacuated before dawn, the county council said.",
            "Water reached the market square by six o'clock. Fire crews used boats to reach "
            "houses on Mill Lane, where 40 people had refused to leave.",
            '"The barrier gave way at the eastern gate, which had been repaired in the autumn," '
            'said council leader Marta Linnell. "We will find out why."',
            "The Environment Office said the river had risen 2.4 metres in twelve hours after "
            "three days of heavy rain over the Cardle hills.",
        ],
    ),
    Story(
        "/news/harwick-schools-closed.html",
        "Harwick schools closed as Tolle floods spread",
        "2025-03-04T15:10:00+00:00",
        [
            "All nine schools in Harwick will stay closed on Wednesday after the failure of the "
            "Tolle flood barrier, the county education office said.",
            "Parents were asked to keep children away from the river paths. Two schools in the "
            "lower town are used as shelters for evacuated families.",
            '"Safety comes first," said education officer Ravi Dunmore.',
        ],
    ),
]

GAZETTE = [
    Story(
        "/2025/03/04/harwick-barrier.html",
        "Harwick barrier collapse forces evacuation of lower town",
        "2025-03-04T11:00:00+00:00",
        [
            "About 1,200 people were evacuated from the lower town of Harwick on Tuesday after "
            "the Tolle flood barrier failed at its eastern gate, officials said.",
            "Council leader Marta Linnell said the gate had been repaired last autumn. "
            '"We will find out why," she said.',
            "Fire crews took 40 people from houses on Mill Lane by boat. The river rose 2.4 metres "
            "in twelve hours, the Environment Office said.",
        ],
    ),
]

WIRE = [
    Story(
        "/wire/harwick-flood.html",
        "Flood barrier breach floods English market town",
        "2025-03-04T10:15:00+00:00",
        [
            "HARWICK, March 4 (Fenbridge Wire) - A flood barrier on the river Tolle failed on "
            "Tuesday, flooding the lower town of Harwick and forcing 1,200 people from their homes.",
            '"The barrier gave way at the eastern gate," council leader Marta Linnell told '
            "reporters. Fire crews rescued 40 people by boat from Mill Lane.",
            "The river rose 2.4 metres in twelve hours after three days of rain, the Environment "
            "Office said.",
        ],
    ),
]

# The Herald's lead story, edited after publication: a figure revised, a quote cut, a new headline.
HERALD_REVISED = Story(
    HERALD[0].path,
    "Harwick flood: 1,450 evacuated after Tolle barrier gives way",
    HERALD[0].published,
    [
        "The flood barrier on the river Tolle at Harwick failed early on Tuesday, and 1,450 "
        "residents of the lower town were evacuated before dawn, the county council said.",
        "Water reached the market square by six o'clock. Fire crews used boats to reach "
        "houses on Mill Lane, where 40 people had refused to leave.",
        "Council leader Marta Linnell said an inquiry would start on Thursday.",
        "The Environment Office said the river had risen 2.4 metres in twelve hours after "
        "three days of heavy rain over the Cardle hills.",
    ],
)


def rss(outlet: Outlet, name: str, stories: list[Story]) -> str:
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{outlet.url(s.path)}</link>"
        f"<guid>{outlet.url(s.path)}</guid><pubDate>{_rfc822(s.published)}</pubDate></item>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(name)}</title><link>{outlet.base}/</link>{items}</channel></rss>"
    )


def atom(outlet: Outlet, name: str, stories: list[Story]) -> str:
    entries = "".join(
        f'<entry><title>{escape(s.title)}</title><link href="{outlet.url(s.path)}"/>'
        f"<id>{outlet.url(s.path)}</id><updated>{s.published}</updated></entry>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(name)}</title><id>{outlet.base}/</id><updated>2025-03-04T12:00:00Z</updated>"
        f"{entries}</feed>"
    )


def json_feed(outlet: Outlet, name: str, stories: list[Story]) -> str:
    items = [
        {"id": outlet.url(s.path), "url": outlet.url(s.path), "title": s.title, "date_published": s.published}
        for s in stories
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": name, "items": items})


def news_sitemap(outlet: Outlet, name: str, stories: list[Story]) -> str:
    urls = "".join(
        f"<url><loc>{outlet.url(s.path)}</loc><news:news><news:publication><news:name>{escape(name)}"
        "</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{s.published}</news:publication_date>"
        f"<news:title>{escape(s.title)}</news:title></news:news></url>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


def sitemap_index(outlet: Outlet, paths: list[str]) -> str:
    maps = "".join(f"<sitemap><loc>{outlet.url(p)}</loc></sitemap>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'
    )


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))


XML = "application/xml"


def build_site(web: Web, delay: float = 0.2) -> dict[str, Outlet]:
    """Three outlets covering the Harwick flood, with feeds, sitemaps, robots.txt and awkward pages."""
    herald, gazette, wire = web.outlet("herald"), web.outlet("gazette"), web.outlet("wire")
    sites = [(herald, "The Harwick Herald", HERALD), (gazette, "Lowmere Gazette", GAZETTE)]
    sites.append((wire, "Fenbridge Wire", WIRE))
    for outlet, name, stories in sites:
        outlet.put("/robots.txt", ROBOTS.format(delay=delay, base=outlet.base), content_type="text/plain")
        for story in stories:
            outlet.put(story.path, article_html(name, story))
        outlet.put(
            "/private/draft.html", article_html(name, Story("/private/draft.html", "Draft", "", ["x"]))
        )
        outlet.put("/sitemap-index.xml", sitemap_index(outlet, ["/sitemap-news.xml"]), content_type=XML)
        outlet.put("/sitemap-news.xml", news_sitemap(outlet, name, stories), content_type=XML)
        packed = gzip.compress(news_sitemap(outlet, name, stories).encode())
        outlet.put("/sitemap-news.xml.gz", packed, content_type="application/x-gzip")
    herald.put("/rss.xml", rss(herald, "The Harwick Herald", HERALD), content_type="application/rss+xml")
    gazette.put("/atom.xml", atom(gazette, "Lowmere Gazette", GAZETTE), content_type="application/atom+xml")
    wire.put("/feed.json", json_feed(wire, "Fenbridge Wire", WIRE), content_type="application/feed+json")
    # Awkward pages on the wire's server.
    wire.handle("/moved.html", redirect(WIRE[0].path))
    wire.handle("/loop.html", redirect("/loop.html"))
    wire.handle("/to-private.html", redirect("/private/draft.html"))
    # Redirects into the machine's own network: a metadata service, an intranet host, this machine.
    wire.handle("/to-metadata.html", redirect("http://169.254.169.254/latest/meta-data/", 302))
    wire.handle("/to-intranet.html", redirect("http://10.20.30.40/admin/", 307))
    wire.handle("/hop.html", redirect("/to-metadata.html"))
    wire.put("/slow.html", article_html("Fenbridge Wire", WIRE[0]), delay=3.0)
    wire.put("/broken.html", b"server error", status=500, content_type="text/plain")
    wire.handle("/busy.html", sequence((429, {"Retry-After": "1"}), then=Res(b"<html><p>ok</p></html>")))
    wire.handle("/flaky.html", sequence((503, {}), then=Res(b"<html><p>back</p></html>")))
    wire.handle("/endless.html", endless)
    wire.put(
        "/gzip.html", article_html("Fenbridge Wire", WIRE[0]).replace("HARWICK", "GZIP"), encoding="gzip"
    )
    wire.put("/br.html", article_html("Fenbridge Wire", WIRE[0]).replace("HARWICK", "BROTLI"), encoding="br")
    wire.put("/bomb.html", b"<html>" + b"\0" * (64 * 1024 * 1024), encoding="gzip", validators=False)
    wire.put("/huge.html", b"<html>" + b"x" * (3 * 1024 * 1024), validators=False)  # says its size
    wire.put("/photo.jpg", b"\xff\xd8\xff\xe0 not a page", content_type="image/jpeg")
    return {"herald": herald, "gazette": gazette, "wire": wire}


# Published the day after, by the Gazette.
LATE = Story(
    "/2025/03/05/harwick-inquiry.html",
    "Inquiry opens into Harwick flood barrier failure",
    "2025-03-05T09:00:00+00:00",
    [
        "An inquiry into the failure of the Tolle flood barrier at Harwick opened on Wednesday, "
        "council leader Marta Linnell said.",
        "About 1,200 residents of the lower town were evacuated on Tuesday when the eastern gate gave way.",
    ],
)


def evolve(sites: dict[str, Outlet], step: int) -> str:
    """The web a little later: step 1, the Herald edits its lead and the Gazette publishes; step 2, the
    Wire revises its count."""
    herald, gazette, wire = sites["herald"], sites["gazette"], sites["wire"]
    if step == 1:
        herald.put(HERALD[0].path, article_html("The Harwick Herald", HERALD_REVISED))
        gazette.put(LATE.path, article_html("Lowmere Gazette", LATE))
        gazette.put("/atom.xml", atom(gazette, "Lowmere Gazette", [*GAZETTE, LATE]))
        return "Herald lead edited; Gazette published the inquiry story"
    revised = Story(
        WIRE[0].path,
        WIRE[0].title,
        WIRE[0].published,
        [p.replace("1,200", "1,500") for p in WIRE[0].paragraphs],
    )
    wire.put(WIRE[0].path, article_html("Fenbridge Wire", revised))
    return "Wire revised its count to 1,500"


if __name__ == "__main__":
    # Serve the test web by hand (a demonstration against 127.0.0.1): python -m tests.web_pages [EVOLVE_S]
    # With EVOLVE_S, the pages change twice, EVOLVE_S seconds apart.
    import sys
    import time

    web = Web()
    sites = build_site(web, delay=0.5)
    for name, outlet in sites.items():
        print(name, outlet.base, flush=True)
    every = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    try:
        step = 0
        while True:
            time.sleep(every or 1)
            if every and step < 2:
                step += 1
                print(f"{time.strftime('%H:%M:%S')} {evolve(sites, step)}", flush=True)
    finally:
        web.close()
