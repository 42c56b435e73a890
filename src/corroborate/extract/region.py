"""The article's region in a page of lines: the stretch where prose outweighs everything else.

A text dump keeps every visible line: menus, teasers and footers around one
run of paragraphs. Each line scores +words when it reads as prose and
-words (at least a floor) when it does not; the run with the greatest sum
(Kadane's maximum subarray, as in Finn et al.'s Body Text Extraction) is the
article. Lines outside it are boilerplate; the headline is looked for just above.
"""

from __future__ import annotations

import re

from corroborate.extract.boilerplate import Block, is_heading_like, words

_SENTENCE_END = re.compile(r"[.!?…:\"”’)]\s*$")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "with",
        "for",
        "on",
        "at",
        "by",
        "from",
        "as",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "said",
        "says",
        "will",
        "would",
        "not",
        "who",
        "which",
        "when",
        "after",
    ]
)
_SHORT_FLOOR = 4
"""A non-prose line costs at least this much: a long menu of one-word links adds up against the text."""
_TRIM_MARGIN = 5
"""Net words at which the region's leading stretch is dropped (it is menus around a promo)."""
_TITLE_REACH = 8
"""The headline sits at most this many lines above the first paragraph (date, byline, kicker between)."""


def is_prose(text: str) -> bool:
    """A sentence or more of running text: enough words, function words, sentence punctuation."""
    toks = text.lower().split()
    n = len(toks)
    if n < 6:
        return False
    stops = sum(1 for t in toks if t.strip(".,;:!?\"'()") in _STOP)
    if n < 12:
        return bool(_SENTENCE_END.search(text)) and stops >= 2
    return stops / n >= 0.12 or bool(_SENTENCE_END.search(text))


def _value(block: Block) -> int:
    n = words(block.text)
    if block.kind is None and is_prose(block.text):
        return n
    return -max(n, _SHORT_FLOOR)


def best_region(blocks: list[Block]) -> tuple[int, int] | None:
    """Start and end (exclusive) of the run of blocks with the greatest value, or None."""
    values = [_value(block) for block in blocks]  # once: is_prose is the costly part
    best, best_span = 0, None
    total, start = 0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return _trim_head(values, best_span)


def _trim_head(values: list[int], span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span without a leading stretch that barely pays for itself: a promo paragraph and a poll
    above the article bridge the menu between them by a few words, and Kadane keeps them."""
    if span is None:
        return None
    start, end = span
    total, cut = 0, start
    for i in range(start, end - 1):
        total += values[i]
        if total <= _TRIM_MARGIN and values[i + 1] > 0:
            cut = i + 1
    return (cut, end)


def mark_outside(blocks: list[Block]) -> int | None:
    """Mark every block outside the article's region as boilerplate; return the region's start."""
    span = best_region(blocks)
    if span is None:
        return None
    start, end = span
    # The comments open where the article ends, however much prose the readers wrote.
    header = next((i for i in range(start + 1, end) if blocks[i].kind == "comments"), None)
    if header is not None:
        end = header
    for block in blocks[:start]:
        if block.kind is None:
            block.kind = "navigation"
    for block in blocks[end:]:
        if block.kind is None:
            block.kind = "related" if words(block.text) < 12 else "other"
    return start


def headline_above(blocks: list[Block], start: int, page_title: str | None) -> int | None:
    """The headline's index just above the region: the heading the page's title line names, or the nearest."""
    reach = range(max(0, start - _TITLE_REACH), start)
    heads = [
        i
        for i in reach
        if blocks[i].kind in (None, "navigation")  # not a line the rules already called boilerplate
        and is_heading_like(blocks[i].text)
        and words(blocks[i].text) >= 3
    ]
    if page_title:
        key = _norm(page_title)
        # The title line itself (index 0) names nothing: a masthead would name itself.
        named = [i for i in heads if i > 0 and _norm(blocks[i].text) and _norm(blocks[i].text) in key]
        if named:
            return named[-1]
    return heads[-1] if heads else None


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
