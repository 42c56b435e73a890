"""Names in a comparable form: the key two stages use to ask "is this the same name?".

Clustering compares the names of two articles, the comparison merges an outlet's
entities with another's, by the same key: lower case, punctuation and a leading
"the" dropped, so "The Kremlin's" and "Kremlin" meet.
"""

from __future__ import annotations

import re


def name_key(name: str) -> str:
    """A comparable form of a name: lower case, punctuation and 'the' dropped."""
    n = re.sub(r"[^\w\s-]", "", name.lower().replace("’", "'").replace("'s", ""))
    n = re.sub(r"^the\s+", "", n)
    return re.sub(r"[\s-]+", " ", n).strip()


def name_forms(names: list[str]) -> frozenset[str]:
    """Keys of the names plus their last words, for any label: another outlet may give the surname only."""
    keys = {name_key(n) for n in names if n.strip()}
    keys |= {k.split()[-1] for k in keys if k}
    return frozenset(k for k in keys if k)
