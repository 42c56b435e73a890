"""Plain-text pages (one block per line, as copied from a browser) and simple Markdown."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator

from corroborate.extract.boilerplate import Block, classify, is_heading_like, words
from corroborate.extract.dumpmodel import decide
from corroborate.extract.dumps import LAID_OUT, MD_ADDRESS, dump_lines, unwrap
from corroborate.extract.region import headline_above, mark_outside, trim_tail
from corroborate.extract.teasers import mark_teasers
from corroborate.model import RemovedKind

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_IMAGE = re.compile(r"^!\[([^\]]*)\]" + MD_ADDRESS + r"\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]" + MD_ADDRESS)
_MD_ITEM = re.compile(r"^\s*(?:[-*+•]|o(?= [A-Z0-9\"'“‘])|\d+[.)])\s+")
"""A list item: Markdown's bullets and numbers, and the 'o' and '•' a converter prints for nested ones."""
_ITEM_FIRST = frozenset("-*+•o0123456789")
"""The characters _MD_ITEM's matches open with: other lines skip it."""
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_DECIMAL = re.compile(r"^\d+\.\d")
_WRAP_END = re.compile(r"[.!?:;\"”’)]$")
_MAX_JOIN = 5000
"""Wrapped lines are joined up to this length: no paragraph is longer, and joining stays linear."""


_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,2000}>")
_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_BREAK_TAG = re.compile(
    r"</?(p|div|br|li|tr|td|h[1-6]|table|ul|ol|section|article|header|footer|nav)\b[^<>]*>", re.I
)
_MARKUP_SHARE = 0.05
"""Above this share of characters in tags, a 'text' page is markup that a converter failed to render."""


def _unmarkup(content: str) -> str:
    """Text left in a dump as raw markup (a converter stopped at a broken tag): tags become line breaks."""
    tags = _TAG.findall(content[:200_000])
    if len(tags) < 20 or sum(map(len, tags)) < len(content[:200_000]) * _MARKUP_SHARE:
        return content
    text = _BREAK_TAG.sub("\n", _CODE.sub("\n", content))
    return html.unescape(_TAG.sub(" ", text))


_CELL = re.compile(r"\S+(?: {1,3}\S+)*")
_MIN_COLUMN_LINES = 3


def _cells(lines: list[str]) -> Iterator[str]:
    """Lines, with a converter's table layout read column by column.

    A converter that renders layout tables (inscriptis) pads each cell to its column, so one
    text line holds a menu entry, a paragraph and a sidebar teaser side by side, and the next
    line the next row of each. No sentence holds four spaces in a row, nor opens with them; a
    layout does. A stretch of such lines is read one column (cells starting at one offset)
    after another, left to right, so the article's paragraphs follow each other again.
    """
    stretch: list[str] = []
    for raw in lines:
        if LAID_OUT.search(raw) or (stretch and not raw.strip()):
            stretch.append(raw)
            continue
        if len(stretch) >= _MIN_COLUMN_LINES:
            yield from _columns(stretch)
        elif stretch:  # a line or two of layout: its cells in order (most dumps' only layout lines)
            for laid in stretch:
                yield from _CELL.findall(laid)
        stretch = []
        yield raw
    yield from _columns(stretch)


def _columns(stretch: list[str]) -> Iterator[str]:
    if len(stretch) < _MIN_COLUMN_LINES:
        for raw in stretch:
            yield from _CELL.findall(raw)
        return
    columns: dict[int, list[str]] = {}
    for row, raw in enumerate(stretch):
        for m in _CELL.finditer(raw):
            column = columns.setdefault(m.start(), [])
            column.extend([""] * (row - len(column)))  # rows without a cell here: not one paragraph
            column.append(m.group())
    for offset in sorted(columns):
        # A converter that wraps text in a cell (w3m) wraps it at the column's width.
        yield from (line for line in unwrap(columns[offset]) if line)
        yield ""


def text_blocks(content: str) -> list[Block]:
    """Blocks of a text page: one per line, hard-wrapped lines joined, groups split at blank lines."""
    lines = dump_lines(_unmarkup(content))
    blocks: list[Block] = []
    group = 0
    for raw in _cells(lines):
        line = " ".join(raw.split())
        if not line:
            group += 1
            continue
        tag = "p"
        first = line[0]
        if first == "#" and _MD_HEADING.match(line):
            line, tag = _MD_HEADING.sub("", line), "head"
        elif first in _ITEM_FIRST and _MD_ITEM.match(line) and not _DECIMAL.match(line):
            line, tag = _MD_ITEM.sub("", line), "item"
        if line[0] == "<" and line[-1] == ">" and _TAG.match(line):
            # Markup a converter left as text ('<SCRIPT ...>...</SCRIPT>'): no reader sees it.
            blocks.append(Block(line, group, tag, "other"))
            continue
        image = _MD_IMAGE.match(line) if first == "!" else None
        if image:
            blocks.append(Block(image.group(1) or line, group, "caption", "caption"))
            continue
        # Most lines hold no markdown: the substring checks skip two regex substitutions per line.
        if "](" in line:
            line = _MD_LINK.sub(r"\1", line)
        if "**" in line or "__" in line:
            line = _MD_EMPHASIS.sub(r"\2", line)
        previous = blocks[-1] if blocks else None
        if previous is not None and _continues(previous, line, group, tag):
            # No space before the comma or bracket that a broken link left on its own line.
            previous.text += line if _FRAGMENT_START.match(line) else f" {line}"
            continue
        blocks.append(Block(line, group, tag))
    return blocks


