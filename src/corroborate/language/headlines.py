"""Lines in capitals or Title Case: headlines, banners, results tables.

"TRUMP SAYS CHINA DEAL IS CLOSE" and "Trump Says China Deal Is Close" hide
which words are names, and the main name model, trained on running text,
reads them badly. `corroborate.language.ner` gives such lines to the headline
model (`data/ner_caps`, trained with ALL-CAPS and Title Case copies of its
sentences). A line is in Title Case when most of its longer words are
capitalised and at least two of them are words that news writes in
lowercase (`data/common_words.txt`, tools/learn_common_words.py), so a
sentence full of names is not taken for a headline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Final

_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    path = resources.files("corroborate").joinpath("data", "common_words.txt")
    return frozenset(path.read_text(encoding="utf-8").split())


def loud(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 1]
    return len(long) >= 2 and sum(w.isupper() for w in long) * 2 > len(long)


def titled(words: list[str]) -> bool:
    """Title Case: most words of four letters or more capitalised, two of them words the news writes
    in lowercase ("Says", "Deal"; a sentence of names, "Angela Merkel flew to Paris", is no title)."""
    long = [w for w in words if len(w) > 3]
    capitals = [w for w in long if w[:1].isupper()]
    ordinary = sum(w.lower() in common_words() for w in capitals[1:])
    return len(long) >= 3 and len(capitals) >= 0.8 * len(long) and ordinary >= 2 and len(words) <= 30


def headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line in capitals or Title Case."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = _WORD.findall(line)
        if loud(words) or titled(words):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out
