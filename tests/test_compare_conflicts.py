"""Conflicts: the same slot with different values, each with both sentences."""

from __future__ import annotations

from corroborate.compare import compare
from corroborate.stories import find_origins
from tests.builders import article, ent, fig, when

LINDA = ent("Linda Sánchez", "PERSON")
LORETTA = ent("Loretta Sanchez", "PERSON")
CITY = ent("Marrowby", "GPE")


def test_two_names_of_one_surname_in_one_statement_conflict() -> None:
    a = "Representative Linda Sánchez of California introduced the bridge safety bill in Marrowby on Tuesday."
    b = (
        "Representative Loretta Sanchez of California introduced the bridge safety bill "
        "in Marrowby on Tuesday."
    )
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[LINDA, CITY]),
        article("b", b, outlet="Eastvale Post", entities=[LORETTA, CITY]),
    ]
    story = compare("s-names", arts, find_origins(arts))
    [conflict] = [c for c in story.conflicts if c.kind == "name"]
    assert conflict.values == ["Linda Sánchez", "Loretta Sanchez"]
    assert [e.text for e in conflict.evidence] == [a, b]


def test_aligned_statements_of_different_years_conflict() -> None:
    a = "The bridge over the Varn river had been closed to lorries since 2002, the city council said."
    b = "The bridge over the Varn river had been closed to lorries since 2003, the city council said."
    arts = [
        article("a", a, outlet="Daily Ledger", times=[when(a, "2002", "2002", "year")]),
        article("b", b, outlet="Eastvale Post", times=[when(b, "2003", "2003", "year")]),
    ]
    story = compare("s-years", arts, find_origins(arts))
    assert not story.corroborated  # "since 2002" does not corroborate "since 2003"
    [conflict] = story.conflicts
    assert conflict.kind == "year" and conflict.values == ["2002", "2003"]
    assert {e.article for e in conflict.evidence} == {"a", "b"}


def test_differing_tolls_are_a_conflict_with_both_sentences() -> None:
    a = "Police said 12 people were killed in the collapse."
    b = "Police said 16 people were killed in the collapse."
    arts = [
        article("a", a, outlet="Daily Ledger", figures=[fig(a, "12", 12, counted="people")]),
        article("b", b, outlet="Eastvale Post", figures=[fig(b, "16", 16, counted="people")]),
    ]
    story = compare("s-toll", arts, find_origins(arts))
    [conflict] = [c for c in story.conflicts if c.kind == "figure"]
    assert conflict.values == ["12", "16"]
    assert [e.text for e in conflict.evidence] == [a, b]
