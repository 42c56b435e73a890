"""Numbers that are not figures, read from the words around them.

Each rule names a kind of number the figures gold (benchmarks/figures_gold.json,
guideline in benchmarks/language.md) marks as no figure: a person's age, a
point in time given by a duration ("eight years ago", "the past 15 years"),
"one of", a number standing for people already named ("the two became"), a list
marker, an address, a title, a code. The rules are the issue's list of
non-figures, written out; they were checked on three of the five folds of the
gold (see benchmarks/language.md).
"""

from __future__ import annotations

import re
from typing import Final

from corroborate.language.units import UNITS

_TIME_UNIT: Final = (
    r"(?:years?|decades?|months?|weeks?|days?|hours?|minutes?|seconds?|centur(?:y|ies)|summers?|winters?)"
)
# "eight years ago", "Two summers back": the duration gives a point in time.
_AGO: Final = re.compile(rf"\s*(?:-|\s)?{_TIME_UNIT}\s+(?:ago|back|earlier than now)\b", re.IGNORECASE)
# "the past 15 years", "over the next 24 hours", "the first 30 minutes": a stretch of time by where it lies.
_PERIOD_BEFORE: Final = re.compile(
    r"\b(?:the|its|his|her|their)\s+(?:past|last|next|previous|coming|first|final|opening|closing)\s+"
    r"(?:few\s+|several\s+)?(?:[a-z]+\s+(?:or|to)\s+)?$",
    re.IGNORECASE,
)
_UNIT_AFTER: Final = re.compile(rf"(?:\s+(?:or|to)\s+[a-z]+)?\s*(?:-|\s)?{_TIME_UNIT}\b", re.IGNORECASE)
# Ages: "Jim Bennett, 57, told", "aged 17 or 18", "in his early 60s", "voters under 35", "the age of 25".
_NAME_COMMA: Final = re.compile(r"[A-Z][\w.'’-]*,\s*$")
_AGE_AFTER_COMMA: Final = re.compile(r"\s*(?:,|\)|\.\s|\.$|;|\s+of\s+[A-Z])")
_AGE_BEFORE: Final = re.compile(
    r"(?:\baged?\s+(?:\d+\s+(?:or|to|and)\s+)?|\bage\s+of\s+|\bat\s+the\s+age\s+|\bage\s+to\s+"
    r"|\b(?:early|mid|late|mid-)\s*-?|\b(?:voters|men|women|people|those|adults|children|kids|Americans)"
    r"\s+(?:under|over|aged|older\s+than|younger\s+than)\s+|\bthe\s+under-|\bthose\s+)$",
    re.IGNORECASE,
)
_AGE_DECADE: Final = re.compile(r"0s\b")
# "one of the best", "two of the most aggressive": a part of a group, not a count (unless "only one of").
_ONE_OF: Final = re.compile(r"\s+of\b", re.IGNORECASE)
_SUPERLATIVE: Final = re.compile(
    r"\s+of\s+(?:the|its|his|her|their|our|my|your|[A-Z][\w'’-]*['’]s?)\s+(?:\w+\s+){0,2}?"
    r"(?:most|best|worst|biggest|largest|greatest|top|\w+est)\b",
    re.IGNORECASE,
)
_ONLY_BEFORE: Final = re.compile(
    r"\b(?:only|just|exactly|not\s+even|at\s+least|all\s+but)\s+$", re.IGNORECASE
)
# "the two became", "the top four to", "the two of them": the number stands for people named before.
_THE_BEFORE: Final = re.compile(r"\b(?:the|these|those)\s+(?:top\s+|other\s+)?$", re.IGNORECASE)
_PRONOUN_AFTER: Final = re.compile(
    r"\s*(?:[,.;:!?)]|\s+(?:of\s+(?:them|us|you|those)|are|were|is|was|have|had|has|both|became|become|will|would"
    r"|could|can|should|must|may|might|did|do|does|said|say|says|met|to|in|at|on|who|that|which|and|or|post\w*)\b)",
    re.IGNORECASE,
)
_WORD_NUM: Final = re.compile(
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$", re.IGNORECASE
)
# "a stumble or two", "a mold or two": an idiom for a few.
_OR_TWO: Final = re.compile(r"\b(?:a|an)\s+[a-z]+(?:\s+or\s+[a-z]+)*\s+or\s+$", re.IGNORECASE)
# "the second half", "the top half": a part of a game or of a list, no quantity.
_HALF_OF: Final = re.compile(r"\b(?:first|second|top|bottom|lower|upper|other|back|front)\s+$", re.IGNORECASE)
# "900 Grand Concourse", "115 Spring St.": an address; '"13 Hours', "''24,''": a title in quotes.
_ADDRESS: Final = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:St\b|Street|Ave\b|Avenue|Road|Rd\b|Boulevard|Blvd|Concourse|Place|Square"
    r"|Lane|Drive|Way|Plaza)"
)
_QUOTE_BEFORE: Final = re.compile(r"(?:[\"“‘]|'')$")
_TITLE_AFTER: Final = re.compile(r"\s+[A-Z][a-z]+|\s*(?:[,.]?\s*(?:''|[\"”’]))")


