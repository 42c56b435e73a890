"""Names in a comparable form: the key two stages use to ask "is this the same name?".

Clustering compares the names of two articles, the comparison merges an outlet's
entities with another's, by the same key: lower case, punctuation and a leading
"the" dropped, so "The Kremlin's" and "Kremlin" meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PUNCTUATION = re.compile(r"[^\w\s-]")
_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"[\s-]+")


# A story's names come back again and again (each mention, each pair of articles): keys are kept.
@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A comparable form of a name: lower case, punctuation and 'the' dropped."""
    n = _PUNCTUATION.sub("", name.lower().replace("’", "'").replace("'s", ""))
    n = _THE.sub("", n)
    return _SPACES.sub(" ", n).strip()


def name_forms(names: list[str]) -> frozenset[str]:
    """Keys of the names plus their last words, for any label: another outlet may give the surname only."""
    keys = {name_key(n) for n in names if n.strip()}
    keys |= {k.split()[-1] for k in keys if k}
    return frozenset(k for k in keys if k)
