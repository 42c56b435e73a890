"""Block classification: body text, or which kind of boilerplate.

Both the HTML and the plain-text paths reduce a page to blocks (paragraphs or
lines) and run them through the same rules: layout (length, punctuation,
capitals), language (first/second person appeals, trading words) and keywords.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from corroborate.extract.rules import NEEDS, SHORT, STRONG
from corroborate.model import RemovedKind


@dataclass
class Block:
    text: str
    group: int = 0
    """Blocks of one group belong together: lines between blank lines, or one element split at <br>."""
    tag: str = "p"
    """'p', 'head' (a heading), 'item', 'quote', 'row'."""
    kind: RemovedKind | None = None
    """None while the block counts as body text."""


PUBLISHED_LINE = re.compile(
    r"^(published|updated|posted|last updated|first published|modified|originally published|date)\b"
    r"\s*(on|at)?\s*:?\s*(?=.*\d)",
    re.I,
)
_BYLINE = re.compile(
    r"^(?i:by|from|words by|written by)\s+(?:the\s+)?[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}"
    r"(\s*(,|and|&)\s*[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3})*"
    r"(\s+(newsroom|staff|desk|team|reporters?|correspondents?|in\s+[A-Z][\w]+))?(\s*[|,·-]\s*.{0,60})?$",
)
_WIRE_TRAILER = re.compile(r"^\(?(additional )?reporting by\b.*(;|editing by|writing by)", re.I)
_CREDIT_WORD = re.compile(
    r"\b(photo|photos|photograph|image|picture|foto|credit|illustration)s?\s*(:|by\b)"
    r"|\b(getty images|alamy|shutterstock|profimedia|istock|afp via getty|ap photo)\b"
    r"|\b[A-Z]{2,}(?: [A-Z][a-z]+)?/[A-Z][\w.' -]+\s*$",
    re.I,
)
_CREDIT_NEEDS: tuple[str, ...] = ("/", "photo", "image", "picture", "foto", "credit", "illustration")
_CREDIT_NEEDS += ("getty", "alamy", "shutterstock", "profimedia", "istock")
"""Every match of _CREDIT_WORD holds one of these (lower case): a block without them skips its scan."""
_COPYRIGHT = re.compile(r"^\s*(©|\(c\)|copyright\b)", re.I)
_SPEECH = re.compile(r"[\"“”]|\b(said|says|told|according to|added|stressed)\b")
_PERSON = re.compile(r"\b(we|our|us|you|your)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…\"”’)]$")


# The same rules without re.I, run on the lowered text: case-blind matching is the slow part of re.
# (None of their patterns names an upper-case letter.)
# A rule's needed substrings as one literal alternation: one C-level scan instead of a Python loop.
_STRONG_LOW = [
    (kind, re.compile(p.pattern), re.compile("|".join(map(re.escape, needs))) if needs else None)
    for (kind, p), needs in zip(STRONG, NEEDS, strict=True)
]
_SHORT_LOW = [(kind, re.compile(p.pattern)) for kind, p in SHORT]
# All rules' needed substrings in one scan: most text blocks hold none, and skip every rule at once.
_ANY_NEEDS = re.compile("|".join(sorted({re.escape(n) for needs in NEEDS for n in needs})))

_HEAD = 400
"""Rules look at a block's first characters only: boilerplate shows itself early, and time stays linear."""


def words(text: str) -> int:
    return len(text.split())


def is_heading_like(text: str) -> bool:
    """A short line without sentence punctuation at its end: a title or subheading."""
    n = words(text)
    return 2 <= n <= 30 and len(text) <= 250 and not text.rstrip().endswith((".", ",", ";", ":"))


def starts_with_symbol(text: str) -> bool:
    """Promotions open with an emoji or a pictograph; news paragraphs never do."""
    first = text.lstrip()[:1]
    # Not the grave and acute accents: old wire copy opens quotes with ``.
    return bool(first) and first not in "`´" and unicodedata.category(first) in ("So", "Sk", "Co")


