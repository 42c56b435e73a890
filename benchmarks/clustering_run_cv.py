"""Held-out folds of the three event sets scored the way a run assigns stories (a small grid).

Run: .venv/bin/python benchmarks/clustering_run_cv.py [--folds 5]

`clustering_joint_cv.py` clusters each held-out fold as one batch; a run
(`pipeline.assign_stories`) clusters dated articles a stretch at a time, and its smaller
batches leave blocking more candidate pairs, so it merges more. Here the weights are
fitted as there (on the other folds of all three sets) and each held-out fold goes through
`clustering_long.as_run` with the learned scorer at each threshold x cohesion ratio x lone
cohesion of a small grid; ECB+ and L3S are undated, so for them this is `cluster()` itself.
"""

from __future__ import annotations

import argparse
import itertools
import statistics

import numpy as np

from clustering import DATA, analysed, bcubed, load
from clustering_cv import fit, topic_folds
from clustering_joint_cv import SETS, prepared
from clustering_long import LOADERS, as_run, folds
from clustering_long import analysed as long_analysed
from corroborate.model import Article
from corroborate.stories.cluster import Learned
from corroborate.stories.scorer import PairScorer

THRESHOLDS = [0.3, 0.35, 0.4, 0.5, 0.6]
RATIOS = [0.6, 0.7, 0.8]
LONES = [0.6]
L2 = 0.1


def articles(k: int) -> dict[str, tuple[list[list[Article]], dict[str, str]]]:
    raw, gold = load(DATA)
    ecb = analysed(raw, DATA)
    out = {"ecb": ([[a for a in ecb if a.id in f] for f in topic_folds(DATA, k)], gold)}
    for name in ("l3s", "polnear"):
        raw, g = LOADERS[name]()
        arts = long_analysed(name, raw, False)
        out[name] = ([[a for a in arts if a.id in f] for f in folds(g, k)], g)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    k = args.folds
    batches = prepared(k)
    parts = articles(k)
    models = [fit([b for s in SETS for n, b in enumerate(batches[s]) if n != f], L2) for f in range(k)]
    for t, ratio, lone in itertools.product(THRESHOLDS, RATIOS, LONES):
        cells = []
        for s in SETS:
            fold_parts, gold = parts[s]
            f1 = []
            for f, part in enumerate(fold_parts):
                w, bias = models[f]
                scorer = Learned(
                    PairScorer(tuple(float(v) for v in np.asarray(w)), bias, t, ratio, 1.0, lone)
                )
                f1.append(bcubed(as_run(part, scorer), {a.id: gold[a.id] for a in part})[2])
            cells.append(f"{s} {statistics.mean(f1):.3f} ± {statistics.stdev(f1):.3f}")
        print(f"t {t} ratio {ratio} lone {lone}: " + "; ".join(cells), flush=True)


if __name__ == "__main__":
    main()
