"""Merge each article's entities into story entities with one canonical name.

Two article entities are the same when they share a key, a name or alias, or
when one name is the unambiguous short form of another of a compatible label
("Pashinyan" in "Nikol Pashinyan", "Karabakh" in "Nagorno-Karabakh"). A short
form that fits two longer names ("Korea": North and South) merges with neither.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from corroborate.compare.common import StoryContext, evidence
from corroborate.model import Entity, EntityLabel, StoryEntity
from corroborate.text.names import name_key
from corroborate.unionfind import UnionFind

# Place labels are often confused with each other by taggers; treat them as one family.
_FAMILY: dict[str, str] = {"GPE": "PLACE", "LOC": "PLACE", "PERSON": "PERSON", "ORG": "ORG", "NORP": "NORP"}


@dataclass(frozen=True)
class EntityMap:
    """(article id, article entity key) -> story entity; plus the story entities themselves."""

    entities: list[StoryEntity]
    keys: dict[tuple[str, str], str]

    def key(self, article_id: str, local_key: str | None) -> str | None:
        return self.keys.get((article_id, local_key)) if local_key else None

    def name(self, story_key: str | None) -> str | None:
        return next((e.name for e in self.entities if e.key == story_key), None)


def _names(entity: Entity) -> set[str]:
    return {k for k in (name_key(n) for n in [entity.name, *entity.aliases]) if k}


def _tokens(name: str) -> list[str]:
    return name.split()


# Courtesy titles before a surname: "Ms. Sanchez" names a person (whatever the tagger's label), and
# the title is no part of the name a short form is matched by.
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr"])
# Those that make a person whatever the label ("DR Congo" is a country).
COURTESY = HONORIFICS - {"dr"}
# Generational suffixes after a surname: "Jonas Keller Sr." has the surname Keller, as his son has.
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


def _family(entity: Entity) -> str:
    words = name_key(entity.name).split()
    if len(words) >= 2 and words[0] in COURTESY:
        return "PERSON"
    return _FAMILY[entity.label]


def _short_form_of(short: str, long: str, family: str) -> bool:
    s, lg = _tokens(short), _tokens(long)
    if family == "PERSON":
        if len(s) >= 2 and s[0] in HONORIFICS:
            s = s[1:]
        if len(lg) >= 3 and lg[-1] in SUFFIXES:
            lg = lg[:-1]
    if len(s) >= len(lg):
        return False
    if family == "PERSON":
        # A surname, or first + last without the middle name.
        return s[-1] == lg[-1] and all(t in lg for t in s)
    if len(s) == 1:
        # One word stands for a longer name by its distinctive first word ("Halvik" for Halvik
        # Shipping), not by its head: "the House" is not the White House, "Commission" not any.
        return s[0] == lg[0]
    return all(t in lg for t in s)


def merge_entities(ctx: StoryContext) -> EntityMap:
    occ: list[tuple[str, Entity]] = []
    for a in ctx.articles:
        if a.analysis:
            occ.extend((a.id, e) for e in a.analysis.entities)
    uf = UnionFind(len(occ))
    by_key: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    by_full_name: dict[str, int] = {}
    for i, (_, e) in enumerate(occ):
        fam = _family(e)
        if e.key in by_key:
            uf.union(i, by_key[e.key])
        by_key.setdefault(e.key, i)
        for n in _names(e):
            if (fam, n) in by_name:
                uf.union(i, by_name[(fam, n)])
            by_name.setdefault((fam, n), i)
        # A name of two words or more names one thing whatever the tagger called it in each article
        # ("Donald Trump" a person here, an organisation there); one word ("Jordan") may name two.
        full = name_key(e.name)
        if len(full.split()) >= 2:
            if full in by_full_name:
                uf.union(i, by_full_name[full])
            by_full_name.setdefault(full, i)

    # Short forms join the one group whose longer name contains them; ambiguous ones stay apart.
    for (fam, n), i in sorted(by_name.items()):
        targets = {
            uf.find(j)
            for (fam2, n2), j in by_name.items()
            if fam2 == fam and n2 != n and _short_form_of(n, n2, fam)
        }
        targets.discard(uf.find(i))
        if len(targets) == 1:
            uf.union(i, targets.pop())

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(occ)):
        groups[uf.find(i)].append(i)

    entities: list[StoryEntity] = []
    keys: dict[tuple[str, str], str] = {}
    for members in groups.values():
        record = _story_entity(ctx, [occ[i] for i in members])
        for i in members:
            keys[(occ[i][0], occ[i][1].key)] = record.key
        entities.append(record)
    entities.sort(key=lambda e: (-len(e.mentions), e.name.casefold(), e.key))
    return EntityMap(entities=entities, keys=keys)


def _story_entity(ctx: StoryContext, members: list[tuple[str, Entity]]) -> StoryEntity:
    names: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for _, e in members:
        for j, n in enumerate([e.name, *e.aliases]):
            if n.strip():
                # An entity's own name counts more than an alias given for it.
                names[n.strip()] += 2 if j == 0 else 1
                first_seen.setdefault(n.strip(), len(first_seen))
    # The fullest name is the canonical one ("Nikol Pashinyan", "International Court of Justice").
    canonical = max(names, key=lambda n: (len(n.split()), names[n], -first_seen[n]))
    labels = Counter(e.label for _, e in members)
    label: EntityLabel = max(labels, key=lambda lab: (labels[lab], lab))
    if all(_family(e) == "PERSON" for _, e in members):
        label = "PERSON"  # "Ms. Sanchez" tagged as a place is still a person
    key_counts = Counter(e.key for _, e in members)
    key = max(key_counts, key=lambda k: (key_counts[k], -len(k), k))

    local = {(aid, e.key) for aid, e in members}
    mentions = []
    surface: list[str] = []
    for a in ctx.articles:
        if not a.analysis:
            continue
        for m in a.analysis.mentions:
            if (a.id, m.entity) in local:
                ev = evidence(a, m.start, m.end)
                if ev.text:
                    mentions.append(ev)
                    surface.append(ev.text)
    aliases: list[str] = []
    seen = {name_key(canonical)}
    for n in [*sorted(names, key=lambda n: first_seen[n]), *surface]:
        k = name_key(n)
        # Lower-case surface forms are pronouns or descriptions, not names.
        if k and k not in seen and n[:1].isupper():
            seen.add(k)
            aliases.append(n)
    roles: list[str] = []
    for _, e in members:
        for r in e.roles:
            if r.strip() and r.casefold() not in {x.casefold() for x in roles}:
                roles.append(r.strip())
    return StoryEntity(key=key, name=canonical, label=label, aliases=aliases, roles=roles, mentions=mentions)
