"""Train the speaker chooser (src/corroborate/data/speaker_choice.json) on PolNeAR train.

Run: .venv/bin/python tools/train_speakers.py [--folds 5] [--write]

For every quote piece of the rules that covers a gold Content with a Source,
each candidate of `speaker_choice.candidates` is labelled by whether it
overlaps that Source. A logistic model (L2, Newton steps, numpy) scores the
candidates; a quote's speaker is replaced by the best candidate when it beats
the rules' choice by a margin. L2 and margin are chosen by the folds' mean
speaker figures (mention overlap + resolved entity right) over article folds
(`benchmarks/language_quotes.fold_of`); --write trains on all of train and
writes the model (temporary file, then moved into place). Dev is not read.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from train_quotes import analyses, fit, write_model  # noqa: E402

import language_quotes as bench  # noqa: E402
from corroborate.language import speaker_choice as sc  # noqa: E402
from corroborate.language.speakers import Speakers  # noqa: E402
from corroborate.model import Analysis, Quote, Span  # noqa: E402

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
    speakers = Speakers(doc.text, a.sentences, a.entities, a.mentions)
    quotes: list[Quote] = []
    for q in a.quotes:
        best = sc.choose(doc.text, q, a.sentences, a.mentions, w, margin)
        if best is not None:
            s = speakers.resolve(best.start, best.end)
            q = q.model_copy(
                update={
                    "speaker": s.text,
                    "speaker_span": Span(start=s.start, end=s.end),
                    "speaker_entity": s.entity,
                }
            )
        quotes.append(q)
    return a.model_copy(update={"quotes": quotes})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    docs = bench.load_docs("train")
    found = analyses(docs, refresh=False)
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
