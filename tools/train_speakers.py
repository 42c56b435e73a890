"""Train the speaker chooser (src/corroborate/data/speaker_choice.json) on PolNeAR train.

Run: .venv/bin/python tools/train_speakers.py [--folds 5] [--write] [--pipeline]

For every quote piece of the rules that covers a gold Content with a Source,
each candidate of `speaker_choice.candidates` is labelled by whether it
overlaps that Source. A logistic model (L2, Newton steps, numpy) scores the
candidates; a quote's speaker is replaced by the best candidate when it beats
the rules' choice by a margin. L2 and margin are chosen by the folds' mean
speaker figures (mention overlap + resolved entity right) over article folds
(`benchmarks/language_quotes.fold_of`); --write trains on all of train and
writes the model (temporary file, then moved into place). --pipeline prints the
whole learned stage by folds (`pipeline_cv`). Dev is not read.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import train_quotes  # noqa: E402
from train_quotes import analyses, fit, write_model  # noqa: E402

import language_quotes as bench  # noqa: E402
from corroborate.language import quote_filter  # noqa: E402
from corroborate.language import speaker_choice as sc  # noqa: E402
from corroborate.model import Analysis  # noqa: E402

OUT = ROOT / "src" / "corroborate" / "data" / "speaker_choice.json"


def examples(doc: bench.Doc, a: Analysis) -> list[tuple[int, list[list[str]], list[bool]]]:
    """(quote index, candidate features, candidate labels) for quotes that cover a sourced gold."""
    counts: dict[str | None, int] = {}
    for m in a.mentions:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    out = []
    golds = [(g, bench.tokens(doc.text, g.content)) for g in doc.golds if g.source]
    for k, q in enumerate(a.quotes):
        covered = [g for g, t in golds if bench.covers(q, t)]
        cands = sc.candidates(doc.text, q, a.sentences, a.mentions)
        if not covered or not cands:
            continue
        src = covered[0].source
        rule = cands[0] if cands[0].label == "rule" else None
        ranks = sc.ranks_of(q, cands)
        named = sc.named_inside(q, a.mentions)
        feats = [
            sc.features(doc.text, q, c, rule, counts.get(c.entity, 0) if c.entity else 0, r, named)
            for c, r in zip(cands, ranks, strict=True)
        ]
        labels = [any(c.start < e and s < c.end for s, e in src) for c in cands]
        out.append((k, feats, labels))
    return out


def rechosen(doc: bench.Doc, a: Analysis, w: dict[str, float], margin: float) -> Analysis:
    quotes = sc.rechoose(doc.text, a.quotes, a.sentences, a.entities, a.mentions, (w, margin))
    return a.model_copy(update={"quotes": quotes})


def pipeline_cv(docs: list[bench.Doc], found: list[Analysis], folds: int) -> None:
    """The whole learned stage by article folds: per fold, the quote filter and the chooser trained on the
    other folds with the shipped settings (l2, threshold, margin), the filter applied, then the chooser."""
    shipped = {
        name: json.loads((OUT.parent / f"{name}.json").read_text(encoding="utf-8"))
        for name in ("quote_filter", "speaker_choice")
    }
    fold = [bench.fold_of(d.name, folds) for d in docs]
    pieces = [train_quotes.features(d, a) for d, a in zip(docs, found, strict=True)]
    labels = [bench.piece_labels(d, a.quotes) for d, a in zip(docs, found, strict=True)]
    ex = [examples(d, a) for d, a in zip(docs, found, strict=True)]
    per = [bench.Counts() for _ in range(folds)]
    for k in range(folds):
        rows = [r for i, fs in enumerate(pieces) if fold[i] != k for r in fs]
        y = np.array([v for i, ls in enumerate(labels) if fold[i] != k for v in ls], dtype=float)
        kept = fit(rows, y, float(shipped["quote_filter"]["l2"]))
        rows = [f for i, e in enumerate(ex) if fold[i] != k for _, fs, _ in e for f in fs]
        y = np.array([v for i, e in enumerate(ex) if fold[i] != k for _, _, ls in e for v in ls], dtype=float)
        chooser = fit(rows, y, float(shipped["speaker_choice"]["l2"]))
        for i, (d, a) in enumerate(zip(docs, found, strict=True)):
            if fold[i] != k:
                continue
            threshold = float(shipped["quote_filter"]["threshold"])
            quotes = quote_filter.keep_quotes(d.text, a.quotes, a.entities, a.mentions, (kept, threshold))
            filtered = a.model_copy(update={"quotes": quotes})
            margin = float(shipped["speaker_choice"]["margin"])
            per[k] += bench.score(d, rechosen(d, filtered, chooser, margin))[0]
    bench.report(f"filter + chooser, {folds} article folds (PolNeAR train)", sum(per, bench.Counts()), per)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--pipeline", action="store_true", help="cross-validate filter and chooser together")
    args = ap.parse_args()
    docs = bench.load_docs("train")
    found = analyses(docs, refresh=False)
    if args.pipeline:
        pipeline_cv(docs, found, args.folds)
        return 0
    ex = [examples(d, a) for d, a in zip(docs, found, strict=True)]
    fold = [bench.fold_of(d.name, args.folds) for d in docs]
    best: tuple[float, float, float] | None = None
    for l2 in (1.0, 10.0):
        weights = []
        for k in range(args.folds):
            rows = [f for i, e in enumerate(ex) if fold[i] != k for _, fs, _ in e for f in fs]
            y = np.array(
                [v for i, e in enumerate(ex) if fold[i] != k for _, _, ls in e for v in ls], dtype=float
            )
            weights.append(fit(rows, y, l2))
        for margin in (0.0, 0.5, 1.0, math.inf):
            per = [bench.Counts() for _ in range(args.folds)]
            for i, (d, a) in enumerate(zip(docs, found, strict=True)):
                per[fold[i]] += bench.score(d, rechosen(d, a, weights[fold[i]], margin))[0]
            ms = [c.metrics() for c in per]
            both = [m["speaker"] + m["entity"] for m in ms]
            print(
                f"l2 {l2:<4} margin {margin:<4} speaker {bench.spread([m['speaker'] for m in ms])}"
                f"  entity {bench.spread([m['entity'] for m in ms])}"
            )
            if best is None or statistics.fmean(both) > best[0]:
                best = (statistics.fmean(both), l2, margin)
    assert best is not None
    print(f"chosen: l2 {best[1]}, margin {best[2]}")
    if args.write and math.isfinite(best[2]):
        rows = [f for e in ex for _, fs, _ in e for f in fs]
        y = np.array([v for e in ex for _, _, ls in e for v in ls], dtype=float)
        body = {
            "margin": best[2],
            "l2": best[1],
            "trained_on": "PolNeAR v1.0 train, 840 articles",
            "weights": dict(sorted(fit(rows, y, best[1]).items())),
        }
        write_model(OUT, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
