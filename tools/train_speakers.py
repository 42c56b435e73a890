"""Train the speaker chooser (src/corroborate/data/speaker_choice.json) on PolNeAR train.

Run: .venv/bin/python tools/train_speakers.py [--folds 5] [--write] [--pipeline] [--pairwise]
     [--l2 1 10] [--margins 0 0.5 1 inf]   (the grid searched; the defaults are the full one)

For every quote piece of the rules that covers a gold Content with a Source,
each candidate of `speaker_choice.candidates` is labelled by whether it
overlaps that Source. A logistic model (L2, Newton steps, numpy) scores the
candidates; a quote's speaker is replaced by the best candidate when it beats
the rules' choice by a margin. With --pairwise (shipped) the model learns from
pairs, a right and a wrong candidate of one quote (the difference of their
features), which of the two is the Source. L2 and margin are chosen by the folds' mean
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
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import train_quotes  # noqa: E402
from train_quotes import fit, fit_valued, write_model  # noqa: E402

import language_quotes as bench  # noqa: E402
from corroborate.language import quote_filter  # noqa: E402
from corroborate.language import speaker_choice as sc  # noqa: E402
from corroborate.language.quotations import join_pieces  # noqa: E402
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


def pair_rows(
    ex: list[tuple[int, list[list[str]], list[bool]]],
) -> tuple[list[dict[str, float]], list[float]]:
    """Ranking rows: for each right and wrong candidate of one quote, their features' difference, labelled
    1 (or its negation labelled 0, alternately), so the model learns which of two candidates speaks."""
    rows: list[dict[str, float]] = []
    ys: list[float] = []
    for _, feats, labels in ex:
        for i in (i for i, ok in enumerate(labels) if ok):
            for j in (j for j, ok in enumerate(labels) if not ok):
                x: dict[str, float] = {}
                for f in feats[i]:
                    x[f] = x.get(f, 0.0) + 1.0
                for f in feats[j]:
                    x[f] = x.get(f, 0.0) - 1.0
                sign = 1.0 if len(rows) % 2 == 0 else -1.0
                rows.append({f: sign * v for f, v in x.items() if v})
                ys.append(1.0 if sign > 0 else 0.0)
    return rows, ys


def train(
    ex: list[list[tuple[int, list[list[str]], list[bool]]]], l2: float, pairwise: bool
) -> dict[str, float]:
    """The chooser's weights from the examples of some articles: pointwise (is this candidate the Source)
    or pairwise (which of two candidates is)."""
    if pairwise:
        rows, ys = pair_rows([e for doc in ex for e in doc])
        return fit_valued(rows, np.array(ys), l2)
    flat = [f for doc in ex for _, fs, _ in doc for f in fs]
    return fit(flat, np.array([v for doc in ex for _, _, ls in doc for v in ls], dtype=float), l2)


def rechosen(doc: bench.Doc, a: Analysis, w: dict[str, float], margin: float) -> Analysis:
    quotes = sc.rechoose(doc.text, a.quotes, a.sentences, a.entities, a.mentions, (w, margin))
    return a.model_copy(update={"quotes": quotes})


def pipeline_cv(
    docs: list[bench.Doc],
    found: list[Analysis],
    folds: int,
    joined: bool = True,
    thresholds: Sequence[float] = (),
    guesses: Sequence[train_quotes.Guesses] = (),
    guess_thresholds: Sequence[float] = (),
    guess_speakers: bool = False,
) -> None:
    """The whole learned stage by article folds: per fold, the quote filter and the chooser trained on the
    other folds with the shipped settings (l2, threshold, margin), the filter applied, then the chooser,
    then the pieces of a split quotation joined (`joined`; --pieces scores them apart, as before). With
    `thresholds` (and `guess_thresholds`, for the pieces in `guesses`), the filter's thresholds are each of
    those in turn instead of the shipped ones."""
    shipped = {
        name: json.loads((OUT.parent / f"{name}.json").read_text(encoding="utf-8"))
        for name in ("quote_filter", "speaker_choice")
    }
    fold = [bench.fold_of(d.name, folds) for d in docs]
    guesses = list(guesses) or [frozenset() for _ in docs]
    pieces = [train_quotes.features(d, a, g) for d, a, g in zip(docs, found, guesses, strict=True)]
    label_of = train_quotes.joined_labels if joined else bench.piece_labels
    labels = [label_of(d, a.quotes) for d, a in zip(docs, found, strict=True)]
    if guess_speakers:
        labels = [
            train_quotes.speaker_checked(d, a.quotes, ls, g)
            for d, a, ls, g in zip(docs, found, labels, guesses, strict=True)
        ]
    ex = [examples(d, a) for d, a in zip(docs, found, strict=True)]
    filter_json = shipped["quote_filter"]
    tried = [
        (t, gt)
        for t in list(thresholds) or [float(filter_json["threshold"])]
        for gt in list(guess_thresholds) or [float(filter_json.get("guess_threshold", t))]
    ]
    per = {t: [bench.Counts() for _ in range(folds)] for t in tried}
    for k in range(folds):
        rows = [r for i, fs in enumerate(pieces) if fold[i] != k for r in fs]
        y = np.array([v for i, ls in enumerate(labels) if fold[i] != k for v in ls], dtype=float)
        kept = fit(rows, y, float(shipped["quote_filter"]["l2"]))
        chooser = train(
            [e for i, e in enumerate(ex) if fold[i] != k],
            float(shipped["speaker_choice"]["l2"]),
            bool(shipped["speaker_choice"].get("pairwise", False)),
        )
        for i, (d, a) in enumerate(zip(docs, found, strict=True)):
            if fold[i] != k:
                continue
            probs = [quote_filter.probability(kept, r) for r in pieces[i]]
            for threshold in tried:
                quotes = quote_filter.keep_quotes(
                    d.text,
                    a.quotes,
                    a.entities,
                    a.mentions,
                    (kept, threshold[0]),
                    probs,
                    guesses[i],
                    threshold[1],
                )
                filtered = a.model_copy(update={"quotes": quotes})
                margin = float(shipped["speaker_choice"]["margin"])
                chosen = rechosen(d, filtered, chooser, margin)
                if joined:
                    chosen = chosen.model_copy(update={"quotes": join_pieces(d.text, chosen.quotes)})
                per[threshold][k] += bench.score(d, chosen)[0]
    for threshold, counts in per.items():
        title = f"filter (thresholds {threshold}) + chooser, {folds} article folds (PolNeAR train)"
        bench.report(title, sum(counts, bench.Counts()), counts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--pipeline", action="store_true", help="cross-validate filter and chooser together")
    ap.add_argument("--pieces", action="store_true", help="with --pipeline: score split pieces apart")
    ap.add_argument("--pairwise", action="store_true", help="train on pairs of candidates (a ranking model)")
    ap.add_argument("--l2", type=float, nargs="*", default=[1.0, 10.0], help="L2 strengths to try")
    ap.add_argument("--margins", type=float, nargs="*", default=[0.0, 0.5, 1.0, math.inf])
    ap.add_argument(
        "--thresholds", type=float, nargs="*", default=[], help="with --pipeline: filter thresholds"
    )
    ap.add_argument("--guess-thresholds", type=float, nargs="*", default=[], help="the same, guessed pieces")
    ap.add_argument("--guess-speakers", action="store_true", help="the filter's labels: see train_quotes")
    args = ap.parse_args()
    docs = bench.load_docs("train")
    found, guesses = train_quotes.analyses_and_guesses(docs, refresh=False)
    if args.pipeline:
        pipeline_cv(
            docs,
            found,
            args.folds,
            not args.pieces,
            args.thresholds,
            guesses,
            args.guess_thresholds,
            args.guess_speakers,
        )
        return 0
    ex = [examples(d, a) for d, a in zip(docs, found, strict=True)]
    fold = [bench.fold_of(d.name, args.folds) for d in docs]
    best: tuple[float, float, float] | None = None
    for l2 in args.l2:
        weights = [
            train([e for i, e in enumerate(ex) if fold[i] != k], l2, args.pairwise) for k in range(args.folds)
        ]
        for margin in args.margins:
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
        body = {
            "margin": best[2],
            "l2": best[1],
            "pairwise": args.pairwise,
            "trained_on": "PolNeAR v1.0 train, 840 articles",
            "weights": dict(sorted(train(ex, best[1], args.pairwise).items())),
        }
        write_model(OUT, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
