"""Bylines into Article.authors: people, in their usual case; not the outlet, a desk or a date."""

from __future__ import annotations

from corroborate.extract import extract
from corroborate.extract.authors import person_bylines
from corroborate.model import Page

PAGE = """<html><head><title>Bridge inspections ordered | Eastvale Post</title>
<meta property="og:site_name" content="Eastvale Post">
<meta name="author" content="JILL MCKENNA and Eastvale Post">
</head><body><article><h1>Bridge inspections ordered</h1>
<p>Calderia's transport minister has ordered emergency inspections of every road bridge built before 1980,
after the partial collapse of the Varnholt Bridge in Marrowby on Tuesday left 14 dead.</p>
<p>Minister Ruth Adeyemi, who visited the site last night, said the government would not wait for the
result of the city's inquiry before acting on what engineers had already found.</p>
</article></body></html>"""


def test_a_page_byline_becomes_a_person_author() -> None:
    article = extract(Page(id="p1", source="p1.html", format="html", content=PAGE))
    assert article.authors == ["Jill McKenna"]


def test_desks_outlets_and_dates_are_not_people() -> None:
    got = person_bylines(
        ["VOA News", "Agencies on Friday", "The Earthtimes", "Earthtimes", "Ana de la Cruz"], "Earthtimes"
    )
    assert got == ["Ana de la Cruz"]
    assert person_bylines(["Tobin Harshaw on Friday", "Tobin Harshaw"], None) == ["Tobin Harshaw"]