# "Illinois went 13-47", "they're 0-6", "won 3-1": a score or a record of wins and losses.
_SCORE_BEFORE: Final = re.compile(
    r"\b(?:went|was|is|are|were|'re|’re|finished|won|lost|beat|beats|defeated|lead|leads|led|trail|trails|trailed"
    r"|score|record|mauled|routed|edged|down|up|(?:fell|improved|moved|dropped|climbed|slipped)\s+to)"
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,2}$",
    re.IGNORECASE,
)
_SCORE_AFTER: Final = re.compile(r"\s+(?:record|win|victory|loss|defeat|lead|season)\b|-\d", re.IGNORECASE)


_MEASURES: Final = frozenset(u.lower() for u in UNITS) | {"million", "billion", "thousand", "percent"}


def _score(text: str, start: int, end: int, lo: int) -> bool:
    if not re.fullmatch(r"\d{1,3}-\d{1,3}", text[start:end]):
        return False
    unit = re.match(r"\s*(%|per\s*cent|[a-zA-Z]+)", text[end : end + 12])
    if unit and (unit.group(1) in UNITS or unit.group(1).lower() in _MEASURES or unit.group(1)[0] == "%"):
        return False  # "5-10% of sales", "is 10-12 km": a range
    return bool(_SCORE_BEFORE.search(text, max(lo, start - 30), start) or _SCORE_AFTER.match(text, end))


# "14-of-21 shots", "two over", "five-under rounds", "a round of 73", "a minus-8": a tally in a game.
_STAT_BEFORE: Final = re.compile(r"(?:\d-of-|\brounds?\s+of\s+|\bminus-?|\bplus-)$", re.IGNORECASE)
_STAT_AFTER: Final = re.compile(
    r"-of-\d|[\s-](?:over|under)(?:[\s-]par)?\b(?!\s+(?:(?:the|a|an)\b|\$|\d))", re.IGNORECASE
)


def _game_stat(text: str, start: int, end: int, lo: int) -> bool:
    if not re.fullmatch(r"\d{1,3}|[A-Za-z]+", text[start:end]):
        return False
    return bool(_STAT_BEFORE.search(text, max(lo, start - 12), start) or _STAT_AFTER.match(text, end))


def _age(text: str, start: int, end: int, lo: int) -> bool:
    first = re.match(r"\d+(?![\d,.])", text[start:end])
    if first is None or len(first.group(0)) > 3 or not 0 < int(first.group(0)) < 120:
        return False
    before = text[max(lo, start - 40) : start]
    if _NAME_COMMA.search(before) and _AGE_AFTER_COMMA.match(text, end):
        return True  # "Palmer, 34, a North Dakota native"
    if _AGE_BEFORE.search(before):
        return True
    return bool(_AGE_DECADE.match(text, end - 1)) and bool(re.search(r"\b(?:his|her|their)\s+$", before))


# "said one former official", "one resident said": 'one' as an indefinite article for a speaker.
_SAID_BEFORE: Final = re.compile(r"\b(?:said|says|told|added|wrote|according\s+to)\s+$", re.IGNORECASE)
_SPEAKER_AFTER: Final = re.compile(
    r"(?:\s+(?!(?:he|she|they|i|we|you|it)\b)[a-z][\w-]*){1,4}?(?:\s*,[^,]{1,60},)?\s+(?:who\s+)?"
    r"(?:said|says|told|added|wrote|explained|recalled)\b"
)


def _one_of(text: str, start: int, end: int, lo: int) -> bool:
    low = text[start:end].lower()
    before = text[max(lo, start - 14) : start]
    if _ONLY_BEFORE.search(before):
        return False
    if low in ("one", "1") and _ONE_OF.match(text, end):
        return True
    if low == "one" and (
        _SAID_BEFORE.search(text, max(lo, start - 16), start) or _SPEAKER_AFTER.match(text, end)
    ):
        return True
    return bool(_SUPERLATIVE.match(text, end))


