"""Names as the clusterer compares them, whatever label the name model gave them.

The name model's labels are noisy and change when it is retrained ("Mannheim"
a person, "Stade de Suisse" an organisation), so evidence that two articles
report different events must not hang on them. What is robust is the name
itself and how often the article repeats it.
"""

from __future__ import annotations

from collections import Counter

from corroborate.model import Analysis
from corroborate.text.names import name_forms

# An entity named this often is one the article is about (the opponent, the venue,
# the new coach), not one it mentions in passing. Chosen on ECB+: 3 to 4 give the same.
SALIENT_MENTIONS = 4
# Demonyms ("American", "Ukrainian") are shared by different events of one kind.
_NOT_SALIENT = frozenset({"NORP"})


def salient_names(analysis: Analysis | None) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """Every name form of the article, and the forms of each entity named SALIENT_MENTIONS times or more."""
    if analysis is None:
        return frozenset(), ()
    mentioned = Counter(m.entity for m in analysis.mentions)
    every: set[str] = set()
    salient: list[frozenset[str]] = []
    for entity in analysis.entities:
        forms = name_forms([entity.name, *entity.aliases])
        every |= forms
        if forms and entity.label not in _NOT_SALIENT and mentioned.get(entity.key, 0) >= SALIENT_MENTIONS:
            salient.append(forms)
    return frozenset(every), tuple(salient)
