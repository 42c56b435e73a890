"""Figures written in forms the number finder does not see as one: rates, heights, 'less than a mile'."""

from __future__ import annotations

import re
from typing import Final, Literal, NamedTuple

from corroborate.language.lexicon import words
from corroborate.language.numbers import (
    FRACTIONS,
    ORDINAL_FRACTIONS,
    SMALL,
    WORD_NUMBER,
    split_words,
    words_value,
)
from corroborate.language.units import TIME_UNITS
from corroborate.model import Span

_SMALL_WORD: Final = "|".join(sorted(SMALL, key=len, reverse=True))
# "one in four voters", "about 1 in 3": a rate, a/b.
_RATE: Final = re.compile(
    rf"\b(?P<a>one|two|three|[1-9])\s+in\s+(?P<b>\d{{1,4}}(?:,\d{{3}})?|{_SMALL_WORD})\b(?!\s*(?:years?|days?|weeks?|months?|%))",
    re.IGNORECASE,
)
# "5-foot-11", "6 foot 2": a height in feet and inches.
_HEIGHT: Final = re.compile(r"\b(?P<ft>[4-7])[- ]foot[- ](?P<inch>\d{1,2})\b(?![-\d])")
_SINGULAR: Final = {
    "mile": "miles",
    "year": "years",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "minute": "minutes",
    "decade": "decades",
    "kilometre": "km",
    "kilometer": "km",
    "metre": "metre",
    "meter": "metre",
    "foot": "foot",
    "inch": "inch",
    "kilo": "kg",
    "kilogram": "kg",
    "ton": "tons",
    "tonne": "tonnes",
    "litre": "litre",
    "liter": "litre",
    "yard": "yard",
}
# "less than a mile", "almost a year", "about an hour": one of a unit, with a bound.
_ONE_UNIT: Final = re.compile(
    r"\b(?:less than|more than|nearly|almost|about|around|roughly|just over|just under|over|under|within"
    r"|up to|at least|at most|close to|barely|only)\s+(?P<a>an?)\s+(?P<unit>"
    + "|".join(_SINGULAR)
    + r")\b(?![-\s]*(?:old|long|ago)\b)",
    re.IGNORECASE,
)


class Form(NamedTuple):
    start: int
    end: int
    value: float
    unit: str | None


def _number(word: str) -> float:
    low = word.lower().replace(",", "")
    return float(SMALL[low]) if low in SMALL else float(low)


def special_forms(text: str, sentence: Span) -> list[Form]:
    """Rates, heights and 'a <unit>' figures of a sentence, each with its span."""
    out: list[Form] = []
    low = text[sentence.start : sentence.end].lower()
    rates = _RATE.finditer(text, sentence.start, sentence.end) if " in " in low else ()
    for m in rates:
        b = _number(m["b"])
        if b > _number(m["a"]):
            out.append(Form(m.start(), m.end(), _number(m["a"]) / b, None))
    for m in _HEIGHT.finditer(text, sentence.start, sentence.end) if "foot" in low else ():
        if int(m["inch"]) < 12:
            out.append(Form(m.start(), m.end(), 12.0 * int(m["ft"]) + int(m["inch"]), "inch"))
    for m in _ONE_UNIT.finditer(text, sentence.start, sentence.end):
        out.append(Form(m.start("a"), m.end("unit"), 1.0, _SINGULAR[m["unit"].lower()]))
    return out


def over_is_during(text: str, at: int, unit: str | None, sentence: Span) -> bool:
    """'cut $55 billion over six years', 'Over five years, ...': 'over' a duration is 'during' it."""
    if unit not in TIME_UNITS or text[at : at + 4].lower() != "over":
        return False
    before = re.search(r"(\w+)\W*$", text[max(sentence.start, at - 20) : at])
    return before is None or before.group(1).lower() not in _OVER_MEANS_MORE


_OVER_MEANS_MORE: Final = words("for lasted last lasting took take taking spent in after of than within")
HYPHEN_UNITS: Final = {
    **_SINGULAR,
    "point": "points",
    "square-foot": "square foot",
    "degree": "degree",
    "degrees": "degree",
    "dollar": "USD",
    "euro": "EUR",
    "magnitude": "magnitude",
}
HYPHEN_UNIT: Final = re.compile(
    r"-(?P<unit>" + "|".join(sorted(HYPHEN_UNITS, key=len, reverse=True)) + r")"
    r"(?:(?![\w-])|(?=-(?:wide|long|high|tall|deep|thick|tall)\b))",  # "a 2-meter-wide crater"
    re.IGNORECASE,
)
_MONEY_OF: Final = re.compile(r"\s+of\s+(?P<money>dollars|euros|pounds|yen|rupees)\b", re.IGNORECASE)
_MONEY_CODES: Final = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY", "rupees": "INR"}


def money_of(text: str, end: int) -> str | None:
    """'millions of dollars': the currency of a vague amount."""
    m = _MONEY_OF.match(text, end)
    return _MONEY_CODES[m["money"].lower()] if m else None


