"""Word-level helpers shared by clustering and comparison: tokens, a light stemmer, stopwords.

Deliberately small and deterministic: no models, no data files, the same
result in every process (no use of Python's salted `hash`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache

from corroborate.model import Span

# Letters/digits, keeping inner apostrophes, dots and hyphens ("U.N.", "98,500" splits on the comma
# on purpose: numbers are compared through figures, not tokens).
WORD_RE = re.compile(r"[^\W_]+(?:[’'.\-][^\W_]+)*")

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me meanwhile more most my myself no nor not now of off on once only or other our ours ourselves
    out over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves may might must shall us s t
    said says say saying told tells according added stated reported reports reportedly yet
    one's mr mrs ms dr st etc via per amid among upon within without whether though although
    least several still
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# The words that open a noun phrase, in the groups the stages combine: a counted thing starts
# after a DETERMINER ("the people"), a speaker phrase may also start with a pronoun or a quantity.
ARTICLES = frozenset({"the", "a", "an"})
DEMONSTRATIVES = frozenset({"this", "these", "those"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our"})
DETERMINERS = ARTICLES | DEMONSTRATIVES | POSSESSIVES
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
QUANTIFIERS = frozenset({"another", "some", "many", "several", "both", "most", "few", "all", "other"})

# Ordered longest-first so "ations" wins over "s"; each entry is (suffix, replacement).
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("ations", ""),
    ("ation", ""),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("edly", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


# Cached: clustering stems every word of every article, and news vocabulary repeats heavily.
@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light suffix-stripping stem: 'accused'/'accusations' -> 'accus', 'troops' -> 'troop'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if any(c.isdigit() for c in w):
        return w  # "6.4" stays "6.4"
    w = w.replace(".", "")
    if len(w) <= 3:
        return w
    for suffix, repl in _SUFFIXES:
        # Keep at least three letters of stem so "bed"/"ies" style words survive.
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            if suffix == "es" and not w.endswith(("sses", "shes", "ches", "xes", "zes")):
                return w[:-1]
            return w[: len(w) - len(suffix)] + repl
    return w


# Words that say what happened to the people counted: one class per kind of event, so
# "fled"/"crossed"/"left" or "killed"/"died"/"death toll" compare as the same thing.
_EVENT_WORDS: dict[str, str] = {
    "displaced": "fled flee fleeing crossed cross crossing left leave leaving displaced displacement "
    "evacuated evacuation refugees exodus departed",
    "killed": "killed kill killing dead died die deaths death fatalities toll lives perished",
    "injured": "injured injuring injuries wounded wounding hurt",
    "missing": "missing unaccounted",
    "arrested": "arrested detained detentions arrests",
    # Not an event, but the same denial in the words outlets vary most.
    "deny": "deny denies denied denial reject rejects rejected dismiss dismissed refute refuted",
}
EVENT_STEMS: dict[str, str] = {stem(w): kind for kind, ws in _EVENT_WORDS.items() for w in ws.split()}

_NUMBER_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS: dict[str, str] = {w: str(i) for i, w in enumerate(_NUMBER_TEXT.split())}


def event_class(word: str) -> str | None:
    """'fled' -> 'displaced', 'deaths' -> 'killed'; None for other words."""
    return EVENT_STEMS.get(stem(word))


def normal_token(word: str) -> str:
    """The form compared across outlets: number words as digits, event words as their class."""
    lw = word.lower()
    if lw in NUMBER_WORDS:
        return NUMBER_WORDS[lw]
    s = stem(lw)
    kind = EVENT_STEMS.get(s)
    return "~" + kind if kind else s


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def iter_words(text: str) -> Iterator[re.Match[str]]:
    return WORD_RE.finditer(text)


def is_content(word: str) -> bool:
    lw = word.lower()
    return lw not in STOPWORDS and (len(lw) > 1 or lw.isdigit())


def content_stems(text: str) -> list[str]:
    """Stems of the content words of `text`, in order."""
    return [stem(w) for w in words(text) if is_content(w)]


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")


def split_sentences(text: str) -> list[Span]:
    """Fallback sentence splitter (no analysis): ends at .!? before a capital, or at a newline."""
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _append_trimmed(spans, text, start, m.start() + len(m.group(0).rstrip()))
        start = m.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start=start, end=end))
