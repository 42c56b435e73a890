"""What text converters add to a page's lines, undone before the lines are read.

Converters render one page differently: lynx and w3m hard-wrap at a fixed width and
indent the page (lynx by three columns), html2text writes Markdown (links, images,
escapes, table rules) and may wrap at 78, lynx numbers links ("[12]Home") and lists
their addresses under "References". Here each is taken back to the lines a reader
sees, so the text extractor reads every converter's dump alike:

- the indentation most lines share is removed (lynx's three columns), so that only
  a layout's padding still reads as layout;
- a dump wrapped at a width is found from its lines (most breaks fall where the next
  word would not have fitted) and its wrapped lines are joined again;
- Markdown links spanning lines become their text; table rules go;
- table borders drawn in box characters (w3m) become gaps between cells;
- lynx's link numbers and its list of link addresses go.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

_MIN_LINE = 30
"""Lines shorter than this say nothing about a wrap width."""
_MIN_TIGHT = 5
_TIGHT_SHARE = 0.3
"""A dump is wrapped when this share of its long lines (and _MIN_TIGHT at least) break where the
next word would not have fitted under one width."""
_OVER_SHARE = 0.5
"""... and lines well over that width (breakable lines a wrap would have broken) are fewer than
this share of those breaks: an unwrapped page's paragraphs run far past any width."""
_MIN_ENDS = 4
"""Distinct lengths the lines broken at the width have, at least."""
_ENDED_SHARE = 0.5
"""Lines broken at the width that end a sentence: fewer than this share in a wrapped dump."""
_LOWER_SHARE = 0.25
"""Lines broken at the width that go on with a lowercase word: at least this share in a wrapped dump."""
_ENDS = frozenset('.!?"”')
_MAX_WORD = 24
"""A first word longer than this (a URL) is no evidence of a wrap."""
_MAX_WIDTH = 250
_MAX_INDENT = 3
_INDENT_SHARE = 0.4
"""A page indented as a whole: most lines (this share) share one indentation of a few columns."""
LAID_OUT = re.compile(r"^ {4}|\S {4,}\S")
"""A line of a layout (cells padded to their columns): no sentence holds four spaces in a row."""

_REFERENCES = frozenset({"References", "Visible links", "Hidden links:", "Hidden links"})
_REFERENCE = re.compile(r"^\s*\d+\.\s+\S+:\S*\s*$")
_LINK_NUMBER = re.compile(r"\[\d+\]")
_MD_LINK_TEXT = re.compile(r"\[([^\[\]]{0,300})\]\(")
_MD_URL_BROKEN = re.compile(r"(\]\([^)\s]{0,2000})\n[ \t]*(?=[^)\s]*\))")
_MD_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_MD_UNDERSCORES = re.compile(r"([*_])(?<![\w*][*_])(?=\S)([^*_\n]{1,300}?)(?<=\S)\1(?![\w*])")
"""_emphasis_ not inside a word. The pattern opens on its mark, the lookbehind after it, so that the
engine skips ahead to the next '*' or '_' instead of trying the lookbehind at every character."""
_RULE_CHARS = frozenset("-|: ")
MD_ADDRESS = r"\((?:[^()\\]|\\.){0,2000}+\)"
"""A Markdown link's address in brackets: html2text escapes the brackets inside it ('\\('). Possessive
(`{0,2000}+`): giving back a character can never end the address, so the engine is told not to try."""
_MD_INLINE_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]" + MD_ADDRESS)
_MD_EMPTY_LINK = re.compile(r"\[\s*\]" + MD_ADDRESS)
_MD_LINK = re.compile(r"\[([^\]]+)\]" + MD_ADDRESS)
_MD_IMAGE_LINE = re.compile(r"^\s*!\[[^\]\n]{0,500}\]" + MD_ADDRESS + r"\s*$")
_BOX = re.compile("[\u2500-\u257f]")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+.!>|-])")
_FIRST, _SECOND = itemgetter(1), itemgetter(2)
"""A match's group as its replacement: a C call, where a template ('\\1') runs Python code a match."""


