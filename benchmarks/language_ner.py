"""Entity F1 (PER/ORG/LOC, MISC ignored) of `language.analyze` on CoNLL-2003 (CoNLL++) dev.

Run: .venv/bin/python benchmarks/language_ner.py [--split dev|test|select] [--model DIR] [--show N]
     [--case upper|title] [--unseen] [--headline-model DIR|none] [--folds K]

`--split select` scores the last tenth of the train documents, the slice that
tools/train_ner.py holds out to pick its checkpoint: choices about the model
and the rules around it are made there, so dev and test stay blind. `--model`
scores a model directory other than the shipped one (a build in progress).
`--unseen` scores only names that never occur as a name in the train documents the
model learns from (a proxy, on training data, for the new names of later news).
`--case upper` / `--case title` rewrites every sentence in capitals or in
Title Case before analysis (tags unchanged): how names read in headlines.

Each CoNLL document is detokenised into plain text with known token offsets
(headline and dateline lines become lines of their own), analysed as a whole,
and every mention is mapped back to the tokens it overlaps. Scoring is exact
span + type, micro-averaged (seqeval style). Our PERSON -> PER, ORG -> ORG,
GPE and LOC -> LOC; NORP is dropped, as is gold MISC.
Published anchors (PER/ORG/LOC/MISC, so not strictly comparable): spaCy small
CNN pipelines about 0.85, transformer taggers about 0.93; our bar is 0.88.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from corroborate.language import analyze, ner
from corroborate.language.name_edges import title_case

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "conll2003"
_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d"}
_NO_SPACE_AFTER = {"(", "[", "$"}

SELECT_SHARE = 0.1  # as tools/train_ner.py --select
Entity = tuple[int, int, str]  # first token, last token + 1, type


def read_docs(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (word, IOB tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            docs.append([])
            continue
        if not parts:
            if sent:
                docs[-1].append(sent)
            sent = []
            continue
        sent.append((parts[0], parts[-1]))
    return [d for d in docs if d]


def detokenise(sents: list[list[tuple[str, str]]]) -> tuple[str, list[tuple[int, int]]]:
    """Text plus each token's character span; sentences on lines of their own."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for s in sents:
        if out:
            out.append("\n")
            pos += 1
        in_quote = False
        prev = ""
        for k, (word, _) in enumerate(s):
            space = k > 0 and word not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER
            if word == '"':
                space = k > 0 and not in_quote and prev not in _NO_SPACE_AFTER
                in_quote = not in_quote
            elif prev == '"' and in_quote:
                space = False
            if space:
                out.append(" ")
                pos += 1
            spans.append((pos, pos + len(word)))
            out.append(word)
            pos += len(word)
            prev = word
    return "".join(out), spans


def recase(sents: list[list[tuple[str, str]]], case: str) -> list[list[tuple[str, str]]]:
    """The sentences in capitals, or in Title Case (small words stay lowercase), tags unchanged."""
    if case == "upper":
        return [[(w.upper(), t) for w, t in s] for s in sents]
    if case == "title":
        return [[(title_case(w, k == 0), t) for k, (w, t) in enumerate(s)] for s in sents]
    return sents


def training_names() -> set[str]:
    """Every name (any type) of the CoNLL train documents the model learns from (all but the slice)."""
    docs = read_docs(DATA / "conllpp_train.txt")
    names: set[str] = set()
    for sents in docs[: len(docs) - max(1, round(len(docs) * SELECT_SHARE))]:
        for s in sents:
            words, tags = [w for w, _ in s], [t for _, t in s]
            names.update(" ".join(words[a:b]) for a, b, _ in _all_entities(tags))
    return names


def _all_entities(tags: list[str]) -> set[Entity]:
    ents: set[Entity] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind
        if start >= 0 and not inside:
            ents.add((start, i, kind))
            start = -1
        if tag != "O" and not inside:
            start, kind = i, tag[2:]
    return ents


def gold_entities(tags: list[str]) -> set[Entity]:
    return {e for e in _all_entities(tags) if e[2] != "MISC"}


def predicted(text: str, spans: list[tuple[int, int]]) -> set[Entity]:
    ents: set[Entity] = set()
    for m in analyze(text).mentions:
        kind = _MAP.get(m.label)
        covered = [i for i, (s, e) in enumerate(spans) if s < m.end and m.start < e]
        if kind and covered:
            ents.add((covered[0], covered[-1] + 1, kind))
    return ents


