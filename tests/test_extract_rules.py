"""Extraction rules added for l3s-gn1's error classes: each on a small invented page."""

from __future__ import annotations

import hashlib

from corroborate.extract import extract
from corroborate.extract.boilerplate import Block, classify, classify_one
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


def test_news_about_donations_is_not_a_donation_appeal() -> None:
    # A blood-drive story talks about donating; only an appeal for the publication is boilerplate.
    assert classify_one("By donating blood twice a year, residents can help patients at the clinic.") is None
    assert classify_one("The charity said donations rose by a third after the flood appeal.") is None
    assert classify_one("Donate now") == "donation"
    assert classify_one("Please consider donating to keep our journalism free for everyone.") == "donation"
    assert classify_one("Your monthly donation helps us report from every town hall.") == "donation"


def test_a_donation_box_does_not_spread_into_long_paragraphs() -> None:
    long_para = (
        "Volunteers at the community centre collected more than two hundred units on Saturday for "
        "the hospital, and the clinic will open again next month for anyone in the town who missed the first "
        "session or wants to register for a regular appointment."
    )
    # The button and the paragraph share one container (a <br>-split block), which spreads a zone kind.
    blocks = [Block(PARAGRAPH, 0), Block("Donate now", 1), Block(long_para, 1)]
    classify(blocks)
    assert [b.kind for b in blocks] == [None, "donation", None]


def test_a_post_comment_link_does_not_swallow_the_text_after_it() -> None:
    # The link to the comment form sits between headline and story on some sites; a header spreads.
    above = [Block(PARAGRAPH, i) for i in range(6)]
    blocks = [*above, Block("Post Comment", 6), Block(PARAGRAPH + " More follows.", 7)]
    classify(blocks, comments_after=150)
    assert [b.kind for b in blocks[-2:]] == ["comments", None]
    thread = [*above, Block("Comments (2)", 6), Block("Great piece, thanks for covering the pier.", 7)]
    classify(thread, comments_after=150)
    assert thread[-1].kind == "comments"


def test_a_newsletter_link_does_not_spread_into_news_sentences() -> None:
    # A text dump without blank lines puts a menu's "Newsletter" link in one group with the story.
    news = "The winger could miss six weeks with the knee injury he picked up against the champions."
    appeal = "Get our best stories sent to you every morning."
    blocks = [Block("Free Newsletter", 1), Block(news, 1), Block(appeal, 1)]
    classify(blocks)
    assert [b.kind for b in blocks] == ["newsletter", None, None]
    box = [Block("Free Newsletter", 1), Block(appeal, 1)]
    classify(box)
    assert box[1].kind == "newsletter"


def test_a_counted_reader_views_header_opens_the_thread_and_a_rights_notice_ends_the_story() -> None:
    assert classify_one("Reader views (3)") == "comments"
    assert classify_one("Reader reaction") is None  # a sidebar's title on some sites, no thread
    notice = (
        "Sent by Northern Wire. This material may not be published, broadcast, rewritten or redistributed."
    )
    assert classify_one(notice) == "disclaimer"
    promo = (
        "Win two nights at the lakeside spa with dinner for two, and enter the weekly draw for more prizes."
    )
    dump = "\n\n".join(
        ["Pier to close for inspection", *[PARAGRAPH] * 4, notice, "Links We Like", promo, promo]
    )
    text = extract(Page(id="n", source="test", format="text", content=dump)).text
    assert text.endswith(PARAGRAPH) and "lakeside spa" not in text


def test_a_source_credit_line_ends_the_story_in_a_text_dump() -> None:
    form = "You can send this story to several friends at once by separating their addresses with commas."
    dump = "\n\n".join(
        ["Pier to close for inspection", *[PARAGRAPH] * 4, "Copyright Northern Wire", form, form]
    )
    text = extract(Page(id="c", source="test", format="text", content=dump)).text
    assert text.endswith(PARAGRAPH) and "several friends" not in text


def test_a_sentence_opening_on_by_and_a_capital_is_no_byline() -> None:
    assert classify_one("By Tuesday, the storm had moved east across the plains.") is None
    assert classify_one("By Jane Doe, Reuters") == "byline"
    assert classify_one("By RAQUEL DILLON, For The Associated Press 2 hours, 23 minutes ago") == "byline"


def test_a_paragraph_opening_on_old_wire_quote_marks_is_text() -> None:
    # AP copy opens quotes with two grave accents; an emoji or pictograph still marks a promotion.
    assert classify_one("``The prognosis is looking good for a recovery,'' the team's doctor said.") is None
    assert classify_one("🔥 Get the app today for the latest deals on tickets") == "advertisement"
