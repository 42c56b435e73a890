"""The trainers of the quote filter and the speaker chooser (tools/train_quotes.py, train_speakers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import train_quotes  # noqa: E402
import train_speakers  # noqa: E402


def _rows(n: int, seed: int) -> tuple[list[list[str]], np.ndarray]:
    rng = np.random.default_rng(seed)
    rows = [["bias", *(f"f{j}" for j in rng.choice(40, 6, replace=False))] for _ in range(n)]
    y = np.array([float(("f1" in r) != (rng.random() < 0.1)) for r in rows])
    return rows, y


def test_fit_learns_the_feature_that_decides() -> None:
    rows, y = _rows(2000, 0)
    w = train_quotes.fit(rows, y, 1.0)
    assert w["f1"] > 3.0 and w["bias"] < -1.0
    assert all(abs(v) < 0.6 for f, v in w.items() if f not in ("f1", "bias"))


def test_fit_matches_the_logistic_optimum() -> None:
    """At the optimum the gradient of the penalised log-likelihood is zero (checked densely)."""
    rows, y = _rows(500, 1)
    l2 = 3.0
    w = train_quotes.fit(rows, y, l2)
    names = sorted(w)
    x = np.array([[1.0 if f in r else 0.0 for f in names] for r in rows])
    wv = np.array([w[f] for f in names])
    p = 1 / (1 + np.exp(-(x @ wv)))
    reg = np.array([0.0 if f == "bias" else l2 for f in names])
    assert np.abs(x.T @ (p - y) + reg * wv).max() < 1e-4


def test_pairwise_rows_are_differences_of_right_and_wrong_candidates() -> None:
    example = (0, [["bias", "near"], ["bias", "far"], ["bias", "far", "pron"]], [True, False, False])
    rows, ys = train_speakers.pair_rows([example])
    assert len(rows) == 2 and ys == [1.0, 0.0]
    assert rows[0] == {"near": 1.0, "far": -1.0}
    assert rows[1] == {"near": -1.0, "far": 1.0, "pron": 1.0}


def test_pairwise_chooser_ranks_the_right_candidate_first() -> None:
    rng = np.random.default_rng(2)
    examples = []
    for k in range(300):
        right = int(rng.integers(0, 3))
        feats = [["bias", "subject" if i == right else f"noise{rng.integers(0, 5)}"] for i in range(3)]
        examples.append((k, feats, [i == right for i in range(3)]))
    w = train_speakers.train([examples], 1.0, pairwise=True)
    assert w["subject"] > max(v for f, v in w.items() if f.startswith("noise")) + 2.0
