"""How the report shows text: article text with its evidence marked, figures and dates in words, safe links.

Every text segment between marks is escaped on its own, so nothing in the
article can become markup. Marks must nest to be valid HTML: spans that cross
one another are resolved by keeping the more useful one and leaving a point
anchor for the other, so every evidence link still has a target.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from markupsafe import Markup, escape

from corroborate.text.dates import ISO_DAY, ISO_WEEK, short_day, short_month

MarkKind = Literal["quote", "figure", "evidence"]

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_PARAGRAPH = re.compile(r"[^\n]+")
# Only absolute web URLs become links; whitespace and control characters are refused outright because
# browsers strip them before reading the scheme ("java\tscript:" is javascript:).
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def format_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    text = f"{moment.day} {short_month(moment.year, moment.month)}"
    if (moment.hour, moment.minute) != (0, 0) or moment.tzinfo is not None:
        text += f", {moment:%H:%M}"
    if moment.utcoffset() is not None:
        text += " UTC" if not moment.utcoffset() else f" {moment:%z}"
    return text


def format_day(moment: datetime) -> str:
    return f"{moment.day} {short_month(moment.year, moment.month)}"


def format_date(iso: str) -> str:
    """An ISO date as a reader says it: 'Sun 3 Mar 2024', 'Mar 2024', 'week of Mon 4 Mar 2024', '1950s'.

    Intervals ('A/B') show both ends; anything not understood (or impossible, like week 53 of a
    52-week year) is shown as it is.
    """
    try:
        return _format_date(iso)
    except ValueError:
        return iso


def _format_date(iso: str) -> str:
    if "/" in iso:
        first, last = iso.split("/", 1)
        if re.fullmatch(r"\d{3}0", first) and last == first[:3] + "9":
            return f"{first}s"
        return f"{format_date(first)} – {format_date(last)}"
    if week := ISO_WEEK.fullmatch(iso):
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return f"week of {short_day(monday)}"
    if "T" in iso:
        day, _, clock = iso.partition("T")
        return f"{format_date(day)}, {clock[:5]}" if ISO_DAY.fullmatch(day) else iso
    if ISO_DAY.fullmatch(iso):
        return short_day(date.fromisoformat(iso))
    if month := re.fullmatch(r"(\d{4})-(\d{2})", iso):
        return short_month(int(month[1]), int(month[2])) if 1 <= int(month[2]) <= 12 else iso
    return iso


def date_range(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"


def safe_href(url: str | None) -> str | None:
    """The URL if it is safe to link (http/https), else None."""
    return url if url and _WEB_URL.fullmatch(url) else None


def article_keys(article_ids: Sequence[str]) -> dict[str, str]:
    """Short keys for element ids: the id's first 8 characters, hashed when unsafe or ambiguous."""
    first = {aid: aid[:8] for aid in article_ids}
    counts: dict[str, int] = {}
    for key in first.values():
        counts[key] = counts.get(key, 0) + 1
    keys: dict[str, str] = {}
    for aid, key in first.items():
        if not key or _UNSAFE_ID.search(key) or counts[key] > 1:
            key = "h" + hashlib.sha256(aid.encode()).hexdigest()[:8]
        keys[aid] = key
    return keys


def evidence_id(key: str, start: int, end: int) -> str:
    return f"ev-{key}-{start}-{end}"


@dataclass
class _Range:
    start: int
    end: int
    id: str
    kinds: set[MarkKind] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)

    @property
    def is_mark(self) -> bool:
        return bool(self.kinds & {"quote", "figure"})


@dataclass
class _Piece:
    """The part of a range inside one paragraph; `anchor` pieces are empty id holders."""

    start: int
    end: int
    range: _Range
    anchor: bool = False


