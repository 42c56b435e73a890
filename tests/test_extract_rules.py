"""Extraction rules added for l3s-gn1's error classes: each on a small invented page."""

from __future__ import annotations

import hashlib

from corroborate.extract import extract
from corroborate.extract.boilerplate import classify_one
from corroborate.extract.rules import NEEDS, STRONG
from corroborate.model import Page

PARAGRAPH = (
    "The harbour authority said on Tuesday that the northern pier would close for two weeks while divers "
    "inspect the pilings, and that ferries would use the southern berth until the work is finished."
)


def _page(html: str) -> Page:
    return Page(id=hashlib.sha256(html.encode()).hexdigest(), source="test", format="html", content=html)


def test_article_in_a_container_named_like_navigation_is_kept() -> None:
    # A CMS names the article's wrapper after its web part ("..._NavWebPart_Article"): it holds the prose.
    paras = "".join(f"<p>{PARAGRAPH} Paragraph {i} adds detail on the timetable.</p>" for i in range(6))
    html = (
        "<html><head><title>Pier closes</title></head><body>"
        "<ul class='menu'><li>Home</li><li>News</li><li>Sport</li></ul>"
        f"<div id='ctl00_NavWebPart_Article'><h2>Pier closes</h2>{paras}</div>"
        "<div class='footer'>About us | Contact</div></body></html>"
    )
    article = extract(_page(html))
    assert "Paragraph 5 adds detail" in article.text
    assert "About us" not in article.text


def test_menu_container_without_prose_is_still_cut() -> None:
    paras = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(4))
    links = "".join(f"<li><a href='/s{i}'>Section number {i}</a></li>" for i in range(60))
    html = f"<html><body><div id='nav'><ul>{links}</ul></div><article>{paras}</article></body></html>"
    article = extract(_page(html))
    assert "Section number" not in article.text


def test_rule_keywords_do_not_change_what_rules_match() -> None:
    # NEEDS only skips scans: for these blocks, each STRONG rule matches exactly when one keyword is present.
    blocks = [
        "We use cookies to improve your browsing experience.",
        "Support our journalism with a monthly contribution.",
        "Sign up for our morning newsletter.",
        "Advertisement",
        "Sponsored: the best phones of the year",
        "Get 20% off your first order",
        "Quotes delayed by a minimum of 15 minutes.",
        "All rights reserved.",
    ]
    for text in blocks:
        low = text.lower()
        for (_, pattern), needs in zip(STRONG, NEEDS, strict=True):
            if needs and pattern.search(low):
                assert any(k in low for k in needs), (text, needs)
        assert classify_one(text) is not None, text
    assert classify_one("Ad") == "advertisement"
    assert classify_one(PARAGRAPH) is None