def dump_lines(content: str) -> list[str]:
    """The dump's lines with its converter's marks taken out, ready to be read as a text page."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if _BOX.search(content):
        # A table's borders drawn in box characters (w3m): each is a gap between cells.
        content = _BOX.sub("    ", content)
    markdown = "](" in content
    if markdown:
        content = _markdown_spans(content)
    lines = content.split("\n")
    lines, numbered = _drop_references(lines)
    lines = unwrap(_dedent(lines))
    if numbered:
        lines = [_LINK_NUMBER.sub("", line) for line in lines]
    if markdown or "\\" in content or "---" in content:
        lines = [_markdown(line, markdown) for line in lines]
    return lines


def _markdown_spans(content: str) -> str:
    """Markdown that spans lines put back on one: a quote's '>' marks, a link's text or address
    broken by the wrap (html2text breaks an address at a hyphen)."""
    content = _MD_QUOTE.sub("", content)
    content = _MD_URL_BROKEN.sub(_FIRST, content)
    return _MD_LINK_TEXT.sub(lambda m: f"[{' '.join(m[1].split())}](" if "\n" in m[1] else m[0], content)


def _markdown(line: str, markdown: bool) -> str:
    if "---" in line and set(line.strip()) <= _RULE_CHARS:
        return ""  # a Markdown table's rule ('---|---')
    if markdown and ("_" in line or "*" in line):
        line = _MD_UNDERSCORES.sub(_SECOND, line)  # _emphasis_, *emphasis*: the metric's words hold '_'
    if markdown and "](" in line and not _MD_IMAGE_LINE.match(line):  # an image's own line: a caption
        line = _MD_INLINE_IMAGE.sub("", line)  # an image inside a link or a sentence: no one reads it
        line = _MD_LINK.sub(_FIRST, _MD_EMPTY_LINK.sub("", line))  # before the escapes in addresses go
    if "\\" in line:
        line = _MD_ESCAPE.sub(_FIRST, line)
    return line


def _drop_references(lines: list[str]) -> tuple[list[str], bool]:
    """The lines above lynx's list of link addresses ("References", "1. http://..."), and whether
    there was one."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() in _REFERENCES:
            tail = [line for line in lines[i + 1 :] if line.strip() and line.strip() not in _REFERENCES]
            if tail and sum(1 for line in tail if _REFERENCE.match(line)) >= len(tail) * 0.9:
                kept, _ = _drop_references(lines[:i])
                return kept, True
            break
    return lines, False


def _dedent(lines: list[str]) -> list[str]:
    """Take off the indentation most lines share (lynx indents the whole page by three columns)."""
    counts = Counter(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
    if not counts:
        return lines
    indent, n = counts.most_common(1)[0]
    if indent == 0 or indent > _MAX_INDENT or n < _INDENT_SHARE * sum(counts.values()):
        return lines  # a layout's padding, not a page indented as a whole
    return [line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in lines]


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width the dump was wrapped at, or None when it was not wrapped."""
    lengths = [len(line.rstrip()) for line in lines]
    if sum(1 for n in lengths if n >= _MIN_LINE) <= _MIN_TIGHT:
        return None
    starts = [0] * (_MAX_WIDTH + 1)  # widths each break allows: from the line's length to before
    pairs: list[tuple[int, int, bool, bool]] = []  # the next word's end (a sweep, not a count per width)
    for i, below in enumerate(lines[1:]):
        n = lengths[i]
        if n < _MIN_LINE or not lengths[i + 1]:
            continue
        text = below.lstrip()
        space = text.find(" ")
        word = len(text) if space < 0 else space
        pairs.append((n, word, lines[i][n - 1] in _ENDS, text[0].islower()))
        if word <= _MAX_WORD and n < _MAX_WIDTH:
            starts[n] += 1
            starts[min(n + word + 1, _MAX_WIDTH)] -= 1
    width, count, running = 0, 0, 0
    for w, step in enumerate(starts):
        running += step
        if running > count:
            width, count = w, running
    if not count:
        return None
    over = sum(1 for line, n in zip(lines, lengths, strict=True) if n > width + 10 and " " in line[:width])
    if count < _MIN_TIGHT or count < _TIGHT_SHARE * len(pairs) or over > _OVER_SHARE * count:
        return None
    # A wrap breaks lines at many lengths under the width, mostly inside a sentence, often before a
    # lowercase word; paragraphs of about one length, each ending a sentence, or a list of
    # headlines do not make one.
    broken = [(n, end, low) for n, word, end, low in pairs if word <= _MAX_WORD and n <= width < n + word + 1]
    ended = sum(1 for _, end, _ in broken if end)
    lower = sum(1 for _, _, low in broken if low)
    if len({n for n, _, _ in broken}) < _MIN_ENDS or lower < _LOWER_SHARE * len(broken):
        return None
    return width if ended < _ENDED_SHARE * len(broken) else None


def unwrap(lines: list[str], width: int | None = None) -> list[str]:
    """Join the lines a converter wrapped at `width` (found from the lines when not given)."""
    width = width if width is not None else wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    last = 0  # length of the physical line the joined text ends with; 0: nothing to join onto
    for line in lines:
        text = line.strip()
        if not text:
            out.append(line)
            last = 0
            continue
        n = len(line.rstrip())
        if n > 4 and "    " in line and LAID_OUT.search(line):
            out.append(line)  # a layout's row: its cells are read by column (text._cells)
            last = 0
            continue
        if last and _wrapped(last, text, width):
            out[-1] = f"{out[-1].rstrip()} {text}"
        else:
            out.append(line)
        last = n
    return out


_ITEM_START = re.compile(r"^(?:[-*+•#]|o |\d+[.)]\s)")


def _wrapped(above: int, text: str, width: int) -> bool:
    """The line above broke here only because `text`'s first word would not fit on it."""
    space = text.find(" ")
    word = len(text) if space < 0 else space
    return word <= _MAX_WORD and above + 1 + word > width and not _ITEM_START.match(text)
