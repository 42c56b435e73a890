"""Figures: reported quantities with their bound, unit, what is counted, who states them and as of when.

Dates, times of day, years, ages, ordinals and numbers inside names are not
figures. Durations ('about 30 years', 'less than 24 hours') are figures with a
time unit and nothing counted; '30 years ago' is a time expression only.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from corroborate.language.counted import counted_after, where_counted
from corroborate.language.figure_filter import Candidate, features, keep_candidates, shipped_model
from corroborate.language.figure_forms import (
    HYPHEN_UNIT,
    HYPHEN_UNITS,
    OTHER_UNIT,
    change_of,
    lone_fraction,
    money_of,
    other_unit,
    over_is_during,
    special_forms,
    word_as_name,
    word_numbers,
)
from corroborate.language.figure_sources import attribution, carry_poll_sources
from corroborate.language.not_figures import why_not_a_figure
from corroborate.language.numbers import (
    ANY_NUMBER,
    DIGIT_NUMBER,
    SCALES,
    SHORT_SCALES,
    digits_value,
    words_value,
)
from corroborate.language.units import CURRENCY_PREFIX, TIME_UNITS, UNITS
from corroborate.model import Figure, FigureBound, Mention, Quote, Span, TimeExpression
from corroborate.text.dates import MONTH_PATTERN

_BOUNDS: Final[list[tuple[str, FigureBound]]] = [
    (r"no more than|not more than|at most|up to|as many as|a maximum(?: of)?|within", "at_most"),
    (r"at least|no fewer than|no less than|a minimum of", "at_least"),
    (
        r"(?:just |well |slightly )?(?:more than|more that|over|above|upwards of|in excess of|exceeding)",
        "more_than",
    ),
    (r"(?:just |slightly )?(?:less than|fewer than|under|below)", "less_than"),
    (
        r"roughly|about|around|some|nearly|almost|approximately|approx\.|an estimated|estimated|close to"
        r"|circa|c\.",
        "approximate",
    ),
]
_BOUND_RE: Final = [(re.compile(rf"\b(?:{p})\s+$", re.IGNORECASE), b) for p, b in _BOUNDS]
_MONTH: Final = MONTH_PATTERN
# "one man", "one of the best": a count of one when a noun or "of" follows; not "one another", "one day".
_ONE_COUNTS: Final = re.compile(
    r"(?:\s+(?:or\s+more\b|(?!(?:another|day|way|or|and|thing|time|across|in|on|at|from|with|to|for|that|who|which"
    r"|is|was|has|had|will|would|can|could|point|need|needs|must|should|may|might|does|did|said|says|offered"
    r"|[a-z]+ly)\b)(?:of\b|[A-Za-z][a-z]{2,})))|-(?:year|hour|day|week|month|minute|mile|foot|point)\b"
)
# "Article 33 affirms": a name and its number opening a sentence.
_NAME_NUMBER: Final = re.compile(
    r"(?:Article|Section|Chapter|Resolution|Route|Highway|Flight|Room|Number|Ward|District|Amendment|Title"
    r"|Proposition|Prop|Channel|Level|Phase|Stage|Gate|Terminal|Platform|Exit|Interstate|Apollo)[ -]$"
)
_DATE_AROUND: Final = re.compile(rf"(?:\b(?:{_MONTH})\s+$)|(?:^\s+(?:{_MONTH})\b)")
_UNIT_RE: Final = re.compile(
    r"\s*(?P<unit>%|"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if u != "%")
    + r")(?!\w)",
)
_UNIT_KEYS: Final = {u.lower(): code for u, code in UNITS.items()}
_SCALE_RE: Final = re.compile(
    r"[\s-]*(?P<scale>" + "|".join(sorted([*SCALES, *SHORT_SCALES], key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_NOT_FIGURE_AFTER: Final = re.compile(
    # "76ers", "49ers": a team's name, not a count.
    r"(?:st|nd|rd|th|ers)\b|\s*(?::\d|[ap]\.?m\b|GMT|UTC|hrs\b|o'clock)|[\s-](?:year|month|week|day)s?-old|\s+years?\s+old\b|\s*/",
    re.IGNORECASE,
)
HARD: Final = "hard"  # a rule no learnt filter overrides
_NOT_FIGURE_BEFORE: Final = re.compile(r"(?:\baged?|\bNo\.|#|/|\bno\.)\s*$", re.IGNORECASE)
_RANGE_RE: Final = re.compile(
    # "between 15kHz and 17kHz", "$62 to $68": a unit or currency sign may repeat on each end.
    r"(?:\bbetween\s+[$€£]?)?(?P<a>NUM)(?:[a-zA-Z]{1,4}\b)?\s*(?:-|–|to|and)\s*[$€£]?(?P<b>NUM)".replace(
        "NUM", r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    ),
    re.IGNORECASE,
)

# "won 6-4, 4-6, 6-1": a run of small pairs joined by commas is a tennis or volleyball score by sets.
_SET_SCORE_BEFORE: Final = re.compile(r"\b\d{1,2}-\d{1,2},\s*$")
_SET_SCORE_AFTER: Final = re.compile(r"(?<=\d)(?<!\d\d\d),\s*\d{1,2}-\d{1,2}\b")

# "thousands of residents", "tens of millions of dollars": a plural scale word is from one to ten of it;
# with its multiplier it needs no "of" after it ("Tens of thousands have died").
_VAGUE_RE: Final = re.compile(
    r"\b(?:(?P<mult>tens|hundreds)\s+of\s+)?(?P<scale>dozens|hundreds|thousands|millions|billions)"
    r"(?(mult)\b|(?=\s+of\b))",
    re.IGNORECASE,
)
_VAGUE_MULT: Final = {"tens": 10.0, "hundreds": 100.0}
_VAGUE_SCALES: Final = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    value: float
    high: float | None = None
    bound: FigureBound = "exact"
    unit: str | None = None
    counted: str | None = None
    of_figure: int | None = None
    rule: str | None = None  # the kind of non-figure a rule reads it as; the learnt filter decides


def _cores(text: str, sentence: Span) -> list[tuple[int, int, float, str | None]]:
    """Number cores in a sentence (no bound, unit or scale yet): start, end, value, a rule's kind."""
    out: list[tuple[int, int, float, str | None]] = []
    for m in DIGIT_NUMBER.finditer(text, sentence.start, sentence.end):
        raw = m.group(0)
        after = text[m.end() : m.end() + 16].lower()
        # "100.000 residents": a dot before three digits groups thousands unless a scale or unit follows.
        grouped = "." in raw and not re.match(
            r"\s*(?:%|per|million|billion|bn|mln|km|kg|degrees|points)", after
        )
        grouped = grouped and text[max(0, m.start() - 1) : m.start()] not in CURRENCY_PREFIX and raw[0] != "0"
        out.append((m.start(), m.end(), digits_value(raw, grouped), None))
    for start, end in word_numbers(text, sentence):
        value = words_value(text[start:end])
        low = text[start:end].lower()
        if re.search(r"\d[\s-]*$", text[max(0, start - 3) : start]):
            continue  # the scale of "1.2 million", taken with its digits
        if value is None or low in ("a", "an") or (low.startswith(("one ", "an ")) and value == 1):
            continue
        before_one = text[max(sentence.start, start - 8) : start].lower()
        rule = None
        if low == "one" and (
            not _ONE_COUNTS.match(text, end)
            or re.search(r"\b(?:no|every|any|some|this|that|the|each|which|someone)\s+$", before_one)
        ):
            rule = "one-word"  # "no one", "one another", "the one who": a pronoun, not a count
        elif lone_fraction(text, start, end, sentence):
            rule = "fraction-word"
        elif word_as_name(text, start, sentence):
            rule = "word-name"
        out.append((start, end, value, rule))
    return out


