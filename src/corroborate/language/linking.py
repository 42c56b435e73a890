"""Candidates -> entities: one canonical name per entity, every mention linked.

Links surnames to full names, acronyms to their expansions, names the text
says are the same ("formally known as"), and names the shipped table knows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from corroborate.language.entities import Candidate
from corroborate.language.gazetteer import entity_key, normalize
from corroborate.language.lexicon import CORPORATE_SUFFIXES, NAME_CONNECTORS
from corroborate.language.name_edges import split_name
from corroborate.model import Entity, EntityLabel, Mention
from corroborate.unionfind import UnionFind

_STATED_ALIAS: Final = re.compile(
    r"\s*(?:,|\()?\s*(?:(formally|officially|also|previously|formerly|better|commonly)\s+)?"
    r"(?:known|referred to)\s+as\s+(?:the\s+)?",
    re.IGNORECASE,
)
_LABEL_ORDER: Final[tuple[EntityLabel, ...]] = ("PERSON", "ORG", "GPE", "LOC", "NORP")


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name) if w.lower() not in NAME_CONNECTORS]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w[:1].isupper())


def _nearest(cands: Sequence[Candidate], idxs: list[int], pos: int) -> int:
    """The candidate closest before `pos`, else the first after."""
    before = [i for i in idxs if cands[i].start < pos]
    return before[-1] if before else idxs[0]


def _link_persons(cands: list[Candidate], groups: UnionFind) -> None:
    """Full names to their longer forms, surnames to their full name (`_surname_of`).

    A generation tells father and son apart ("Donald Trump Jr." is not "Donald Trump"; "Trump Jr."
    is the son); a lone surname goes to a name without one when there is one. A shorter full name
    whose words stand in order in a longer one is that person ("Berman Jackson", "Amy Jackson" of
    "Amy Berman Jackson").
    """
    parts = {i: split_name(c.name) for i, c in enumerate(cands) if c.label == "PERSON"}
    full = [i for i, (w, _) in parts.items() if len(w) >= 2]
    by_last: dict[tuple[str, str], list[int]] = {}
    for i in full:
        words, gen = parts[i]
        by_last.setdefault((words[-1], gen), []).append(i)
    for i in full:
        words, gen = parts[i]
        longer = [j for j in full if parts[j][1] == gen and _within(words, parts[j][0])]
        if longer:
            groups.union(i, _nearest(cands, longer, cands[i].start))
    for i, c in enumerate(cands):
        if c.known or c.label not in (None, "PERSON", "GPE", "LOC"):
            continue
        words, gen = parts.get(i) or split_name(c.name)
        if len(words) != 1:
            continue
        targets = by_last.get((words[0], gen)) or ([] if gen else _any_generation(by_last, words[0]))
        if targets:
            c.label = "PERSON"
            groups.union(i, _surname_of(cands, parts, targets, c.start))


def _surname_of(
    cands: Sequence[Candidate], parts: dict[int, tuple[list[str], str]], targets: list[int], pos: int
) -> int:
    """The full name a lone surname stands for: the nearest before it, but where two people of that
    surname are named ("Paul Greer and his son, Mark Greer"), the one the text names first, whom a
    bare "Greer" means by newsroom custom (the other is called by first name or "Greer Jr.")."""
    if len({parts[j][0][0] for j in targets}) > 1:
        return min(targets, key=lambda j: cands[j].start)
    return _nearest(cands, targets, pos)


def _within(short: list[str], long: list[str]) -> bool:
    """`short` is `long` less some words, same first or last word kept ("Amy Jackson", "Berman Jackson")."""
    if len(short) >= len(long) or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(w in rest for w in short)


def _any_generation(by_last: dict[tuple[str, str], list[int]], surname: str) -> list[int]:
    return [i for (last, _), idxs in by_last.items() if last == surname for i in idxs]


def _link_acronyms(text: str, cands: list[Candidate], groups: UnionFind) -> None:
    orgs = [i for i, c in enumerate(cands) if c.label == "ORG" and len(_words(c.name)) >= 2]
    for i, c in enumerate(cands):
        # The name model labels acronyms ORG itself; they still link to their expansion.
        if c.known or c.label not in (None, "ORG") or " " in c.name or not c.name.replace(".", "").isupper():
            continue
        acronym = c.name.replace(".", "")
        defined = [
            j
            for j in orgs
            if cands[j].end < c.start and re.fullmatch(r"\s*\(\s*", text[cands[j].end : c.start])
        ]
        matching = [j for j in orgs if _initials(cands[j].name) == acronym]
        target = defined or matching
        if target:
            c.label = "ORG"
            groups.union(i, target[-1] if defined else _nearest(cands, target, c.start))


def _link_stated(text: str, cands: list[Candidate], groups: UnionFind, formal: set[int]) -> None:
    named = [i for i, c in enumerate(cands) if c.label is not None and not c.nested]
    for a, b in itertools.pairwise(named):
        m = _STATED_ALIAS.fullmatch(text, cands[a].end, cands[b].start)
        if m is not None and cands[a].label == cands[b].label:
            groups.union(a, b)
            if (m.group(1) or "").lower() in ("formally", "officially"):
                formal.add(b)


def _link_corporate(cands: list[Candidate], groups: UnionFind) -> None:
    orgs = {normalize(c.name): i for i, c in enumerate(cands) if c.label == "ORG"}
    for i, c in enumerate(cands):
        words = c.name.split()
        if c.label == "ORG" and len(words) > 1 and words[-1].lower().strip(".") in CORPORATE_SUFFIXES:
            short = orgs.get(normalize(" ".join(words[:-1])))
            if short is not None:
                groups.union(i, short)


def link(text: str, cands: list[Candidate]) -> tuple[list[Entity], list[Mention]]:
    groups = UnionFind(len(cands))
    formal: set[int] = set()
    _link_persons(cands, groups)
    _link_acronyms(text, cands, groups)
    same: dict[tuple[str | None, str], int] = {}
    for i, c in enumerate(cands):
        if c.label is not None:
            groups.union(i, same.setdefault((c.label, normalize(c.name)), i))
    _link_stated(text, cands, groups, formal)
    _link_corporate(cands, groups)

    members: dict[int, list[int]] = {}
    for i, c in enumerate(cands):
        if c.label is not None:
            members.setdefault(groups.find(i), []).append(i)
    entities: list[Entity] = []
    mentions: list[Mention] = []
    for idxs in sorted(members.values(), key=lambda g: cands[g[0]].start):
        group = [cands[i] for i in idxs]
        label = _label(group)
        name = _canonical(group, [cands[i] for i in idxs if i in formal], label)
        key = entity_key(label, name)
        surfaces = list(dict.fromkeys(re.sub(r"\s+", " ", text[c.start : c.end]) for c in group))
        roles = list(dict.fromkeys(c.role for c in group if c.role))
        entities.append(
            Entity(key=key, name=name, label=label, aliases=[s for s in surfaces if s != name], roles=roles)
        )
        mentions.extend(
            Mention(start=c.start, end=c.end, text=text[c.start : c.end], label=label, entity=key)
            for c in group
        )
    mentions.sort(key=lambda m: (m.start, -m.end))
    return _merge_same_keys(entities), mentions


def _label(group: list[Candidate]) -> EntityLabel:
    known = [c.label for c in group if c.known and c.label is not None]
    if known:
        return known[0]
    counts = Counter(c.label for c in group if c.label is not None)
    return max(_LABEL_ORDER, key=lambda lab: (counts[lab], -_LABEL_ORDER.index(lab)))


def _canonical(group: list[Candidate], formal: list[Candidate], label: EntityLabel) -> str:
    known = [c for c in group if c.known]
    if known:
        return known[0].name
    if formal:
        return formal[0].name
    if label == "PERSON":
        return max(group, key=lambda c: (len(c.name.split()), len(c.name))).name
    return max(group, key=lambda c: (len(c.name), -c.start)).name


def _merge_same_keys(entities: list[Entity]) -> list[Entity]:
    """Two groups can reach the same canonical name (a table alias on each side): one entity."""
    out: dict[str, Entity] = {}
    for e in entities:
        if e.key in out:
            first = out[e.key]
            first.aliases = list(dict.fromkeys(first.aliases + e.aliases))
            first.roles = list(dict.fromkeys(first.roles + e.roles))
        else:
            out[e.key] = e
    return list(out.values())
