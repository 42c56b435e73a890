"""Modern news markup (invented text): paragraphs wrapped in containers whose class names read
like boilerplate, ads and related boxes between paragraphs, a newsletter call, a 'Read more' list,
and story sentences with words that boilerplate rules look for. trafilatura keeps every paragraph
of this page; so must we, without the page's boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.extract import extract
from corroborate.extract.boilerplate import Block, classify, classify_one
from corroborate.model import Page

PAGE = Path(__file__).parent / "fixtures" / "modern" / "harbour.html"
STORY = [
    "Councillors in Eastvale voted on Tuesday night",  # in a 'paragraph-with-ad' wrapper
    "The plan, which passed by nine votes to two",  # the same, after an ad slot
    "The town's engineer told the meeting",  # in a 'more-content' wrapper
    "Residents who lost furniture",  # in a 'breaking-update' wrapper, after a related box
    "hopes to become a member of the regional flood partnership",
    "will pay a minimum amount of 50 pounds",
    "closed 12% off their high",
]
BOILERPLATE = [
    "Storm leaves forty homes flooded",  # inline related links
    "Sign up for our daily newsletter",  # newsletter call
    "How Eastvale's harbour was built",  # 'Read more' list
    "Waves break over the old sea wall",  # figure caption
    "Advertisement",
    "All rights reserved",
]


def _fixture_text(name: str) -> str:
    html = (PAGE.parent / f"{name}.html").read_text(encoding="utf-8")
    return extract(Page(id=name, source="test", format="html", content=html)).text


def _article_text() -> str:
    return _fixture_text("harbour")


def test_every_paragraph_of_a_modern_article_is_kept() -> None:
    text = _article_text()
    missing = [s for s in STORY if s not in text]
    assert not missing, missing
    assert len(text.split("\n\n")) == len(STORY)


@pytest.mark.parametrize("line", BOILERPLATE)
def test_the_modern_page_boilerplate_stays_out(line: str) -> None:
    assert line not in _article_text()


def test_story_sentences_with_appeal_or_sale_words_are_text() -> None:
    for sentence in (
        "Ukraine hopes to become a member of the alliance within ten years, its foreign minister said.",
        "Pensioners will be paid a minimum amount of 200 euros a month from January, the ministry said.",
        "Shares of the carmaker closed 12% off their high on Friday after the recall was announced.",
        "The mayor said she would make a contribution to the relief fund from her own salary.",
        "The insurer said it accepts no responsibility for the damage, a claim the families dispute.",
        # Short sentences closed by their attribution, or about a newsletter: reported, not appeals.
        "Subscribe to the channel, he urged his fans.",
        "Click here to register, the website says.",
        "Copyright law has changed little since 1998, she said.",
        "The newsletter, sent to 40,000 subscribers, was withdrawn.",
    ):
        assert classify_one(sentence) is None, sentence
    # The appeals and promotions themselves still are boilerplate.
    assert classify_one("Become a member of The Eastvale Post") == "donation"
    assert classify_one("Monthly amount") == "donation"
    assert classify_one("Make a contribution to our newsroom today") == "donation"
    assert classify_one("Get 20% off your first order") == "advertisement"
    assert classify_one("Sign up for our newsletter") == "newsletter"
    assert classify_one("Get the Morning Briefing newsletter.") == "newsletter"
    assert classify_one("© 2026 The Ledger. All rights reserved.") == "disclaimer"
    notice = "The publisher accepts no liability for any loss arising from its use."
    assert classify_one(notice) == "disclaimer"


def test_an_explainers_closing_questions_are_not_a_teaser_list() -> None:
    # Three subheadings, each over one short paragraph, end the story: a teaser list's shape, but
    # no heading is a link. The real list of other stories below it stays out.
    text = _fixture_text("explainer")
    for line in ("When does it start?", "Routes 4, 9 and 14 become one line", "Do fares change?"):
        assert line in text
    assert text.endswith("until at least the end of the year, the authority said.")
    assert "Night trains return" not in text


def _ferry() -> str:
    return _fixture_text("ferry")


def test_a_dateline_marked_inside_the_lead_paragraph_stays_in_it() -> None:
    # <p><span class="dateline">PORT ALDER —</span> The island ferry ...</p>: the span's class names
    # metadata, but its words open the story's first sentence.
    assert _ferry().startswith("PORT ALDER — The island ferry will run four extra crossings")


def test_subheadings_whose_class_says_header_are_kept() -> None:
    # <h3 class="article-body__header">Crew numbers</h3> over a paragraph is the story's subheading;
    # So is a section's <header><h2>. <h3 class="section-header"> over a list of links is a teaser
    # box's heading.
    text = _ferry()
    heads = ("What changes for passengers", "Crew numbers", "Who pays for the boats", "What happens next")
    for line in heads:
        assert f"\n\n{line}\n\n" in text
    assert "Elsewhere in the Ledger" not in text
    assert "Lighthouse keeper retires" not in text


def test_every_paragraph_and_list_item_of_the_ferry_story_is_kept() -> None:
    text = _ferry()
    for line in (
        "The change begins next month.",
        "Islanders had asked for more sailings for three years.",
        "Saturday gains a late return at nine.",
        "Not everyone is satisfied.",
        "The timetable will be published on the operator's site on Friday.",
    ):
        assert line in text
    for boilerplate in ("Advertisement", "Share on Facebook", "Harbour dues to rise", "By Jana Holt"):
        assert boilerplate not in text


def test_an_explainers_questions_in_bold_paragraphs_are_kept() -> None:
    # '<p><strong>When does the change start?</strong></p>' over a short answer, three times, ends the
    # story: no heading tags and no links, so no teaser list.
    text = _fixture_text("faq")
    for line in ("When does the change start?", "Will I get a bigger bin", "What if my bin is full"):
        assert line in text
    assert text.endswith("can apply for a second bin free of charge.")
    assert "Market square plans" not in text


def test_a_comments_button_between_paragraphs_does_not_end_the_story() -> None:
    story = [
        Block("The rail authority approved a half-hourly service between the two towns, its chair said."),
        Block("Passenger groups welcomed the decision but said the late evening trains should return."),
    ]
    news = [
        Block("A spokesman said the evening trains would be looked at again next year, the board heard."),
        Block("The change will cost about three million a year, most of it from fares, officials said."),
    ]
    thread = [
        Block("I take this train every day and it is always late, so I will believe it when I see it."),
        Block("Great news for us in the valley, we have waited years for this, thank you to the board."),
    ]
    for after, kind in ((news, None), (thread, "comments")):
        blocks = [*story * 4, Block("Comments"), *(Block(b.text) for b in after)]
        classify(blocks, comments_after=150)
        assert {b.kind for b in blocks[-2:]} == {kind}


def test_paragraphs_wrapped_as_content_list_items_are_kept() -> None:
    # Every paragraph sits in <div class="primary-cli cli cli-text">; 'cli' is also the prefix of a
    # cookie plugin's bar and settings box, which stay out.
    text = _fixture_text("content_list")
    assert len(text.split("\n\n")) == 6
    for line in ("The work took eleven hours.", "said the trust's secretary", "expected in three years."):
        assert line in text
    for boilerplate in ("We use cookies", "Privacy Overview", "This website uses cookies"):
        assert boilerplate not in text
