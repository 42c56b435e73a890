"""Held-out folds of the three event sets scored the way a run assigns stories (a small grid).

Run: .venv/bin/python benchmarks/clustering_run_cv.py [--folds 5,2] [--pairs batch|stretches]
     [--chunk-days 14]

`clustering_joint_cv.py` clusters each held-out fold as one batch; a run
(`pipeline.assign_stories`) clusters dated articles a stretch of `chunk_days` at a time, and
a stretch's term weights count only the stretch's articles into the idf (beside the fixed
background), so a dense topic's common words weigh more and the run merges more than one
batch does (session 8: with the whole fold's document counts added, the run gives the
batch's figure exactly). `--chunk-days` tries another stretch. Here the weights are
fitted as there (on the other folds of all three sets) and each held-out fold goes through
`clustering_long.as_run` with the learned scorer at each threshold x cohesion ratio x lone
cohesion of a small grid; ECB+ and L3S are undated, so for them this is `cluster()`
itself. Fewer folds make larger held-out batches (2 folds: ECB+ about 200, L3S 310,
PolNeAR 420 articles, the size of the issue's unseen sets), where one topic's articles chain
into one story; a point is judged by the worst set's mean F1, averaged over the fold counts.
"""

from __future__ import annotations

import argparse
import itertools
import statistics

import numpy as np

import clustering_joint_cv
from clustering import DATA, analysed, bcubed, load
from clustering_cv import fit, topic_folds
from clustering_joint_cv import SETS, prepared
from clustering_long import LOADERS, as_run, folds
from clustering_long import analysed as long_analysed
from corroborate.model import Article
from corroborate.settings import StorySettings
from corroborate.stories.cluster import Learned
from corroborate.stories.scorer import PairScorer, shipped

THRESHOLDS = [0.3, 0.35, 0.4, 0.45]
RATIOS = [0.6]
LONES = [0.5, 0.6]
L2 = 0.1
# The run's settings the held-out folds go through (`--chunk-days`).
STORY = StorySettings()


def articles(k: int) -> dict[str, tuple[list[list[Article]], dict[str, str]]]:
    raw, gold = load(DATA)
    ecb = analysed(raw, DATA)
    out = {"ecb": ([[a for a in ecb if a.id in f] for f in topic_folds(DATA, k)], gold)}
    for name in ("l3s", "polnear"):
        raw, g = LOADERS[name]()
        arts = long_analysed(name, raw, False)
        out[name] = ([[a for a in arts if a.id in f] for f in folds(g, k)], g)
    return out


def scores(k: int, points: list[tuple[float, ...]]) -> dict[tuple[float, ...], dict[str, list[float]]]:
    """Held-out F1 of each fold of each set at each point (weights fitted on the other folds)."""
    batches = prepared(k)
    parts = articles(k)
    models = [fit([b for s in SETS for n, b in enumerate(batches[s]) if n != f], L2) for f in range(k)]
    res: dict[tuple[float, ...], dict[str, list[float]]] = {}
    for point in points:
        t, ratio, lone = point
        res[point] = {}
        for s in SETS:
            fold_parts, gold = parts[s]
            f1 = []
            for f, part in enumerate(fold_parts):
                w, bias = models[f]
                model = PairScorer(tuple(float(v) for v in np.asarray(w)), bias, t, ratio, 1.0, lone)
                f1.append(bcubed(as_run(part, Learned(model), STORY), {a.id: gold[a.id] for a in part})[2])
            res[point][s] = f1
        cells = "; ".join(
            f"{s} {statistics.mean(v):.3f} ± {statistics.stdev(v):.3f}" for s, v in res[point].items()
        )
        print(f"{k} folds  t {t} ratio {ratio} lone {lone}: {cells}", flush=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", default="5,2", help="fold counts; a point is judged by their mean")
    ap.add_argument(
        "--pairs", choices=["stretches", "batch"], default="batch", help="how training pairs are prepared"
    )
    ap.add_argument("--chunk-days", type=float, default=StorySettings().chunk_days, help="a run's stretch")
    args = ap.parse_args()
    clustering_joint_cv.STRETCHES = args.pairs == "stretches"
    global STORY
    STORY = StorySettings(chunk_days=args.chunk_days)
    counts = [int(k) for k in args.folds.split(",")]
    points = list(itertools.product(THRESHOLDS, RATIOS, LONES))
    now = shipped()
    current = (now.threshold, now.cohesion_ratio, now.lone_cohesion)
    if current not in points:
        points.insert(0, current)
    by_k = {k: scores(k, points) for k in counts}

    def worst(point: tuple[float, ...]) -> float:
        return statistics.mean(min(statistics.mean(v) for v in g[point].values()) for g in by_k.values())

    for point in sorted(points, key=lambda p: -worst(p)):
        means = " ".join(
            f"{k}f[" + " ".join(f"{statistics.mean(v):.3f}" for v in g[point].values()) + "]"
            for k, g in by_k.items()
        )
        mark = "  (shipped)" if point == current else ""
        print(
            f"worst-set mean {worst(point):.3f}  t {point[0]} ratio {point[1]} lone {point[2]}  {means}{mark}"
        )


if __name__ == "__main__":
    main()
