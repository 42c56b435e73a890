"""Sentence boundaries.

A line break always ends a sentence (extracted news text keeps one paragraph
per line); inside a line, a terminator ends one unless it belongs to an
abbreviation, an initial or a dotted acronym, or the next word is lowercase
(`...," he said.`).
"""

from __future__ import annotations

import re
from typing import Final

from corroborate.language.lexicon import ABBREVIATIONS, COMPANY_ABBREVIATIONS, STOP_CAPS
from corroborate.model import Span

_END: Final = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+(\S))")
_WORD_BEFORE: Final = re.compile(r"([^\s\"“(\[]+)$")
_OPENERS: Final = "\"“‘'([«"


def _is_boundary(line: str, end: re.Match[str]) -> bool:
    nxt = end.group(1)
    first = nxt.lstrip(_OPENERS)[:1] or nxt[:1]
    if not (first.isupper() or first.isdigit() or nxt[0] in _OPENERS):
        return False
    mark = end.group(0)
    if not mark.startswith(".") or mark.startswith(".."):
        return True
    before = _WORD_BEFORE.search(line, 0, end.start())
    if before is None:
        return True
    word = before.group(1)
    bare = word.lower().strip(".")
    next_word = re.match(r"\s*[\"“‘'(\[«]*([\w']+)", line[end.end() :])
    next_is_starter = next_word is not None and next_word.group(1).lower() in STOP_CAPS
    if bare in ABBREVIATIONS:
        # "Jan. 5", "Mr. Smith" never end a sentence; "Acme Inc. The ..." does.
        return bare in COMPANY_ABBREVIATIONS and next_is_starter
    if len(bare) == 1 and bare.isalpha() and word[0].isupper():
        return False  # an initial: "J. Smith"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return next_is_starter  # "U.S. Secretary" goes on; "in the U.S. The" ends
    return True


def split_sentences(text: str) -> list[Span]:
    """Sentence spans over `text`, whitespace trimmed, in order."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        start = 0
        for end in _END.finditer(line):
            if _is_boundary(line, end):
                _add(spans, line, line_start, start, end.end())
                start = end.end()
        _add(spans, line, line_start, start, len(line))
    return spans


def _add(spans: list[Span], line: str, offset: int, start: int, end: int) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append(Span(start=offset + start + lead, end=offset + start + lead + len(stripped)))
