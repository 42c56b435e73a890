"""Speakers keep statements apart only when they name someone; like words of another: "possibly elsewhere"."""

from __future__ import annotations

from corroborate.compare import compare
from corroborate.model import Article, Entity, Quote, Story
from corroborate.stories import find_origins
from tests.builders import article, ent

CITY = ent("Marrowby", "GPE")
SAID = "said the Marrowby bridge collapsed after heavy rain on Tuesday evening, trapping two lorries."
# Each outlet's own reporting after the statement, so that the two are not copies of one wire.
OWN_A = " The council will meet on Friday to discuss a temporary ferry for commuters."
OWN_B = " Local shop owners fear months of lost trade while the river crossing stays closed."


def _quote(art: Article, needle: str, speaker: Entity, end: int | None = None) -> None:
    start = art.text.index(needle)
    stop = end if end is not None else art.text.index(".", start)
    q = Quote(
        start=start,
        end=stop,
        text=art.text[start:stop],
        kind="indirect",
        speaker=speaker.name,
        speaker_entity=speaker.key,
    )
    art.analysis.quotes.append(q)  # type: ignore[union-attr]


def _story(arts: list[Article]) -> Story:
    return compare("s", arts, find_origins(arts))


def test_another_speakers_like_words_are_possibly_elsewhere_not_single_source() -> None:
    okafor, brandt = ent("Helen Okafor", "PERSON"), ent("Tomas Brandt", "PERSON")
    arts = [
        article("a", "Helen Okafor " + SAID + OWN_A, outlet="Daily Ledger", entities=[CITY, okafor]),
        article("b", "Tomas Brandt " + SAID + OWN_B, outlet="Eastvale Post", entities=[CITY, brandt]),
    ]
    _quote(arts[0], "the Marrowby", okafor)
    _quote(arts[1], "the Marrowby", brandt)
    claims = [c for c in _story(arts).claims if "bridge" in c.text]
    assert claims and not any(c.corroborated for c in claims)
    # Neither outlet alone reports the collapse: each claim says another speaker tells it elsewhere.
    assert all(c.possibly_elsewhere for c in claims)
    assert all("another speaker" in c.why and c.confidence <= 0.5 for c in claims)


def test_a_rank_cut_from_its_name_keeps_no_statement_apart() -> None:
    # A sentence split after "Capt." leaves the rank as the speaker: it names nobody in particular.
    burkill, capt = ent("Peter Burkill", "PERSON"), ent("Capt", "PERSON")
    arts = [
        article("a", "Peter Burkill " + SAID + OWN_A, outlet="Daily Ledger", entities=[CITY, burkill]),
        article("b", "Capt " + SAID + OWN_B, outlet="Eastvale Post", entities=[CITY, capt]),
    ]
    _quote(arts[0], "the Marrowby", burkill)
    _quote(arts[1], "the Marrowby", capt)
    assert any(c.corroborated for c in _story(arts).claims if "bridge" in c.text)


def test_a_quoted_film_title_is_nobody_speaking() -> None:
    # "Take Me Out to the Ball Game" is a film; the name read as its speaker says nothing.
    studio = ent("Halvik Pictures", "ORG")
    mayor = ent("Lena Varga", "PERSON")
    a = (
        'The star of "Rain Over Marrowby Bridge" said the Marrowby bridge collapsed after heavy rain on '
        "Tuesday evening, trapping two lorries." + OWN_A
    )
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[CITY, studio]),
        article("b", "Lena Varga " + SAID + OWN_B, outlet="Eastvale Post", entities=[CITY, mayor]),
    ]
    start = a.index('"') + 1
    _quote(arts[0], "Rain Over", studio, end=a.index('"', start))
    _quote(arts[1], "the Marrowby", mayor)
    assert any(c.corroborated for c in _story(arts).claims if "bridge" in c.text)
