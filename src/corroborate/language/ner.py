"""The trained name recogniser, merged with the rule-based candidates.

A small spaCy model (`corroborate/data/ner/`, built by `make model` from
CoNLL-2003) finds the spans and their type; the rules keep what they know
better: names from the shipped tables (canonical forms, GPE vs NORP),
institutions ("Armenia's government"), titles split off a person ("Prime
Minister Nikol Pashinyan") and roles. When spaCy or the model files are
missing, `model_entities` returns None and the rules work alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

from corroborate.language import gazetteer, headlines, name_edges
from corroborate.language.entities import Candidate
from corroborate.language.lexicon import FACILITY_WORDS, MONTHS, ORG_WORDS, PLACE_NOUNS, STOP_CAPS, WEEKDAYS
from corroborate.language.numbers import WORD_NUMBER
from corroborate.model import EntityLabel
from corroborate.text.datelines import DATED_DATELINE

_LABELS: Final[dict[str, EntityLabel]] = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_POSSESSIVE: Final = re.compile(r"['’]s?$")
_OPENER: Final = re.compile(
    rf"^(?!The\b)(?:{'|'.join(w.capitalize() for w in sorted(STOP_CAPS) if w.isalpha())})\s+the\s+(?=[A-Z])"
)
_NATURAL: Final = PLACE_NOUNS | FACILITY_WORDS | {"ocean", "gulf", "bay", "island", "islands", "mountains"}


@dataclass(frozen=True, slots=True)
class ModelEntity:
    start: int
    end: int
    label: str  # PER, ORG, LOC, MISC


def model_dir() -> Path:
    return Path(str(resources.files("corroborate").joinpath("data", "ner")))


def caps_dir() -> Path:
    return Path(str(resources.files("corroborate").joinpath("data", "ner_caps")))


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """Loaded once per process; None when spaCy or the model is not there."""
    return _load(model_dir())


@lru_cache(maxsize=1)
def _caps_pipeline() -> Any:
    """The model for lines in capitals or Title Case, trained with such copies (None if not shipped)."""
    return _load(caps_dir())


@lru_cache(maxsize=1)
def _caps_shipped() -> bool:
    return (caps_dir() / "meta.json").exists()


def _load(path: Path) -> Any:
    if not (path / "meta.json").exists():
        return None
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.load(path)
    name_edges.keep_hyphens(nlp)
    return nlp


def available() -> bool:
    return _pipeline() is not None


def model_entities(text: str) -> list[ModelEntity] | None:
    nlp = _pipeline()
    if nlp is None:
        return None
    out: list[ModelEntity] = []
    for ent_start, ent_end, ent_label in _raw_entities(nlp, text):
        # Trained on sentences, the model never saw paragraph breaks: a span across one is two names.
        for part in re.finditer(r"[^\n]+", text[ent_start:ent_end]):
            chunk = _POSSESSIVE.sub("", part.group(0).strip())
            # "Later the International Court of Justice": a sentence adverb the model took into the name.
            chunk = _OPENER.sub("", chunk) if len(_OPENER.sub("", chunk)) > 1 else chunk
            if not chunk:
                continue
            start = ent_start + part.start() + part.group(0).index(chunk)
            start, end = name_edges.without_timestamp(text, start, start + len(chunk))
            end = _without_time_words(text, start, end)
            start, end, person = name_edges.trim(text, start, end)
            person = person or name_edges.after_title(text, start)
            if end > start and not _common_opener(text, start, text[start:end], ent_label):
                out.append(ModelEntity(start, end, "PER" if person else ent_label))
    return out


def _raw_entities(nlp: Any, text: str) -> list[tuple[int, int, str]]:
    """The model's spans; lines in capitals or Title Case read by the headline model where it ships."""
    found = [(e.start_char, e.start_char + len(e.text), e.label_) for e in nlp(text).ents]
    # The headline model loads on the first text with a headline line: most runs never need it.
    lines = headlines.headline_lines(text) if _caps_shipped() else []
    caps = _caps_pipeline() if lines else None
    if caps is None:
        return found
    found = [f for f in found if not any(s <= f[0] < e for s, e in lines)]
    for s, e in lines:
        found += [(s + x.start_char, s + x.start_char + len(x.text), x.label_) for x in caps(text[s:e]).ents]
    return sorted(found)


