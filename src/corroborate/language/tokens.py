"""Word tokens with offsets, and the per-text facts the name finder needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.language.lexicon import MONTHS, STOP_CAPS, TOKEN_RE, WEEKDAYS
from corroborate.model import Span

_CALENDAR = frozenset(MONTHS + WEEKDAYS)


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    initial: bool
    """First word of a sentence or of a quotation: capitalised by grammar, not by name."""

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def allcaps(self) -> bool:
        letters = self.text.replace(".", "")
        return len(letters) > 1 and letters.isupper()

    @property
    def nameish(self) -> bool:
        """Capitalised and not a stop word or calendar word."""
        return self.cap and self.lower not in STOP_CAPS and self.lower not in _CALENDAR


def sentence_tokens(text: str, sentence: Span) -> list[Tok]:
    toks: list[Tok] = []
    prev_end = sentence.start
    for m in TOKEN_RE.finditer(text, sentence.start, sentence.end):
        gap = text[prev_end : m.start()]
        initial = not toks or ":" in gap or gap.rstrip().endswith(('"', "“", "‘", "—", "("))
        toks.append(Tok(m.start(), m.end(), m.group(0), initial))
        prev_end = m.end()
    return toks


def all_tokens(text: str, sentences: Sequence[Span]) -> list[list[Tok]]:
    return [sentence_tokens(text, s) for s in sentences]


def lowercase_words(sents: Sequence[Sequence[Tok]]) -> frozenset[str]:
    """Words the text itself writes in lowercase: evidence they are common words, not names."""
    return frozenset(t.text for toks in sents for t in toks if t.text[:1].islower())


def shouting(toks: Sequence[Tok]) -> bool:
    """A line in capitals (a headline or a banner): its capitals say nothing about names."""
    words = [t for t in toks if len(t.text) > 1]
    return len(words) >= 2 and sum(t.allcaps for t in words) * 2 > len(words)
