"""Attributions without a speech verb of the rules ('She supports ...', 'Critics worry ...'): the cue word
PolNeAR's annotators mark most often opens a guess, the learned filter keeps it or drops it."""

from __future__ import annotations

from corroborate.language import analyze
from corroborate.language.cues import best_cue_word


def _cue(text: str) -> str | None:
    found = best_cue_word(text, 0, len(text))
    return text[found[0] : found[1]] if found else None


def test_the_likeliest_cue_word_of_a_sentence_is_found() -> None:
    assert _cue("The senator supports a plan to cut the fuel tax for farmers.") == "supports"
    assert _cue("The bridge reopened to traffic on Monday morning.") is None


def test_names_hyphenated_words_and_adverbs_open_no_guess() -> None:
    assert _cue("The so-called plan arrived on Friday.") is None
    assert _cue("Supporting Farmers Act: the text arrived on Monday, largely unread.") is None


def test_a_stance_of_a_named_person_is_attributed_to_her() -> None:
    text = "Senator Ada Vance supports a plan to cut the fuel tax for farmers in the state."
    quotes = analyze(text).quotes
    assert [(q.kind, q.speaker, q.cue, q.text) for q in quotes] == [
        ("indirect", "Ada Vance", "supports", "a plan to cut the fuel tax for farmers in the state")
    ]


def test_the_subject_not_the_nearest_name_holds_the_view() -> None:
    text = "Ada Vance, who visited Iowa last week, believes the farm bill will pass before the summer."
    quotes = analyze(text).quotes
    assert [(q.speaker, q.cue) for q in quotes] == [("Ada Vance", "believes")]
    assert quotes[0].text == "the farm bill will pass before the summer"


def test_a_sentence_of_events_is_no_quote() -> None:
    text = "The bridge reopened to traffic on Monday.\n\nThe river rose by two metres overnight in Marrowby."
    assert analyze(text).quotes == []