def classify_one(text: str) -> RemovedKind | None:
    """The boilerplate kind of one block on its own, or None for text."""
    # Short lines repeat (menus, 'Advertisement', share bars), across pages of one site above all.
    return _classify_short(text) if len(text) <= _CACHED_LEN else _classify(text)


_CACHED_LEN = 160


@lru_cache(maxsize=32768)
def _classify_short(text: str) -> RemovedKind | None:
    return _classify(text)


def _classify(text: str) -> RemovedKind | None:
    n = words(text)
    stripped = text.strip()[:_HEAD]
    if not stripped:
        return "other"
    if _COPYRIGHT.match(stripped) and not _reported(stripped):
        if re.search(r"all rights reserved|\d{4}", stripped[:60], re.I) and not _CREDIT_WORD.search(stripped):
            return "disclaimer"
        return "caption" if n > 6 else "credit"
    low = stripped.lower()
    if n <= 40 and _credit(stripped, low) and not _SPEECH.search(stripped):
        return "caption" if n > 6 else "credit"
    if n <= 25 and PUBLISHED_LINE.match(stripped):
        return "metadata"
    if n <= 16 and _BYLINE.match(stripped) and not _reads_as_sentence(stripped):
        return "byline"
    if n <= 80 and _WIRE_TRAILER.match(stripped):
        return "byline"
    any_needed = _ANY_NEEDS.search(low) is not None
    for kind, pattern, needs in _STRONG_LOW:
        if needs is not None and not (any_needed and needs.search(low)):
            continue
        if pattern.search(low):
            return kind
    if n <= 12 and not _reported(stripped):
        for kind, pattern in _SHORT_LOW:
            if pattern.search(low) and not (kind == "newsletter" and _about_one(stripped)):
                return kind
    if n <= 40 and starts_with_symbol(stripped):
        return "advertisement"
    if n <= 30 and _is_menu(stripped):
        return "navigation"
    return None


_REPORTED = re.compile(
    r",[\"”’]?\s+(?:[\w.'’-]+\s+){0,4}(?:said|says|told|added|urged|wrote|writes|warned|asked|argued)\b"
    r"(?:\s+[\w.'’-]+){0,4}[.!?]$"
)
"""A sentence closed by its attribution ('Subscribe to the channel, he urged his fans.'): speech reported
in the story, not a button or a notice, whatever words it quotes."""
_ABOUT_ONE = re.compile(r"^(the|a|an|his|her|their|its)\s.*[.!?]$", re.I)


def _reported(text: str) -> bool:
    return "," in text and _REPORTED.search(text) is not None


def _about_one(text: str) -> bool:
    """'The newsletter, sent to 40,000 readers, was withdrawn.': a statement about a newsletter, not an
    appeal to join ours (which speaks to the reader or opens on a verb)."""
    return _ABOUT_ONE.match(text) is not None and _PERSON.search(text) is None


def _reads_as_sentence(text: str) -> bool:
    """'By Tuesday, the storm had moved east.': lowercase words ending on a stop, no byline's trailer."""
    lower = sum(1 for t in text.split()[2:] if t[:1].islower())
    return text.endswith((".", "!", "?")) and lower >= _SENTENCE_LOWER


_SENTENCE_LOWER = 3
"""Lowercase words after a 'By X' opening that, with a full stop, make the line a sentence."""


def _credit(text: str, low: str) -> bool:
    return any(k in low for k in _CREDIT_NEEDS) and _CREDIT_WORD.search(text) is not None


def _is_menu(text: str) -> bool:
    """'News | Sport | Podcasts | Traffic & Travel': three or more short items between separators."""
    parts = [p.strip() for p in re.split(r"\s[|·•›»]\s", text)]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 and not _SENTENCE_END.search(p) for p in parts)


