"""Bylines as people: what the page's metadata and byline give, tidied into person names.

Extraction reads authors from the page's metadata (JSON-LD, meta tags) and its byline
block; some of what it finds there is not a person: the outlet itself ("The Earthtimes"),
a desk ("VOA News", "Agencies"), a date stuck to the name ("Agencies on Friday"). Names
written in capitals ("JILL LAWLESS") are given their usual case.
"""

from __future__ import annotations

import re

# Words that make a byline an organisation or a desk, not a person.
_ORG_TEXT = """agencies agency news staff desk wire wires press times post herald daily reporters
    correspondent correspondents editors editorial team online media network newsroom service
    bureau tribune journal gazette telegraph chronicle"""
_ORG_WORDS = frozenset(_ORG_TEXT.split())
_WEEKDAY_TAIL = re.compile(r"\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*$", re.IGNORECASE)
_PARTICLES = frozenset({"de", "da", "del", "der", "van", "von", "la", "le", "du", "bin", "al"})


def _recase(name: str) -> str:
    """'JILL LAWLESS' -> 'Jill Lawless', "O'NEIL" -> "O'Neil", 'MCDONALD' -> 'McDonald'."""
    if not name.isupper():
        return name
    out = []
    for part in name.split():
        low = part.lower()
        if low in _PARTICLES:
            out.append(low)
            continue
        word = "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
        word = re.sub(r"^(Mc|O')(\w)", lambda m: m.group(1) + m.group(2).upper(), word)
        out.append(word)
    return " ".join(out)


def person_bylines(authors: list[str], outlet: str | None) -> list[str]:
    """The authors that are people, each once, in their usual case."""
    outlet_words = {w.lower() for w in re.findall(r"\w+", outlet or "")} - {"the"}
    people: list[str] = []
    for raw in authors:
        name = _WEEKDAY_TAIL.sub("", raw).strip(" ,.;")
        words = [w.lower() for w in re.findall(r"[\w'’-]+", name)]
        if not words or words[0] == "the" or any(w in _ORG_WORDS for w in words):
            continue
        if outlet_words and set(words) <= outlet_words:
            continue  # the outlet named as its own author
        name = _recase(name)
        if name not in people:
            people.append(name)
    return people
