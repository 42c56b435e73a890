"""Quotes linked across outlets by their words; altered quotes are changes of words, nothing less."""

from __future__ import annotations

from corroborate.compare import compare
from corroborate.model import Article, Quote, SharedQuote, Span
from corroborate.stories import find_origins
from tests.builders import article, ent

MAYOR = ent("Helen Okafor", "PERSON", "Okafor")
DEPUTY = ent("Piet Vandermolen", "PERSON", "Vandermolen")


def _quote(text: str, content: str, speaker: str, cue: str, kind: str = "direct", nth: int = 0) -> Quote:
    start = -1
    for _ in range(nth + 1):
        start = text.index(content, start + 1)
    c = text.index(cue)
    s = text.index(speaker)
    return Quote(
        start=start,
        end=start + len(content),
        text=content,
        kind="direct" if kind == "direct" else "indirect",
        cue=cue,
        cue_span=Span(start=c, end=c + len(cue)),
        speaker=speaker,
        speaker_span=Span(start=s, end=s + len(speaker)),
    )


def _art(aid: str, outlet: str, text: str, quotes: list[Quote]) -> Article:
    return article(
        aid,
        text,
        outlet=outlet,
        published="2031-05-14T09:00:00+00:00",
        entities=[MAYOR, DEPUTY],
        quotes=quotes,
    )


def _story(*arts: Article) -> list[SharedQuote]:
    return compare("s-q", list(arts), find_origins(list(arts))).quotes


def _linked(quotes: list[SharedQuote]) -> SharedQuote:
    [q] = [q for q in quotes if len(q.articles) > 1]
    return q


WHOLE = "The families of those we lost deserve the full truth, and they will get it"


def test_trimmed_elided_and_recased_quotes_are_the_same_quote_unaltered() -> None:
    a = f'Mayor Helen Okafor spoke on Tuesday. "{WHOLE}," Okafor said.'
    b = 'The mayor, Helen Okafor, said: "THE FAMILIES of those we lost deserve the full truth."'
    c = 'Helen Okafor said: "The families ... deserve the full truth, and they will get it!"'
    q = _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, WHOLE, "Okafor", "said")]),
            _art(
                "b",
                "Eastvale Post",
                b,
                [_quote(b, "THE FAMILIES of those we lost deserve the full truth.", "Helen Okafor", "said")],
            ),
            _art(
                "c",
                "Marrowby Courier",
                c,
                [
                    _quote(
                        c,
                        "The families ... deserve the full truth, and they will get it!",
                        "Helen Okafor",
                        "said",
                    )
                ],
            ),
        )
    )
    assert q.articles == ["a", "b", "c"]
    assert not q.altered and not q.speakers_differ
    assert "trimmed or elided" in q.why


def test_a_quote_split_by_its_attribution_is_not_altered() -> None:
    a = f'"{WHOLE}," Helen Okafor said on Tuesday.'
    b = '"The families of those we lost deserve the full truth," Helen Okafor said, "and they will get it."'
    pieces = [
        _quote(b, "The families of those we lost deserve the full truth,", "Helen Okafor", "said"),
        _quote(b, "and they will get it.", "Helen Okafor", "said"),
    ]
    q = _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, WHOLE, "Helen Okafor", "said")]),
            _art("b", "Eastvale Post", b, pieces),
        )
    )
    assert not q.altered
    assert len(q.evidence) == 3  # the whole quote and both pieces, each pointing at its own text


FIRST_PIECE = "The families of those we lost deserve the full truth,"


def _split_story(second: str) -> SharedQuote:
    """The whole quote in one outlet; in another, '"A," Helen Okafor said, "B."' as one record of two
    pieces, as the language stage gives it (its extent holds the attribution)."""
    a = f'"{WHOLE}," Helen Okafor said on Tuesday.'
    b = f'"{FIRST_PIECE}" Helen Okafor said, "{second}"'
    one, two = _quote(b, FIRST_PIECE, "Helen Okafor", "said"), _quote(b, second, "Helen Okafor", "said")
    pieces = [Span(start=one.start, end=one.end), Span(start=two.start, end=two.end)]
    split = one.model_copy(update={"end": two.end, "text": b[one.start : two.end], "pieces": pieces})
    return _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, WHOLE, "Helen Okafor", "said")]),
            _art("b", "Eastvale Post", b, [split]),
        )
    )


def test_one_record_of_a_split_quotation_compares_its_quoted_words_only() -> None:
    q = _split_story("and they will get it.")
    assert not q.altered and "said" not in q.why
    # Each piece is its own evidence, on its own words; the attribution between them is none.
    assert [e.text for e in q.evidence if e.article == "b"] == [FIRST_PIECE, "and they will get it."]


