"""Write src/corroborate/data/common_words.txt: words the training news writes in lowercase.

A word counts when CoNLL-2003 train or UNER-EWT train writes it at least twice away from a
sentence's start (lines in capitals left out), in lowercase nine times in ten or more. The list
tells `corroborate.language.recase` which words of a headline in capitals or Title Case are
ordinary words ("quits", "deal") rather than names. Run: .venv/bin/python tools/learn_common_words.py
"""

from __future__ import annotations

from collections import Counter

import ner_augment
import train_ner

TARGET = train_ner.ROOT / "src" / "corroborate" / "data" / "common_words.txt"
_OPENERS = frozenset({".", '"', ":", "?", "!", "(", "-", "--", ";"})


def main() -> int:
    genres = ("weblog", "newsgroup", "email", "answers", "reviews")
    docs = train_ner.read_conll(train_ner.DATA / "conllpp_train.txt")
    docs += ner_augment.read_uner(train_ner.UNER, genres)
    low: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for doc in docs:
        for words, _ in doc:
            long = [w for w in words if len(w) > 1]
            if sum(w.isupper() for w in long) * 2 > len(long):
                continue
            for k, w in enumerate(words):
                if k == 0 or not w.isalpha() or words[k - 1] in _OPENERS:
                    continue
                if w.islower():
                    low[w] += 1
                elif w[0].isupper():
                    cap[w.lower()] += 1
    common = sorted(w for w, n in low.items() if n >= 2 and n >= 0.9 * (n + cap[w]))
    TARGET.write_text("".join(f"{w}\n" for w in common), encoding="utf-8")
    print(f"{len(common)} words -> {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
