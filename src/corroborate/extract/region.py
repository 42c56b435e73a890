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

_COPYRIGHT = re.compile(r"^\s*(©|\(c\)|copyright\b)|may not be (re)?published, broadcast", re.I)
"""A copyright or rights notice ('This material may not be published, broadcast, rewritten ...')."""
_CREDITED = re.compile(r"^(?i:copyright)\s+[A-Z]")
"""A short credit line naming a source ('Copyright Northern Wire'): under 100+ words of story, its end."""
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
"""Net words at which the region's leading or trailing stretch is dropped (menus around a promo)."""
_TITLE_REACH = 8
"""The headline sits at most this many lines above the first paragraph (date, byline, kicker between)."""
_STORY_WORDS = 100
"""Words of text above a copyright notice that make it the story's end, not a header's line."""
_NAMED_MIN_WORDS = 3
"""Words of a heading that the page's title names: fewer would find a menu entry ('Sport') in it."""
_ANCHORED_MIN = 30
"""Value (prose words, net) of the run under a named heading that makes it the article."""


def is_prose(text: str) -> bool:
    """A sentence or more of running text: enough words, function words, sentence punctuation."""
    toks = text.lower().split()
    n = len(toks)
    if n < 6:
        return False
    # The punctuation test first: it settles most lines without counting function words.
    ends = _SENTENCE_END.search(text) is not None
    if n >= 12 and ends:
        return True
    if n < 12 and not ends:
        return False
    stops = sum(1 for t in toks if t.strip(".,;:!?\"'()") in _STOP)
    return stops >= 2 if n < 12 else stops / n >= 0.12


def _value(block: Block) -> int:
    n = words(block.text)
    if block.kind is None and is_prose(block.text):
        return n
    return -max(n, _SHORT_FLOOR)


def best_region(blocks: list[Block], page_title: str | None = None) -> tuple[int, int] | None:
    """Start and end (exclusive) of the run of blocks with the greatest value, or None.

    page_title: the window title a browser's dump opens with. When a heading it names stands above
    a run of prose that is not the best run, that run is the article all the same: the best one
    is then a comment thread or a sidebar outweighing a short story.
    """
    values = [_value(block) for block in blocks]  # once: is_prose is the costly part
    span = _best_span(values)
    named = _named_heading(blocks, page_title)
    if named is not None and span is not None and not named < span[0] <= named + _TITLE_REACH:
        anchored = _best_span_from(values, named + 1, named + 1 + _TITLE_REACH)
        # Half the best run's value at least: a caption under the headline is no article.
        if anchored is not None and _sum(values, anchored) * 2 >= _sum(values, span):
            span = anchored
    return _trim_head(values, span)


def _sum(values: list[int], span: tuple[int, int]) -> int:
    return sum(values[span[0] : span[1]])


def _named_heading(blocks: list[Block], page_title: str | None) -> int | None:
    """The first heading below the title line that the page's title names ('Outlet > Sport > Headline')."""
    if not page_title:
        return None
    key = f" {_norm(page_title)} "
    for i in range(1, len(blocks)):
        text = blocks[i].text
        if words(text) >= _NAMED_MIN_WORDS and is_heading_like(text) and f" {_norm(text)} " in key:
            return i
    return None


def _best_span_from(values: list[int], first: int, last: int) -> tuple[int, int] | None:
    """The run of greatest value that starts at a block in [first, last), if it is worth _ANCHORED_MIN."""
    best, best_span = _ANCHORED_MIN - 1, None
    for start in range(first, min(last, len(values))):
        if values[start] <= 0:
            continue  # a run opens with prose
        total = 0
        for end in range(start, len(values)):
            total += values[end]
            if total > best:
                best, best_span = total, (start, end + 1)
            if total <= 0:
                break
    return best_span


def _best_span(values: list[int]) -> tuple[int, int] | None:
    best, best_span = 0, None
    total, start = 0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


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


def mark_outside(blocks: list[Block], page_title: str | None = None) -> int | None:
    """Mark every block outside the article's region as boilerplate; return the region's start."""
    span = best_region(blocks, page_title)
    if span is None:
        return None
    start, end = span
    end = _article_end(blocks, start, end)
    _mark_headline_lists(blocks, start, end)
    for block in blocks[:start]:
        if block.kind is None:
            block.kind = "navigation"
    for block in blocks[end:]:
        if block.kind is None:
            block.kind = "related" if words(block.text) < 12 else "other"
    return start