_COMMENT_ACTION = re.compile(r"^(leave|post|add|write) (a |new |your )?(comment|reply)\b", re.I)
"""A link to the comment form, which sites put above the article too: no section header to spread."""
_LONG_PROSE = 40
"""Words of a sentence-ending paragraph that keep it from inheriting a zone kind from its neighbour."""
_THIRD_PERSON_PROSE = 12
"""Words of a sentence without 'we' or 'you' that keep it from inheriting a zone kind."""
_ZONE_KINDS: frozenset[RemovedKind] = frozenset({"donation", "disclaimer", "newsletter", "cookie"})


def classify(blocks: list[Block], *, comments_after: int | None = None) -> None:
    """Set `kind` on every block that is boilerplate; context spreads a kind to its neighbours.

    comments_after: words of text above a comments header that make it the article's end, for
    blocks that are the article already (HTML). A text dump's menus above the article would count.
    """
    for block in blocks:
        if block.kind is None:
            block.kind = classify_one(block.text)
    body_words = 0
    for i in range(1, len(blocks)):
        previous, block = blocks[i - 1], blocks[i]
        if comments_after is not None and previous.kind is None:
            body_words += words(previous.text)
        if block.kind is None and previous.kind is not None:
            # Late: in the page's second half, or after a few paragraphs of text (a long comment
            # thread puts its header in the first half; a 'Post comment' link above the text is no header).
            after_text = comments_after is not None and body_words >= comments_after
            late = i >= len(blocks) / 2 or after_text
            header = previous.kind == "comments" and classify_one(previous.text) == "comments"
            if header and _news_follows(blocks, i):
                continue  # a stray 'Comments' button between the story's paragraphs opens no thread
            block.kind = _inherited(previous, block, late=late)


_NEWS_AHEAD = 3
"""Blocks read after a comments header to tell a thread from the story going on."""
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|my|me|we|our|us|you|your)\b", re.I)


def _news_follows(blocks: list[Block], i: int) -> bool:
    """Most of the next blocks are reported news: long sentences quoting or citing someone, in the
    third person. Readers write in the first and second person and seldom attribute."""
    ahead = blocks[i : i + _NEWS_AHEAD]
    reported = sum(
        1
        for b in ahead
        if words(b.text) >= _THIRD_PERSON_PROSE
        and _SENTENCE_END.search(b.text)
        and _SPEECH.search(b.text)
        and not _FIRST_PERSON.search(b.text)
    )
    return len(ahead) >= 2 and reported * 3 >= len(ahead) * 2


def _inherited(previous: Block, block: Block, *, late: bool) -> RemovedKind | None:
    """The kind a block takes from the boilerplate block before it, if it reads as part of it."""
    kind = previous.kind
    text = block.text.strip()
    if kind == "comments" and late and not _COMMENT_ACTION.match(previous.text.strip()):
        # What follows a comments header in the second half of a page is the comments,
        # up to the next kind of boilerplate; earlier, a stray "Comments" link is no section.
        return "comments"
    if kind not in _ZONE_KINDS:
        return None
    if words(text) >= _LONG_PROSE and _SENTENCE_END.search(text):
        # A long paragraph of running text is no button or form label: it speaks for itself (an
        # article about donations after a "Donate now" line is still the article).
        return None
    if (
        kind in ("newsletter", "donation")
        and words(text) >= _THIRD_PERSON_PROSE
        and _SENTENCE_END.search(text)
        and not _PERSON.search(text)
    ):
        # An appeal speaks to the reader; a sentence about someone else is news, even when a dump
        # puts it in the group of a 'Newsletter' link. (Footers spread on: their junk is prose too.)
        return None
    if previous.group == block.group and not _SPEECH.search(text):
        return kind
    shouting = text.upper() == text and any(c.isalpha() for c in text)
    if (shouting or _PERSON.search(text)) and not _SPEECH.search(text):
        return kind
    return None