def test_a_changed_word_in_a_split_quotations_second_piece_is_altered() -> None:
    q = _split_story("and they may get it.")
    assert q.altered and "'will' / 'may'" in q.why


def test_a_change_of_words_is_altered_and_says_which() -> None:
    a = f'"{WHOLE}," Helen Okafor said.'
    changed = "The families of those we lost deserve the whole truth, and they will get it"
    b = f'"{changed}," Helen Okafor said.'
    q = _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, WHOLE, "Helen Okafor", "said")]),
            _art("b", "Eastvale Post", b, [_quote(b, changed, "Helen Okafor", "said")]),
        )
    )
    assert q.altered
    assert "'full' / 'whole'" in q.why


def test_one_quote_given_to_different_speakers_is_linked_and_flagged() -> None:
    a = f'"{WHOLE}," Helen Okafor said.'
    b = f'"{WHOLE}," Piet Vandermolen said.'
    q = _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, WHOLE, "Helen Okafor", "said")]),
            _art("b", "Eastvale Post", b, [_quote(b, WHOLE, "Piet Vandermolen", "said")]),
        )
    )
    assert q.speakers_differ
    assert q.speakers == ["Helen Okafor", "Piet Vandermolen"]
    assert not q.altered


def test_reported_speech_against_a_quote_is_not_an_altered_quote() -> None:
    a = f'"{WHOLE}," Helen Okafor said.'
    said = "the families of those lost deserved the full truth and would get it"
    b = f"Helen Okafor said {said}."
    q = _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, WHOLE, "Helen Okafor", "said")]),
            _art("b", "Eastvale Post", b, [_quote(b, said, "Helen Okafor", "said", kind="indirect")]),
        )
    )
    assert not q.altered


def test_an_article_repeating_its_own_quote_is_not_compared_with_itself() -> None:
    changed = "The families of those we lost deserve the whole truth, and they will get it"
    a = f'"{WHOLE}," Helen Okafor said. Later she repeated: "{changed}," Helen Okafor said.'
    quotes = [_quote(a, WHOLE, "Helen Okafor", "said"), _quote(a, changed, "Helen Okafor", "repeated")]
    [q] = [q for q in _story(_art("a", "Daily Ledger", a, quotes)) if len(q.evidence) > 1]
    assert not q.altered


def test_each_quote_carries_the_sentence_that_names_its_speaker() -> None:
    a = f'Mayor Helen Okafor spoke on Tuesday. "{WHOLE}," she said.'
    q = Quote(
        start=a.index(WHOLE),
        end=a.index(WHOLE) + len(WHOLE),
        text=WHOLE,
        kind="direct",
        speaker="she",
        speaker_span=Span(start=a.index("she"), end=a.index("she") + 3),
        speaker_entity=MAYOR.key,
    )
    [shared] = _story(_art("a", "Daily Ledger", a, [q]))
    assert [e.text for e in shared.attributions] == ["Mayor Helen Okafor spoke on Tuesday."]


def test_one_article_repeating_a_quote_is_not_compared_with_itself() -> None:
    text = (
        'Helen Okafor said: "We will rebuild the bridge before winter." '
        'Her deputy Piet Vandermolen later repeated that "we will rebuild the bridge before winter!"'
    )
    a = _art(
        "a",
        "Daily Ledger",
        text,
        [
            _quote(text, "We will rebuild the bridge before winter.", "Helen Okafor", "said"),
            _quote(text, "we will rebuild the bridge before winter!", "Piet Vandermolen", "repeated"),
        ],
    )
    [q] = [q for q in _story(a) if "rebuild" in q.text]
    assert q.articles == ["a"]
    assert not q.speakers_differ and not q.altered and q.identical


def _two_outlets(said: str, other: str) -> SharedQuote:
    """One quotation as two outlets give it, each attributed to the mayor."""
    a, b = f'"{said}," Helen Okafor said.', f'"{other}," Helen Okafor said.'
    return _linked(
        _story(
            _art("a", "Daily Ledger", a, [_quote(a, said, "Helen Okafor", "said")]),
            _art("b", "Eastvale Post", b, [_quote(b, other, "Helen Okafor", "said")]),
        )
    )


def test_a_possessive_spelt_another_way_is_not_an_altered_quote() -> None:
    said = "The council is becoming the developers' best friend, and the voters know it"
    other = "The council is becoming the developers’s best friend, and the voters know it"
    assert not _two_outlets(said, other).altered


def test_a_quote_elided_in_one_outlet_and_run_on_in_the_other_is_one_quote_unaltered() -> None:
    said = "No, I meant the bridge was unsafe. I do. It was the worst kept secret in town."
    whole = said + " I told the council so, and I told the minister so, and nobody listened to me"
    elided = said + " … Everybody knew that it would fall down one day"
    assert not _two_outlets(whole, elided).altered