_LAST_WORD: Final = re.compile(r"\s+([A-Z][a-z]+)$")
_LOWER_TAIL: Final = re.compile(r"(?:\s+[a-z]+)+$")
# "Early Friday", "Last Monday": with the weekday gone, what is left only said when.
_TIME_OPENERS: Final = frozenset(
    {
        "early",
        "late",
        "last",
        "next",
        "this",
        "every",
        "on",
        "by",
        "since",
        "until",
        "from",
        "before",
        "after",
    }
)
_WEEKDAY_NAMES: Final = frozenset(w.capitalize() for w in WEEKDAYS)
_MONTH_NAMES: Final = frozenset(m.capitalize() for m in MONTHS)
# Days with a name of their own end in a weekday: "Good Friday", "Super Tuesday" are no dates.
_NAMED_DAYS: Final = frozenset(
    {"good", "black", "cyber", "super", "ash", "holy", "easter", "palm", "bloody", "maundy", "shrove", "whit"}
)


def _without_time_words(text: str, start: int, end: int) -> int:
    """Where a name ends without the date the model read into it: "Helsinki Tuesday", "Ada County March 3".

    A month only goes when a number follows it, so "Theresa May" keeps her name. Returns `start`
    when nothing of a name is left ("Early Friday").
    """
    full = end
    while last := _LAST_WORD.search(text, start, end):
        before = text[start : last.start()].split()
        word = last.group(1)
        weekday = word in _WEEKDAY_NAMES and bool(before) and before[-1].lower() not in _NAMED_DAYS
        dated_month = word in _MONTH_NAMES and re.match(r"\s+\d", text[end : end + 3]) is not None
        if not (weekday or dated_month):
            break
        end = last.start()
    if end == full:
        return end
    if tail := _LOWER_TAIL.search(text, start, end):
        end = tail.start()  # "Rovers on" of "Rovers on April 3"
    return start if text[start:end].lower() in _TIME_OPENERS else end


def _common_opener(text: str, start: int, chunk: str, label: str) -> bool:
    """'Museum director Zoë Lindqvist': a sentence's first word the text also writes in lowercase.

    So is a first word read as a company or place that English writes in lowercase ("Smoke rose from
    ..."), unless the tables know it as a name: a sentence's capital says nothing of a name.
    """
    if " " in chunk or not re.search(r"(?:^|[.!?:\n]\s*|[\"“]\s*)$", text[max(0, start - 3) : start]):
        return False
    if label in ("ORG", "LOC", "MISC") and chunk.lower() in headlines.common_words() and chunk[1:].islower():
        return gazetteer.lookup(chunk) is None
    return re.search(rf"(?<![\w-]){re.escape(chunk.lower())}(?![\w-])", text) is not None


def _place_label(name: str) -> EntityLabel:
    known = gazetteer.lookup(name)
    if known is not None and known.label in ("GPE", "LOC"):
        return known.label
    last = name.split()[-1].lower() if name.split() else ""
    return "LOC" if last in _NATURAL else "GPE"


def _overlaps(a: Candidate, m: ModelEntity) -> bool:
    return a.start < m.end and m.start < a.end


def _trusted(c: Candidate, m: ModelEntity) -> bool:
    """A table name, institution or title-split person the model's span does not hold: the rule knows more."""
    inside = m.start <= c.start and c.end <= m.end and (m.start, m.end) != (c.start, c.end)
    # A model span that cuts through a table name ("Karabakh and Nagorno" of "Nagorno-Karabakh") loses;
    # one that holds it whole ("Washington Post") wins. So does an organisation the rules built from its
    # head word ("Tribunal of Maritime Claims") against a piece of it.
    org = c.label == "ORG" and any(w.lower() in ORG_WORDS for w in c.name.split()) and not inside
    return (c.known and not inside) or org or (c.role is not None and c.label == "PERSON")


