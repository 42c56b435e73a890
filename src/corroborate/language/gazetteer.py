"""The shipped name tables: places, demonyms and known aliases.

Loaded once from `corroborate/data/*.json`; nothing is fetched at run time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from corroborate.model import EntityLabel


@dataclass(frozen=True, slots=True)
class Known:
    """A name found in the tables: its canonical form and label."""

    name: str
    label: EntityLabel
    country: str | None = None
    """For a demonym, the country it belongs to ("Armenian" -> "Armenia")."""


_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # every candidate name of every article is looked up: most recur
def normalize(name: str) -> str:
    """Lookup form: case, dots, a leading 'the' and curly apostrophes ignored."""
    text = name.replace("’", "'").replace(".", "").lower().strip()
    text = _THE.sub("", text)
    return _SPACES.sub(" ", text)


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


def entity_key(label: str, name: str) -> str:
    return f"{label.lower()}:{slug(name)}"


def _plural(demonym: str) -> str | None:
    # "French", "Chinese", "Swiss" have no plural form that names the people.
    if demonym.endswith(("sh", "ch", "ese", "ss", "s", "x")):
        return None
    return demonym + "s"


def _load(name: str) -> Any:
    return json.loads(resources.files("corroborate").joinpath("data", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def table() -> dict[str, Known]:
    """normalized name -> what it is."""
    places = _load("places.json")
    aliases = _load("aliases.json")
    out: dict[str, Known] = {}

    def put(alias: str, known: Known) -> None:
        out.setdefault(normalize(alias), known)

    for canonical, entry in aliases.items():
        if canonical.startswith("_"):
            continue
        known = Known(canonical, entry["label"])
        put(canonical, known)
        for alias in entry["aliases"]:
            put(alias, known)
    for country, demonyms, others in places["countries"]:
        known = Known(country, "GPE")
        put(country, known)
        for other in others:
            put(other, known)
        for demonym in demonyms:
            # "Azeri" and "Azerbaijani" are one group of people: one canonical demonym per country.
            norp = Known(demonyms[0], "NORP", country)
            put(demonym, norp)
            plural = _plural(demonym)
            if plural:
                put(plural, norp)
    for name in places["territories"] + places["cities"]:
        put(name, Known(name, "GPE"))
    for name in places["regions"]:
        put(name, Known(name, "LOC"))
    for forms in places["other_norp"]:
        for form in forms:
            put(form, Known(forms[0], "NORP"))
    return out


def lookup(name: str) -> Known | None:
    return table().get(normalize(name))


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """First words (normalized) of every multi-word table name, to know when to try longer spans."""
    return frozenset(k.split(" ")[0] for k in table() if " " in k)


@lru_cache(maxsize=1)
def max_words() -> int:
    return max(len(k.split(" ")) for k in table())
