"""Attribution cue words learned from PolNeAR train (src/corroborate/data/cues.tsv).

`tools/learn_cues.py` counts, for each word form, how often annotators marked it as (part
of) a Cue, how often it occurs at all, and how often the attributed Content follows it.
A word joins the cue list when it is a cue often enough (ratio and count below) and its
content mostly follows it: "X criticized ...", "X cited ...", "polls show ...". Words that
open a content before them ("seemed", "expected") stay out: they would steal speakers
from direct quotes.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Final

_MIN_COUNT: Final = 10
_MIN_RATIO: Final = 0.35  # a cue at least half the times the word appears
_MIN_AFTER: Final = 0.75
# Words the counts pick but that are no verb of saying or thinking on their own.
_NOT_CUES: Final = frozenset(
    {
        "repeatedly",
        "openly",
        "publicly",
        "also",
        "eager",
        "assertion",
        "suggestion",
        "pointed",
        "mention",
        "laid",
    }
)


def _load() -> dict[str, tuple[int, int, int]]:
    table: dict[str, tuple[int, int, int]] = {}
    text = resources.files("corroborate").joinpath("data", "cues.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 4:
            continue
        table[cols[0]] = (int(cols[1]), int(cols[2]), int(cols[3]))
    return table


CUE_COUNTS: Final = _load()
"""word -> (times in a Cue, times in the texts, times the Content followed the Cue)."""

LEARNED_CUES: Final = frozenset(
    w
    for w, (cue, seen, after) in CUE_COUNTS.items()
    if cue >= _MIN_COUNT and cue >= _MIN_RATIO * seen and after >= _MIN_AFTER * cue and w not in _NOT_CUES
)
"""Verbs whose object or clause is what is attributed: 'X criticized ...', 'X cited ...'."""


_GENERIC_RATIO: Final = 0.05  # chosen on PolNeAR train: 0.05, 0.1, 0.2 score F1 0.684, 0.683, 0.680 there
_GENERIC_COPULAS: Final = frozenset({"is", "was", "are", "were", "has", "have", "had", "does", "did"})


def is_copula(verb: str) -> bool:
    return verb.lower() in _GENERIC_COPULAS


def attributes_often(verb: str) -> bool:
    """Whether annotators marked this word as a cue at least a twentieth of the times it occurs in train:
    'Cruz thanked ...', 'She wants ...' open an attribution; 'He walks ...', 'It has ...' do not."""
    w = verb.lower()
    counts = CUE_COUNTS.get(w)
    if w in _GENERIC_COPULAS:
        return False
    if counts is None:
        return w.endswith("ed")  # too rare in train to judge: a past-tense act of a named subject
    return counts[0] >= _GENERIC_RATIO * counts[1]


_WORD: Final = re.compile(r"[A-Za-z’']+")
_MIN_SEEN: Final = 10  # a ratio read from fewer occurrences in train says little
# Words the counts rate as cues only as a part of a longer one ("has criticized", "the view of").
_NOT_ALONE: Final = _GENERIC_COPULAS | frozenset(
    {"to", "of", "a", "the", "in", "for", "with", "not", "that", "it", "s", "’s", "and", "or", "an", "be"}
)
GUESS_MIN_RATIO: Final = 0.15
"""The least share of a word's occurrences in train that annotators marked a cue for it to open a guess;
the quote filter's model judges each guess (tools/train_quotes.py)."""


def cue_ratio(word: str) -> float:
    """The share of a word's occurrences in PolNeAR train marked (part of) a Cue; 0 when too rare."""
    counts = CUE_COUNTS.get(word.lower())
    return counts[0] / counts[1] if counts is not None and counts[1] >= _MIN_SEEN else 0.0


def best_cue_word(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The word of masked[start:end] annotators most often mark a cue, when its content mostly follows it
    ('Democrats criticized the plan', 'She believes the vote was rigged'): where a guess at an attribution
    without a speech verb of the rules starts. Words inside quotation marks are masked out."""
    best: tuple[float, int, int] | None = None
    for m in _WORD.finditer(masked, start, end):
        word = m.group().lower()
        if (
            m.group()[:1].isupper()
            or masked[m.start() - 1 : m.start()] == "-"
            or masked[m.end() : m.end() + 1] == "-"
        ):
            continue  # a headline's 'Releasing Tax Returns', a name, 'so-called': no verb of the sentence
        counts = CUE_COUNTS.get(word)
        if (
            counts is None
            or counts[1] < _MIN_SEEN
            or word in _NOT_ALONE
            or word in _NOT_CUES
            or word.endswith("ly")
        ):
            continue
        ratio = counts[0] / counts[1]
        if ratio >= GUESS_MIN_RATIO and counts[2] >= 0.5 * counts[0] and (best is None or ratio > best[0]):
            best = (ratio, m.start(), m.end())
    return (best[1], best[2]) if best is not None else None