_UP: Final = (
    r"rose|rise|rises|rising|risen|increased?|increases|increasing|grew|grow|grows|growing|gained|gains"
    r"|jumped|jumps|climbed|climbs|soared|surged|up|higher|boosted|raised"
)
_DOWN: Final = (
    r"fell|fall|falls|falling|fallen|dropped|drops|declined?|declines|decreased?|decreases|shrank|shrunk"
    r"|slipped|slid|plunged|plummeted|tumbled|sank|down|lower|cut|cuts|reduced"
)
# "rose by 0.8%", "down 16 percent", "cut aid to the poor by $55 billion": the figure is a change.
_CHANGE_BEFORE: Final = re.compile(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b(?:\s+by|(?:\s+[\w'’-]+){{0,6}}?\s+by)?\s+$", re.IGNORECASE
)
_CHANGE_AFTER: Final = re.compile(
    r"\s+(?:(?P<up>bump|increase|rise|gain|jump|hike|boost|growth)|(?P<down>drop|decline|cut|fall|decrease|loss))\b",
    re.IGNORECASE,
)


_PARTICLE: Final = re.compile(
    r"\b(?:freed|set|picked|signed|shut|turned|gave|backed|stood|sat|broke|called|looked|showed|handed|lined"
    r"|teamed|opened|cracked|summed|wrapped|locked|paid|shook|stepped|came|put|made|stayed)\s+$",
    re.IGNORECASE,
)


def change_of(text: str, start: int, end: int, sentence: Span) -> Literal["up", "down"] | None:
    """'up' or 'down' when the figure text[start:end] states a change, else None."""
    m = _CHANGE_BEFORE.search(text, max(sentence.start, start - 60), start)
    if m is not None and _PARTICLE.search(text, max(sentence.start, m.start() - 12), m.start()):
        m = None  # "freed up $26 million", "turned down": a phrasal verb, no change
    if m is None and re.search(r"\b(?:a|an)\s+$", text[max(sentence.start, start - 4) : start]):
        m = _CHANGE_AFTER.match(text, end, sentence.end)  # "a 10% bump"
    if m is None:
        return None
    return "up" if m["up"] else "down"


_MONEY_WORDS: Final = {
    "yen": "JPY",
    "rupees": "INR",
    "rupee": "INR",
    "francs": "CHF",
    "pesos": "MXN",
    "roubles": "RUB",
    "rubles": "RUB",
    "lira": "TRY",
    "rand": "ZAR",
    "naira": "NGN",
    "shekels": "ILS",
}
# "40C (104F)", "-5°C": a temperature written onto its number; "1.5 trillion yen": money in words.
OTHER_UNIT: Final = re.compile(
    r"(?:(?P<deg>°\s?)?(?P<temp>[CF])\b(?!\.\w)|\s+(?P<money>" + "|".join(_MONEY_WORDS) + r")\b)"
)


def other_unit(m: re.Match[str]) -> str:
    if m["temp"]:
        return "celsius" if m["temp"] == "C" else "fahrenheit"
    return _MONEY_WORDS[m["money"]]


def word_numbers(text: str, sentence: Span) -> list[tuple[int, int]]:
    """Spans of numbers in words; a run that holds two ('two and four', 'eight one-day') gives both."""
    out: list[tuple[int, int]] = []
    for m in WORD_NUMBER.finditer(text, sentence.start, sentence.end):
        if words_value(m.group(0)) is not None or (" " not in m.group(0).strip() and "-" not in m.group(0)):
            out.append(m.span())
            continue
        out += [(m.start() + a, m.start() + b) for a, b in split_words(m.group(0))]
    return out


def lone_fraction(text: str, start: int, end: int, sentence: Span) -> bool:
    """'third place', 'the fifth': a fraction word alone is a fraction only before 'of' (or after a bound)."""
    words = [w for w in re.split(r"[\s-]+", text[start:end].lower()) if w]
    prefix = words[0] in ("a", "an", "one") and len(words) > 1
    rest = words[1:] if prefix else words
    if len(rest) != 1 or rest[0] not in FRACTIONS:
        return False
    of = text[end : end + 4] == " of "
    if rest[0] in ORDINAL_FRACTIONS:
        return not (prefix and (of or "-" in text[start:end]))
    bound = re.search(
        r"\b(?:than|nearly|almost|about|around|roughly|over|under)\s+$", text[max(0, start - 12) : start]
    )
    half_the = rest[0] == "half" and re.match(r"\s+(?:the|its|their|his|her|our|all)\b", text[end : end + 7])
    return not (of or bound or half_the)


def word_as_name(text: str, start: int, sentence: Span) -> bool:
    """'USA TODAY's One Nation', 'Radio Four': a capitalised number word inside a sentence is a name."""
    if not text[start].isupper() or start == sentence.start:
        return False
    if re.search(r"[\"“‘'(:—–-]\s*$", text[max(sentence.start, start - 3) : start]):
        return False
    words = re.findall(r"[A-Za-z][\w'’]*", text[sentence.start : sentence.end])
    capitals: int = sum(w[0].isupper() for w in words)
    return capitals * 2 < len(words)  # not a headline in title case
