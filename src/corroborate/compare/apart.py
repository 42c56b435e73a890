"""What keeps like words apart: the person a sentence opens with, and the clauses that deny.

"Rubio has won Minnesota" and "Cruz won Oklahoma" share their words and tell of two people;
"The museum has expressed interest" and "We have never expressed interest" share theirs and
say opposite things. Both are read here from the sentence and the analysis' mentions alone.
"""

from __future__ import annotations

import re
from itertools import pairwise

from corroborate.compare.entities import EntityMap
from corroborate.compare.speakers import names_someone
from corroborate.model import Article, Span
from corroborate.text.datelines import DATELINE_OPENING
from corroborate.text.words import iter_words

# A person named in the first words is whom the sentence is about.
SUBJECT_WORDS = 6

_CLAUSE_EDGE = re.compile(r"[,;:–—]|\bbut\b")
# "not only", "not just", "a not-so-subtle dig" deny nothing.
_DENIAL = re.compile(
    r"\b(?:not(?![\s-]+(?:only|just|so|merely|least)\b)|no|never|none|nobody|neither|nor)\b|n['’]t\b", re.I
)


def denying_clauses(text: str, span: Span) -> list[Span]:
    """The clauses of a sentence (cut at commas, semicolons, dashes, "but") that hold a denial."""
    bounds = [span.start, *(m.start() for m in _CLAUSE_EDGE.finditer(text, span.start, span.end)), span.end]
    clauses = [Span(start=a, end=b) for a, b in pairwise(bounds) if b > a]
    return [c for c in clauses if _DENIAL.search(text, c.start, c.end)]


def subject_person(article: Article, span: Span, entities: EntityMap) -> str | None:
    """The person a sentence opens with ("Florida Sen. Marco Rubio has won ..."), as a story entity.

    "Rubio has won Minnesota" and "Cruz won Oklahoma" tell of two people with the same words.
    Only a person named in the first words counts: one named further on ("best known for her
    portrayal as Marissa Cooper") is rarely whom the sentence is about.
    """
    if article.analysis is None:
        return None
    sentence = article.text[span.start : span.end]
    dateline = DATELINE_OPENING.match(sentence)
    skip = span.start + (dateline.end() if dateline else 0)
    opening = [m.start() for m in iter_words(article.text[skip : span.end])][:SUBJECT_WORDS]
    if not opening:
        return None
    limit = skip + opening[-1]
    # A bare rank ("Capt", a sentence cut after the title) is nobody in particular.
    people = [
        m
        for m in article.analysis.mentions
        if m.label == "PERSON" and skip <= m.start <= limit and names_someone(m.text)
    ]
    first = min(people, key=lambda m: m.start, default=None)
    return None if first is None else entities.key(article.id, first.entity) or first.entity


def denied(negated: tuple[frozenset[str], ...], said: set[str]) -> bool:
    """Most of what the two share lies, in this sentence, in clauses that deny it ("We have never
    expressed interest in ..."): one says it happened, the other that it did not."""
    if not negated or not said:
        return False
    inside: set[str] = set().union(*negated)
    return sum(1 for t in said if t in inside) * 2 > len(said)
