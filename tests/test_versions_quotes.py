"""An edit is read from the quoted words: the attribution inside a split quotation is not the quote."""

from __future__ import annotations

from corroborate.fetch.versions import diff_articles
from corroborate.model import Analysis, Article, Quote, Span


def _version(attribution: str, second: str) -> Article:
    first = '"The bridge is safe,"'
    text = f'{first} {attribution}. "{second}"'
    start_two = len(first) + len(attribution) + 3
    quote = Quote(
        start=1, end=len(text) - 1, text=text[1:-1], kind="direct",
        pieces=[Span(start=1, end=len(first) - 2), Span(start=start_two, end=len(text) - 1)],
    )  # fmt: skip
    return Article(id="a", source="a.html", title="Bridge", text=text, analysis=Analysis(quotes=[quote]))


def test_a_new_attribution_is_no_quote_change() -> None:
    before = _version("the engineer said", "We checked every cable.")
    after = _version("said Mira Holm, the city's engineer", "We checked every cable.")
    assert [c.kind for c in diff_articles(before, after) if c.kind == "quote"] == []


def test_changed_quoted_words_are_a_quote_change() -> None:
    before = _version("the engineer said", "We checked every cable.")
    after = _version("the engineer said", "We checked nine of the forty cables.")
    assert [c.kind for c in diff_articles(before, after)] == ["quote"]
