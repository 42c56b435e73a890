"""Train the figure filter (src/corroborate/data/figure_filter.json) on our own figures gold.

Run: .venv/bin/python benchmarks/figures_train.py [--folds 5] [--write] [--blind]

Training pool: benchmarks/figures_gold.json and figures_gold_blind.json (the
latter was read in a second round of rules, so it is training data now). Each
candidate `figures.figure_candidates` reads in an annotated sentence is
labelled a figure when it overlaps a gold figure. A logistic model (L2, Newton
steps; `tools/train_quotes.fit`) over `figure_filter.features` is
cross-validated over article folds (`figures_cv.folds_of`): for each L2
strength and threshold the folds' value F1 (scored as `figures_cv.py` scores)
is printed as mean ± spread, beside the rules alone on the same folds. The
setting with the best mean is chosen; `--write` trains it on the whole pool and
writes the model. `--blind GOLD [--model JSON]` scores a gold set never read
nor trained on with the rules and with a model: run once per set.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np

from corroborate.language import analyze
from corroborate.language.figure_filter import Candidate, keep_candidates
from corroborate.language.figures import figure_candidates
from figures_cv import POOL, ROOT, Counts, Doc, folds_of, load_gold, report, score_doc

sys.path.insert(0, str(ROOT.parent / "tools"))
from train_quotes import fit, write_model

OUT = ROOT.parent / "src" / "corroborate" / "data" / "figure_filter.json"
L2S = (1.0, 3.0, 10.0)
DROPS = (0.1, 0.2, 0.3, 0.4, 0.5)
KEEPS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
Model = tuple[dict[str, float], float, float] | None


def candidates(doc: Doc) -> list[Candidate]:
    a = analyze(doc.text)
    return figure_candidates(doc.text, a.sentences, a.quotes, a.times, a.mentions)


def rows(doc: Doc, cands: list[Candidate]) -> tuple[list[list[str]], list[float]]:
    x: list[list[str]] = []
    y: list[float] = []
    for s in doc.sentences:
        gold = [g for g in s["items"] if g["figure"]]
        for c in cands:
            f = c.figure
            if s["start"] <= f.start < s["end"]:
                x.append(c.features)
                y.append(float(any(g["start"] < f.end and f.start < g["end"] for g in gold)))
    return x, y


def score(docs: list[tuple[Doc, list[Candidate]]], model: Model) -> Counts:
    c = Counts()
    for doc, cands in docs:
        kept = [f for f in keep_candidates(cands, model) if not f.partitive]
        c.add(score_doc(doc, kept))
    return c


def train(docs: list[tuple[Doc, list[Candidate]]], l2: float) -> dict[str, float]:
    x: list[list[str]] = []
    y: list[float] = []
    for doc, cands in docs:
        a, b = rows(doc, cands)
        x += a
        y += b
    return fit(x, np.array(y), l2)


def load(paths: list[Path]) -> list[tuple[Doc, list[Candidate]]]:
    out: list[tuple[Doc, list[Candidate]]] = []
    for path in paths:
        docs = load_gold(path)
        if docs is None:
            raise SystemExit(f"no texts for {path}")
        out += [(d, candidates(d)) for d in docs]
    return out


def cross_validate(pool: list[tuple[Doc, list[Candidate]]], k: int) -> tuple[float, float, float]:
    by_doc = {d.doc: (d, c) for d, c in pool}
    folds = [[by_doc[d.doc] for d in fold] for fold in folds_of([d for d, _ in pool], k)]
    rules = [score(f, None).prf()[2] for f in folds]
    print(f"rules alone: value F1 {statistics.mean(rules):.3f} ± {statistics.stdev(rules):.3f}")
    best = (0.0, 1.0, 0.0, 1.0)
    for l2 in L2S:
        weights = [train([p for j, f in enumerate(folds) if j != i for p in f], l2) for i in range(k)]
        for drop in DROPS:
            for keep in KEEPS:
                f1s = [score(f, (weights[i], drop, keep)).prf()[2] for i, f in enumerate(folds)]
                mean, sd = statistics.mean(f1s), statistics.stdev(f1s)
                folds_f1 = [round(v, 3) for v in f1s]
                print(
                    f"L2 {l2:g} drop<{drop:g} keep>{keep:g}: value F1 {mean:.3f} ± {sd:.3f}  folds {folds_f1}"
                )
                if mean > best[0] + 1e-9:
                    best = (mean, l2, drop, keep)
    print(f"chosen: L2 {best[1]:g}, drop below {best[2]:g}, keep above {best[3]:g} (mean {best[0]:.3f})")
    return best[1], best[2], best[3]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--blind", type=Path, help="score this unread blind gold once, rules and model")
    ap.add_argument("--model", type=Path, default=OUT, help="the model --blind scores")
    ap.add_argument("--leave-out", default="", help="gold file names kept out of the pool, comma-separated")
    ap.add_argument("--out", type=Path, default=OUT, help="where --write writes the model")
    args = ap.parse_args()
    if args.blind:
        blind = load([args.blind])
        data = json.loads(args.model.read_text(encoding="utf-8"))
        model = (data["weights"], data["drop_below"], data["keep_above"])
        print(report(f"{args.blind.name}, rules alone", score(blind, None)))
        print(report(f"{args.blind.name}, model {args.model.name}", score(blind, model)))
        return 0
    left = set(args.leave_out.split(","))
    paths = [p for p in POOL if p.name not in left]
    pool = load(paths)
    n = sum(len(rows(d, c)[1]) for d, c in pool)
    print(f"{len(pool)} articles, {n} candidates")
    l2, drop, keep = cross_validate(pool, args.folds)
    if args.write:
        weights = train(pool, l2)
        body = {
            "drop_below": drop,
            "keep_above": keep,
            "l2": l2,
            "trained_on": " + ".join(f"benchmarks/{p.name}" for p in paths),
            "weights": dict(sorted(weights.items())),
        }
        write_model(args.out, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
