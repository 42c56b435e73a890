"""Name finding: capitalised runs, the shipped tables, titles and context cues.

`find_candidates` is the part a trained recogniser may replace later: it
returns spans with a label guess; `linking.link` turns them into entities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from corroborate.language import gazetteer
from corroborate.language.lexicon import (
    FACILITY_WORDS,
    NAME_CONNECTORS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACE_OF_WORDS,
    ROLE_NOUNS,
    SPEECH_CUES,
    STOP_CAPS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from corroborate.language.tokens import Tok, all_tokens, lowercase_words, shouting
from corroborate.model import EntityLabel, Span

_PARTICLES: Final = frozenset(
    {"de", "del", "da", "di", "du", "van", "von", "der", "al", "bin", "ibn", "le", "la"}
)
_PLACE_HEADS: Final = frozenset(
    {"republic", "kingdom", "gulf", "bay", "isle", "sea", "cape", "strait", "city"}
)
_HONORIFICS: Final = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame"})
_PLACE_PREPS: Final = frozenset({"in", "into", "near", "across", "outside", "inside"})
_CUE_WORDS: Final = frozenset(c for c in SPEECH_CUES if " " not in c)
_INSTITUTION: Final = re.compile(
    r"(?:['’]s)?\s+(government|foreign ministry|ministry of foreign affairs|defen[cs]e ministry|"
    r"ministry of defen[cs]e|interior ministry|health ministry|foreign office|parliament|armed forces|"
    r"presidency|embassy|security service|central bank|president['’]s office)\b"
    # "government official", "armed forces officers": the institution only describes someone.
    r"(?!\s+(?:officials?|spokes\w+|sources?|minister|chief|head|officers?|troops|personnel|units?)\b)",
    re.IGNORECASE,
)
_INSTITUTION_NAMES: Final = {
    "ministry of foreign affairs": "Foreign Ministry",
    "ministry of defence": "Defence Ministry",
    "ministry of defense": "Defense Ministry",
    "president's office": "Presidential Office",
    "president’s office": "Presidential Office",
}
_APPOSITIVE: Final = re.compile(r",\s+(?:(?:a|an|the)\s+)?([^,;:\"“”()\n]{2,140}?)(?=\s*[,.;\n]|$)")


@dataclass(slots=True)
class Candidate:
    """A name span with a label guess; label None means 'only if something links it'."""

    start: int
    end: int
    label: EntityLabel | None
    name: str
    role: str | None = None
    known: bool = False
    country: str | None = None
    nested: bool = False
    cues: set[str] = field(default_factory=set)


def find_candidates(text: str, sentences: Sequence[Span]) -> list[Candidate]:
    sents = all_tokens(text, sentences)
    common = lowercase_words(sents)
    out: list[Candidate] = []
    for toks in sents:
        _sentence(text, toks, common, out)
    _institutions(text, out)
    _appositives(text, out)
    return sorted(out, key=lambda c: (c.start, -c.end))


def _joined(text: str, a: Tok, b: Tok) -> bool:
    return text[a.end : b.start] == " "


def _sentence(text: str, toks: list[Tok], common: frozenset[str], out: list[Candidate]) -> None:
    loud = shouting(toks)
    run: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.cap:
            hit = _table_match(text, toks, i, loud)
            if hit is not None:
                j, known = hit
                _flush(text, toks, run, common, out)
                run = []
                out.append(_known(toks[i].start, toks[j - 1].end, known))
                i = j
                continue
        if t.allcaps:
            _flush(text, toks, run, common, out)
            run = []
            if not loud and t.nameish and len(t.text.replace(".", "")) <= 6:
                out.append(Candidate(t.start, t.end, None, t.text))  # an acronym: kept if defined or linked
        elif t.nameish and not loud:
            if run and not _joined(text, run[-1], t):
                _flush(text, toks, run, common, out)
                run = []
            run.append(t)
        elif run and t.lower in NAME_CONNECTORS and i + 1 < len(toks) and toks[i + 1].cap:
            if _joined(text, run[-1], t) and _joined(text, t, toks[i + 1]):
                run.append(t)
            else:
                _flush(text, toks, run, common, out)
                run = []
        else:
            _flush(text, toks, run, common, out)
            run = []
        i += 1
    _flush(text, toks, run, common, out)


def _known(start: int, end: int, known: gazetteer.Known) -> Candidate:
    country = known.country or (known.name if known.label == "GPE" else None)
    return Candidate(start, end, known.label, known.name, known=True, country=country)


def _table_match(text: str, toks: list[Tok], i: int, loud: bool) -> tuple[int, gazetteer.Known] | None:
    first = toks[i]
    if loud and len(first.text) < 3:
        return None  # "US" in a line of capitals is as likely the pronoun
    if first.initial and first.lower in STOP_CAPS and first.lower != "the":
        return None
    limit = min(len(toks), i + gazetteer.max_words())
    best: tuple[int, gazetteer.Known] | None = None
    for j in range(i + 1, limit + 1):
        if j - 1 > i and text[toks[j - 2].end : toks[j - 1].start] not in (" ", "-"):
            break
        known = gazetteer.lookup(text[first.start : toks[j - 1].end])
        if known is not None and (toks[j - 1].cap or toks[j - 1].text[:1].isdigit()):
            best = (j, known)
        if j == i + 1 and gazetteer.normalize(first.text) not in gazetteer.first_words():
            break
    if best is not None and len(first.text) == 2 and first.text.isupper() and first.initial and loud:
        return None
    return best


def _flush(text: str, toks: list[Tok], run: list[Tok], common: frozenset[str], out: list[Candidate]) -> None:
    while run and run[-1].lower in NAME_CONNECTORS:
        run = run[:-1]
    # A sentence's first word is capitalised by grammar; the text writing it in lowercase elsewhere says so.
    # Not the first word of a title ("Prime Minister Ivo Marsh ...", later "the prime minister said").
    while run and (
        run[0].lower in NAME_CONNECTORS
        or (run[0].initial and _is_common(run[0].lower, common) and not _opens_title(run))
    ):
        run = run[1:]
    if not run:
        return
    for sub in _split(run):
        _classify(text, toks, sub, common, out)


def _opens_title(run: list[Tok]) -> bool:
    return len(run) > 2 and run[0].lower in TITLE_MODIFIERS | TITLE_HEADS and run[1].lower in TITLE_HEADS


def _is_common(word: str, common: frozenset[str]) -> bool:
    return word in common or word + "s" in common or (word.endswith("s") and word[:-1] in common)


def _split(run: list[Tok]) -> list[list[Tok]]:
    """Cut at 'of', 'and' ... unless they sit inside one name ('Court of Justice', 'Secretary of State')."""
    parts: list[list[Tok]] = [[]]
    for k, t in enumerate(run):
        if t.lower in NAME_CONNECTORS and parts[-1]:
            left = parts[-1][-1].lower
            rest = [r for r in run[k + 1 :] if r.lower not in NAME_CONNECTORS]
            keep = (
                t.lower in _PARTICLES
                or left in ORG_WORDS
                or left in TITLE_HEADS
                or left in _PLACE_HEADS
                or (t.lower in {"and", "&", "for", "the"} and bool(rest) and rest[-1].lower in ORG_WORDS)
            )
            if keep:
                parts[-1].append(t)
            else:
                parts.append([])
        elif t.lower not in NAME_CONNECTORS:
            parts[-1].append(t)
    cleaned = []
    for p in parts:
        while p and p[-1].lower in NAME_CONNECTORS:
            p = p[:-1]
        if p:
            cleaned.append(p)
    return cleaned


def _title_split(sub: list[Tok]) -> int:
    """How many leading tokens form a title ('Prime Minister', 'Secretary of State'); 0 if none."""
    head = -1
    loose = 0
    for k, t in enumerate(sub[:-1]):
        if t.lower in TITLE_HEADS:
            head = k
        elif t.lower in TITLE_MODIFIERS:
            continue
        elif head < 0 and loose < 2:
            loose += 1  # "Fire Chief", "Museum Director": a capitalised word before the title head
        else:
            break
    if head < 0 or (loose and len(sub) - head - 1 < 2):
        return 0
    cut = head + 1
    if cut + 1 < len(sub) and sub[cut].lower == "of" and sub[cut + 1].lower in TITLE_MODIFIERS | {"state"}:
        cut += 2
    while cut + 1 < len(sub) and sub[cut].lower in TITLE_MODIFIERS - {"of", "the"}:
        cut += 1  # "Chief Justice Ann Lowe", "Chief Executive Tim Cook": the title goes on after its head
    rest = sub[cut:]
    if not rest or rest[-1].lower in ORG_WORDS or any(r.lower in NAME_CONNECTORS - _PARTICLES for r in rest):
        return 0
    return cut


def _adjacent_known(text: str, start: int, out: list[Candidate]) -> Candidate | None:
    if out and out[-1].known and out[-1].end + 1 == start and text[out[-1].end] == " ":
        return out[-1]
    return None


def _role_before(text: str, toks: list[Tok], first: Tok, out: list[Candidate]) -> str | None:
    """A lowercase role right before a name: 'U.N. spokesperson Stephane Dujarric'."""
    k = next(n for n, t in enumerate(toks) if t.start == first.start)
    if k == 0 or toks[k - 1].lower not in ROLE_NOUNS or not _joined(text, toks[k - 1], first):
        return None
    start = toks[k - 1].start
    n = k - 2
    while n >= 0 and k - n <= 5 and _joined(text, toks[n], toks[n + 1]):
        t = toks[n]
        # "harbour master", "senior U.N. aid official": modifiers and known names before the role; any
        # lowercase word right before the role noun, but only title words further out ("met U.N. ...").
        modifier = t.lower in TITLE_MODIFIERS - {"of", "the"} | ROLE_NOUNS | {"aid", "policy", "press"}
        free = n == k - 2 and t.lower not in STOP_CAPS and t.lower not in NAME_CONNECTORS
        if (t.text.islower() and (modifier or free)) or (
            t.cap and any(c.known and c.start == t.start for c in out)
        ):
            start = t.start
        else:
            break
        n -= 1
    return text[start : toks[k - 1].end]


def _classify(
    text: str, toks: list[Tok], sub: list[Tok], common: frozenset[str], out: list[Candidate]
) -> None:
    start, end = sub[0].start, sub[-1].end
    span = text[start:end]
    words = [t for t in sub if t.lower not in NAME_CONNECTORS]
    cut = _title_split(sub)
    if cut:
        role_start = start
        prev = _adjacent_known(text, start, out)
        while prev is not None:
            role_start = prev.start
            prev = _adjacent_known(text, prev.start, [c for c in out if c.end <= prev.start])
        role = text[role_start : sub[cut - 1].end]
        out.append(Candidate(sub[cut].start, end, "PERSON", text[sub[cut].start : end], role=role))
        return
    if all(t.lower in TITLE_HEADS | TITLE_MODIFIERS for t in words):
        return  # a bare title: "the President"
    last = words[-1].lower
    # "Tribunal of Maritime Claims", "Bank of England": an organisation word before 'of' makes the name one.
    org_of = any(t.lower in ORG_WORDS and sub[n + 1].lower in ("of", "for") for n, t in enumerate(sub[:-1]))
    if ((last in ORG_WORDS or org_of) and len(words) > 1) or last in {
        "inc",
        "corp",
        "ltd",
        "plc",
        "llc",
        "limited",
    }:
        prev = _adjacent_known(text, start, out)
        if prev is not None and prev.label in ("GPE", "NORP") and not _INSTITUTION.fullmatch(" " + span):
            out.remove(prev)  # "Washington Post": the place is part of the name
            start, span = prev.start, text[prev.start : end]
        out.append(Candidate(start, end, "ORG", span))
        return
    if len(words) == 1 and last in ORG_WORDS:
        return
    if last in FACILITY_WORDS and len(words) > 1:
        out.append(Candidate(start, end, "LOC", span))
        return
    k = next(n for n, t in enumerate(toks) if t.start == start)
    before = [t.lower for t in toks[max(0, k - 2) : k]]
    after = toks[k + len(sub)].lower if k + len(sub) < len(toks) else ""
    lead_role = _role_before(text, toks, sub[0], out)
    label: EntityLabel | None
    if lead_role is not None:
        label = "PERSON"
    elif before[-2:] in (["member", "of"], ["members", "of"]):
        label = "ORG"
    elif after in PLACE_NOUNS and text[end : end + 1] != "'":
        label = "LOC"
    elif len(words) == 1:
        if (before[-1:] and before[-1] in _PLACE_PREPS) or (len(before) == 2 and before[0] in PLACE_OF_WORDS):
            label = "GPE"
        elif last.endswith(("ia", "land", "stan")) and len(last) > 4:
            label = "GPE"  # a country name by its shape ("Calderia"); a surname match still wins in linking
        elif last.endswith(("ian", "ean", "ese")) and after and after.islower() and len(last) > 5:
            label = "NORP"
        elif (before[-1:] and before[-1] in _HONORIFICS) or (after in _CUE_WORDS and not sub[0].initial):
            # '," Dujarric told'; a sentence's first word ("Officials said") needs a full name elsewhere.
            label = "PERSON"
        else:
            label = None
    elif all(t.text.lower() in common for t in words):
        return
    else:
        label = "PERSON"
    out.append(Candidate(start, end, label, span, role=lead_role))


def _institutions(text: str, out: list[Candidate]) -> None:
    """'Armenia's government', 'the Azerbaijani foreign ministry' -> 'Government of Armenia' ..."""
    for c in list(out):
        if not c.known or c.label not in ("GPE", "NORP") or c.country is None:
            continue
        m = _INSTITUTION.match(text, c.end)
        if m is None:
            continue
        phrase = m.group(1).lower()
        name = _INSTITUTION_NAMES.get(phrase, phrase.title())
        for other in [o for o in out if o.start >= c.end and o.end <= m.end() and o is not c]:
            out.remove(other)
        out.append(Candidate(c.start, m.end(), "ORG", f"{name} of {c.country}", known=True))
        c.nested = True


def _appositives(text: str, out: list[Candidate]) -> None:
    """'Hikmet Hadjiev, diplomatic adviser to ...,' gives the person that role."""
    for c in out:
        if c.label != "PERSON":
            continue
        m = _APPOSITIVE.match(text, c.end)
        if m is None:
            continue
        phrase = m.group(1).strip()
        head = re.findall(r"[\w-]+", phrase)[:4]
        if any(w.lower() in ROLE_NOUNS for w in head) and not any(w.lower() in _CUE_WORDS for w in head):
            c.role = c.role or phrase
