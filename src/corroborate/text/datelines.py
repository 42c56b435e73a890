"""Datelines: the place (and wire) a story opens with, "BAKU (Reuters) - ", "WASHINGTON — ".

Every stage that meets a dateline reads it here: extraction takes the place and the wire
from it, the language stage skips it before a speaker, the name model knows its capitals
name a place, and the comparison leaves it out of what a sentence states. The patterns
differ because each stage meets datelines in a different place (a page's first paragraph,
a sentence, a CoNLL line), but they share their parts.
"""

from __future__ import annotations

import re
from typing import Final

from corroborate.text.outlets import AGENCY_PATTERN, agency_name

_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_MIXED_PLACE = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,2}"
_DASH = r"\s*[-–—:]+\s+"
# BAKU (Reuters) - / KYIV, Ukraine (AP) — / CITY, May 15 (Northern Wire) - / Baku, Sept 29 (Reuters) -
WIRE_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}|{_MIXED_PLACE})(?:\s*,\s*(?P<extra>[^()\n]{{1,40}}?))?\s*"
    rf"\((?P<agency>[A-Z][\w.&' -]{{1,40}}?)\){_DASH}"
)
_AGENCY_ONLY = re.compile(rf"^\((?P<agency>{AGENCY_PATTERN})\){_DASH}", re.I)
# WASHINGTON — / KYIV, Ukraine —  (an outlet's own dateline, no agency)
PLAIN_DATELINE = re.compile(rf"^(?P<place>{_PLACE})(?:\s*,\s*[A-Z][\w.' ]{{1,30}}?)?\s*[-–—]+\s+")
_INLINE_AGENCY = re.compile(rf"\((?P<agency>{AGENCY_PATTERN})\)", re.I)

# The loose form a sentence opens with, in any stage's text: "BAKU (Reuters) - ", "KYIV, UKRAINE — ".
DATELINE_OPENING: Final = re.compile(r"^[A-Z][A-Z .,'’/-]+(?:\([^)]{1,40}\))?\s*[-–—]+\s*")
# Matched at a position inside a text: "CHICAGO -", "ABUJA, Jan 10 (Reuters) -", "EMMETSBURG, IOWA --".
DATELINE_AT: Final = re.compile(
    r"[A-Z][A-Z .'’-]+(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}|,\s*[A-Z][A-Z.]+(?:\s+[A-Z][A-Z.]+)?)?"
    r"(?:\s*\([^)]*\))?\s*[-—–]+\s*"
)
# A dated dateline line, "CHICAGO 1996-08-29", "SAO PAULO, Aug 29 (Reuters) -": its capitals are a place.
DATED_DATELINE: Final = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*)(?:\s*,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?"
    r"\s+(?=\d{4}-\d\d-\d\d|[A-Z][a-z]{2}\.? \d)",
    re.M,
)


def dateline_and_origin(first_paragraph: str) -> tuple[str | None, str | None]:
    """(dateline place, wire origin) from the opening of a story, as printed."""
    head = first_paragraph[:300]
    match = WIRE_DATELINE.match(head)
    if match:
        agency = match["agency"].strip()
        canonical = agency_name(agency)
        generic = len(agency.split()) <= 5 and all(w[:1].isupper() or w in "&" for w in agency.split())
        place = match["place"]
        upper_place = place.upper() == place
        if canonical or (generic and upper_place):
            return place.strip(), canonical or agency
    match = _AGENCY_ONLY.match(head)
    if match:
        return None, agency_name(match["agency"])
    dateline = None
    match = PLAIN_DATELINE.match(head)
    if match and len(match["place"]) >= 3:
        dateline = match["place"].strip()
    inline = _INLINE_AGENCY.search(head[:120])
    return dateline, agency_name(inline["agency"]) if inline else None
