"""Train the quote-piece filter (src/corroborate/data/quote_filter.json) on PolNeAR train.

Run: .venv/bin/python tools/train_quotes.py [--folds 5] [--write] [--refresh] [--split-aware]
     [--l2 0.3 1 3] [--thresholds 0.2 0.3 ...]   (the grid searched; the defaults are the full one)

Each piece the rules find (the learned parts switched off) is labelled right
when it covers half of a gold Content by itself (the benchmark's
`piece_labels`, as the issue's scorer counts); with --split-aware also when
it is a piece of a found split quotation (`split_labels`, the labels of the
session before). A logistic model (L2, Newton steps, numpy) over
`quote_filter.piece_features` is cross-validated over article folds
(`benchmarks/language_quotes.fold_of`); for each L2 strength and threshold
the folds' mean ± spread of the benchmark's figures are printed, each piece
judged by itself. The setting with the best mean F1 of that precision and
recall (all contents) is chosen; with --write the model trained on all of train with it is written (to a
temporary file, then moved into place). At run time `keep_quotes` also keeps a direct quotation whole;
`tools/train_speakers.py --pipeline` prints the figures with that rule and
the speaker chooser. Dev is not read.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import language_quotes as bench  # noqa: E402
from corroborate.language import analyze, quote_filter, quotes, speaker_choice  # noqa: E402
from corroborate.language.quotations import join_pieces, quotations  # noqa: E402
from corroborate.model import Analysis, Quote  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "corroborate_quotes_train.pkl"
OUT = ROOT / "src" / "corroborate" / "data" / "quote_filter.json"
MIN_COUNT = 3


Guesses = frozenset[tuple[int, int]]


def analyses(docs: list[bench.Doc], refresh: bool) -> list[Analysis]:
    return analyses_and_guesses(docs, refresh)[0]


def analyses_and_guesses(docs: list[bench.Doc], refresh: bool) -> tuple[list[Analysis], list[Guesses]]:
    """The rules' raw analyses of `docs` (cached), and per doc the (start, end) of its guessed pieces
    (`quotes._Finder.guess`: a cue word alone, no rule), which the filter judges with their own threshold."""
    if CACHE.exists() and not refresh:
        cached: tuple[list[Analysis], list[Guesses]] = pickle.loads(CACHE.read_bytes())
        if isinstance(cached, tuple) and len(cached[0]) == len(docs):
            # Validated again, so a cache written before an additive field of the model reads with it.
            return [Analysis.model_validate(a.model_dump()) for a in cached[0]], cached[1]
    saved, saved_choice, saved_join = quote_filter._model, speaker_choice._model, quotes.join_pieces
    saved_run = quotes._Finder.run
    seen: list[Guesses] = []

    def run(finder: quotes._Finder) -> list[Quote]:
        out = saved_run(finder)
        seen.append(frozenset(finder.guessed))
        return out

    # The rules' raw pieces and speakers: neither learned part applied, split quotations not joined.
    quote_filter._model = lambda: ({}, -math.inf)  # type: ignore[assignment]
    speaker_choice._model = lambda: ({}, math.inf)  # type: ignore[assignment]
    quotes.join_pieces = lambda text, qs: list(qs)
    quotes._Finder.run = run  # type: ignore[method-assign,assignment]
    try:
        out, guesses = [], []
        for d in docs:
            seen.clear()
            out.append(analyze(d.text, d.published))
            guesses.append(frozenset().union(*seen))
    finally:
        quote_filter._model, speaker_choice._model = saved, saved_choice
        quotes.join_pieces = saved_join
        quotes._Finder.run = saved_run  # type: ignore[method-assign]
    CACHE.write_bytes(pickle.dumps((out, guesses)))
    return out, guesses


def fit(rows: list[list[str]], y: np.ndarray, l2: float) -> dict[str, float]:
    """L2 logistic regression over binary features (each present feature has value 1)."""
    return fit_valued([dict.fromkeys(r, 1.0) for r in rows], y, l2)


def fit_valued(rows: list[dict[str, float]], y: np.ndarray, l2: float) -> dict[str, float]:
    """L2 logistic regression by Newton steps over sparse rows (feature -> value); the Hessian is summed
    sparsely (each row's active pairs), so a fit takes seconds where a dense product took minutes."""
    counts: dict[str, int] = {}
    for r in rows:
        for f in r:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= MIN_COUNT or f == "bias")
    index = {f: i for i, f in enumerate(names)}
    n = len(names)
    active = [[(index[f], v) for f, v in r.items() if f in index and v] for r in rows]
    lens = np.array([len(a) for a in active])
    row_of = np.repeat(np.arange(len(rows)), lens)
    col = np.fromiter((i for a in active for i, _ in a), dtype=np.int64, count=int(lens.sum()))
    val = np.fromiter((v for a in active for _, v in a), dtype=float, count=int(lens.sum()))
    pair_rows = np.repeat(np.arange(len(rows)), lens**2)
    cols = [np.array([i for i, _ in a]) for a in active if a]
    vals = [np.array([v for _, v in a]) for a in active if a]
    pairs = np.concatenate([np.add.outer(c * n, c).ravel() for c in cols])
    pair_val = np.concatenate([np.outer(v, v).ravel() for v in vals])
    w = np.zeros(n)
    reg = np.full(n, l2)
    if "bias" in index:
        reg[index["bias"]] = 0.0
    for _ in range(20):
        z = np.bincount(row_of, weights=w[col] * val, minlength=len(rows))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(col, weights=(p - y)[row_of] * val, minlength=n) + reg * w
        s = p * (1 - p)
        hess = np.bincount(pairs, weights=s[pair_rows] * pair_val, minlength=n * n).reshape(n, n)
        step = np.linalg.solve(hess + np.diag(reg + 1e-6), grad)
        w -= step
        if np.abs(step).max() < 1e-5:
            break
    return {f: float(w[i]) for f, i in index.items() if abs(w[i]) > 1e-9 or f == "bias"}