_WEIGHT: Final = re.compile(
    r"\b(?:weighs?|weighed|weighing|listed at|lbs?|kg|kilos?)\b|-foot-\d", re.IGNORECASE
)


def _excluded(
    text: str,
    start: int,
    end: int,
    sentence: Span,
    blocked: tuple[list[tuple[int, int]], list[tuple[int, int]]],
) -> str | None:
    """Why it is no figure: HARD for a time, a date, a year, an ordinal; else a rule's kind, or None."""
    raw = text[start:end]
    if _NOT_FIGURE_AFTER.match(text, end) or _NOT_FIGURE_BEFORE.search(
        text, max(sentence.start, start - 6), start
    ):
        return HARD
    if _DATE_AROUND.search(text[max(sentence.start, start - 11) : start]) or _DATE_AROUND.match(
        text[end : end + 11]
    ):
        return HARD  # "Oct. 31", "1 September": a date
    years = re.findall(r"\d+", raw)
    if len(years) == 2 and all(re.fullmatch(r"1\d\d\d|20\d\d", y) for y in years):
        return HARD  # "between 1600 and 1900": a period
    if re.fullmatch(r"(?:1[89]|20)\d\d", raw) and not re.match(
        r"\s*(?:%|percent|people|residents)", text[end:]
    ):
        return HARD  # a year on its own
    if any(s < end and start < e for s, e in blocked[0]):
        return HARD  # inside a time expression
    why = why_not_a_figure(text, start, end, sentence.start, sentence.end)
    if why is not None:
        return why
    if any(s < end and start < e for s, e in blocked[1]):
        return "mention"  # inside a name
    if _NAME_NUMBER.search(text, max(sentence.start, start - 12), start):
        return "name-number"
    before = re.search(r"([A-Z][\w-]*)[ -]$", text[max(sentence.start, start - 30) : start])
    if not re.match(r"\d|[A-Z]", raw):
        before = None  # "CBS three decades after": a number in words after a name is no part of it
    if before is not None and start - len(before.group(0)) > sentence.start:
        word = before.group(1)
        measured = re.match(r"\s*(?:%|percent|per cent|points?\b|percentage)", text[end : end + 12])
        if word.lower() not in ("some", "about", "over", "nearly", "around", "roughly", "under", "almost"):
            return None if measured else "name-before"  # "Boeing 737", not "Ted Cruz 16 points ahead"
    return None


