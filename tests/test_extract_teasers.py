"""The teaser list under an article is cut; an article's own short items are not."""

from __future__ import annotations

from corroborate.extract import extract
from corroborate.extract.boilerplate import Block
from corroborate.extract.teasers import mark_teasers
from corroborate.model import Page

_BODY = [Block("The council voted on Tuesday to close the bridge for repairs, the mayor said. " * 8)]
_TEASERS = [
    Block("Police make arrest in missing woman case"),
    Block("Officers said the suspect was found in a nearby town."),
    Block("Worker rescued from trench at building site"),
    Block("Snow and sleet possible on Thursday morning"),
]


def test_teaser_list_after_the_text_is_related() -> None:
    blocks = [*_BODY, *(Block(b.text) for b in _TEASERS)]
    mark_teasers(blocks)
    assert blocks[0].kind is None
    assert [b.kind for b in blocks[1:]] == ["related"] * 4


def test_text_after_the_list_keeps_it() -> None:
    tail = Block("The bridge will reopen in March, when the repairs are done, officials said.")
    blocks = [*(Block(b.text) for b in _TEASERS), *_BODY, tail]
    mark_teasers(blocks)
    assert all(b.kind is None for b in blocks)


def test_score_lines_of_a_roundup_are_not_titles() -> None:
    games = [Block("Flyers 6 Capitals 4"), Block("At Washington, Knuble scored twice.")] * 3
    blocks = [*_BODY, *games]
    mark_teasers(blocks)
    assert all(b.kind is None for b in blocks)


def test_teasers_in_list_items_with_summaries_are_related() -> None:
    pairs = [
        ("Police make arrest in missing woman case", "Officers said the suspect was found in a nearby town."),
        ("Worker rescued from trench at building site", "Firefighters freed him after two hours."),
        ("Ferry fares rise for the summer season", "The operator blamed the price of fuel."),
    ]
    items = [Block(text, 1, "item") for pair in pairs for text in pair]
    blocks = [*_BODY, Block("Regional Headlines", 1, "head"), *items]
    mark_teasers(blocks)
    assert blocks[0].kind is None
    assert all(b.kind == "related" for b in blocks[1:])


def test_an_articles_own_bullet_points_are_kept() -> None:
    points = ["Bridge closed from Monday", "Buses run every ten minutes", "Cyclists may still cross"]
    blocks = [*_BODY, *(Block(p, 1, "item") for p in points)]
    mark_teasers(blocks)
    assert all(b.kind is None for b in blocks)


def test_teaser_list_under_a_text_dumps_story_is_related() -> None:
    story = "The council voted on Tuesday to close the bridge for repairs, the mayor told reporters."
    teasers = [
        "Police make arrest in missing woman case",
        "Officers said the suspect was found in a nearby town.",
        "Worker rescued from trench at building site",
        "Firefighters freed him after two hours, a spokesman said.",
        "Ferry fares rise for the summer season",
        "The operator blamed the rising price of fuel for the change.",
    ]
    content = "\n".join(["Bridge to close", *([story] * 8), *teasers])
    article = extract(Page(id="t1", source="test", format="text", content=content))
    assert article.text.split("\n\n") == [story] * 8
    assert {b.kind for b in article.removed if b.text in teasers} == {"related"}


def test_one_word_section_labels_between_teaser_groups_do_not_stop_the_list() -> None:
    pairs = ["Police make arrest in missing woman case", "Officers said the suspect was found nearby."] * 3
    blocks = [*_BODY, *(Block(t) for t in pairs), Block("Sports"), *(Block(t) for t in pairs)]
    mark_teasers(blocks)
    assert blocks[0].kind is None
    assert all(b.kind == "related" for b in blocks[1:])


def test_bold_questions_over_answers_are_kept_unless_they_are_links() -> None:
    # An explainer ends on questions set in bold paragraphs, an answer under each: a teaser list's
    # shape. On an HTML page a teaser's title is a link; the explainer's questions are not.
    pairs = [
        ("When does the change start", "The first round is on the seventh of April, the council said."),
        ("Will I get a bigger bin", "Yes. Crews will swap the old bins for larger ones during February."),
        ("What if my bin is full early", "Households of six or more can apply for a second bin free."),
    ]
    for linked, kind in ((False, None), (True, "related")):
        blocks = [*_BODY, *(Block(text) for pair in pairs for text in pair)]
        mark_teasers(blocks, lambda line, linked=linked: linked and line in dict(pairs))
        assert blocks[0].kind is None
        assert {b.kind for b in blocks[1:]} == {kind}
