"""Headlines as the article writes their words, for the name model to read.

A headline in capitals ("TRUMP SAYS CHINA DEAL IS CLOSE") or in Title Case
("Trump Says China Deal Is Close") hides which words are names. The body of
the same article usually writes them again in running text: "China" with a
capital, "deal" without. `body_case` rewrites the words of such lines in the
form the body gives them (letters only change case, so every offset holds).
A word the body never writes goes to lowercase when the training news writes
it so (`data/common_words.txt`, tools/learn_common_words.py); otherwise a
word in capitals of five letters or more is written as a name ("ORBAN" ->
"Orban"; "NATO" stays), and a capitalised word in Title Case stays.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Final

_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")
# (use the common-word list, write unknown long words in capitals as names): chosen on the NER selection
# slice of CoNLL train (benchmarks/language.md).
STRATEGY: tuple[bool, bool] = (True, True)
_SENTENCE_START: Final = re.compile(r"(?:^|[.!?:;\"“”(\[—–-])\s*$")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    path = resources.files("corroborate").joinpath("data", "common_words.txt")
    return frozenset(path.read_text(encoding="utf-8").split())


def _loud(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 1]
    return len(long) >= 2 and sum(w.isupper() for w in long) * 2 > len(long)


def _titled(words: list[str]) -> bool:
    """Title Case: most words of four letters or more capitalised, and enough of them."""
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long) and len(words) <= 30


def _forms(text: str, skip: set[int]) -> dict[str, Counter[str]]:
    """How the running text writes each word, away from sentence openings."""
    forms: dict[str, Counter[str]] = {}
    for n, line in enumerate(text.split("\n")):
        if n not in skip:
            for m in _WORD.finditer(line):
                if not _SENTENCE_START.search(line, 0, m.start()):
                    forms.setdefault(m.group(0).lower(), Counter())[m.group(0)] += 1
    return forms


def _kinds(lines: list[str]) -> dict[int, str]:
    kinds: dict[int, str] = {}
    for n, line in enumerate(lines):
        words = _WORD.findall(line)
        if _loud(words):
            kinds[n] = "loud"
        elif _titled(words):
            kinds[n] = "title"
    return kinds


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Where the lines in capitals or Title Case are: (start, end) offsets."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    return [(starts[n], starts[n] + len(lines[n])) for n in sorted(_kinds(lines))]


def body_case(text: str) -> str:
    """`text` with its lines in capitals or Title Case written as its other lines write their words."""
    lines = text.split("\n")
    kinds = _kinds(lines)
    if not kinds:
        return text
    forms = _forms(text, set(kinds))
    for n, kind in kinds.items():
        lines[n] = _rewrite(lines[n], kind, forms)
    out = "\n".join(lines)
    return out if len(out) == len(text) else text


def _rewrite(line: str, kind: str, forms: dict[str, Counter[str]]) -> str:
    use_common, capitalise = STRATEGY
    common = common_words()

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        seen = forms.get(word.lower())
        if seen:
            form = seen.most_common(1)[0][0]
        elif use_common and word.lower() in common:
            form = word.lower()
        elif capitalise and kind == "loud" and len(word) > 4 and word.isupper():
            form = word.capitalize()
        else:
            return word
        if len(form) != len(word) or (kind == "title" and not form[:1].islower()):
            return word  # in Title Case, only words written in lowercase lose their capital
        if m.start() == 0 or _SENTENCE_START.search(line, 0, m.start()):
            return form[:1].upper() + form[1:]  # the headline's first word keeps its capital
        return form

    return _WORD.sub(fix, line)