def _extend(text: str, hit: _Hit, sentence: Span) -> None:
    """Grow a core over its scale, currency, unit and bound words."""
    scale = _SCALE_RE.match(text, hit.end, sentence.end)
    attached = scale is not None and scale.start() == hit.end  # "25k", "1.7bn": written onto the number
    money = text[max(0, hit.start - 1)] in "$€£"
    if scale and scale.group("scale") == "m" and not money:
        scale, hit.unit = None, "metre"  # "a 500m journey": metres, not millions
        hit.end += 1
    if scale and (scale.group("scale").lower() in SCALES or money or attached):
        factor = {**SCALES, **SHORT_SCALES}[scale.group("scale").lower()]
        hit.value = float(f"{hit.value * factor:.12g}")  # "£4.1m" is 4100000, not 4099999.9999999995
        hit.high = float(f"{hit.high * factor:.12g}") if hit.high is not None else None
        hit.end = scale.end()
    prefix = re.search(r"(US\$|[$€£¥])\s*$", text[max(sentence.start, hit.start - 3) : hit.start])
    between = re.match(r"between\s+(US\$|[$€£¥])", text[hit.start : hit.end], re.IGNORECASE)
    if between:  # "between $62 and $68": the sign sits inside the range's span
        hit.unit = CURRENCY_PREFIX[between.group(1)]
    if prefix:
        hit.unit = CURRENCY_PREFIX[prefix.group(1)]
        hit.start -= len(prefix.group(0))
    plus = re.match(r"-?plus\b", text[hit.end : hit.end + 5])
    if plus:  # "100,000-plus subscribers", "35-plus hours"
        hit.bound, hit.end = "more_than", hit.end + plus.end()
    hyphen = HYPHEN_UNIT.match(text, hit.end, sentence.end)
    unit = _UNIT_RE.match(text, hit.end, sentence.end)
    other = OTHER_UNIT.match(text, hit.end, sentence.end)
    if hyphen and hit.unit is None:  # "a 12-year run", "a 5,125-square-foot space"
        hit.unit, hit.end = HYPHEN_UNITS[hyphen.group("unit").lower()], hyphen.end()
    elif other and hit.unit is None:  # "40C", "1.5 trillion yen"
        hit.unit, hit.end = other_unit(other), other.end()
    elif unit and hit.unit is None:
        hit.unit = UNITS.get(unit.group("unit"), _UNIT_KEYS.get(unit.group("unit").lower()))
        if hit.unit not in ("people",):
            hit.end = unit.end()
    minus = text[max(sentence.start, hit.start - 2) : hit.start]
    if hit.unit in ("celsius", "fahrenheit", "percent") and re.fullmatch(r"(?:^|[\s(])?[-−]", minus):
        hit.value, hit.start = -hit.value, hit.start - 1  # "-5°C", "(-0.3%)"
    if hit.bound == "exact":
        for pattern, bound in _BOUND_RE:
            m = pattern.search(text, max(sentence.start, hit.start - 30), hit.start)
            if m and not over_is_during(text, m.start(), hit.unit, sentence):
                hit.bound, hit.start = bound, m.start()
                break
    tail = re.match(r"\s+or (?:(?P<more>more)|less|fewer)\b", text[hit.end : hit.end + 12])
    if hit.bound == "exact" and tail:  # "one or more journalists", "10 years or less"
        hit.bound = "at_least" if tail["more"] else "at_most"
        hit.end += tail.end()
    so = re.match(r"(?:-|\s+)or[-\s]so\b", text[hit.end : hit.end + 8])
    if so and hit.bound == "exact":  # "a dozen-or-so locals"
        hit.bound, hit.end = "approximate", hit.end + so.end()
    if hit.unit is None and re.match(r"\s+pounds\b", text[hit.end : hit.end + 8]):
        clause = re.split(r"[,;]", text[max(sentence.start, hit.start - 40) : hit.start])[-1]
        weight = _WEIGHT.search(clause) and not re.search(r"(?:illion|thousand)$", text[hit.start : hit.end])
        hit.unit = "pound" if weight else "GBP"
        hit.end += len(re.match(r"\s+pounds", text[hit.end :]).group(0))  # type: ignore[union-attr]


