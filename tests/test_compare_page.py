"""What the story page shows of the findings: conflicts first, no silent cap, weak shown as weak."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.compare import compare
from corroborate.model import Span, Story
from corroborate.settings import CompareSettings, PageSettings
from corroborate.stories import find_origins
from corroborate.views.report import render_story
from tests.builders import article, ent, fig, quote

CHROMIUM = Path("/usr/bin/chromium")

CITY = ent("Marrowby", "GPE")


def _many_singles() -> str:
    # Each sentence names the city and a distinct pair of words: informative, carried by one outlet.
    return " ".join(
        f"In Marrowby the council approved plan number {n} for street{n} and square{n} yesterday."
        for n in range(70)
    )


def test_single_source_claims_are_all_in_the_story_file_and_the_page_says_n_of_m() -> None:
    a = _many_singles()
    b = "Police in Marrowby said the bridge had collapsed after heavy rain on Tuesday evening."
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[CITY]),
        article("b", b, outlet="Eastvale Post", entities=[CITY]),
    ]
    story = compare("s-many", arts, find_origins(arts))
    singles = story.single_source
    assert len(singles) > PageSettings.single_source_shown  # the story file holds every one
    html = render_story(story)
    assert f"{PageSettings.single_source_shown} of {len(singles)} shown" in html


def test_conflicts_come_first_with_both_sentences() -> None:
    a = "Police said 12 people were killed in the collapse."
    b = "Police said 16 people were killed in the collapse."
    arts = [
        article("a", a, outlet="Daily Ledger", figures=[fig(a, "12", 12, counted="people")]),
        article("b", b, outlet="Eastvale Post", figures=[fig(b, "16", 16, counted="people")]),
    ]
    html = render_story(compare("s-toll", arts, find_origins(arts)))
    assert 'id="conflicts"' in html
    assert html.index('id="conflicts"') < html.index('id="claims"')
    section = html[html.index('id="conflicts"') : html.index('id="claims"')]
    assert a in section and b in section


OKAFOR = ent("Helen Okafor", "PERSON", "Okafor")


_REBUILD = "We will rebuild this bridge before the winter comes"


def _framed_story() -> Story:
    a = (
        "MARROWBY - The Marrowby bridge collapsed on Tuesday evening after days of heavy rain. "
        "Mayor Helen Okafor spoke to reporters at the scene. "
        '"We will rebuild this bridge before the winter comes," she said.'
    )
    b = (
        "Heavy rain brought down the old river crossing in Marrowby, trapping two lorries. "
        'Okafor said: "We will rebuild this bridge before the winter comes."'
    )
    arts = [
        article(
            aid,
            text,
            title=title,
            outlet=outlet,
            entities=[CITY, OKAFOR],
            quotes=[quote(text, said, OKAFOR)],
            published=f"2024-03-05T{hour}:00:00",
        )
        for aid, text, title, outlet, said, hour in (
            ("a", a, "Marrowby bridge collapses in storm", "Daily Ledger", _REBUILD + ",", "09"),
            ("b", b, "Lorries trapped as river crossing falls", "Eastvale Post", _REBUILD + ".", "10"),
        )
    ]
    # The quote's speaker is named in the sentence before (a) and in the quote's own sentence (b).
    arts[0].analysis.quotes[0].speaker = "she"  # type: ignore[union-attr]
    for art, said in ((arts[0], "she"), (arts[1], "Okafor")):
        at = art.text.index(said + " said")
        art.analysis.quotes[0].speaker_span = Span(start=at, end=at + len(said))  # type: ignore[union-attr]
    return compare("s-framed", arts, find_origins(arts))


def test_the_page_shows_each_outlets_headline_and_lead_side_by_side() -> None:
    html = render_story(_framed_story())
    section = html[html.index('id="framing"') : html.index('id="claims"')]
    assert section.index("Marrowby bridge collapses in storm") < section.index(
        "Lorries trapped as river crossing falls"
    )
    assert "The Marrowby bridge collapsed on Tuesday evening after days of heavy rain." in section
    assert "Heavy rain brought down the old river crossing in Marrowby, trapping two lorries." in section
    assert "Daily Ledger" in section and "Eastvale Post" in section


def test_beside_each_quote_the_sentence_that_names_its_speaker() -> None:
    story = _framed_story()
    html = render_story(story)
    section = html[html.index('id="quotes"') : html.index('id="timeline"')]
    named = section[section.index('class="named-in"') :]
    # "she said": the sentence that names her is the one before, where her name is.
    assert "Mayor Helen Okafor spoke to reporters at the scene." in named
    assert "Okafor said: &#34;We will rebuild" in named or "Okafor said: &quot;We will rebuild" in named


def _weak_and_strong() -> Story:
    story = _framed_story()
    strong = story.claims[0].model_copy(update={"text": "A strong claim here.", "confidence": 0.95})
    weak = story.claims[0].model_copy(update={"text": "A weak claim here.", "confidence": 0.2})
    return story.model_copy(update={"claims": [strong, weak]})


def test_weak_findings_are_marked_weak_with_why() -> None:
    html = render_story(_weak_and_strong())
    row_weak = html[html.index("A weak claim here.") - 200 : html.index("A weak claim here.")]
    row_strong = html[html.index("A strong claim here.") - 200 : html.index("A strong claim here.")]
    assert 'weak"' in row_weak.rsplit("<td", 1)[1]
    assert "weak" not in row_strong.rsplit("<td", 1)[1]


@pytest.mark.browser
def test_weak_findings_are_dimmed_in_a_browser(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    page_path = tmp_path / "story.html"
    page_path.write_text(render_story(_weak_and_strong()), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_path.as_uri())

            def opacity(text: str) -> float:
                cell = page.locator("td.claim-col", has_text=text)
                return float(cell.evaluate("e => getComputedStyle(e).opacity"))

            assert opacity("A weak claim here.") < 0.9
            assert opacity("A strong claim here.") == 1.0
            assert page.locator(".weak-label", has_text="weak (0.20)").is_visible()
            frames = page.locator("#framing .frame")
            assert frames.count() == 2
            # Side by side on a desk: the two outlets' frames share a row.
            boxes = [frames.nth(i).bounding_box() for i in range(2)]
            assert boxes[0] and boxes[1] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2
            assert boxes[0]["x"] < boxes[1]["x"]
        finally:
            browser.close()


def test_possibly_elsewhere_claims_are_capped_with_n_of_m_too() -> None:
    # Every near miss counts as "possibly elsewhere", and the page shows 5 of each group. A near miss
    # shares two words or names at least (here "Marrowby" and "council").
    a = _many_singles()
    b = "Police in Marrowby told the council the bridge had collapsed after heavy rain on Tuesday evening."
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[CITY]),
        article("b", b, outlet="Eastvale Post", entities=[CITY]),
    ]
    story = compare("s-many", arts, find_origins(arts), settings=CompareSettings(near=0.0))
    possibly = [c for c in story.claims if c.possibly_elsewhere and not c.corroborated]
    assert len(possibly) > 5
    html = render_story(story, PageSettings(single_source_shown=5))
    section = html[html.index('id="claims-possibly"') :]
    assert f"5 of {len(possibly)} shown" in section[: section.index("</tr>")]
