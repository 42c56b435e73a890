"""The teaser list under an article is cut; an article's own short items are not."""

from __future__ import annotations

from corroborate.extract.boilerplate import Block
from corroborate.extract.teasers import mark_teasers

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
