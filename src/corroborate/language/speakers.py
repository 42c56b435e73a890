"""A speaker phrase -> the entity it names.

Names resolve through their mentions; 'he'/'she' to the latest person who
spoke (else the latest person named); 'the court', 'the foreign ministry',
'the spokesperson' to the entity whose name or role has those words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from corroborate.language.attribution import speaker_phrase
from corroborate.language.lexicon import PERSON_PRONOUNS
from corroborate.model import Entity, Mention, Span

# A lowercase word like these after a speaker phrase's first word is the clause's verb.
_VERBS: Final = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "went", "seemed", "seems", "will", "would", "can"}
    | {"could", "may", "might", "did", "does", "do", "began", "says", "said", "told", "made", "took"}
    | {"gave", "got", "kept", "called"}
)
_SUBJECT_PRONOUNS: Final = frozenset({"he", "she", "they", "it", "we", "i"})
_NOT_HEAD: Final = frozenset(
    {"the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "with", "at", "by", "from", "that", "who"}
    | {"which"}
)
# Words that may stand before a sentence's subject: capitalised words, a title's "of", a conjunction.
_LEAD_WORD: Final = re.compile(r"[A-Z\W\d]|(?:the|of|former|then|but|and|so|also)\W*$")
_ROLE_HEAD: Final = re.compile(r"\s(?:of|for|at|to|in|with)\s")
_AUX_BEFORE: Final = re.compile(
    r"(?:\b(?:has|have|had|also|will|would|is|was|were|are|not|did|does|do|can|could|may|might|should|must|been"
    r"|be|[a-z]+ly)\s+)+$"
)
_GUESS_PRONOUN: Final = re.compile(r"\b(?:he|she|they|we|I|He|She|They|We)\b")
_GOVERNED: Final = re.compile(r"\b(?:in|of|at|from|to|for|with|by|on|about|against|than)\s+(?:the\s+)?$")
_LEADING: Final = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    start: int
    end: int
    entity: str | None


class Speakers:
    def __init__(
        self, text: str, sentences: Sequence[Span], entities: Sequence[Entity], mentions: Sequence[Mention]
    ) -> None:
        self.text = text
        self.entities = {e.key: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.last_person: tuple[int, str] | None = None
        self.last_other: str | None = None
        self.subjects = self._subjects(sentences)

    def _subjects(self, sentences: Sequence[Span]) -> list[tuple[int, str]]:
        """People named at a sentence's start ('Minister Ruth Adeyemi rejected'): who 'she' may be next."""
        starts = [s.start for s in sentences]
        out: list[tuple[int, str]] = []
        for m in self.mentions:
            k = bisect.bisect_right(starts, m.start) - 1
            lead = self.text[starts[k] : m.start].split() if k >= 0 else []
            # "Schreiber said Mulroney promised ...": a name after a verb is no subject of the sentence.
            if m.label == "PERSON" and k >= 0 and len(lead) <= 3 and all(_LEAD_WORD.match(w) for w in lead):
                out.append((m.end, m.entity))
        return out

    def spoke(self, entity: str | None, at: int) -> None:
        """Remember who spoke last, for the next 'he' or 'it'."""
        if entity is None or entity not in self.entities:
            return
        if self.entities[entity].label == "PERSON":
            self.last_person = (at, entity)
        else:
            self.last_other = entity

    def _person_before(self, pos: int) -> str | None:
        subject = next((s for s in reversed(self.subjects) if s[0] <= pos), None)
        spoke = self.last_person if self.last_person and self.last_person[0] <= pos else None
        if subject and (spoke is None or subject[0] > spoke[0]):
            return subject[1]
        return spoke[1] if spoke else self._latest("PERSON", pos)

    def resolve(self, start: int, end: int) -> Speaker:
        start, end = self._subject_of(start, end)
        phrase = self.text[start:end]
        low = phrase.lower()
        if low in PERSON_PRONOUNS:
            return Speaker(phrase, start, end, self._person_before(start))
        if low in ("it", "they"):
            return Speaker(phrase, start, end, self.last_other)
        inside = [m for m in self.mentions if m.start >= start and m.end <= end]
        exact = [m for m in inside if m.start == start and m.end == end]
        persons = [m for m in inside if m.label == "PERSON"]
        # "the Kremlin", "the Azeri president's office": a name with at most one word before it.
        ending = [m for m in inside if m.end == end and len(phrase.split()) - len(m.text.split()) <= 1]
        chosen = exact[:1] or persons[:1] or ending[:1]
        if chosen:
            m = chosen[0]
            return Speaker(m.text, m.start, m.end, m.entity)
        return Speaker(phrase, start, end, self._nominal(phrase, start))

    def subject_before(self, masked: str, start: int, cue: int) -> tuple[int, int] | None:
        """The cue's subject: the phrase before it as the rules read one ('the majority of lawmakers',
        'Trump, who visited Iowa,'), else the nearest name or personal pronoun before it that no preposition
        governs ('in Iowa', 'of the party' are no subjects)."""
        aux = _AUX_BEFORE.search(masked, start, cue)
        phrase = speaker_phrase(masked, start, aux.start() if aux else cue, limit=8)[0]
        if phrase is not None:
            return phrase
        found: tuple[int, int] | None = None
        for p in _GUESS_PRONOUN.finditer(masked, start, cue):
            found = (p.start(), p.end())
        for m in self.mentions:
            if m.start >= cue:
                break
            free = not _GOVERNED.search(masked, max(start, m.start - 14), m.start)
            if m.start >= start and m.end <= cue and m.label in ("PERSON", "ORG", "GPE", "NORP") and free:
                found = (m.start, m.end) if found is None or m.start > found[0] else found
        return found

    def _subject_of(self, start: int, end: int) -> tuple[int, int]:
        """'He went on to', 'The town released a statement Wednesday', 'Democrats are far from': a phrase
        that runs into its own verb is a clause; its subject (the words before that verb) speaks."""
        phrase = self.text[start:end]
        words = list(re.finditer(r"\S+", phrase))
        if len(words) == 2 and words[1].group(0) in _VERBS:
            return start, start + words[0].end()  # "MPs began [asking]": the subject alone
        if len(words) < 3:
            return start, end
        last = words[-1]
        if last.group(0).lower() in _SUBJECT_PRONOUNS:
            # 'Tinder suspended her account; it did not', 'the window into his soul is what he': the cue's
            # own subject is the pronoun right before it.
            return start + last.start(), start + last.end()
        closing = [m for m in self.mentions if m.end == end and start < m.start]
        if closing and any(w.group(0).lower() in _VERBS for w in words[:-1]):
            return closing[0].start, closing[0].end  # '... grounded after The New York Times [reported]'
        for w in words[1:]:
            word = w.group(0).lower().strip(",.;:")
            if w.group(0)[:1].islower() and (word in _VERBS or (word.endswith("ed") and len(word) > 4)):
                cut = phrase[: w.start()].rstrip(" ,")
                if cut and cut.split()[-1].lower() not in _NOT_HEAD:
                    return start, start + len(cut)
                break
        return start, end

    def _latest(self, label: str, before: int) -> str | None:
        found = [m.entity for m in self.mentions if m.label == label and m.end <= before]
        return found[-1] if found else None

    def _nominal(self, phrase: str, pos: int) -> str | None:
        """'the court' -> the one court the text names; nearest before, else first after."""
        # "the city's fire chief" -> "fire chief": the possessive only says whose.
        words = [w for w in _LEADING.sub("", phrase.lower()).split() if not w.endswith(("'s", "’s"))]
        if not words or len(words) > 3 or any(w[:1].isupper() for w in _LEADING.sub("", phrase).split()):
            return None
        matching: list[str] = []
        for e in self.entities.values():
            haystacks = [e.name.lower(), *(a.lower() for a in e.aliases)]
            if e.label == "PERSON":
                haystacks = [r.lower() for r in e.roles]
            if any(all(re.search(rf"\b{re.escape(w)}\b", h) for w in words) for h in haystacks) and (
                e.label != "PERSON" or any(words[-1] in _ROLE_HEAD.split(r)[0].split() for r in haystacks)
            ):
                # "the army" is not the person whose role is "deputy chief of staff for the Iraqi army": a
                # person's role must hold the phrase's head word before its "of" / "for".
                matching.append(e.key)
        if not matching:
            return None
        order = [m for m in self.mentions if m.entity in matching]
        before = [m.entity for m in order if m.start < pos]
        return before[-1] if before else order[0].entity if order else matching[0]