Counts = tuple[Counter[str], Counter[str], Counter[str]]  # true positives, false positives, misses


def score_doc(sents: list[list[tuple[str, str]]], seen: set[str], out: tuple[list[str], list[str]]) -> Counts:
    text, spans = detokenise(sents)
    tags = [t for s in sents for _, t in s]
    words = [w for s in sents for w, _ in s]
    gold, pred = gold_entities(tags), predicted(text, spans)
    if seen:
        # Names of 2020 are mostly new: score only the names training never gave as a name.
        gold = {e for e in gold if " ".join(words[e[0] : e[1]]) not in seen}
        pred = {e for e in pred if " ".join(words[e[0] : e[1]]) not in seen}
    tp, fp, fn = (
        Counter(e[2] for e in gold & pred),
        Counter(e[2] for e in pred - gold),
        Counter(e[2] for e in gold - pred),
    )
    out[0].extend(f"{e[2]:4} {' '.join(words[e[0] : e[1]])}" for e in sorted(gold - pred))
    out[1].extend(f"{e[2]:4} {' '.join(words[e[0] : e[1]])}" for e in sorted(pred - gold))
    return tp, fp, fn


def prf(t: int, p: int, n: int) -> tuple[float, float, float]:
    prec = t / (t + p) if t + p else 0.0
    rec = t / (t + n) if t + n else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _fold_f1(counts: list[Counts], folds: int) -> list[float]:
    """F1 of each of `folds` runs of consecutive documents."""
    out = []
    for k in range(folds):
        part = counts[k * len(counts) // folds : (k + 1) * len(counts) // folds]
        t, p, n = (sum(sum(c[i].values()) for c in part) for i in range(3))
        out.append(prf(t, p, n)[2])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev", choices=["dev", "test", "train", "select"])
    ap.add_argument("--model", type=Path, help="a model directory to score instead of the shipped one")
    ap.add_argument(
        "--headline-model", help="a headline model directory instead of the shipped one; 'none': off"
    )
    ap.add_argument("--show", type=int, default=0, help="print N missed and N spurious entities")
    ap.add_argument("--unseen", action="store_true", help="only names that train (less the slice) never has")
    ap.add_argument("--folds", type=int, default=0, help="also F1 over K runs of documents: mean ± spread")
    ap.add_argument(
        "--case",
        choices=["as-is", "upper", "title"],
        default="as-is",
        help="score the text rewritten in capitals or in Title Case, as headlines write it",
    )
    args = ap.parse_args()
    if args.model is not None:
        model: Path = args.model.resolve()
        ner.model_dir = lambda: model  # the stage loads its model through this one function
    if args.headline_model is not None:
        caps = Path("/nonexistent" if args.headline_model == "none" else args.headline_model).resolve()
        ner.caps_dir = lambda: caps
    path = DATA / f"conllpp_{'train' if args.split == 'select' else args.split}.txt"
    if not path.exists():
        print(f"no data at {path}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    docs = read_docs(path)
    seen = training_names() if args.unseen else set()
    if args.split == "select":
        docs = docs[len(docs) - max(1, round(len(docs) * SELECT_SHARE)) :]
    shown: tuple[list[str], list[str]] = ([], [])
    counts = [score_doc(recase(sents, args.case), seen, shown) for sents in docs]
    tp, fp, fn = (sum((c[i] for c in counts), Counter()) for i in range(3))
    case = "" if args.case == "as-is" else f", text in {args.case} case"
    print(f"CoNLL-2003 (CoNLL++) {args.split}{case}: {len(docs)} documents, {time.perf_counter() - t0:.1f} s")
    for kind in ("PER", "ORG", "LOC"):
        p, r, f = prf(tp[kind], fp[kind], fn[kind])
        print(f"  {kind:4} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {tp[kind] + fn[kind]})")
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"  all  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   bar 0.88; anchors: spaCy sm ~0.85, transformers ~0.93")
    if args.folds > 1:
        f1s = _fold_f1(counts, args.folds)
        print(
            f"  {args.folds} runs of documents: F1 {statistics.mean(f1s):.3f} ± {statistics.stdev(f1s):.3f}"
        )
    if args.show:
        print("missed:", *shown[0][: args.show], sep="\n  ")
        print("spurious:", *shown[1][: args.show], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
