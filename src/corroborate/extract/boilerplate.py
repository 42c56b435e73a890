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


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.I)


# Rules that hold whatever the block's length: a match is boilerplate.
_STRONG: list[tuple[RemovedKind, re.Pattern[str]]] = [
    ("disclaimer", _rx(r"^(risk )?disclos(ure|ures)\s*:", r"^disclaimer\s*:", r"all rights reserved")),
    (
        "disclaimer",
        _rx(
            r"not necessarily (real-time|accurate|provided by)",
            r"(would like to )?remind you that the data",
            r"without the (explicit |express )?(prior )?written (permission|consent)",
            r"may be compensated by the advertisers",
            r"trading (in|on) (financial instruments|margin)",
            r"before deciding to trade",
            r"does not constitute (investment|financial|legal) advice",
            r"the views (and opinions )?expressed (here|in this)",
            r"(this|the) (article|story|content) (was|is|has been) (generated|produced with|edited from)",
            r"published from a (wire )?agency feed",
            r"intellectual property rights are reserved",
            r"does not guarantee that the (prices|data|information)",
            r"accepts? no (liability|responsibility)",
            r"may be paid by advertisers",
            r"quotes (are )?delayed (by )?(a minimum of )?\d+ minutes",
            r"^our standards\s*:",
            r"\bpowered by wordpress\b",
        ),
    ),
    (
        "cookie",
        _rx(
            r"\b(we|this (web)?site|our partners) uses? cookies",
            r"\bcookies?\b.{0,80}\b(consent|accept|preferences|settings|policy|browsing experience)",
            r"^(accept|reject|allow) (all )?(cookies)?$",
            r"^(manage|cookie) (preferences|settings)$",
            r"we value your privacy",
        ),
    ),
    (
        "donation",
        _rx(
            r"^dear (reader|readers|friend|friends|subscriber)s?\b",
            r"\bsupport (us|our (work|journalism|newsroom|reporting|mission)|independent (journalism|media)"
            r"|(a |the )?free press|quality journalism)\b",
            r"\bdonat(e|ion|ions|ing)\b",
            r"\bbecome a (member|supporter|patron|friend) of\b",
            r"\b(initial|minimum|one-?time|monthly|annual) (amount|contribution|donation|gift)\b",
            r"\bour (community of )?readers\b.{0,80}\b(support|pay|fund)",
            r"access to (our|web) content is free",
            r"\breader[- ](funded|supported)\b",
            r"\bmake a contribution\b",
        ),
    ),
    (
        "newsletter",
        _rx(
            r"\b(sign up|subscribe|register)\b.{0,60}\b(newsletter|briefing|digest|inbox|e-?mail alerts)\b",
            r"\benter your e-?mail\b",
            r"\b(straight|delivered|direct) (to|into) your inbox\b",
        ),
    ),
    (
        "advertisement",
        _rx(
            r"^(advertisement|advertising|sponsored( content)?|promoted|paid (content|post)"
            r"|partner content|ad)$",
            r"^(sponsored|advertisement|promoted|partner content|anzeige|publicidad)\s*[:|-]",
            r"\b\d{1,2}\s?% off\b",
            r"\bunlock (the )?full list\b",
            r"\b(ai|top)-picked stocks?\b",
            r"\b(start|try|get) (your )?free trial\b",
            r"\bupgrade to (premium|pro)\b",
        ),
    ),
    (
        "related",
        _rx(
            r"^(more from|read more|read also|read next|see also|also read|related|recommended|most read"
            r"|most popular|watch|listen)\b[^:.]{0,40}:\s",
            r"\(\d{1,2}:\d{2}\)$",
        ),
    ),
    ("metadata", _rx(r"^(tags|tagged|topics|filed under|categories)\s*:", r"^tagged\s")),
    (
        "comments",
        _rx(
            r"^(latest|recent|top|reader|readers'?|show|view|load( more)?|all|\d+)\s+"
            r"comments?(\s*\(\d+\))?:?$",
            r"^comments?(\s*\(\d+\))?:?$",
            r"^(leave|post|add|write) (a |new |your )?(comment|reply)\b",
            r"^comment (viewing )?options$",
            r"^\d+ (comments?|responses?|replies)( so far)?:?$",
            r"^join the (conversation|discussion)\b",
            r"^comments are (closed|moderated)\b",
            r"^(log|sign) in to (comment|reply)\b",
        ),
    ),
]