def merge(text: str, rules: list[Candidate], found: list[ModelEntity]) -> list[Candidate]:
    """Model spans and types, except where the rules hold a table name, an institution or a title.

    A model span longer than a table name wins ("Washington Post" over "Washington").
    """
    out: list[Candidate] = []
    used: set[int] = set()
    keep: set[int] = set()
    titles = _title_spans(text, rules)
    persons = _person_words(text, found)
    for m in found:
        if m.label == "MISC" and text[m.start : m.end] in persons:
            # "Mo Cheeks" a person, "Cheeks" alone read as something else: one name, one type.
            m = ModelEntity(m.start, m.end, "PER")
        if m.label == "MISC":
            # "U.S. Open": a table name inside a longer name of another kind is no mention of its own.
            used.update(
                i
                for i, c in enumerate(rules)
                if m.start <= c.start and c.end <= m.end and c.end - c.start < m.end - m.start
            )
            continue  # not a type we keep; the rules may still know the name ("Morrow agreed.")
        if not any(ch.isupper() for ch in text[m.start : m.end]) or WORD_NUMBER.fullmatch(
            text, m.start, m.end
        ):
            continue  # not a name: lowercase, or a number word opening a sentence ("Nine days later")
        if any(s < m.end and m.start < e for s, e in titles):
            continue  # "Marrowby Fire" out of "Marrowby Fire Chief Tomas Brandt": the title rule split it
        over = [i for i, c in enumerate(rules) if _overlaps(c, m)]
        used.update(over)
        trusted = [i for i in over if _trusted(rules[i], m)]
        if trusted:
            keep.update(i for i in over if i in trusted or rules[i].known)
            _retype(text, rules, over, m)
            continue
        name = text[m.start : m.end]
        out.append(Candidate(m.start, m.end, _label(name, m.label), name, cues={"model"}))
    for i, c in enumerate(rules):
        if i in keep or (i not in used and (c.known or c.label is None or c.nested or c.role is not None)):
            # Table names the model missed; acronyms that only count if something links them.
            out.append(c)
        elif i not in used:
            # A name the rules guessed and the model did not see: it counts only if linking ties it to a
            # name found elsewhere ('"...," said Lindqvist' after 'Zoë Lindqvist').
            c.label = None
            out.append(c)
    _consistent(text, out)
    _venues(text, out)
    _datelines(text, out)
    return sorted(out, key=lambda c: (c.start, -c.end))


# A fixture line of a results table, "FLORIDA AT CINCINNATI": the visitors, then where they play.
_FIXTURE: Final = re.compile(r"^[A-Z][A-Z .'&-]*[A-Z.] AT (?P<venue>[A-Z][A-Z .'&-]*[A-Z.])[ \t]*$", re.M)


def _venues(text: str, cands: list[Candidate]) -> None:
    """The name after "AT" in a fixture line is the place, even where the table's rows call it a team."""
    for m in _FIXTURE.finditer(text):
        for c in cands:
            if (c.start, c.end) == (m.start("venue"), m.end("venue")) and c.label in ("ORG", "GPE", "LOC"):
                c.label = "GPE"


def _datelines(text: str, cands: list[Candidate]) -> None:
    # "CHICAGO 1996-08-29", "SAO PAULO, Aug 29 (Reuters) -": the capitals that open it name a place.
    for m in DATED_DATELINE.finditer(text):
        for c in cands:
            if (c.start, c.end) == (m.start("place"), m.end("place")) and c.label != "LOC":
                c.label = "GPE"


