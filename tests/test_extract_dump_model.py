"""The learnt line classifier of text dumps: one reading whatever the converter, comments left out."""

from __future__ import annotations

import re
import textwrap

import pytest

from corroborate.extract import extract
from corroborate.extract.boilerplate import Block
from corroborate.extract.dumpmodel import NAMES, Model, features, shipped
from corroborate.model import Page
from corroborate.text.words import STOPWORDS
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


_PEOPLE = {"i", "i'm", "im", "i've", "my", "me", "i’m", "you", "your", "you're", "you’re", "we", "our", "us"}


def _one_by_one(text: str) -> list[float]:
    """A block's shares as the model defines them, read from the block alone (the slow, plain way)."""
    head = f" {text[:400]} "
    words = head.lower().split()
    m = head.count(" ") - 1
    function = sum(1 for w in words if w in STOPWORDS or w in _PEOPLE)
    return [
        function / m,
        len(re.findall(r" [A-Z]", head)) / m,
        len(re.findall(r" [0-9]", head)) / m,
        head.count(",") / m,
        min(len(re.findall(r" [|·•›»](?= )", head)), 3) / 3,
    ]


def test_a_pages_blocks_are_read_at_once_as_each_would_be_alone() -> None:
    # Text a dump can hold: tabs and no-break spaces, a pictograph past the basic plane, a lone
    # surrogate from a broken decode, Greek capitals (their lowercase depends on the next letter),
    # menus, digits and a head cut at 400 characters.
    texts = [
        "Home | News · Sport » Weather",
        "ΟΔΟΣ ΣΤΑ Athens, 12 May:\tprices\u00a0rose 3 percent, we said",
        "\U0001f600 Win a prize | Click here",
        "broken \ud800 decode , and we went on",
        "The Mayor, Ann Lowe, said " + "a long sentence, with Commas, " * 30,
        "",
        "I",
    ]
    blocks = [Block(t, group=i // 3) for i, t in enumerate(texts)]
    rows = features(blocks, [None] * len(blocks), 0)
    columns = [NAMES.index(n) for n in ("stopwords", "capitalised", "digits", "commas", "separators")]
    for block, row in zip(blocks, rows, strict=True):
        assert row[columns].tolist() == pytest.approx(_one_by_one(block.text), abs=1e-12), block.text[:30]