def _pronoun(text: str, start: int, end: int, lo: int) -> bool:
    if not _WORD_NUM.match(text[start:end]):
        return False
    return bool(_THE_BEFORE.search(text, max(lo, start - 14), start)) and bool(
        _PRONOUN_AFTER.match(text, end)
    )


def _list_marker(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    whole = text[lo:hi].strip()
    if re.fullmatch(r"\(?\d{1,2}[.)]?", whole):
        return True  # a line that is only "7."
    return start == lo and bool(
        re.match(r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten),", text[start : end + 1])
    )


# "the fourth red card in 18 months", "his worst showing in two years": a stretch of time up to now.
_IN_SPAN: Final = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|worst|best|most|highest|lowest|biggest|largest|\w+est|\d+(?:st|nd|rd|th)"
    r"|no|not|never|none)\b[^.;:]{0,60}\bin\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SPAN_UNIT: Final = re.compile(
    rf"(?:\s+(?:or|to)\s+[a-z]+)?\s*(?:-|\s)?(?:{_TIME_UNIT[3:-1]}|seasons?|games?|matches|starts)\b", re.I
)
# "the top five" of them, "the Australian top 20.": a rank.
_TOP: Final = re.compile(r"\btop[ -]$", re.IGNORECASE)
_RANK_AFTER: Final = re.compile(r"\s*(?:$|[.,;:!?\"”’)]|\s+of\b|\s+\w+est\b)")


def _time_point(text: str, start: int, end: int, lo: int) -> bool:
    """'eight years ago', 'the past 15 years', 'the fourth red card in 18 months': time, not a quantity."""
    if _SPAN_UNIT.match(text, end) is None:
        return False  # the cheap test first: a unit of time (or of seasons, games) must follow
    if re.search(r"\bin\s+(?:the\s+)?$", text[max(lo, start - 8) : start]) and _IN_SPAN.search(
        text, max(lo, start - 90), start
    ):
        return True
    if _UNIT_AFTER.match(text, end) is None:
        return False
    return bool(_AGO.match(text, end) or _PERIOD_BEFORE.search(text, max(lo, start - 24), start))