def trim_tail(blocks: list[Block], start: int) -> None:
    """Mark the region's trailing stretch that does not pay for itself once the teasers are marked,
    or barely does (the mirror of _trim_head): a list of headlines under the story, paid back by
    a teaser's blurb or a poll's question. Run after the teaser rule, so that a teaser list is cut
    whole, as teasers, not in part."""
    end = max((i for i in range(start, len(blocks)) if blocks[i].kind is None), default=start) + 1
    values = [_value(block) for block in blocks[start:end]]
    total, best, cut = 0, 0, 0
    for i, value in enumerate(values):
        total += value
        if total > best:
            best, cut = total, i + 1
    tail = 0
    for i in range(cut - 1, 0, -1):
        tail += values[i]
        if tail <= _TRIM_MARGIN and values[i - 1] > 0:
            cut = i
    for block in blocks[start + cut : end]:
        if block.kind is None:
            block.kind = "related" if words(block.text) < 12 else "other"


_SIGNATURE = re.compile(
    r"^[-–—]*\s*(posted|submitted|written|commented) by:?\s+\S"
    r"|^\S.{0,40}\((\d+|a|an) (minutes?|hours?|days?|weeks?|months?|years?) ago\)$"
    r"|^\S.{0,40}\s(wrote|says):?$"
    r"|^by\s+\S.{0,40}\s(at|on)\s.{0,30}\d",
    re.I,
)
"""A reader's comment signed ('Posted by: Sam | Jan 10, 2008', 'Sam (2 days ago)', 'Sam says:',
'By Sam at 01/08/08 5:30 PM'); one such line is an article's byline, three in a region are a thread."""
_MIN_SIGNATURES = 3
"""Signed comments in a row that make a thread, with or without a header line."""


def _signed_thread(blocks: list[Block], start: int, end: int) -> int | None:
    """Where a thread of signed comments opens in the region, if one follows the story.

    The thread may run on past the region (a last signature is no prose). Signatures under each
    comment (no comment follows the last one) put the first comment just above the first
    signature; signatures above each comment open the thread at the first."""
    signed = [
        i
        for i in range(start, len(blocks))
        if words(blocks[i].text) <= 20 and _SIGNATURE.match(blocks[i].text)
    ]
    if len(signed) < _MIN_SIGNATURES or signed[0] >= end:
        return None
    first, after = signed[0], signed[-1] + 1
    if any(b.kind == "comments" for b in blocks[first : first + 3]):
        return None  # the post's own signature over a 'Comments' header: the header opens the thread
    signed_below = after >= len(blocks) or not (blocks[after].kind is None and is_prose(blocks[after].text))
    if signed_below and first > start:
        group = blocks[first - 1].group
        first -= 1
        while first > start and blocks[first - 1].group == group:
            first -= 1
    above = sum(words(b.text) for b in blocks[start:first] if b.kind is None)
    return first if above >= _STORY_WORDS else None


def mark_signed_thread(blocks: list[Block]) -> None:
    """Mark a thread of signed comments under the story as comments (an extractor's pick of HTML)."""
    first = _signed_thread(blocks, 0, len(blocks))
    for block in blocks[first:] if first is not None else []:
        if block.kind is None:
            block.kind = "comments"


def _article_end(blocks: list[Block], start: int, end: int) -> int:
    """The region's end, or where the article ends inside it: the comments open, however much
    prose the readers wrote; a copyright notice ('© 2024 Northern Wire') closes the story above it."""
    end = _signed_thread(blocks, start, end) or end
    above = 0
    for i in range(start + 1, end):
        block = blocks[i]
        above += words(blocks[i - 1].text) if blocks[i - 1].kind is None else 0
        if block.kind == "comments" and block.tag != "item":
            return i  # not a 'Comments' link in the story's tool bar
        if block.kind == "disclaimer" and above >= _STORY_WORDS and _COPYRIGHT.search(block.text):
            return i
        if block.kind == "credit" and above >= _STORY_WORDS and _CREDITED.match(block.text):
            return i  # 'Copyright Northern Wire': the story's own credit line closes it
    return end


def _mark_headline_lists(blocks: list[Block], start: int, end: int) -> None:
    """Mark bare lists of other stories' headlines in the region as related: they sit inside the
    story too (a 'Related' box between paragraphs), so the story goes on after them."""
    i = start
    while i < end:
        if not _headline_list(blocks[i : i + _LIST_LINES]):
            i += 1
            continue
        group = blocks[i].group
        while i < end and blocks[i].group == group and _headline(blocks[i]):
            blocks[i].kind = "related"
            i += 1


_LIST_LINES = 5
"""Headlines in a row, with nothing between them, that make a list of other stories."""


def _headline_list(run: list[Block]) -> bool:
    """A bare list of other stories' headlines: short heading lines, no blurbs, in one group."""
    return len(run) == _LIST_LINES and len({b.group for b in run}) == 1 and all(_headline(b) for b in run)


def _headline(block: Block) -> bool:
    return block.kind is None and 3 <= words(block.text) <= 15 and is_heading_like(block.text)


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
