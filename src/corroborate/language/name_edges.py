"""The edges of a name the model found: what belongs to it and what does not.

- An honorific is no part of the name but says it is a person: "Ms. Merkel" is Merkel, a person,
  even where the model read the capitals as a place. So is a title cut short ("Rep. T.J. Varga").
- A sentence's opening conjunction or adverb is no part of it: "Plus Obama", "Also Pelosi".
- A generation is part of it: "Donald Trump Jr." is not his father, "Trump Jr." is the son.
- A hyphen joins one name: the tokenizer keeps "Mercedes-Benz" and "Rolls-Royce" whole, as the
  CoNLL training text writes them, so the model does not read two people in a company.
"""

from __future__ import annotations

import re
from typing import Any, Final

from corroborate.language.lexicon import MONTHS, WEEKDAYS, words

HONORIFICS: Final = words("mr mrs ms mx dr prof sir dame messrs mme mlle")  # not "Miss": "Miss Universe"
GENERATIONS: Final = words("jr sr ii iii iv")
# Titles abbreviated with a period ("Rep. T.J. Varga", "Gen. Ada Holm"): no part of the name, and a person.
TITLE_ABBREVIATIONS: Final = words("rep sen gov gen col lt sgt capt adm rev cmdr maj supt insp det cpl pvt")
_OPENERS: Final = frozenset(
    w.capitalize()
    for w in words(
        "plus also but and yet still meanwhile however then now instead indeed besides moreover furthermore "
        "thus hence later earlier today yesterday tonight when while after before since although though "
        "because if or nor only even just despite amid why how what whether unlike"
    )
)
_SMALL: Final = words("a an the and but or nor for of in on at to by with from as vs via per 's n't")
_GENERATION_AFTER: Final = re.compile(r",?\s(?:(?:Jr|Sr)\.?|(?:II|III|IV)\b)")
_WORD: Final = re.compile(r"\S+")


def _bare(word: str) -> str:
    return word.rstrip(".").lower()


def trim(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The name's span without honorifics or an opening conjunction, with its generation;
    and whether an honorific or a generation said it is a person. (start, start, ...) when nothing is left."""
    person = False
    while True:
        first = _WORD.match(text, start, end)
        if first is None:
            return start, start, person
        word = first.group(0)
        rest = text[first.end() : end].lstrip()
        if (_bare(word) in HONORIFICS and word[:1].isupper()) or (
            word.endswith(".")
            and _bare(word) in TITLE_ABBREVIATIONS
            and word[:1].isupper()
            and rest[:1].isupper()
        ):
            person = True
        elif word.rstrip(",") in _OPENERS and not rest:
            return start, start, person  # "Plus, Clinton arrived": the opener alone
        elif not (word in _OPENERS and rest[:1].isupper()):
            break
        if not rest:
            return start, start, person
        start = end - len(rest)
    m = _GENERATION_AFTER.match(text, end)
    last = text[start:end].split()
    if m is not None and _bare(last[-1]) not in GENERATIONS:
        end, person = m.end(), True  # "Trump Jr.": a generation names a person, whatever the model read
    elif len(last) > 1 and _bare(last[-1]) in GENERATIONS:
        person = True  # the model's own span holds the generation ("Marten Vosk Jr." read as a company)
    return start, end, person


_TITLE_BEFORE: Final = re.compile(
    rf"(?<![\w.])(?:{'|'.join(w.capitalize() for w in sorted(HONORIFICS | TITLE_ABBREVIATIONS))})\.?\s+$"
)


def after_title(text: str, start: int) -> bool:
    """Whether an honorific or a short title stands right before `start` ("Rep. T.J. Varga"): a person."""
    return _TITLE_BEFORE.search(text, max(0, start - 8), start) is not None


def split_name(name: str) -> tuple[list[str], str]:
    """A person's name words without a generation, and the generation ('' when none)."""
    parts = name.replace(",", " ").split()
    if len(parts) > 1 and _bare(parts[-1]) in GENERATIONS:
        return parts[:-1], _bare(parts[-1])
    return parts, ""


def title_case(word: str, first: bool) -> str:
    """A word as a Title Case headline writes it: small words stay lowercase, capitals stay."""
    if not word[:1].isalpha() or (not first and word.lower() in _SMALL) or word.isupper():
        return word
    return word[:1].upper() + word[1:]


def keep_hyphens(nlp: Any) -> None:
    """The tokenizer without splitting at a hyphen between letters ("Mercedes-Benz"); dashes still split."""
    from spacy.util import compile_infix_regex

    infixes = [p.replace(_DASHES, "(?:---|--|–|—|——|~)") for p in nlp.Defaults.infixes]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


_DASHES: Final = "(?:-|–|—|--|---|——|~)"  # spaCy's hyphens between letters: '(?<=[{a}])(?:{h})(?=[{a}])'


# A page's timestamp ("Updated: 7:35 AM ET", "Posted 10:30 BST") around a headline or byline:
# the model reads its clock words and labels as organisations ("AM", "BST", "Updated").
_CLOCK_WORDS: Final = frozenset(
    {"am", "pm", "a.m.", "p.m.", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt"}
    | {"pt", "pst", "pdt", "gmt", "utc", "bst", "ist", "cet", "cest"}
)
_STAMP_LABELS: Final = frozenset({"updated", "posted", "published", "modified", "filed"})
_STAMP_OPENERS: Final = frozenset({"last", "first"})
_DAY_ABBR: Final = frozenset(w[:3] for w in WEEKDAYS) | frozenset(m[:3] for m in MONTHS)
# What stands before a clock word of a timestamp: a time ("8:24", "1:00pm", "11 a. m.", "1100 hrs").
_TIME_BEFORE: Final = re.compile(r"(?:\d\s*[:.]?|(?:\d|\b)[ap]\.?\s?m\.?|\bhrs?\.?|\d\s*\()\s*$", re.I)


def without_timestamp(text: str, start: int, end: int) -> tuple[int, int]:
    """The name without the clock words or timestamp labels at its edges; (start, start) if nothing is left.

    A clock word only goes where a time stands before it ("8:24 AM PDT"), so "ET Canada"
    or a lone "IST" are left to the model.
    """
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]

    def key(k: int) -> str:
        return re.sub(r"[^\w.]+$", "", text[words[k][0] : words[k][1]].lower())

    def clock(k: int) -> bool:
        if key(k) not in _CLOCK_WORDS:
            return False
        after_clock = k > 0 and key(k - 1) in _CLOCK_WORDS
        return after_clock or _TIME_BEFORE.search(text, max(0, words[k][0] - 12), words[k][0]) is not None

    i, j = 0, len(words)
    while i < j:
        if clock(i) or key(i) in _STAMP_LABELS:
            i += 1
        elif key(i) in _STAMP_OPENERS and i + 1 < j and key(i + 1) in _STAMP_LABELS:
            i += 2
        else:
            break
    while j > i and clock(j - 1):
        j -= 1
    if i == j or (i > 0 and j - i == 1 and key(i).rstrip(".") in _DAY_ABBR):
        return start, start  # only a timestamp ("Updated Thu")
    return words[i][0], words[j - 1][1]