def _word_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    """'four to ten years', 'two-three': two numbers in words joined by 'to' or a dash are one range."""
    out: list[_Hit] = []
    for hit in hits:
        last = out[-1] if out else None
        if (
            last is not None
            and last.rule is None
            and hit.rule is None
            and last.high is None
            and hit.high is None
            and last.value < hit.value
            and (
                re.fullmatch(r"\s+to\s+|\s*[-–]\s*", text[last.end : hit.start])
                or (
                    text[last.end : hit.start] == " and "
                    and re.search(r"\bbetween\s+$", text[max(0, last.start - 8) : last.start], re.I)
                )
            )
            and re.search(r"[a-z]", text[last.start : hit.end].lower())
            and text[hit.start : hit.end].lower() not in SCALES
            and not re.search(r"\bfrom\s+$", text[max(0, last.start - 6) : last.start], re.IGNORECASE)
        ):
            out[-1] = _Hit(last.start, hit.end, last.value, hit.value, "range")
            continue
        out.append(hit)
    return out


def find_figures(
    text: str,
    sentences: Sequence[Span],
    quotes: Sequence[Quote],
    times: Sequence[TimeExpression],
    mentions: Sequence[Mention],
) -> list[Figure]:
    """The figures of a text: the candidates the learnt filter (or, without it, the rules) keeps."""
    model = shipped_model()
    figures = keep_candidates(
        figure_candidates(text, sentences, quotes, times, mentions, model is not None), model
    )
    return carry_poll_sources(text, sentences, figures, mentions)


