"""The two real seed pages (../shared/examples/pages) through the whole flow."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from corroborate.model import Article, Story
from corroborate.pipeline import ingest
from corroborate.store import Store
from corroborate.views.export import write_csv

UN_TITLE = "A UN mission is present in Nagorno-Karabakh for the first time in about 30 years"
WIRE_TITLE = "UN mission to visit Karabakh after military offensive"


@pytest.fixture
def seed_story(seed_pages: Path, tmp_path: Path) -> Story:
    with Store(str(tmp_path / "seed.db")) as store:
        result = ingest(store, [str(seed_pages)])
        assert result.errors == []
        stories = list(store.stories())
    assert len(stories) == 1
    return stories[0]


def by_title(story: Story, title: str) -> Article:
    return next(a for a in story.articles if a.title == title)


def speakers(article: Article) -> dict[str, str]:
    """Each quote's text -> the canonical name of its speaker."""
    assert article.analysis is not None
    names = {e.key: e.name for e in article.analysis.entities}
    return {q.text: names.get(q.speaker_entity or "", "") for q in article.analysis.quotes}


def test_one_story_of_two_articles_with_their_titles(seed_story: Story) -> None:
    assert sorted(a.title or "" for a in seed_story.articles) == sorted([UN_TITLE, WIRE_TITLE])
    assert by_title(seed_story, WIRE_TITLE).origin == "Reuters"
    # No URL, no site line: the page names itself in its own membership appeal.
    assert by_title(seed_story, UN_TITLE).outlet == "Sloboden Pechat"


@pytest.mark.parametrize(
    ("title", "gone"),
    [
        (
            UN_TITLE,
            ["Dear reader", "SUPPORT A FREE PRESS", "60 DENARS", "Photo: M-Production", "Video of the day"],
        ),
        (
            WIRE_TITLE,
            [
                "Get 40% Off",
                "AI-picked stocks",
                "REUTERS/Irakli Gedenidze",
                "Latest comments",
                "Risk Disclosure",
                "Fusion Media",
            ],
        ),
    ],
)
def test_boilerplate_is_removed_and_listed(seed_story: Story, title: str, gone: list[str]) -> None:
    article = by_title(seed_story, title)
    removed = "\n".join(block.text for block in article.removed)
    for snippet in gone:
        assert snippet not in article.text
        assert snippet in removed


def test_news_paragraphs_are_kept(seed_story: Story) -> None:
    assert '"They still control the cities," he stressed.' in by_title(seed_story, UN_TITLE).text
    wire = by_title(seed_story, WIRE_TITLE).text
    assert wire.startswith("BAKU (Reuters) - Azerbaijan has invited a United Nations mission")
    assert "civilians were not harmed" in wire


def test_quotes_are_attributed_to_their_speakers(seed_story: Story) -> None:
    un = speakers(by_title(seed_story, UN_TITLE))
    assert any(
        "accusations of ethnic cleansing or genocide" in q and s == "Hikmet Hadjiev" for q, s in un.items()
    )
    assert any("They still control the cities" in q and s == "Hikmet Hadjiev" for q, s in un.items())
    wire = speakers(by_title(seed_story, WIRE_TITLE))
    assert any(
        "assess the situation on the ground" in q and s == "Stephane Dujarric" for q, s in wire.items()
    )
    assert any("issues of protection" in q and s == "Stephane Dujarric" for q, s in wire.items())


def test_figures_with_bounds_and_who_stated_them(seed_story: Story) -> None:
    figures = []
    for article in seed_story.articles:
        assert article.analysis is not None
        names = {e.key: e.name for e in article.analysis.entities}
        figures += [
            (f.value, f.bound, names.get(f.speaker_entity or "", "")) for f in article.analysis.figures
        ]
    assert (100000, "more_than", "Nikol Pashinyan") in figures
    assert any(value == 98500 and bound == "more_than" and "Armenia" in who for value, bound, who in figures)


def test_running_twice_duplicates_nothing(seed_pages: Path, tmp_path: Path) -> None:
    with Store(str(tmp_path / "twice.db")) as store:
        first = ingest(store, [str(seed_pages)])
        stories_before = [s.model_dump_json() for s in store.stories()]
        second = ingest(store, [str(seed_pages)])
        assert (first.stored, second.stored, second.unchanged) == (2, 0, 2)
        assert store.count_articles() == 2
        assert [s.model_dump_json() for s in store.stories()] == stories_before


def test_the_undated_page_is_placed_on_the_story_timeline(seed_story: Story) -> None:
    # Page 000 has no publication date: its "September 20" and "today" are read against
    # the story's date (the wire's 29 September) and marked as inferred, after the invitation.
    undated = by_title(seed_story, UN_TITLE)
    assert undated.published is None
    events = [(t.date, t.inferred_from, t.articles, t.text) for t in seed_story.timeline]

    def find(date: str, article: str, word: str) -> int:
        return next(i for i, e in enumerate(events) if e[0] == date and article in e[2] and word in e[3])

    wire = by_title(seed_story, WIRE_TITLE).id
    defeat = find("2023-09-20", undated.id, "defeat")
    invitation = find("2023-09-29", wire, "invited")
    arrival = find("2023-09-29", undated.id, "arrived")
    assert [events[i][1] for i in (defeat, invitation, arrival)] == ["2023-09-29", None, "2023-09-29"]
    assert defeat < invitation < arrival


def test_the_csv_export_says_which_dates_are_inferred(seed_story: Story) -> None:
    out = io.StringIO()
    write_csv([seed_story], out)
    timeline = [
        row["text"] for row in csv.DictReader(io.StringIO(out.getvalue())) if row["finding"] == "timeline"
    ]
    arrival = next(text for text in timeline if "arrived" in text)
    assert arrival.startswith("2023-09-29 (inferred: undated article read as of 2023-09-29)")
    assert any(text.startswith("2023-09-29: ") and "invited" in text for text in timeline)