_FRAGMENT_START = re.compile(r"^[,;)](?:\s|$)")
"""A line opening on a comma, semicolon or closing bracket goes on a sentence a converter broke at a link."""


def _continues(previous: Block, line: str, group: int, tag: str) -> bool:
    """A hard-wrapped line: same group, the previous one long and unfinished, this one lowercase;
    or a fragment after a link or emphasis that the converter put on a line of its own."""
    return (
        previous.group == group
        and previous.tag == "p"
        and tag == "p"
        and previous.kind is None
        and len(previous.text) < _MAX_JOIN
        and not _WRAP_END.search(previous.text[-1:])
        and ((len(previous.text) >= 40 and line[:1].islower()) or bool(_FRAGMENT_START.match(line)))
    )


_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)\s*[-–]?\s*"
    r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:[A-Z0-9&][\w&'’-]*|of|and|the)){0,4})",
    re.I,
)


_COMPANY = re.compile(
    r"\b(limited|ltd|inc|incorporated|llc|plc|gmbh|ag|corp|corporation|s\.?a|n\.?v|b\.?v|pty)\.?$", re.I
)
"""A legal form closing a name: the company that owns the publication, not the publication's name."""
_SITE_NAME = re.compile(
    r"\b[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|net|org|news|info|co\.uk|com\.au|ca|de|fr|in)\b"
)


def text_outlet(blocks: list[Block]) -> str | None:
    """The publisher named in the page's copyright notice ('© 2024 Eastvale Post. All rights reserved.').

    A notice held by a company ('© 2024 Northwind Media Limited') names the site's owner, not the
    site: the site is then the one the page's own lines name ('Eastvale.com'), or unknown.
    """
    holder = next(
        (
            m["name"].strip()
            for b in reversed(blocks)
            if b.kind is not None and (m := _COPYRIGHT_NAME.search(b.text))
        ),
        None,
    )
    # '© 2024 All Rights Reserved' names nobody.
    if holder is not None and not _COMPANY.search(holder) and not holder.lower().startswith("all rights"):
        return holder
    return _named_site(blocks)


def _named_site(blocks: list[Block]) -> str | None:
    """The site name ('Eastvale.com') the page's boilerplate lines mention most, if any."""
    counts: Counter[str] = Counter()
    for block in blocks:
        if block.kind is not None and "." in block.text:
            counts.update(_SITE_NAME.findall(block.text[:400]))
    return counts.most_common(1)[0][0] if counts else None


def mark_title(blocks: list[Block], given: str | None, outlet: str | None = None) -> str | None:
    """Find the headline among the first blocks, mark it, and mark unclassified lines above it.

    Lines above the headline of a copied page are navigation, kickers and promotions.
    """
    index = _title_index(blocks, given, _norm(outlet or "") or None)
    if index is None:
        return given
    title = given or blocks[index].text
    blocks[index].kind = "title"
    for block in blocks[:index]:
        if block.kind is None:
            block.kind = "navigation"
    return title


def _title_index(blocks: list[Block], given: str | None, outlet: str | None) -> int | None:
    if given:
        target = _norm(given)
        for i, block in enumerate(blocks[:12]):
            if _norm(block.text) == target:
                return i
        return None
    for i, block in enumerate(blocks[:10]):
        if block.kind is not None:
            continue
        if outlet and _norm(block.text).startswith(outlet):
            continue  # the masthead: 'Riverside Radio 98.4 FM'
        if words(block.text) < 3 and is_heading_like(block.text):
            continue  # a kicker or the site's name
        quoted = block.text.endswith(('"', "”"))  # a quote closing a paragraph, not a headline
        if (block.tag == "head" or is_heading_like(block.text)) and not quoted:
            return i
        return None  # the first unclassified line is body text: the page has no headline
    return None


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def classify_text(blocks: list[Block], given_title: str | None) -> tuple[str | None, str | None]:
    """Classify a text page's blocks; return its title and outlet.

    The rules give each block a verdict; the learnt line classifier (dumpmodel) reads those
    verdicts with each block's shape and neighbours and decides what is body text.
    """
    title, outlet, own, start = classify_by_rules(blocks, given_title)
    decide(blocks, own, start)
    return title, outlet


def classify_by_rules(
    blocks: list[Block], given_title: str | None
) -> tuple[str | None, str | None, list[RemovedKind | None], int | None]:
    """The rules' pass: title, outlet, each block's own kind (before the region is marked) and the
    article region's start; every block's kind is the rules' final verdict."""
    classify(blocks)
    own = [b.kind for b in blocks]
    window_title = blocks[0].text if blocks and blocks[0].kind is None else None
    start = mark_outside(blocks, window_title)
    mark_teasers(blocks)
    if start is not None:
        trim_tail(blocks, start)
    outlet = text_outlet(blocks)  # after the region: lines outside the article may name the site
    if given_title or start is None:
        return mark_title(blocks, given_title, outlet), outlet, own, start
    # A browser's dump opens with the window title ('Headline - Section - Outlet'): it names the headline.
    head = headline_above(blocks, start, window_title)
    if head is None:
        return mark_title(blocks, given_title, outlet), outlet, own, start
    blocks[head].kind = "title"
    return blocks[head].text, outlet, own, start
