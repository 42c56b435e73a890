"""Quotation marks: where each quotation opens, what it holds, where it closes.

A quotation opened and not closed in a paragraph runs to the paragraph's end;
two apostrophes ('') are a quotation mark, as in some wire and archive text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

_CLOSERS: Final = {'"': '"', "“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True, slots=True)
class Marks:
    """One quotation: opening mark at `open`, content [start, end), closing mark just before `close`."""

    open: int
    close: int
    start: int
    end: int


def quotation_marks(text: str) -> list[Marks]:
    out: list[Marks] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        opened: int | None = None
        closer = ""
        # Two apostrophes ('') are a quotation mark in some wire and archive text (the NYT's among them).
        line = line.replace("''", '"\x00')
        for i, ch in enumerate(line):
            if opened is None and ch in _CLOSERS:
                opened, closer = i, _CLOSERS[ch]
            elif opened is None and ch == "”" and not line[:i].strip():
                opened, closer = (
                    i,
                    "”",
                )  # a paragraph opened with the wrong mark ('”Mr. Trump ...”') is a quote
            elif opened is not None and (ch == closer or (ch == '"' and closer == "”")):
                _add(out, line, base, opened, i, i + (2 if line[i + 1 : i + 2] == "\x00" else 1))
                opened = None
        if opened is not None:
            _add(out, line, base, opened, len(line), len(line))
    return out


def _add(out: list[Marks], line: str, base: int, opened: int, content_end: int, close: int) -> None:
    start = opened + (2 if line[opened + 1 : opened + 2] == "\x00" else 1)
    body = line[start:content_end]
    start += len(body) - len(body.lstrip())
    end = start + len(body.strip().rstrip(","))
    if end - start >= 2:
        out.append(Marks(base + opened, base + close, base + start, base + end))


def mask(text: str, marks: Sequence[Marks]) -> str:
    """The text with quoted content blanked (same length), so cues inside quotes never match."""
    chars = list(text)
    for m in marks:
        for i in range(m.open + 1, m.close - 1 if m.close > m.end else m.close):
            if chars[i] != "\n":
                chars[i] = "_"
    return "".join(chars)
