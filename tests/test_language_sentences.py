"""Sentence boundaries a reader would draw."""

from __future__ import annotations

from corroborate.language import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_and_acronyms_do_not_end_sentences() -> None:
    text = (
        "Mr. Vale met Dr. Orrin on Jan. 5 at the U.N. headquarters. "
        "He told U.S. Secretary of State Mara Quill about it. The talks ended in the U.S. Then he left."
    )
    assert _sentences(text) == [
        "Mr. Vale met Dr. Orrin on Jan. 5 at the U.N. headquarters.",
        "He told U.S. Secretary of State Mara Quill about it.",
        "The talks ended in the U.S.",
        "Then he left.",
    ]


def test_quote_with_attribution_stays_one_sentence() -> None:
    text = '"We will rebuild," he said. "It will take years." She agreed.'
    assert _sentences(text) == ['"We will rebuild," he said.', '"It will take years."', "She agreed."]


def test_line_breaks_always_end_a_sentence() -> None:
    text = "Headline without a stop\n\nFirst paragraph ends here\nSecond line. Next one."
    assert _sentences(text) == [
        "Headline without a stop",
        "First paragraph ends here",
        "Second line.",
        "Next one.",
    ]


def test_offsets_point_into_the_text() -> None:
    text = "  One. Two?  Three!\n"
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(2, 6), (7, 11), (13, 19)]
