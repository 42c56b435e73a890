"""A corroborated claim's evidence is what corroborates it: shared names or a weak alignment are not."""

from __future__ import annotations

import pytest

from corroborate.compare import claims as claims_mod
from corroborate.compare import compare
from corroborate.compare.common import StoryContext
from corroborate.compare.entities import merge_entities
from corroborate.model import Story
from corroborate.settings import CompareSettings
from corroborate.stories import find_origins
from tests.builders import article, ent

SOX, PLAYER = ent("Red Sox", "ORG"), ent("Mark Teixeira", "PERSON")
A = (
    "Red Sox offer Mark Teixeira a contract worth 200 million dollars over eight seasons.\n"
    "The Angels had offered the first baseman 160 million dollars last week at the winter meetings."
)
B = (
    "Red Sox to break the bank for Mark Teixeira.\n"
    "Publicly and privately the club is saying nothing about its interest and plays dumb every time."
)


def _story(a: str, b: str) -> Story:
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[SOX, PLAYER]),
        article("b", b, outlet="Eastvale Post", entities=[SOX, PLAYER]),
    ]
    return compare("s", arts, find_origins(arts))


def test_two_headlines_sharing_only_names_corroborate_nothing() -> None:
    story = _story(A, B)
    assert not any(c.corroborated for c in story.claims)


CITY = ent("Marrowby", "GPE")
LEDGER = (
    "The Marrowby bridge collapsed after heavy rain on Tuesday evening, trapping two lorries.\n"
    "The council will meet on Friday to discuss a temporary ferry for commuters."
)
POST = (
    "Heavy rain brought down the Marrowby bridge on Tuesday evening and trapped two lorries.\n"
    "Rain is expected again on Tuesday in Marrowby, where the bridge once carried commuters."
)


def test_a_sentence_joined_by_a_weak_alignment_is_no_evidence_of_the_claim() -> None:
    arts = [
        article("a", LEDGER, outlet="Daily Ledger", entities=[CITY]),
        article("b", POST, outlet="Eastvale Post", entities=[CITY]),
    ]
    ctx = StoryContext.build(arts, find_origins(arts))
    sentences = claims_mod.collect_sentences(ctx, merge_entities(ctx))
    w = claims_mod._weights(sentences)
    scores = sorted(claims_mod.align(sentences, w, {}, claims_mod._vectors(ctx, sentences)).values())
    if len(scores) < 2 or scores[0] == scores[-1]:
        pytest.skip("the two alignments this test needs are not there")
    # Between the weak and the strong alignment: only the strong one corroborates.
    settings = CompareSettings(corroborate=(scores[0] + scores[-1]) / 2, align=scores[0] - 1e-6)
    story = compare("s", arts, find_origins(arts), settings=settings)
    (claim,) = [c for c in story.claims if c.corroborated]
    assert "collapsed" in claim.text or "brought down" in claim.text
    assert all("expected again" not in e.text for e in claim.evidence)
    weak = next(c for c in story.claims if "expected again" in c.text)
    assert not weak.corroborated and weak.possibly_elsewhere
