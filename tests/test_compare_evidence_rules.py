"""What keeps like words apart: another quotation by one speaker, another person, a denial."""

from __future__ import annotations

from corroborate.compare import compare
from corroborate.model import Article, Claim
from corroborate.stories import find_origins
from tests.builders import article, ent, fig

OKAFOR, LIND, BRANDT = (ent(n, "PERSON") for n in ("Helen Okafor", "Marta Lind", "Tomas Brandt"))
CITY = ent("Marrowby", "GPE")
# Each outlet's own reporting after the statement, so that the two are not copies of one wire.
OWN_A = " The council will meet on Friday to discuss a temporary ferry for commuters."
OWN_B = " Local shop owners fear months of lost trade while the river crossing stays closed."


def _claims(a: str, b: str, needle: str) -> list[Claim]:
    arts: list[Article] = [
        article("a", a + OWN_A, outlet="Daily Ledger", entities=[CITY, OKAFOR, LIND, BRANDT]),
        article("b", b + OWN_B, outlet="Eastvale Post", entities=[CITY, OKAFOR, LIND, BRANDT]),
    ]
    claims = [c for c in compare("s", arts, find_origins(arts)).claims if needle in c.text]
    assert claims
    return claims


ATTRIBUTION = " Helen Okafor, the mayor of Marrowby, told reporters at the town hall on Tuesday evening."


def test_two_things_one_speaker_said_do_not_corroborate_each_other() -> None:
    a = '"We will reopen the crossing within a month,"' + ATTRIBUTION
    b = '"The ferry will carry every commuter free of charge,"' + ATTRIBUTION
    assert not any(c.corroborated for c in _claims(a, b, "town hall"))
    # The same quotation in both outlets is corroborated.
    again = (
        '"We will reopen the crossing within a month," the mayor, Helen Okafor, said in Marrowby on Tuesday.'
    )
    assert any(c.corroborated for c in _claims(a, again, "crossing"))


WON = " won the council seat in Marrowby on Sunday and kept her place on the harbour board."


def test_the_same_words_about_two_people_do_not_corroborate_each_other() -> None:
    assert not any(c.corroborated for c in _claims("Marta Lind" + WON, "Tomas Brandt" + WON, "harbour"))
    again = "On Sunday Marta Lind won the Marrowby council seat and kept her harbour board place."
    assert any(c.corroborated for c in _claims("Marta Lind" + WON, again, "harbour"))


def test_a_denial_does_not_corroborate_what_it_denies() -> None:
    said = "The Marrowby museum has expressed interest in displaying the salvaged bridge lamps."
    denied = (
        "The Marrowby museum said it has never expressed interest in displaying the salvaged bridge lamps."
    )
    assert not any(c.corroborated for c in _claims(said, denied, "lamps"))
    again = "The Marrowby museum had expressed interest in displaying the bridge lamps, its director said."
    assert any(c.corroborated for c in _claims(said, again, "lamps"))


def test_a_loosely_aligned_sentence_with_other_figures_is_no_part_of_the_claim() -> None:
    # The 2019 defeat shares names and votes with Sunday's win, not the fact: it neither
    # corroborates the win nor disputes its figure.
    won = "Marta Lind won the Marrowby council seat on Sunday with 1,204 votes, ahead of two rivals."
    again = (
        "On Sunday Marta Lind won the Marrowby council seat with 1,204 votes. Turnout was low in the rain."
    )
    lost = "In 2019 Lind, then a baker on the harbour, lost the Marrowby vote by 80 votes to a rival."
    texts = [("a", "Daily Ledger", won), ("b", "Eastvale Post", again), ("c", "Coast Herald", lost)]
    arts = [
        article(
            aid, text, outlet=outlet, entities=[CITY, LIND], figures=[fig(text, n, float(n.replace(",", "")))]
        )
        for (aid, outlet, text), n in zip(texts, ["1,204", "1,204", "80"], strict=True)
    ]
    [claim] = [c for c in compare("s", arts, find_origins(arts)).claims if c.corroborated]
    assert claim.differs == [] and {e.article for e in claim.evidence} == {"a", "b"}
