"""Converter marks taken out of text dumps: wraps, indentation, lynx references, Markdown, box borders."""

from __future__ import annotations

import textwrap

from corroborate.extract import extract
from corroborate.extract.dumps import dump_lines, wrap_width
from corroborate.extract.text import text_blocks
from corroborate.model import Page

_STORY = [
    "The council voted on Tuesday to close the old river bridge for repairs after engineers found "
    "cracks in two of its piers during a routine inspection in the autumn, the mayor said.",
    "Traffic will be sent over the northern crossing while the work goes on, and buses will run "
    "every ten minutes between the two banks, the transport office said in a statement.",
    "The bridge will reopen in March, when the repairs are done, officials said on Wednesday, "
    "though the contractor warned that a cold winter could push the date back by weeks.",
]


def _lynx(paragraphs: list[str], width: int = 77) -> str:
    """Paragraphs as lynx dumps them: wrapped at a width, the page indented by three columns."""
    out = ["   Home   Sport   Weather", ""]
    for p in paragraphs:
        out += textwrap.wrap(p, width=width, initial_indent="   ", subsequent_indent="   ")
        out.append("")
    return "\n".join(out)


def test_wrapped_paragraphs_are_joined_whatever_the_width() -> None:
    for width in (60, 72, 77):
        lines = dump_lines(_lynx(_STORY, width))
        assert all(p in lines for p in _STORY), width


def test_unwrapped_paragraphs_are_left_as_lines() -> None:
    assert wrap_width(_STORY + _STORY) is None
    lines = dump_lines("\n".join(["Home", *_STORY, "Contact us"]))
    assert lines[1:4] == _STORY


def test_lynx_link_numbers_and_references_are_dropped() -> None:
    body = _lynx(_STORY).replace("Home", "[1]Home").replace("Sport", "[2]Sport")
    refs = "\n\nReferences\n\n   1. https://example.org/\n   2. https://example.org/sport\n"
    lines = dump_lines(body + refs)
    assert "Home   Sport   Weather" in lines
    assert not any("example.org" in line or "References" in line for line in lines)


def test_markdown_link_broken_over_lines_reads_as_its_text() -> None:
    texts = [b.text for b in text_blocks("[American\n Life](/life) and [![logo](/l.gif)](/)\n\n---|---\n")]
    assert texts == ["American Life and"]


def test_w3m_table_borders_do_not_hide_the_story() -> None:
    rows = ["┏━━━━━━━━━━━━━━┓", "┃Home          ┃", "┗━━━━━━━━━━━━━━┛", *(f"┃{p}┃" for p in _STORY)]
    article = extract(Page(id="w1", source="test", format="text", content="\n".join(rows)))
    assert article.text.split("\n\n") == _STORY


def test_html2text_wrapped_markdown_reads_as_plain_text() -> None:
    dump = (
        "> ![The mayor at the bridge on\n> Tuesday](/img/bridge-\nphoto.jpg)_The mayor at the bridge_\n\n"
        "Read [Bridge to close for\nrepairs](/news/local-\nbridge-repairs.html) and _more_ news\n"
    )
    assert [line for line in dump_lines(dump) if line] == [
        "The mayor at the bridge",
        "Read Bridge to close for repairs and more news",
    ]
    escaped = "Share [by mail](javascript:void window.open\\('/mail?id=1'\\)) or print\n"
    assert [b.text for b in text_blocks(escaped)] == ["Share by mail or print"]
