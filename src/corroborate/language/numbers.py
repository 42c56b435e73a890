"""Numbers written in digits or words: '98,500', '100.000', '1.2 million', 'three quarters'."""

from __future__ import annotations

import itertools
import re
from typing import Final

TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SMALL: Final = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
} | {w: 10 * (i + 2) for i, w in enumerate(TENS)}
SCALES: Final = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 10**12,
}
SHORT_SCALES: Final = {"k": 1_000, "m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
FRACTIONS: Final = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
ORDINAL_FRACTIONS: Final = frozenset({"fourth", "fifth", "sixth", "eighth", "tenth"})
"""Also ordinals: a fraction only as 'a fifth of', 'one-fifth', 'two-fifths'."""

_WORD: Final = "|".join(sorted([*SMALL, *SCALES, *FRACTIONS, "dozen", "dozens"], key=len, reverse=True))
ANY_NUMBER: Final = re.compile(rf"\d|\b(?:{_WORD}|tens\b)", re.IGNORECASE)
"""Whether a stretch of text may hold a number at all ('thousands' included)."""
WORD_NUMBER: Final = re.compile(
    rf"\b(?:(?:a|an)[\s-]+)?(?:{_WORD})(?:(?:[\s-]+and[\s-]+(?:a[\s-]+)?|[\s-]+)(?:{_WORD}))*\b",
    re.IGNORECASE,
)
DIGIT_NUMBER: Final = re.compile(
    # A unit or scale may follow without a space ("256GB", "$1.762bn", "15kHz"); a digit or slash may not.
    r"(?<![\w.,/:])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d/]|[.,]\d)|(?<![\w.,/:])\d+(?:\.\d+)?(?![\d/]|[.,]\d)"
)


def words_value(phrase: str) -> float | None:
    """Value of a number in words, or None when the words are not a number ('a', 'dozens')."""
    low = phrase.lower().replace("-", " ")
    half = bool(re.search(r"\band a half\b", low))  # "one and a half million": the half goes before the scale
    low = re.sub(r"\s+and a half\b", "", low)
    words = [w for w in re.split(r"[\s-]+", low) if w and w != "and"]
    if words and words[0] in ("a", "an"):
        # "a thousand", "a dozen", "a half" are one of them; "a three-course meal" is three.
        if len(words) > 1 and words[1] in SMALL:
            words = words[1:]
        else:
            words[0] = "one"
    total = 0.0
    current = 0.0
    if any(a in FRACTIONS and b in FRACTIONS for a, b in itertools.pairwise(words)):
        return None  # "the fourth quarter": an ordinal and a noun
    if not _well_formed(re.split(r"[\s-]+", low)):
        return None
    for w in words:
        if w in SMALL:
            current += SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += ((current or 1) + (0.5 if half else 0)) * SCALES[w]
            current, half = 0, False
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in FRACTIONS:
            current = (current or 1) / FRACTIONS[w]
        else:
            return None  # "dozens", a stray word: not one number
    if not words:
        return None
    return total + current + (0.5 if half else 0)


def _well_formed(words: list[str]) -> bool:
    """'twenty one', 'two hundred and four' are numbers; 'two and four', 'eight one' are two numbers."""
    prev = ""
    for w in words:
        if w == "and" and prev not in SCALES:
            return False
        if w in SMALL and prev in SMALL and not (prev in TENS and SMALL[w] < 10):
            return False
        prev = w if w != "and" else prev
    return True


def split_words(phrase: str) -> list[tuple[int, int]]:
    """Spans of the numbers a run of number words holds: 'two and four' -> 'two', 'four'."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", phrase)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        j = len(tokens)
        while j > i + 1 and words_value(phrase[tokens[i][0] : tokens[j - 1][1]]) is None:
            j -= 1
        out.append((tokens[i][0], tokens[j - 1][1]))
        i = j
    return out


def digits_value(digits: str, grouped_dots: bool) -> float:
    """'98,500' -> 98500; '100.000' -> 100000 when the dots group thousands, else a decimal."""
    if grouped_dots and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        return float(digits.replace(".", ""))
    return float(digits.replace(",", ""))
