"""A learnt line classifier for text dumps: body text or not, whatever converter made the dump.

The rules (boilerplate kinds, the article's region, teasers) give each block of a text page a
verdict; converters differ in how they break and lay out lines, so a verdict that holds for one
dump misfires on another. Here a logistic model reads each block's own shape (length, sentence
punctuation, function words, capitals, digits, separators), its place on the page, its
neighbours' shape and the rules' verdicts, and decides. It was fitted on the dumps of five
converters (tools/train_dump_lines.py) and ships as data/dump_lines.json, loaded once.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from corroborate.extract.assemble import MIN_WORDS
from corroborate.extract.boilerplate import Block, words
from corroborate.model import RemovedKind
from corroborate.text.words import STOPWORDS

_ENDS = frozenset('.!?…"”’)')
_SEPARATORS = frozenset("|·•›»")
_OWN_GROUPS: dict[str, int] = {"navigation": 1, "comments": 2, "related": 3, "teaser": 3}
"""The rules' own verdict (before the region) as one of: text, navigation, comments, lists, other."""
_FINAL_GROUPS: dict[str, int] = {"navigation": 1, "related": 2, "other": 2, "teaser": 3}
"""The rules' final verdict as one of: kept, above the article, below it, teasers, other kinds."""

BASE = (
    "log_words",
    "log_chars",
    "ends_sentence",
    "stopwords",
    "capitalised",
    "digits",
    "commas",
    "separators",
    "head",
    "item",
    "caption",
    "position",
    "words_before",
    "log_group",
    "first_in_group",
    "share_of_longest",
    "own_text",
    "own_navigation",
    "own_comments",
    "own_list",
    "own_other",
    "kept",
    "above",
    "below",
    "teaser",
    "other_kind",
    "in_region",
    "region_distance",
)
"""Features of one block on its own, in the order of a row."""
_SHAPE = ("log_words", "ends_sentence", "stopwords", "kept")
"""Features read from the neighbours too: the block before, the block after, the mean of +-3."""
NAMES = (
    BASE
    + tuple(f"prev_{n}" for n in _SHAPE)
    + tuple(f"next_{n}" for n in _SHAPE)
    + tuple(f"near_{n}" for n in _SHAPE)
    + ("log_blocks", "page_kept_share", "log_words_sq")
    + ("first_person", "second_person", "lower_start", "after_comments", "after_title", "title_distance")
)
_NEAR = 3
_FIRST_PERSON = frozenset({"i", "i'm", "im", "i've", "my", "me", "i’m"})
_SECOND_PERSON = frozenset({"you", "your", "you're", "you’re", "we", "our", "us"})


_CAPITAL = re.compile(r" [A-Z]")
_DIGIT = re.compile(r" [0-9]")
_SEPARATOR = re.compile(r" [|·•›»](?= )")
_HEAD = 400
"""Shares are read from a block's first characters: time stays linear in the blocks."""


_ONE_HOT = np.eye(5)


_CODES: dict[str, int] = {
    **dict.fromkeys(STOPWORDS, 1),
    **dict.fromkeys(_FIRST_PERSON, 2),
    **dict.fromkeys(_SECOND_PERSON, 3),
}
"""Function words (1), first-person (2) and second-person words (3): one lookup a token."""


def _counts(tokens: list[str]) -> tuple[int, int, int]:
    """Function words (the people's words among them), first-person and second-person words."""
    codes = list(map(_CODES.get, tokens))
    me, you = codes.count(2), codes.count(3)
    return len(codes) - codes.count(None), me, you