def write_model(path: Path, body: dict[str, object]) -> None:
    """Write a model's JSON through a temporary file moved into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(body, fh, indent=0)
        fh.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    weights = body.get("weights")
    print(f"wrote {path} ({len(weights) if isinstance(weights, dict) else 0} weights)")


def features(doc: bench.Doc, a: Analysis, guessed: Guesses = frozenset()) -> list[list[str]]:
    return [
        quote_filter.piece_features(
            doc.text, a.quotes, k, a.entities, a.mentions, (q.start, q.end) in guessed
        )
        for k, q in enumerate(a.quotes)
    ]


def joined_labels(doc: bench.Doc, quotes: Sequence[Quote]) -> list[bool]:
    """Per piece: the quotation it belongs to (its split pieces joined, as `find_quotes` ships them)
    covers half of some gold Content by itself."""
    out = [False] * len(quotes)
    for group in quotations(doc.text, quotes):
        joined = join_pieces(doc.text, [quotes[k] for k in group])
        ok = bench.piece_labels(doc, joined)[0]
        for k in group:
            out[k] = ok
    return out


def speaker_checked(
    doc: bench.Doc, quotes: Sequence[Quote], labels: list[bool], guessed: Guesses
) -> list[bool]:
    """The labels, a guessed piece's also false when the gold Content it covers has a Source its speaker
    mention does not overlap: a guess given to the wrong person is a wrong quote to a reader."""
    golds = [(g, bench.tokens(doc.text, g.content)) for g in doc.golds]
    out = list(labels)
    for k, q in enumerate(quotes):
        if not out[k] or (q.start, q.end) not in guessed:
            continue
        covered = [g for g, t in golds if t and bench.covers(q, t)]
        mention = [(q.speaker_span.start, q.speaker_span.end)] if q.speaker_span else []
        out[k] = any(not g.source or bench._overlaps(mention, g.source) for g in covered)
    return out


def score_joined(doc: bench.Doc, a: Analysis, keep: Sequence[bool]) -> bench.Counts:
    """The benchmark's counts for the kept pieces, split quotations joined."""
    kept = [q for q, ok in zip(a.quotes, keep, strict=True) if ok]
    return bench.score(doc, a.model_copy(update={"quotes": join_pieces(doc.text, kept)}))[0]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument(
        "--split-aware", action="store_true", help="label a found split quotation's pieces right (old labels)"
    )
    ap.add_argument(
        "--joined", action="store_true", help="label and score each piece by its joined quotation (shipped)"
    )
    ap.add_argument("--refresh", action="store_true", help="re-run the rules instead of the cached pieces")
    ap.add_argument("--l2", type=float, nargs="*", default=[0.3, 1.0, 3.0], help="L2 strengths to try")
    ap.add_argument(
        "--thresholds", type=float, nargs="*", default=[0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
    )
    ap.add_argument(
        "--guess-thresholds", type=float, nargs="*", default=[], help="for guessed pieces (default: the same)"
    )
    ap.add_argument("--guess-speakers", action="store_true", help="a guess is right only with its Source")
    ap.add_argument("--min-precision", type=float, default=0.88, help="the choice: best recall(all) above it")
    args = ap.parse_args()
    docs = bench.load_docs("train")
    found, guesses = analyses_and_guesses(docs, args.refresh)
    feats = [features(d, a, g) for d, a, g in zip(docs, found, guesses, strict=True)]
    is_guess = [[(q.start, q.end) in g for q in a.quotes] for a, g in zip(found, guesses, strict=True)]
    label_of = (
        bench.split_labels if args.split_aware else joined_labels if args.joined else bench.piece_labels
    )
    labels = [label_of(d, a.quotes) for d, a in zip(docs, found, strict=True)]
    if args.guess_speakers:
        labels = [
            speaker_checked(d, a.quotes, ls, g)
            for d, a, ls, g in zip(docs, found, labels, guesses, strict=True)
        ]
    key = "precision_split" if args.split_aware else "precision"
    fold = [bench.fold_of(d.name, args.folds) for d in docs]
    baseline = [bench.score(d, a)[0] for d, a in zip(docs, found, strict=True)]
    per = [
        sum((c for c, f in zip(baseline, fold, strict=True) if f == k), bench.Counts())
        for k in range(args.folds)
    ]
    bench.report("rules alone (cross-validation folds)", sum(per, bench.Counts()), per)
    best: tuple[tuple[bool, float], float, float, float] | None = None
    for l2 in args.l2:
        probs: list[list[float]] = [[] for _ in docs]
        for k in range(args.folds):
            rows = [r for i, fs in enumerate(feats) if fold[i] != k for r in fs]
            y = np.array([v for i, ls in enumerate(labels) if fold[i] != k for v in ls], dtype=float)
            w = fit(rows, y, l2)
            for i, fs in enumerate(feats):
                if fold[i] == k:
                    probs[i] = [quote_filter.probability(w, r) for r in fs]
        for t, gt in [(x, gx) for x in args.thresholds for gx in args.guess_thresholds or [x]]:
            per = [bench.Counts() for _ in range(args.folds)]
            for i, (d, a) in enumerate(zip(docs, found, strict=True)):
                keep = [p >= (gt if g else t) for p, g in zip(probs[i], is_guess[i], strict=True)]
                per[fold[i]] += score_joined(d, a, keep) if args.joined else bench.score(d, a, keep)[0]
            ms = [c.metrics() for c in per]
            f1 = [2 * m[key] * m["recall_all"] / (m[key] + m["recall_all"]) for m in ms]
            line = "  ".join(
                f"{key[:9]} {bench.spread([m[key] for m in ms])}"
                for key in ("precision", "precision_split", "recall_quoted", "recall_all", "speaker")
            )
            print(f"l2 {l2:<4} t {t:<5} guesses {gt:<5} F1 {bench.spread(f1)}  {line}")
            # The choice: the best recall of all contents among settings whose folds' mean precision reaches
            # the goal; without one, the best F1 of the two.
            precise = statistics.fmean(m[key] for m in ms) >= args.min_precision
            rank = (
                precise,
                statistics.fmean(m["recall_all"] for m in ms) if precise else statistics.fmean(f1),
            )
            if best is None or rank > best[0]:
                best = (rank, l2, t, gt)
    assert best is not None
    print(f"chosen: l2 {best[1]}, threshold {best[2]}, guesses {best[3]} (precision goal met: {best[0][0]})")
    if args.write:
        rows = [r for fs in feats for r in fs]
        y = np.array([v for ls in labels for v in ls], dtype=float)
        weights = fit(rows, y, best[1])
        body = {
            "threshold": best[2],
            "guess_threshold": best[3],
            "guess_speakers": args.guess_speakers,
            "l2": best[1],
            "trained_on": "PolNeAR v1.0 train, 840 articles",
            "weights": dict(sorted(weights.items())),
        }
        write_model(OUT, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
