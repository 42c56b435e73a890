"""Who a sentence quotes: statements by different named speakers do not corroborate each other.

Only names that name someone keep two statements apart: "he", "The", "the police" and a bare
rank ("Capt", a sentence cut after the title) do not, nor the "speaker" of a quoted title.
"""

from __future__ import annotations

import re

from corroborate.compare.conflicts import TITLES
from corroborate.compare.entities import EntityMap
from corroborate.model import Article, Span


def sentence_speakers(article: Article, span: Span, entities: EntityMap) -> frozenset[str]:
    """The speakers of the quotes the sentence carries or attributes, as story entities or names."""
    if article.analysis is None:
        return frozenset()
    out: set[str] = set()
    for q in article.analysis.quotes:
        cue = q.cue_span.start if q.cue_span else q.start
        starts = [cue] + [s.start for s in q.spans()]  # each piece of a split quotation
        if not any(span.start <= at < span.end for at in starts):
            continue
        if _is_title(q.quoted()):
            continue  # "Take Me Out to the Ball Game" names a film: nobody said it
        name = entities.name(entities.key(article.id, q.speaker_entity)) or q.speaker or ""
        # A surname names the speaker: "Okafor" and "Helen Okafor" are one; "he", "The" and
        # "the police" name nobody in particular, so they never keep two statements apart.
        if names_someone(name):
            out.add(name.split()[-1].lower())
    return frozenset(out)


_NOBODY = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "police",
        "officials",
        "authorities",
        "witnesses",
        "residents",
        "officers",
        "sources",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "reports",
        "report",
    ]
)


def names_someone(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 5
        and all(w[:1].isupper() for w in words)
        and words[0].lower() not in _NOBODY
        and words[-1].lower() not in _NOBODY
        # "Capt." alone (a sentence cut after a title) is a rank, not a person.
        and words[-1].lower().rstrip(".") not in TITLES
    )


# A quotation this short whose words are mostly capitalised is a title (a film, a song, a book).
TITLE_QUOTE_WORDS = 8


def _is_title(quoted: str) -> bool:
    words = quoted.strip(" \"'“”‘’`").split()
    caps = sum(1 for w in words if w[:1].isupper())
    return 0 < len(words) <= TITLE_QUOTE_WORDS and caps >= 0.6 * len(words) and len(words) > 1


# A run of quoted words: curly, straight or ECB+'s ``...'' quotation marks.
_QUOTED_RUN = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"|``(.{3,}?)''")
# What may stand before a sentence's quotation when the sentence is attribution and quotation
# only: 'Reagins said: "...' or 'She told reporters, "...'.
_LEAD_IN = re.compile(
    r"^\W*(?:\S+\s+){0,8}?(?:said|says|told|added|asked|wrote|tweeted)\b[^,:]{0,30}[,:]\s*$"
)


MAX_ATTRIBUTION_WORDS = 20


def quoted_runs(text: str, span: Span) -> list[Span]:
    """The quoted runs of a sentence whose statement is its quotation, the rest only attribution.

    '"It's something they can consider," Reagins told MLB.com on Friday' states what is quoted;
    its attribution ("Reagins", "told", "Friday") is shared by everything Reagins said that day.
    A quotation inside a statement of the writer's ('The Senate passed it, with Ames calling it
    "a historic day"') leaves the sentence the writer's: no runs.
    """
    sentence = text[span.start : span.end]
    runs = [m for m in _QUOTED_RUN.finditer(sentence)]
    if not runs:
        return []
    before = sentence[: runs[0].start()]
    if before.strip(" \t\n'‘(") and not _LEAD_IN.match(before):
        return []
    nexts = [m.start() for m in runs[1:]] + [len(sentence)]
    outside = before + " ".join(sentence[m.end() : n] for m, n in zip(runs, nexts, strict=True))
    if len(outside.split()) > MAX_ATTRIBUTION_WORDS:
        return []  # '"Yes," she said, and the board then voted to close the plant': more than who said it
    return [Span(start=span.start + m.start(), end=span.start + m.end()) for m in runs]