def figure_candidates(
    text: str,
    sentences: Sequence[Span],
    quotes: Sequence[Quote],
    times: Sequence[TimeExpression],
    mentions: Sequence[Mention],
    with_features: bool = True,
) -> list[Candidate]:
    """Every number that may be a figure, read whole, with the rule's kind (and the filter's features)."""
    blocked = ([(t.start, t.end) for t in times], [(m.start, m.end) for m in mentions])
    figures: list[Candidate] = []
    named: set[str] = set()  # numbers that stand in a name somewhere in the text ("a Boeing 757")
    for sentence in sentences:
        if not ANY_NUMBER.search(text, sentence.start, sentence.end):
            continue
        hits: list[_Hit] = []
        taken: list[tuple[int, int]] = []
        for m in _RANGE_RE.finditer(text, sentence.start, sentence.end):
            if m.group(0).lower().startswith("between") or "and" not in m.group(0).lower():
                a, b = m.span("a"), m.span("b")
                if _excluded(text, a[0], b[1], sentence, blocked) is not None:
                    taken.append(m.span())  # "between 1600 and 1900": neither end is a figure either
                    continue
                low, high = float(m["a"].replace(",", "")), float(m["b"].replace(",", ""))
                if _SET_SCORE_BEFORE.search(text, max(sentence.start, m.start() - 8), m.start()) or (
                    _SET_SCORE_AFTER.match(text, m.end(), sentence.end)
                ):
                    taken.append(m.span())  # "6-4, 4-6, 6-1": the games of each set, a score
                    continue
                if high > low:
                    hits.append(_Hit(m.start(), m.end(), low, high, "range"))
                    taken.append(m.span())
                elif re.fullmatch(r"\d+-\d+", m.group(0)):
                    taken.append(m.span())  # "2-0", "ISO 3888-2": a score or a code, not two figures
        for form in special_forms(text, sentence):
            if not any(s < form.end and form.start < e for s, e in taken):
                hits.append(_Hit(form.start, form.end, form.value, unit=form.unit))
                taken.append((form.start, form.end))
        for m in _VAGUE_RE.finditer(text, sentence.start, sentence.end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            low = _VAGUE_SCALES[m["scale"].lower()] * (_VAGUE_MULT[m["mult"].lower()] if m["mult"] else 1)
            hits.append(_Hit(m.start(), m.end(), low, low * 10, "range", unit=money_of(text, m.end())))
            taken.append(m.span())
        for start, end, value, rule in _cores(text, sentence):
            if any(s <= start < e for s, e in taken):
                continue
            why = _excluded(text, start, end, sentence, blocked)
            if why in _NAME_KINDS and _DIGITS.fullmatch(text[start:end]):
                named.add(text[start:end])
            if why != HARD:
                hits.append(_Hit(start, end, value, rule=rule or why))
        if not with_features:  # no model to judge them: what the rules keep, and "one of" (partitive)
            hits = [h for h in hits if h.rule in (None, "one-of")]
        hits = _word_ranges(text, sorted(hits, key=lambda h: h.start))
        for hit in hits:
            _extend(text, hit, sentence)
            counted, inner = counted_after(text, hit.end, sentence.end, hit.unit)
            if hit.value < 1 and hit.high is None and text[hit.end : hit.end + 4] != " of ":
                counted = None  # "Two-thirds support reducing": a share counts only what it is 'of
            hit.counted = counted
            if inner is not None:
                hit.of_figure = next(
                    (
                        k
                        for k, h in enumerate(hits)
                        if h.start <= inner < h.end or inner <= h.start < inner + 40
                    ),
                    None,
                )
        for first, then in itertools.pairwise(hits):
            # "eight or nine euros", "two or three people": the unit and noun after the last apply to all.
            joined = re.fullmatch(r"\s+(?:or|to|and)\s+", text[first.end : then.start])
            if first.unit is None and first.counted is None and joined:
                first.unit, first.counted = then.unit, then.counted
        for hit in hits:
            if hit.of_figure is not None and hits[hit.of_figure] is not hit:
                hit.counted = hits[hit.of_figure].counted  # "100.000 of ... roughly 120.000 residents"
            if hit.unit in TIME_UNITS or (hit.unit and money_of(text, hit.end)):  # "millions of dollars"
                hit.counted = None
            figure = _figure(text, hit, sentence, (quotes, mentions), times)
            # sibling: another number in the sentence counts something ("12 people were killed, 40 wounded")
            sibling = any(h is not hit and h.rule is None and (h.counted or h.unit) for h in hits)
            feats = features(text, figure, sentence, hit.rule, sibling) if with_features else []
            figures.append(Candidate(figure, hit.rule, feats, text[hit.end : hit.end + 4].lower() == " of "))
    return _bare_names(text, figures, named, with_features)


def _bare_names(text: str, figures: list[Candidate], named: set[str], keep: bool) -> list[Candidate]:
    """'the 757', 'his 757' where the text also says 'a Boeing 757': the same name, not a count.

    A number the rules kept, written as bare digits with no unit and nothing counted, that the
    text names elsewhere after a name is that name again (also with a noun read after it when a
    determiner stands before it: "the 757 costs"); it is dropped (or, for the learnt
    filter, kept as a candidate with the kind "name").
    """
    if not named:
        return figures
    out: list[Candidate] = []
    for c in figures:
        f = c.figure
        owned = _OWNER_BEFORE.search(text, max(0, f.start - 8), f.start)  # "the 757 costs": a name
        if c.rule is None and f.text in named and f.unit is None and (f.counted is None or owned):
            if not keep:
                continue
            c.rule = "name"
        out.append(c)
    return out


_OWNER_BEFORE: Final = re.compile(r"\b(?:the|his|her|its|their|a|this|that)\s+$", re.IGNORECASE)
_NAME_KINDS: Final = frozenset({"name-before", "mention", "name-number"})
_DIGITS: Final = re.compile(r"\d{2,}")  # a model number: "757", not "7"
_Said = tuple[Sequence[Quote], Sequence[Mention]]  # the attributions and names a figure's speaker comes from


def _figure(text: str, hit: _Hit, sentence: Span, said: _Said, times: Sequence[TimeExpression]) -> Figure:
    return Figure(
        start=hit.start,
        end=hit.end,
        text=text[hit.start : hit.end],
        value=hit.value,
        high=hit.high,
        bound=hit.bound,
        unit=hit.unit,
        counted=hit.counted,
        counted_span=where_counted(text, hit.end, hit.counted),
        **attribution(text, hit.start, hit.end, sentence, *said, times),
        change=change_of(text, hit.start, hit.end, sentence),
    )
