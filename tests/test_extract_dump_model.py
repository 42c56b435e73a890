"""The learnt line classifier of text dumps: one reading whatever the converter, comments left out."""

from __future__ import annotations

import textwrap

import pytest

from corroborate.extract import extract
from corroborate.extract.dumpmodel import NAMES, Model, shipped
from corroborate.model import Page
from tests.test_extract_dumps import _STORY

_MENU = ["Home | News | Sport | Weather | Contact", "Sign in", "Subscribe"]
_FOOTER = ["Most read", "Storm closes schools", "Mayor opens new library", "© 2008 Eastvale Post"]


def _page(lines: list[str]) -> Page:
    return Page(id="d1", source="test", format="text", content="\n".join(lines))


def _plain() -> list[str]:
    return [*_MENU, "", "Bridge to close for repairs", "", *(f"{p}\n" for p in _STORY), *_FOOTER]


def _lynx() -> list[str]:
    """The same page as lynx dumps it: indented by three columns, wrapped at 77."""
    out = [f"   {line}" for line in _MENU] + ["", "   Bridge to close for repairs", ""]
    for p in _STORY:
        out += [*textwrap.wrap(p, width=77, initial_indent="   ", subsequent_indent="   "), ""]
    return out + [f"   {line}" for line in _FOOTER]


def test_the_same_page_reads_alike_from_two_converters() -> None:
    plain, lynx = extract(_page(_plain())), extract(_page(_lynx()))
    assert plain.text.split("\n\n") == _STORY
    assert lynx.text == plain.text
    assert lynx.title == plain.title == "Bridge to close for repairs"


def test_readers_comments_under_the_story_are_left_out() -> None:
    comments = [
        "Comments",
        "",
        "i think the council should have done this years ago, my car nearly went in the river last week",
        "",
        "I drive over that bridge every day and I never saw any cracks, you lot are making it up",
    ]
    article = extract(_page([*_plain()[:-4], *comments, *_FOOTER]))
    assert article.text.split("\n\n") == _STORY


def test_a_model_fitted_on_other_features_is_refused() -> None:
    data = shipped().to_json()
    assert data["features"] == list(NAMES)
    data["features"] = list(NAMES)[:-1]
    with pytest.raises(ValueError, match="train_dump_lines"):
        Model.from_json(data)