# Rules for short blocks only (a long paragraph that merely contains these words is text).
_SHORT: list[tuple[RemovedKind, re.Pattern[str]]] = [
    (
        "related",
        _rx(
            r"^(read|see|watch|listen)( (more|also|next|now|the full story))?\s*[:|»›>-]",
            r"^(read|see) (more|also)\b",
            r"^(related|recommended|more from|more on|more stories|also read|further reading)\b",
            r"^(you (may|might) (also )?like|most (read|popular|viewed)|trending( now)?|editor'?s picks)\b",
            r"^(top|latest) (stories|news|videos?)$",
            r"^videos? of the day$",
            r"^(read|up) next$",
            r"^(watch|video|listen|podcast|gallery|photos?)\s*:",
        ),
    ),
    (
        "share",
        _rx(
            r"^((share|tweet|email|e-mail|print|copy( link)?|whatsapp|facebook|twitter|x|linkedin"
            r"|telegram|reddit"
            r"|pinterest|messenger|flipboard|share (this|on)( \w+)?( (article|story|page))?)[\s|/·•,:]*)+$",
        ),
    ),
    (
        "navigation",
        _rx(
            r"^(home|menu|search|log ?in|sign ?in|sign up|subscribe|register|close|back to top|next|previous"
            r"|skip to (main )?content|main menu|toggle navigation|open menu|more|top)$",
            r"^\w[\w ]{0,24}( [>›»|/] \w[\w ]{0,24}){2,}$",
        ),
    ),
    ("newsletter", _rx(r"\bnewsletters?\b", r"^subscribe( now| today)?\b")),
    (
        "advertisement",
        _rx(r"\b(book|shop|buy|order|apply|call|click) (now|here|today)\b", r"\b\d+% finance\b"),
    ),
    ("metadata", _rx(r"^\d+\s*(-|\s)?\s*min(ute)?s?\.? read$", r"^\d+\s+(hours?|minutes?|days?|mins?) ago$")),
]

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
_COPYRIGHT = re.compile(r"^\s*(©|\(c\)|copyright\b)", re.I)
_SPEECH = re.compile(r"[\"“”]|\b(said|says|told|according to|added|stressed)\b")
_PERSON = re.compile(r"\b(we|our|us|you|your)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…\"”’)]$")


# The same rules without re.I, run on the lowered text: case-blind matching is the slow part of re.
# (None of their patterns names an upper-case letter.)
_STRONG_LOW = [(kind, re.compile(p.pattern)) for kind, p in _STRONG]
_SHORT_LOW = [(kind, re.compile(p.pattern)) for kind, p in _SHORT]

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
    return bool(first) and unicodedata.category(first) in ("So", "Sk", "Co")


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
    if _COPYRIGHT.match(stripped):
        if re.search(r"all rights reserved|\d{4}", stripped[:60], re.I) and not _CREDIT_WORD.search(stripped):
            return "disclaimer"
        return "caption" if n > 6 else "credit"
    if n <= 40 and _CREDIT_WORD.search(stripped) and not _SPEECH.search(stripped):
        return "caption" if n > 6 else "credit"
    if n <= 25 and PUBLISHED_LINE.match(stripped):
        return "metadata"
    if n <= 16 and _BYLINE.match(stripped):
        return "byline"
    if n <= 80 and _WIRE_TRAILER.match(stripped):
        return "byline"
    low = stripped.lower()
    for kind, pattern in _STRONG_LOW:
        if pattern.search(low):
            return kind
    if n <= 12:
        for kind, pattern in _SHORT_LOW:
            if pattern.search(low):
                return kind
    if n <= 40 and starts_with_symbol(stripped):
        return "advertisement"
    if n <= 30 and _is_menu(stripped):
        return "navigation"
    return None


def _is_menu(text: str) -> bool:
    """'News | Sport | Podcasts | Traffic & Travel': three or more short items between separators."""
    parts = [p.strip() for p in re.split(r"\s[|·•›»]\s", text)]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 and not _SENTENCE_END.search(p) for p in parts)


_ZONE_KINDS: frozenset[RemovedKind] = frozenset({"donation", "disclaimer", "newsletter", "cookie"})


def classify(blocks: list[Block]) -> None:
    """Set `kind` on every block that is boilerplate; context spreads a kind to its neighbours."""
    for block in blocks:
        if block.kind is None:
            block.kind = classify_one(block.text)
    for i in range(1, len(blocks)):
        previous, block = blocks[i - 1], blocks[i]
        if block.kind is None and previous.kind is not None:
            block.kind = _inherited(previous, block, late=i >= len(blocks) / 2)


def _inherited(previous: Block, block: Block, *, late: bool) -> RemovedKind | None:
    """The kind a block takes from the boilerplate block before it, if it reads as part of it."""
    kind = previous.kind
    text = block.text.strip()
    if kind == "comments" and late:
        # What follows a comments header in the second half of a page is the comments,
        # up to the next kind of boilerplate; earlier, a stray "Comments" link is no section.
        return "comments"
    if kind not in _ZONE_KINDS:
        return None
    if previous.group == block.group and not _SPEECH.search(text):
        return kind
    shouting = text.upper() == text and any(c.isalpha() for c in text)
    if (shouting or _PERSON.search(text)) and not _SPEECH.search(text):
        return kind
    return None
