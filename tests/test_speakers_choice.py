"""The speaker chooser's candidates (language/speaker_choice.py)."""

from __future__ import annotations

from corroborate.language import analyze
from corroborate.language import speaker_choice as sc


def test_a_datelines_place_is_no_candidate_speaker() -> None:
    text = (
        "EMMETSBURG, IOWA -- At a campaign event in Emmetsburg, a voter opened the session saying that "
        "the senator would not have enough money to win."
    )
    a = analyze(text)
    (q,) = a.quotes
    names = {text[c.start : c.end] for c in sc.candidates(text, q, a.sentences, a.mentions)}
    assert "IOWA" not in names and "EMMETSBURG" not in names
    assert q.speaker == "a voter"


def test_a_place_named_after_the_dateline_is_still_a_candidate() -> None:
    text = "WASHINGTON -- The White House said on Monday that the talks would resume in June."
    a = analyze(text)
    (q,) = a.quotes
    names = {text[c.start : c.end] for c in sc.candidates(text, q, a.sentences, a.mentions)}
    assert "WASHINGTON" not in names
    assert q.speaker is not None and "White House" in q.speaker