def _own_rows(blocks: list[Block], own: list[RemovedKind | None]) -> np.ndarray:
    """Each block's own features, column by column (the per-page ones left at 0), then the three
    extra ones: one C-level pass per feature over the page's blocks, not a Python loop a block."""
    texts = [b.text for b in blocks]
    heads = [f" {t[:_HEAD]} " for t in texts]  # spaced: a word's start is a space and a character
    tokens = list(map(str.split, map(str.lower, heads)))
    n_words = np.array([t.count(" ") for t in texts], dtype=float) + 1  # single-spaced (text_blocks)
    m = np.array([h.count(" ") for h in heads], dtype=float) - 1
    tags = [b.tag for b in blocks]
    counts = list(map(_counts, tokens))
    shares = (
        np.array(
            [
                [c[0] for c in counts],
                list(map(len, map(_CAPITAL.findall, heads))),
                list(map(len, map(_DIGIT.findall, heads))),
                [h.count(",") for h in heads],
            ],
            dtype=float,
        ).T
        / m[:, None]
    )
    seps = np.minimum(np.fromiter(map(len, map(_SEPARATOR.findall, heads)), float, len(heads)), 3) / 3
    own_groups = [0 if k is None else _OWN_GROUPS.get(k, 4) for k in own]
    final_groups = [0 if b.kind is None else _FINAL_GROUPS.get(b.kind, 4) for b in blocks]
    people = np.array([c[1:] for c in counts], dtype=float)
    return np.hstack(
        [
            np.log1p(n_words)[:, None],
            np.log1p(np.fromiter(map(len, texts), float, len(texts)))[:, None],
            np.array([t[-1:] in _ENDS for t in texts], dtype=float)[:, None],
            shares,
            seps[:, None],
            np.array([[t == "head", t == "item", t == "caption"] for t in tags], dtype=float),
            np.zeros((len(blocks), 5)),  # position, words before, group, first in group, share of the longest
            _ONE_HOT[own_groups],
            _ONE_HOT[final_groups],
            people / m[:, None],
            np.array([t[:1].islower() for t in texts], dtype=float)[:, None],
        ]
    )


SECOND = ("score", "prev_score", "next_score", "near_score", "wide_score", "in_span", "span_distance")
"""The second stage reads the first stage's log-odds of a block and its neighbours, and whether
the block lies in the page's best-paying run of blocks by those odds (the article is one run)."""
_WIDE = 8


@dataclass
class Model:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    second: np.ndarray
    second_bias: float
    threshold: float

    def first_scores(self, rows: np.ndarray) -> np.ndarray:
        """The first stage's log-odds that each row's block is body text."""
        out: np.ndarray = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return out

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The second stage's log-odds, from the first stage's over the page."""
        out: np.ndarray = context(self.first_scores(rows), np.expm1(rows[:, 0])) @ self.second
        return out + self.second_bias

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(NAMES),
            "second_features": list(SECOND),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "bias": round(self.bias, 6),
            "second": self.second.round(6).tolist(),
            "second_bias": round(self.second_bias, 6),
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Model:
        if data["features"] != list(NAMES) or data["second_features"] != list(SECOND):
            raise ValueError("dump_lines.json was fitted on other features: rerun tools/train_dump_lines.py")
        return cls(
            np.array(data["mean"], dtype=float),
            np.array(data["scale"], dtype=float),
            np.array(data["weights"], dtype=float),
            float(data["bias"]),  # type: ignore[arg-type]
            np.array(data["second"], dtype=float),
            float(data["second_bias"]),  # type: ignore[arg-type]
            float(data["threshold"]),  # type: ignore[arg-type]
        )


def _window(values: np.ndarray, reach: int) -> np.ndarray:
    """The mean of each value's neighbours within `reach` on either side (itself left out)."""
    padded = np.concatenate([np.zeros(reach + 1), values, np.zeros(reach)])
    sums = np.cumsum(padded)
    out: np.ndarray = (sums[2 * reach + 1 :] - sums[: len(values)] - values) / (2 * reach)
    return out


