"""What a figure counts: the noun phrase after it, after 'of', or after 'the number of'."""

from __future__ import annotations

import re
from typing import Final

from corroborate.language.lexicon import words
from corroborate.model import Span
from corroborate.text.words import DETERMINERS

_FUNCTION: Final = words(
    "of in to from by on at for with and or but as than the a an this that these those who which "
    "whom have has had is are was were be been being will would can could may might must shall "
    "should do does did not no also still already now then there here it they we he she its their "
    "his her more less said says told according per each every all both such what when where while "
    "whose into onto over under about around after before since until during without within between "
    "through against across among some many few most other another only just even already yet again"
)
_VERBS: Final = words(
    "fled left died went came made took saw got fell ran became lost won held met gave sent found "
    "kept paid spent fought killed injured wounded arrived remain remained returned crossed live "
    "lived stay stayed need needed face faced"
)
_DETERMINERS: Final = DETERMINERS
_WORD: Final = re.compile(r"\s*([A-Za-z][\w'’-]*)")
_NUMBER_THE: Final = re.compile(r"\s+the\s+(?:number|total|toll|count|tally)\s+of\s+", re.IGNORECASE)
_OF: Final = re.compile(r"\s+of\s+", re.IGNORECASE)
_RELATIVE: Final = re.compile(
    r"\s+(?:who|that|which)\s+(?:(?:had|have|has|were|was|are|is|been|being|will|would|already)\s+){0,3}"
    r"[a-z]+(?:\s+(?:into|to|from|in|out of|across|through|over))?"
    r"(?:\s+(?:the\s+)?[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)?"
)
_NUMBERISH: Final = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|dozen)\b",
    re.IGNORECASE,
)


def _noun_phrase(text: str, pos: int, end: int, allow_determiner: bool) -> int:
    """End of the noun phrase starting at pos (== pos when there is none)."""
    last = pos
    k = pos
    first = True
    while True:
        m = _WORD.match(text, k, end)
        if m is None:
            break
        word = m.group(1)
        low = word.lower().rstrip("'’")
        if low in _DETERMINERS and first and allow_determiner:
            k = m.end()
            first = False
            continue
        if low in ("other", "more") and first:
            k = m.end()  # "four other nights", "two more days"
            first = False
            continue
        if low in _FUNCTION or low in _VERBS or (low.endswith("ly") and low != "likely"):
            break
        nxt = _WORD.match(text, m.end(), end)
        after = nxt.group(1).lower() if nxt else ""
        if first and low.endswith("ing") and (not after or after in _FUNCTION or after.endswith("ly")):
            break  # "11 million living illegally": a participle, no noun
        if _plural(text[pos:k]) and word.islower() and not low.endswith("s"):
            break  # "young Republicans agree": a plural noun ends the phrase before a verb
        k = m.end()
        # A participle counts inside the phrase ("displaced people"), not at its end ("people killed").
        if not (low.endswith("ed") and not first):
            last = k
        first = False
        if len(text[pos:k].split()) >= 5:
            break
    return last


def _plural(phrase: str) -> bool:
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s"))


def _with_relative(text: str, np_end: int, end: int) -> int:
    m = _RELATIVE.match(text, np_end, end)
    return m.end() if m else np_end


def counted_after(text: str, pos: int, end: int, unit: str | None) -> tuple[str | None, int | None]:
    """(what is counted, or None; position of an inner figure the 'of' phrase points to, or None)."""
    m = _NUMBER_THE.match(text, pos, end)
    if m:
        np_end = _noun_phrase(text, m.end(), end, allow_determiner=False)
        return (
            (_clean(text, m.end(), _with_relative(text, np_end, end)), None)
            if np_end > m.end()
            else (None, None)
        )
    m = _OF.match(text, pos, end)
    if m:
        window = text[m.end() : min(end, m.end() + 40)]
        inner = _NUMBERISH.search(window)
        if (
            inner
            and len(window[: inner.start()].split()) <= 3
            and not re.search(r"[,;.]|\b(?:and|or|but|while|compared|versus|vs)\b", window[: inner.start()])
        ):
            return None, m.end() + inner.start()
        np_end = _noun_phrase(text, m.end(), end, allow_determiner=True)
        return (_clean(text, m.end(), np_end), None) if np_end > m.end() else (None, None)
    if unit is not None and unit != "people":
        return None, None
    np_end = _noun_phrase(text, pos, end, allow_determiner=False)
    if np_end == pos:
        return None, None
    return _clean(text, pos, _with_relative(text, np_end, end)), None


def _clean(text: str, start: int, end: int) -> str | None:
    phrase = re.sub(r"\s+", " ", text[start:end]).strip(" ,.;:")
    return phrase or None


def where_counted(text: str, pos: int, counted: str | None) -> Span | None:
    """Where the counted words stand: the first place after pos that holds them, whitespace aside."""
    if not counted:
        return None
    m = re.compile(r"\s+".join(map(re.escape, counted.split()))).search(text, pos)
    return Span(start=m.start(), end=m.end()) if m else None
