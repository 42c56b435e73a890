"""Document frequencies of content stems in training news: `python tools/learn_background_df.py`.

The clusterer weighs terms by tf-idf. With the idf of the batch alone, cosines depend
on how many articles a run holds: in a batch of five, two earthquakes share rare
words; in one of five hundred, the same words are common. Counting each stem's
document frequency over a fixed background of news (CoNLL-2003 English train, 946
Reuters documents, and PolNeAR v1.0 train, 840 political articles) and adding the
batch to it keeps the weights of a term the same from one batch size to the next.
Writes src/corroborate/data/background_df.tsv: the number of documents on its first
line, then `stem<TAB>df` for each stem in at least MIN_DF documents. Counts only, no
text. Only train splits are read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from corroborate.text.words import content_stems

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT.parent / "shared" / "datasets"
TARGET = ROOT / "src" / "corroborate" / "data" / "background_df.tsv"
# A stem in fewer documents is as rare as an unseen one (and keeps the file small).
MIN_DF = 2


def conll_documents(path: Path) -> Iterator[str]:
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if words:
                yield " ".join(words)
            words = []
        elif line.strip():
            words.append(line.split()[0])
    if words:
        yield " ".join(words)


def polnear_documents(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def main() -> None:
    df: Counter[str] = Counter()
    n = 0
    docs = [
        *conll_documents(DATASETS / "conll2003" / "conllpp_train.txt"),
        *polnear_documents(DATASETS / "polnear" / "train" / "text"),
    ]
    for text in docs:
        n += 1
        df.update(set(content_stems(text)))
    rows = sorted((s, c) for s, c in df.items() if c >= MIN_DF and "\t" not in s and "\n" not in s)
    lines = [str(n), *(f"{s}\t{c}" for s, c in rows)]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{n} documents, {len(rows)} stems in at least {MIN_DF} -> {TARGET}")


if __name__ == "__main__":
    main()
