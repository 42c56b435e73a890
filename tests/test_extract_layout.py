"""Round-4 layout cases: table columns in text dumps, pasted documents, short-line picks."""

from __future__ import annotations

from corroborate.extract import extract
from corroborate.extract.boilerplate import Block
from corroborate.extract.html import _mostly_short
from corroborate.extract.region import mark_outside
from corroborate.extract.text import text_blocks
from corroborate.model import Page

_PARAS = [
    "The council voted on Tuesday to close the old river bridge for repairs, the mayor said.",
    "Engineers found cracks in two of its piers during a routine inspection in the autumn.",
    "The bridge will reopen in March, when the repairs are done, officials said on Wednesday.",
]
_MENU = ["Home", "Sport", "Weather"]
_SIDE = ["Snow expected", "Fair opens", "Road works"]


def test_table_layout_dump_is_read_column_by_column() -> None:
    # A converter that pads table cells puts a menu, a paragraph and a teaser on one line.
    rows = [f"    {m:<12}    {p}    {s}" for m, p, s in zip(_MENU, _PARAS, _SIDE, strict=True)]
    texts = [b.text for b in text_blocks("Riverside Post\n" + "\n".join(rows) + "\nContact us\n")]
    assert texts[0] == "Riverside Post" and texts[-1] == "Contact us"
    start = texts.index(_PARAS[0])
    assert texts[start : start + 3] == _PARAS
    assert texts.index("Home") < start < texts.index("Snow expected")


def test_one_padded_line_is_only_split_at_its_gaps() -> None:
    texts = [b.text for b in text_blocks(f"Jobs      {_PARAS[0]}\n{_PARAS[1]}\n")]
    assert texts == ["Jobs", _PARAS[0], _PARAS[1]]


def _html(body: str) -> str:
    return f"<html><head><title>Bridge to close</title></head><body>{body}</body></html>"


def test_article_in_a_second_pasted_document_is_found() -> None:
    menu = "".join(f"<p><a href='/{i}'>Section {i}</a></p>" for i in range(150))
    article = "<h1>Bridge to close</h1>" + "".join(f"<p>{p}</p>" for p in _PARAS * 10)
    page = Page(id="p1", source="test", format="html", content=_html(menu) + "\n" + _html(article))
    assert _PARAS[1] in extract(page).text


def test_mostly_short_blocks() -> None:
    links = [Block(f"Story number {i} in the list") for i in range(6)]
    assert _mostly_short(links)
    assert not _mostly_short([Block(p) for p in _PARAS] + links[:2])


def test_the_region_does_not_open_with_a_promo_bridged_over_the_menu() -> None:
    promo = "Win two tickets to the harbour festival and a dinner for four at the pier restaurant."
    menu = [Block(m, i) for i, m in enumerate(["Vote", "Yes", "No"])]
    story = [Block(p, 10 + i) for i, p in enumerate(_PARAS * 2)]
    blocks = [Block("Competitions", 0), Block(promo, 1), *menu, *story]
    start = mark_outside(blocks)
    assert start == blocks.index(story[0])
    assert blocks[1].kind == "navigation" and all(b.kind is None for b in story)
