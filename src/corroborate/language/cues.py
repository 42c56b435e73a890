"""Attribution cue words learned from PolNeAR train (src/corroborate/data/cues.tsv).

`tools/learn_cues.py` counts, for each word form, how often annotators marked it as (part
of) a Cue, how often it occurs at all, and how often the attributed Content follows it.
A word joins the cue list when it is a cue often enough (ratio and count below) and its
content mostly follows it: "X criticized ...", "X cited ...", "polls show ...". Words that
open a content before them ("seemed", "expected") stay out: they would steal speakers
from direct quotes.
"""

from __future__ import annotations

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