class ArticleMarks:
    """The spans to mark in one article's text; identical ranges share one element."""

    def __init__(self, key: str, text: str) -> None:
        self.key = key
        self.text = text
        self._ranges: dict[tuple[int, int], _Range] = {}

    def add(self, start: int, end: int, kind: MarkKind, title: str | None = None) -> str | None:
        """Register a span; return the element id to link to, or None when the offsets are unusable."""
        if not 0 <= start < end <= len(self.text):
            return None
        rng = self._ranges.get((start, end))
        if rng is None:
            rng = self._ranges[start, end] = _Range(start, end, evidence_id(self.key, start, end))
        rng.kinds.add(kind)
        if title and title not in rng.titles:
            rng.titles.append(title)
        return rng.id

    def paragraphs(self) -> list[Markup]:
        """The text as escaped paragraph bodies with marks; each id is placed exactly once."""
        placed: set[str] = set()
        out: list[Markup] = []
        for para in _PARAGRAPH.finditer(self.text):
            if not para.group().strip():
                continue
            pieces = _resolve(self._pieces(para.start(), para.end()), placed)
            out.append(_emit(self.text, para.start(), para.end(), pieces, placed))
        return out

    def _pieces(self, pstart: int, pend: int) -> list[_Piece]:
        pieces = []
        for rng in self._ranges.values():
            start, end = max(rng.start, pstart), min(rng.end, pend)
            if start < end:
                pieces.append(_Piece(start, end, rng))
        return pieces


def _crosses(a: _Piece, b: _Piece) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def _resolve(pieces: list[_Piece], placed: set[str]) -> list[_Piece]:
    """Keep a nesting set of pieces: quote/figure marks first, then longer spans.

    A piece that crosses a kept one is cut back to the part before (or after) it, so a link to
    it still lands on visible highlighted text; only when nothing is left does it become an anchor.
    """
    kept: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (not p.range.is_mark, p.start - p.end, p.start)):
        crossed = [other for other in kept if _crosses(piece, other)]
        if not crossed:
            kept.append(piece)
            continue
        head_end = min((o.start for o in crossed if o.start > piece.start), default=piece.start)
        tail_start = max((o.end for o in crossed if o.end < piece.end), default=piece.end)
        head, tail = _Piece(piece.start, head_end, piece.range), _Piece(tail_start, piece.end, piece.range)
        cut = next(
            (c for c in (head, tail) if c.start < c.end and not any(_crosses(c, o) for o in kept)), None
        )
        if cut is not None:
            kept.append(cut)
        elif piece.range.id not in placed:
            kept.append(_Piece(piece.start, piece.start, piece.range, anchor=True))
    return kept


def _open_tag(piece: _Piece, placed: set[str]) -> Markup:
    rng = piece.range
    attrs = ""
    if rng.id not in placed:
        placed.add(rng.id)
        attrs += f' id="{rng.id}"'
    if piece.anchor:
        return Markup(f'<span class="ev-point"{attrs}></span>')
    classes = " ".join(sorted(rng.kinds))
    if rng.titles:
        attrs += f' title="{escape("; ".join(rng.titles))}"'
    tag = "mark" if rng.is_mark else "span"
    return Markup(f'<{tag} class="{classes}"{attrs}>')


def _close_tag(piece: _Piece) -> Markup:
    return Markup("" if piece.anchor else "</mark>" if piece.range.is_mark else "</span>")


def _emit(text: str, pstart: int, pend: int, pieces: Iterable[_Piece], placed: set[str]) -> Markup:
    out: list[str] = []
    stack: list[_Piece] = []
    pos = pstart

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(escape(text[pos : top.end]))
            out.append(_close_tag(top))
            pos = top.end

    # Outer pieces open first at a shared start; anchors (empty) go last so they never wrap anything.
    for piece in sorted(pieces, key=lambda p: (p.start, p.anchor, -p.end)):
        close_until(piece.start)
        out.append(escape(text[pos : piece.start]))
        pos = piece.start
        out.append(_open_tag(piece, placed))
        if piece.anchor:
            continue
        stack.append(piece)
    close_until(pend)
    out.append(escape(text[pos:pend]))
    return Markup("".join(out))
