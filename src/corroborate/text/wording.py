"""How records read in words, the same in every view and finding."""

from __future__ import annotations

BOUND_WORDS = {
    "approximate": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "less_than": "less than ",
    "at_most": "at most ",
}


def number_in_words(value: float) -> str:
    """'98,500', '0.75', '1.2': thousands separated, no trailing zeros."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_in_words(value: float, bound: str, high: float | None = None, unit: str | None = None) -> str:
    """A figure as a reader says it: 'more than 98,500', 'about 120,000', '30–40%'."""
    text = number_in_words(value)
    if bound == "range" and high is not None:
        text = f"{text}–{number_in_words(high)}"
    text = BOUND_WORDS.get(bound, "") + text
    if unit:
        text += unit if unit == "%" else f" {unit}"
    return text
