"""Fit the text-dump line classifier (corroborate.extract.dumpmodel) on l3s-gn1's dumps.

OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python tools/train_dump_lines.py [--cache FILE] [--write]

Every page of ../shared/datasets/l3s-gn1 is rendered by each converter (html-text, inscriptis,
html2text, lynx -nolist, w3m: benchmarks/extraction_data.renderers), read into blocks and put
through the rules as `corroborate extract` does (text.text_blocks, text.classify_by_rules); a
block is body text when half or more of its 4-word shingles are in the gold text. A logistic
model (L2, Newton steps, blocks weighed by their share of the page's words) is fitted on all
converters' blocks at once. Reported, with the metric of ../shared/datasets/README.md:

- 5 site folds (benchmarks/extraction_cv.site_folds): fitted on four folds of every converter,
  scored on the fifth; the decision threshold is the one with the best mean over the folds;
- leave one converter out: fitted on four converters' dumps of four site folds, scored on the
  fifth converter's dumps of the fifth fold (25 fits), a stand-in for converters never seen;
- the figures go through `extract()` itself with each fold's model in place.

--write fits on everything and writes src/corroborate/data/dump_lines.json.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corroborate.extract import ExtractError, dumpmodel, extract  # noqa: E402
from corroborate.extract.dumpmodel import SECOND, Model, context, features  # noqa: E402
from corroborate.extract.text import classify_by_rules, text_blocks  # noqa: E402
from extraction_cv import site_folds  # noqa: E402
from extraction_data import Doc, load, page, renderers  # noqa: E402
from extraction_metric import score, shingles  # noqa: E402

CONVERTERS = ("html-text", "inscriptis", "html2text", "lynx", "w3m")
OUT = ROOT / "src" / "corroborate" / "data" / "dump_lines.json"
THRESHOLDS = (-0.5, 0.0, 0.5)
LABEL_SHARE = 0.5
"""A block is body text when this share of its shingles or more is in the gold."""


def dumps(docs: list[Doc], cache: Path | None) -> dict[str, list[str]]:
    if cache and cache.exists():
        with cache.open("rb") as f:
            stored: dict[str, list[str]] = pickle.load(f)
        return stored
    made = {name: [r(d.html) for d in docs] for name, r in renderers().items() if name in CONVERTERS}
    if cache:
        with cache.open("wb") as f:
            pickle.dump(made, f)
    return made


Rows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def rows(dump: str, gold: str) -> Rows:
    """Features, labels, weights and the training mask (the title's left out) of one dump's blocks."""
    blocks = text_blocks(dump)
    if not blocks:
        return np.zeros((0, len(dumpmodel.NAMES))), np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool)
    _, _, own, start = classify_by_rules(blocks, None)
    x = features(blocks, own, start)
    wanted = set(shingles(gold))
    y, w = [], []
    for b in blocks:
        s = shingles(b.text)
        y.append(1.0 if sum(1 for k in s if k in wanted) >= LABEL_SHARE * max(len(s), 1) else 0.0)
        w.append(len(b.text.split()))
    mask = np.array([b.kind != "title" for b in blocks])
    weights = np.array(w, dtype=float)
    weights /= max(weights.sum(), 1.0)
    return x, np.array(y), weights * len(blocks), mask


def fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0, steps: int = 12
) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by Newton steps on standardised features; the weights and
    bias returned apply to the raw features."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + penalty * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    weights = beta[:-1] / scale
    return weights, float(beta[-1] - (weights * mean).sum())


def stack(data: dict[str, list[Rows]], keys: list[tuple[str, int]]) -> Model:
    """Both stages fitted on the pages `keys` names: the second on the first's in-sample scores."""
    parts = [data[c][i] for c, i in keys if len(data[c][i][1])]
    x = np.vstack([p[0][p[3]] for p in parts])
    y = np.concatenate([p[1][p[3]] for p in parts])
    w = np.concatenate([p[2][p[3]] for p in parts])
    zero = np.zeros(x.shape[1])
    weights, bias = fit(x, y, w)
    first = Model(zero, np.ones(x.shape[1]), weights, bias, np.zeros(len(SECOND)), 0.0, 0.0)
    ctx = np.vstack([context(first.first_scores(p[0]), np.expm1(p[0][:, 0]))[p[3]] for p in parts])
    second, second_bias = fit(ctx, y, w)
    return Model(zero, np.ones(x.shape[1]), weights, bias, second, second_bias, 0.0)


def extracted(model: Model, docs: list[Doc], texts: list[str], idx: list[int]) -> list[tuple[str, str]]:
    """(gold, title + text) of the pages, through extract() with the model in place."""
    dumpmodel.shipped = lambda: model  # type: ignore[assignment]
    out = []
    for i in idx:
        try:
            a = extract(page(docs[i], texts[i], "text"))
            out.append((docs[i].gold, f"{a.title}\n{a.text}" if a.title else a.text))
        except ExtractError:
            out.append((docs[i].gold, ""))
    return out


def with_threshold(model: Model, t: float) -> Model:
    return Model(model.mean, model.scale, model.weights, model.bias, model.second, model.second_bias, t)


Data = dict[str, list[Rows]]
Dumps = dict[str, list[str]]


def site_cv(docs: list[Doc], made: Dumps, data: Data, folds: list[list[int]]) -> float:
    """Per threshold, each converter's folds; print them and return the best threshold."""
    models = [
        stack(data, [(c, i) for c in CONVERTERS for f in range(len(folds)) if f != k for i in folds[f]])
        for k in range(len(folds))
    ]
    best, best_mean = 0.0, -1.0
    for t in THRESHOLDS:
        f1s = {
            c: [
                score(extracted(with_threshold(models[k], t), docs, made[c], folds[k])).f1
                for k in range(len(folds))
            ]
            for c in CONVERTERS
        }
        means = [statistics.mean(v) for v in f1s.values()]
        print(
            f"threshold {t:+.2f}: "
            + "  ".join(f"{c} {statistics.mean(v):.3f} ± {statistics.stdev(v):.3f}" for c, v in f1s.items())
            + f"  | worst {min(means):.3f} mean {statistics.mean(means):.3f}",
            flush=True,
        )
        if statistics.mean(means) > best_mean:
            best, best_mean = t, statistics.mean(means)
    return best


def loco(docs: list[Doc], made: Dumps, data: Data, folds: list[list[int]], threshold: float) -> None:
    for held in CONVERTERS:
        f1s = []
        for k in range(len(folds)):
            keys = [
                (c, i) for c in CONVERTERS if c != held for f in range(len(folds)) if f != k for i in folds[f]
            ]
            model = with_threshold(stack(data, keys), threshold)
            f1s.append(score(extracted(model, docs, made[held], folds[k])).f1)
        print(
            f"not trained on {held:10}: folds {' '.join(f'{x:.3f}' for x in f1s)}"
            f"  mean {statistics.mean(f1s):.3f} ± {statistics.stdev(f1s):.3f}",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="a pickle of the rendered dumps, made on first use")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-loco", action="store_true")
    ap.add_argument("--threshold", type=float, help="skip the threshold search")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    t0 = time.process_time()
    docs = load()
    made = dumps(docs, args.cache)
    folds = site_folds(docs, args.folds)
    data = {c: [rows(made[c][i], d.gold) for i, d in enumerate(docs)] for c in CONVERTERS}
    print(
        f"{len(docs)} pages x {len(CONVERTERS)} converters: "
        f"{sum(len(r[1]) for v in data.values() for r in v)} blocks; {time.process_time() - t0:.0f} s",
        flush=True,
    )
    threshold = args.threshold if args.threshold is not None else site_cv(docs, made, data, folds)
    print(f"threshold {threshold:+.2f}; {time.process_time() - t0:.0f} s CPU", flush=True)
    if not args.no_loco:
        loco(docs, made, data, folds, threshold)
    if args.write:
        model = with_threshold(stack(data, [(c, i) for c in CONVERTERS for i in range(len(docs))]), threshold)
        OUT.write_text(json.dumps(model.to_json(), indent=0) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    print(f"{time.process_time() - t0:.0f} s CPU")


if __name__ == "__main__":
    main()
