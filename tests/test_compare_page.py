"""What the story page shows of the findings: conflicts first, no silent cap, weak shown as weak."""

from __future__ import annotations

from corroborate.compare import compare
from corroborate.compare.claims import MAX_SINGLE_SOURCE
from corroborate.stories import find_origins
from corroborate.views.report import render_story
from tests.builders import article, ent, fig

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
    assert len(singles) > MAX_SINGLE_SOURCE  # the story file holds every one
    html = render_story(story)
    assert f"{MAX_SINGLE_SOURCE} of {len(singles)} shown" in html


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