def _retype(text: str, rules: list[Candidate], over: list[int], m: ModelEntity) -> None:
    """A table place the model reads as an organisation in context ("Detroit beat Chicago"): a team.
    Not a place written by an alias ("Karabakh" for Nagorno-Karabakh): teams take a place's own name."""
    for i in over:
        c = rules[i]
        if (
            c.known
            and gazetteer.normalize(text[c.start : c.end]) == gazetteer.normalize(c.name)
            and (c.start, c.end) == (m.start, m.end)
            and c.label in ("GPE", "LOC")
            and m.label == "ORG"
        ):
            c.label = _LABELS[m.label]


def _title_spans(text: str, rules: list[Candidate]) -> list[tuple[int, int]]:
    """Where a title the rules split off a name stands right before it."""
    out = []
    for c in rules:
        if c.role and c.label == "PERSON":
            start = c.start - 1 - len(c.role)
            if start >= 0 and text[start : c.start - 1] == c.role:
                # "Harbour master Ines Dovra": a capitalised word opening the sentence before a lowercase role
                # says what the role is of, unless the text names it elsewhere ("Trump adviser ...").
                opener = re.search(r"(?:^|[.!?\n]\s+)([A-Z][a-z]+) $", text[max(0, start - 40) : start])
                if c.role.islower() and opener and text.count(opener.group(1)) == 1:
                    start -= len(opener.group(1)) + 1
                out.append((start, c.start - 1))
    return out


def _label(name: str, model_label: str) -> EntityLabel:
    last = name.split()[-1].lower() if name.split() else ""
    if len(name.split()) > 1 and last in ORG_WORDS:
        return "ORG"  # "Harbour Board": the head word says what it is, whatever the model guessed
    if len(name.split()) > 1 and last in FACILITY_WORDS:
        return "LOC"
    return _place_label(name) if model_label == "LOC" else _LABELS[model_label]


def _person_words(text: str, found: list[ModelEntity]) -> set[str]:
    """Surnames of the full names the model reads as a person somewhere in the text.

    Only surnames of full names: a lone word read once as a person among other readings
    is as often a team ("Real", "Eagles") as a person.
    """
    names = {text[m.start : m.end] for m in found if m.label == "PER"}
    return {n.split()[-1] for n in names if " " in n}


def _consistent(text: str, cands: list[Candidate]) -> None:
    """One name, one type in a text: a surname of a person is that person; else the majority type."""
    found = [c for c in cands if "model" in c.cues]
    surnames = {c.name.split()[-1] for c in cands if c.label == "PERSON" and len(c.name.split()) > 1}
    votes: dict[str, Counter[EntityLabel]] = {}
    for c in cands:
        # "Michael Jordan ... Jordan said": a surname the table also knows as a place is the person here.
        written = text[c.start : c.end]
        if c.known and c.label == "GPE" and " " not in written and written in surnames:
            c.label, c.known, c.name, c.country = "PERSON", False, written, None
    alone = {c.name for c in found if c.label == "PERSON" and " " not in c.name}
    for c in found:
        words = c.name.split()
        if len(words) > 1 and c.label in ("GPE", "LOC") and not c.known and words[-1] in alone:
            c.label = "PERSON"  # "Maurice Cheeks" read as a place in a text where "Cheeks" is a person
        elif (
            len(words) in (2, 3)
            and c.label == "ORG"
            and words[-1] in alone | surnames
            and not any(w.lower() in ORG_WORDS or w.isupper() for w in words)
        ):
            c.label = "PERSON"  # "Hunter Biden" read as an organisation beside "Joe Biden": a family name
    for c in found:
        if " " not in c.name and c.name in surnames and c.label in ("ORG", "PERSON"):
            c.label = "PERSON"
        elif " " not in c.name and c.name in surnames and c.label in ("GPE", "LOC") and not c.known:
            c.label = "PERSON"  # "Marten Vosk ... Vosk said": a surname no table knows as a place
        if c.label is not None:
            votes.setdefault(gazetteer.normalize(c.name), Counter())[c.label] += 1
    for c in found:
        counts = votes.get(gazetteer.normalize(c.name))
        if counts:
            c.label = counts.most_common(1)[0][0]
