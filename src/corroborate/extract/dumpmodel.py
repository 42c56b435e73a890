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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat

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
_FIRST_PERSON_COLUMN = NAMES.index("first_person")
_FIRST_PERSON = frozenset({"i", "i'm", "im", "i've", "my", "me", "i’m"})
_SECOND_PERSON = frozenset({"you", "your", "you're", "you’re", "we", "our", "us"})


_HEAD = 400
"""Shares are read from a block's first characters: time stays linear in the blocks."""


_ONE_HOT = np.eye(5)


_CODES: dict[str, int] = {
    **dict.fromkeys(STOPWORDS, 1),
    **dict.fromkeys(_FIRST_PERSON, 2),
    **dict.fromkeys(_SECOND_PERSON, 3),
}
"""Function words (1), first-person (2) and second-person words (3): one lookup a token."""


def _char_classes() -> np.ndarray:
    """Each character's class for _own_rows, by code point (the basic plane; the rest read 0)."""
    table = np.zeros(0x10000, dtype=np.intp)
    table[[i for i in range(0x3001) if chr(i).isspace()]] = (
        _BLANK  # what str.split splits at (none past U+3000)
    )
    table[ord(" ")] = _SPACE
    table[ord("A") : ord("Z") + 1] = _CAPITAL
    table[ord("0") : ord("9") + 1] = _DIGIT
    table[ord(",")] = _COMMA
    table[[ord(c) for c in "|·•›»"]] = _SEPARATOR
    return table


_SPACE, _BLANK, _CAPITAL, _DIGIT, _COMMA, _SEPARATOR = 1, 2, 3, 4, 5, 6
_CLASSES = 8
"""A character's class; after a space, its class plus _CLASSES (' A': a capitalised word)."""
_CHAR_CLASS = _char_classes()


def _own_columns(blocks: list[Block], own: list[RemovedKind | None], out: np.ndarray) -> None:
    """Fill in the columns of NAMES that read each block alone. The page's block heads are read
    at once: their characters as one array of classes (spaces, capitals, digits, commas, separators
    after a space), their words as one list of function-word codes, each counted back to its block
    with one np.bincount, not a loop a block."""
    n = len(blocks)
    texts = [b.text for b in blocks]
    heads = [f" {t[:_HEAD]} " for t in texts]  # spaced: a word's start is a space and a character
    # The heads as one string, a newline after each: no match runs from one head into the next.
    joined = "\n".join(heads)
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    chars = _CHAR_CLASS[np.minimum(points, 0xFFFF)]
    owner = np.repeat(np.arange(n), np.fromiter(map(len, heads), np.intp, n) + 1)[:-1]  # each char's block
    after = np.append(chars[1:], 0)
    spaced = chars == _SPACE
    code = np.where(spaced, after + _CLASSES, chars)
    # ' [|·•›»](?= )': a separator with a space on either side.
    code[spaced & (after == _SEPARATOR) & (np.append(chars[2:], (0, 0)) == _SPACE)] = 2 * _CLASSES
    counts = np.bincount(owner * (2 * _CLASSES + 1) + code, minlength=n * (2 * _CLASSES + 1))
    counts = counts.reshape(n, 2 * _CLASSES + 1)
    m = counts[:, _CLASSES:].sum(axis=1) - 1.0  # spaces, less one: the head's words
    separators = counts[:, 2 * _CLASSES]
    # Words are what str.split finds: a non-blank character after a blank one (heads open on a space).
    blank = (chars == _SPACE) | (chars == _BLANK)
    starts = ~blank & np.append(True, blank[:-1])
    per_block = np.bincount(owner[starts], minlength=n)
    codes = np.fromiter(map(_CODES.get, joined.lower().split(), repeat(0)), np.intp)
    word_owner = np.repeat(np.arange(n), per_block)
    function = np.bincount(word_owner[codes > 0], minlength=n)  # the people's words are function words too
    me = np.bincount(word_owner[codes == 2], minlength=n)
    you = np.bincount(word_owner[codes == 3], minlength=n)
    n_words = np.fromiter(map(str.count, texts, repeat(" ")), float, n) + 1  # single-spaced (text_blocks)
    tags = [b.tag for b in blocks]
    own_groups = [0 if k is None else _OWN_GROUPS.get(k, 4) for k in own]
    final_groups = [0 if b.kind is None else _FINAL_GROUPS.get(b.kind, 4) for b in blocks]
    out[:, 0] = np.log1p(n_words)
    out[:, 1] = np.log1p(np.fromiter(map(len, texts), float, n))
    out[:, 2] = np.fromiter(map(_ENDS.__contains__, (t[-1:] for t in texts)), bool, n)
    out[:, 3] = function / m
    out[:, 4] = counts[:, _CLASSES + _CAPITAL] / m
    out[:, 5] = counts[:, _CLASSES + _DIGIT] / m
    out[:, 6] = counts[:, _COMMA] / m  # a comma is never a space: its own class
    out[:, 7] = np.minimum(separators, 3) / 3
    out[:, 8] = np.fromiter(map("head".__eq__, tags), bool, n)
    out[:, 9] = np.fromiter(map("item".__eq__, tags), bool, n)
    out[:, 10] = np.fromiter(map("caption".__eq__, tags), bool, n)
    out[:, 16:21] = _ONE_HOT[own_groups]
    out[:, 21:26] = _ONE_HOT[final_groups]
    out[:, _FIRST_PERSON_COLUMN] = me / m
    out[:, _FIRST_PERSON_COLUMN + 1] = you / m
    out[:, _FIRST_PERSON_COLUMN + 2] = np.fromiter((t[:1].islower() for t in texts), bool, n)


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
    rows = np.zeros((n, len(NAMES)))
    _own_columns(blocks, own, rows)
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
    rows[:, 26] = index >= origin
    rows[:, 27] = np.tanh((index - origin) / 10.0)
    shape = rows[:, [0, 2, 3, 21]]
    rows[1:, 28:32] = shape[:-1]  # the block before
    rows[:-1, 32:36] = shape[1:]  # the block after
    padded = np.vstack([np.zeros((_NEAR + 1, 4)), shape, np.zeros((_NEAR, 4))])
    sums = np.cumsum(padded, axis=0)
    rows[:, 36:40] = ((sums[2 * _NEAR + 1 :] - sums[:n]) - shape) / (2 * _NEAR)
    rows[:, 40] = math.log1p(n)
    rows[:, 41] = float((n_words * rows[:, 21]).sum()) / total
    rows[:, 42] = rows[:, 0] ** 2
    comments = np.array([k == "comments" for k in own], dtype=float)
    rows[:, 46] = (np.cumsum(comments) - comments) > 0
    title = next((i for i, b in enumerate(blocks) if b.kind == "title"), None)
    if title is not None:
        rows[:, 47] = index > title
        rows[:, 48] = np.tanh((index - title) / 10.0)
    return rows


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