def context(scores: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    """SECOND's rows: each block's first-stage score, its neighbours', and the best run's bounds."""
    n = len(scores)
    clipped = np.clip(scores, -8.0, 8.0)
    gains = np.tanh(clipped / 2) * np.maximum(n_words, 1.0)
    sums = np.concatenate([[0.0], np.cumsum(gains)])
    lows = np.minimum.accumulate(sums)
    end = int(np.argmax(sums - lows))  # the run (start, end] paying most: Kadane's, vectorised
    start = int(np.argmin(sums[: end + 1]))
    index = np.arange(n)
    inside = (index >= start) & (index < end)
    distance = np.where(inside, 0, np.where(index < start, start - index, index - end + 1))
    return np.stack(
        [
            clipped,
            np.concatenate([[0.0], clipped[:-1]]),
            np.concatenate([clipped[1:], [0.0]]),
            _window(clipped, _NEAR),
            _window(clipped, _WIDE),
            inside.astype(float),
            np.tanh(distance / 5.0),
        ],
        axis=1,
    )


@lru_cache(maxsize=1)
def shipped() -> Model:
    text = resources.files("corroborate").joinpath("data/dump_lines.json").read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def features(blocks: list[Block], own: list[RemovedKind | None], start: int | None) -> np.ndarray:
    """One row of NAMES per block: its own shape, the rules' verdicts, its place and neighbours."""
    n = len(blocks)
    rows = _own_rows(blocks, own)
    extra = rows[:, len(BASE) - 2 :]
    rows = rows[:, : len(BASE) - 2]
    n_words = np.expm1(rows[:, 0])
    total = max(float(n_words.sum()), 1.0)
    index = np.arange(n, dtype=float)
    rows[:, 11] = index / max(n - 1, 1)
    rows[:, 12] = (np.cumsum(n_words) - n_words) / total
    groups = np.array([b.group for b in blocks])
    rows[:, 13] = np.log1p(np.bincount(groups - groups.min())[groups - groups.min()])
    rows[1:, 14] = groups[1:] != groups[:-1]
    rows[0, 14] = 1.0
    rows[:, 15] = n_words / max(float(n_words.max()), 1.0)
    origin = start if start is not None else n
    region = np.stack([index >= origin, np.tanh((index - origin) / 10.0)], axis=1).astype(float)
    shape = rows[:, [0, 2, 3, 21]]
    before = np.vstack([np.zeros((1, 4)), shape[:-1]])
    after = np.vstack([shape[1:], np.zeros((1, 4))])
    padded = np.vstack([np.zeros((_NEAR, 4)), shape, np.zeros((_NEAR, 4))])
    sums = np.cumsum(np.vstack([np.zeros((1, 4)), padded]), axis=0)
    near = (sums[2 * _NEAR + 1 :] - sums[:n]) - shape
    kept = rows[:, 21]
    page = np.tile(
        [math.log1p(n), float((n_words * kept).sum()) / total],
        (n, 1),
    )
    comments = np.array([k == "comments" for k in own], dtype=float)
    after_comments = (np.cumsum(comments) - comments) > 0
    title = next((i for i, b in enumerate(blocks) if b.kind == "title"), None)
    titled = np.stack(
        [index > title, np.tanh((index - title) / 10.0)] if title is not None else [index * 0, index * 0],
        axis=1,
    )
    return np.hstack(
        [
            rows,
            region,
            before,
            after,
            near / (2 * _NEAR),
            page,
            rows[:, :1] ** 2,
            extra,
            after_comments[:, None],
            titled,
        ]
    )


def decide(
    blocks: list[Block], own: list[RemovedKind | None], start: int | None, model: Model | None = None
) -> None:
    """Set aside the blocks the rules kept that the model reads as no body text (kind 'other').

    The model only takes away: a block the rules set aside (a comment thread, a credit line that
    ends the story, the title) stays aside, as the rules' reasons for it are the page's own.
    """
    if not blocks:
        return
    model = model or shipped()
    keep = model.scores(features(blocks, own, start)) >= model.threshold
    kept = [b for b, k in zip(blocks, keep.tolist(), strict=True) if k and b.kind is None]
    if sum(words(b.text) for b in kept) < MIN_WORDS:
        return  # the model finds no article where the rules found one: the rules' reading stands
    for block, body in zip(blocks, keep.tolist(), strict=True):
        if not body and block.kind is None:
            block.kind = "other"