# Issue 18's numbers that count nothing, and labels.
# "a poignant one", "the only one strong enough", "not one he extends": 'one' as a pronoun.
_ONE_AFTER_DETERMINER: Final = re.compile(
    r"\b(?:a|an|the|this|that|which|every|any|another|not|even|nor)\s+"
    r"(?:(?!(?:with|of|for|in|on|to|at|by|from|and|or|as|than|per)\b)[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)
# "One congressman questioned", "One advantage Sanders may have": an indefinite article opening a sentence,
# unless a casualty count follows ("One man was killed").
_OPENING_ONE: Final = re.compile(r"\W*One\s+[a-z]")
_ONE_SPAN: Final = re.compile(
    r"\s+(?:night|day|week|month|year|hour|minute|season|game|time)s?\b"
)  # "One night after"
_CASUALTY: Final = re.compile(
    r"(?:\s+[\w'’-]+){1,4}?\s+(?:(?:was|is|has\s+been|had\s+been|were)\s+)?"
    r"(?:killed|died|dead|injured|wounded|hurt|missing|arrested|detained|hospitali[sz]ed|rescued)\b"
)
# "11 against 11", "one on one": the same number on both sides.
_SAME_AGAINST: Final = re.compile(r"\b(\w+)\s+(?:against|on|versus|vs\.?)\s+(\w+)\b", re.IGNORECASE)
# "with nine seconds left", "with 4:29 remaining": a game clock.
_CLOCK_AFTER: Final = re.compile(r"\s+(?:seconds?|minutes?)\s+(?:left|remaining|to\s+go|to\s+play)\b", re.I)
_TIED_AT: Final = re.compile(
    r"\bti(?:e|ed|es|ing)\s+(?:(?:the|it|the\s+game|the\s+score|things)\s+)?(?:up\s+)?at\s+$", re.I
)
# "the 1 percent", "the 99 percent": a name for a group.
_THE_ONE_PERCENT: Final = re.compile(r"\s*(?:%|percent|per\s+cent)(?!\s+of\b)", re.IGNORECASE)
# "verse 71", "section 8", "Ecode: 17": a label, not a count.
_LABEL_BEFORE: Final = re.compile(
    r"\b(?:verses?|chapters?|sections?|articles?|clauses?|paragraphs?|pages?|level|route|flight|room|gate|platform"
    r"|exit|channel|episodes?|volume|vol\.|no\.|grade|amendment|title|part|phase|stage|category|division|district"
    r"|ward|precinct|highway|interstate|row|seat|code|ecode|error|item|question|rule|step|pier|tier|size|model)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
# "ages 18 to 29", "blacks 30 to 44", "45 and older", "who is 28,": an age.
_AGE_GROUP_BEFORE: Final = re.compile(
    r"\b(?:ages?|(?:voters|men|women|people|adults|children|kids|Americans|blacks|whites|Hispanics|Latinos|students"
    r"|residents|those|aged?)\s+(?:\d{1,2}\s+(?:to|and|through)\s+)?)\s*$|\bwho\s+(?:is|was|turned|turns)\s+$",
    re.IGNORECASE,
)
_WERE_OVER: Final = re.compile(
    r"\b(?:are|were|is|was)\s+(?:over|under|older\s+than|younger\s+than)\s+$", re.I
)
_QUARTER_BEFORE: Final = re.compile(
    r"\b(?:first|second|third|fourth|final|last|next|past|previous|several|few|consecutive|straight|each|every|the)"
    r"\s+(?:fiscal\s+|financial\s+|calendar\s+)?$",
    re.IGNORECASE,
)
_ORDINAL_BEFORE: Final = re.compile(
    r"\b(?:first|second|third|fourth|final|last|next|past|previous)\s+(?:fiscal\s+|financial\s+)?$", re.I
)
_SHARE_OF: Final = re.compile(
    r"\s+of\s+(?:the|a|an|its|their|his|her|all|those|these|them|our|voters|[a-z]+s)\b", re.I
)
_CHANGE_BEFORE: Final = re.compile(
    r"\b(?:by|to|from|rose|up|down|fell|increased?|grew|jumped|over)\s+$", re.I
)
_AND_OLDER: Final = re.compile(
    r"\s+(?:and|or)\s+(?:older|over|up|younger|under|above|below)\b", re.IGNORECASE
)


def counts_nothing(text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """Numbers that count nothing ('not one', 'a poignant one', '11 against 11'), ages of groups
    ('ages 18 to 29', '45 and older') and labels ('verse 71'): their kind, or None."""
    raw = text[start:end]
    low = raw.lower()
    if re.fullmatch(r"\W*(?:[A-Z][\w&-]*\s+){0,3}\[?", text[lo:start]) and re.fullmatch(
        r"\]?\W*", text[end:hi]
    ):
        return "name"  # a line that is a name or a tag: "France 24", "[538]"
    if re.search(r"[A-Za-z]$", text[max(lo, start - 1) : start]) and re.fullmatch(r"\d+-\d+", raw):
        return "code"  # "MP4-23"
    full = raw in ("100", "110") and re.match(r"\s*(?:%|percent|per cent)(?!\s+of\b)", text[end : end + 12])
    if full and not _CHANGE_BEFORE.search(text, max(lo, start - 12), start):
        return "idiom"  # "He is American 100 percent", "110 percent committed"
    if re.search(r"\bGroup\s+of\s+$", text[max(lo, start - 9) : start]):
        return "name"  # "the Group of 8"
    if re.search(r"\d\s+out\s+of\s+$", text[max(lo, start - 12) : start]):
        return "other"  # "8.78 out of ten": the scale of a rating
    if re.search(r"\bthen\s+$", text[max(lo, start - 6) : start]) and re.match(
        r"\s*[,)]", text[end : end + 2]
    ):
        return "age"  # "Mr. Sperling, then 38, said"
    if low == "one" and not text.startswith("-", end):
        if _ONE_AFTER_DETERMINER.search(text, max(lo, start - 30), start):
            return "pronoun"
        opening = _OPENING_ONE.fullmatch(text, lo, start + 5) and not _ONE_SPAN.match(text, end)
        if opening and not _CASUALTY.match(text, end):
            return "indefinite"
    around = _SAME_AGAINST.search(text, max(lo, start - 20), min(hi, end + 20))
    if (
        around
        and around.group(1).lower() == around.group(2).lower()
        and around.start() <= start < around.end()
    ):
        return "idiom"
    if _CLOCK_AFTER.match(text, end) or _TIED_AT.search(text, max(lo, start - 30), start):
        return "score"
    the_before = re.search(r"\bthe\s+$", text[max(lo, start - 5) : start])
    if re.fullmatch(r"1|99", raw) and the_before and _THE_ONE_PERCENT.match(text, end):
        return "idiom"
    if re.fullmatch(r"\d{1,4}", raw) and _LABEL_BEFORE.search(text, max(lo, start - 14), start):
        return "code"
    group = _AGE_GROUP_BEFORE.search(text, max(lo, start - 30), start) or _AND_OLDER.match(text, end)
    over = _WERE_OVER.search(text, max(lo, start - 20), start) and re.match(
        r"\s*(?:[.,;)]|$)", text[end : end + 2]
    )
    if re.fullmatch(r"\d{1,2}(?:\s*(?:to|and|-|through)\s*\d{1,2})?", raw) and (group or over):
        return "age"
    ordinal = _ORDINAL_BEFORE.search(text, max(lo, start - 16), start)
    # "several quarters of losses" is time all the same, and so is "the third quarter of the year"
    share = low == "quarter" and _SHARE_OF.match(text, end) and not ordinal
    quarter = low in ("quarter", "quarters") and not text.startswith("-", end) and not share
    if quarter and _QUARTER_BEFORE.search(text, max(lo, start - 24), start):
        return "time"  # "the fourth quarter of 2007", "several quarters": a part of a year
    if re.match(r"-pointers?\b|-point\s+play|-step\b|-in-[a-z]+\b", text[end : end + 14]):
        return "type"  # "a three-pointer", "the Carolina two-step", "another three-in-three"
    if low == "nine" and re.search(r"\b(?:front|back)\s+$", text[max(lo, start - 6) : start]):
        return "idiom"  # golf's "back nine": holes of a course
    if low == "three" and re.search(
        r"\b(?:hit|hits|made|makes|drained|sank|nailed|buried)\s+a\s+$", text[max(lo, start - 12) : start]
    ):
        return "score"  # "hit a three": a shot
    return None


def why_not_a_figure(text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """The kind of non-figure the number text[start:end] in the sentence text[lo:hi] is, or None."""
    raw = text[start:end]
    if _time_point(text, start, end, lo):
        return "time"
    if _RANK_AFTER.match(text, end) and _TOP.search(text, max(lo, start - 4), start):
        return "rank"
    name = re.match(r"s\b|[A-Z]{2,}\b|[ADEGHJLNPQRSTUVWXYZ]\b", text[end : end + 6])
    if name and re.fullmatch(r"\d+", raw) and name.group(0) not in UNITS:
        return "name"  # "the 67s", "radio 2KY", "5G", "3D"
    if re.fullmatch(r"\d{1,2}", raw) and re.fullmatch(r"\s\(\d+\)", text[start - 2 : end + 1]):
        return "footnote"  # a footnote mark "(2)"
    if re.match(r"\s+for\s+\d", text[end : end + 7]) or re.search(
        r"\d\s+for\s+$", text[max(lo, start - 7) : start]
    ):
        return "score"  # "2 for 8": a success rate in a game
    if _age(text, start, end, lo):
        return "age"
    if _one_of(text, start, end, lo):
        return "one-of"
    if _pronoun(text, start, end, lo):
        return "pronoun"
    if (
        _score(text, start, end, lo)
        or _game_stat(text, start, end, lo)
        or (re.fullmatch(r"\d+", raw) and re.search(r"\d-$", text[max(lo, start - 2) : start]))
    ):
        return "score"  # a score, or the last part of "5-3-1", "3888-2"
    if _list_marker(text, start, end, lo, hi):
        return "enum"
    if raw.lower() == "two" and _OR_TWO.search(text, max(lo, start - 30), start):
        return "idiom"
    if raw.lower() == "half" and _HALF_OF.search(text, max(lo, start - 10), start):
        return "idiom"
    if re.fullmatch(r"\d+", raw) and _ADDRESS.match(text, end):
        return "address"
    if _QUOTE_BEFORE.search(text, max(lo, start - 2), start) and _TITLE_AFTER.match(text, end):
        return "title"
    if re.fullmatch(r"\d*0", raw) and re.match(r"s\b", text[end : end + 2]):
        return "decade"  # "the '90s", "in the 60s": a decade, of years, ages or degrees
    if re.fullmatch(r"\d{10,}", raw):
        return "code"  # a tweet or phone number, an id
    return counts_nothing(text, start, end, lo, hi)


def not_a_figure(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """True when the number text[start:end] in the sentence text[lo:hi] is no figure."""
    return why_not_a_figure(text, start, end, lo, hi) is not None
