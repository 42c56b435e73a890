"""The learnt figure filter: is a candidate number a figure?

Every number the figure rules read whole is a candidate; the rules of
`not_figures` (age, score, "one of", a pronoun ...) no longer drop it but name
its kind, and a logistic model over that kind and the words around the number
corrects the rules: a number the rules keep is dropped when the model's
probability is below `drop_below`, one they drop is kept when it is above
`keep_above`. It is trained on our own gold (benchmarks/figures_gold.json and
figures_gold_blind.json), chosen by 5-fold cross-validation by article
(`benchmarks/figures_train.py`), and ships as `data/figure_filter.json`
(feature -> weight, threshold). Without the file the rules decide alone.

"one of the ..." ("one of the victims") is no count, but news corpora such as
NewsQuant count it as the quantity 1: a candidate the model drops that a rule
reads as "one of" is kept with `partitive=True`, which comparisons ignore.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from corroborate.language.quote_filter import probability
from corroborate.model import Figure, Span

_TOKEN: Final = re.compile(r"\w[\w'’-]*|[^\w\s]")
_SCORE: Final = re.compile(r"\b\d{1,3}-\d{1,3}\b")
FilterModel = tuple[dict[str, float], float, float]  # weights, drop_below, keep_above


@dataclass(slots=True)
class Candidate:
    figure: Figure
    rule: str | None  # the kind of non-figure a rule reads it as, or None
    features: list[str]
    of_follows: bool = False  # "one of ...": kept as a partitive figure when the filter drops it


def _shape(raw: str) -> str:
    return re.sub(r"\d+", "0", re.sub(r"[a-z]+", "x", re.sub(r"[A-Z]+", "X", raw)))[:10]


def _kind(token: str) -> str:
    """A token's class: a lower-case word, a capitalised one, a digit, punctuation, the sentence's edge."""
    if token in ("<s>", "</s>"):
        return "edge"
    if token[:1].isdigit():
        return "digit"
    if token[:1].isalpha():
        return "lower" if token[:1].islower() else "upper"
    return "punct"


def _value_bucket(value: float) -> str:
    if value < 1:
        return "fraction"
    for top, name in ((1, "1"), (12, "2-12"), (100, "13-100"), (999, "101-999"), (1e4, "1e3")):
        if value <= top:
            return name
    return "big"


def features(text: str, f: Figure, sentence: Span, rule: str | None, sibling: bool = False) -> list[str]:
    """What the model reads of a candidate: the rule's kind, its form, and the words either side."""
    before = _TOKEN.findall(text[max(sentence.start, f.start - 40) : f.start])[-2:]
    after = _TOKEN.findall(text[f.end : min(sentence.end, f.end + 40)])[:2]
    before = ["<s>"] * (2 - len(before)) + before
    after = after + ["</s>"] * (2 - len(after))
    raw = f.text
    words = re.findall(r"[A-Za-z]+", raw)
    kind = rule or "none"
    scores = min(len(_SCORE.findall(text, sentence.start, sentence.end)), 2)
    out = [
        "bias",
        f"rule={kind}",
        f"shape={_shape(raw)}",
        f"p1={before[-1].lower()}",
        f"n1={after[0].lower()}",
        f"p1cap={before[-1][:1].isupper()}",
        f"n1cap={after[0][:1].isupper()}",
        f"unit={f.unit}",
        f"next={_kind(after[0])}|{f.counted is not None or f.unit is not None}",
        f"sibling={sibling}|{f.counted is not None or f.unit is not None}",
        f"prev={_kind(before[-1])}|{f.counted is not None or f.unit is not None}",
        f"bound={f.bound}",
        f"counted={f.counted is not None}",
        f"val={_value_bucket(f.value)}",
        f"rule_val={kind}|{_value_bucket(f.value)}",
        f"first={f.start - sentence.start < 3}",
        f"scores={scores}",
        f"scores_val={scores}|{_value_bucket(f.value)}",
        f"caps={before[-1][:1].isupper()}|{after[0][:1].isupper()}",
    ]
    if words and not re.search(r"\d", raw):
        out.append(f"word={words[-1].lower()}")
    if f.counted:
        out.append(f"head={f.counted.split()[-1].lower()}")
    return out


@lru_cache(maxsize=1)
def shipped_model() -> FilterModel | None:
    """The model in data/figure_filter.json, or None when none is shipped (the rules decide)."""
    path = resources.files("corroborate") / "data" / "figure_filter.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data["weights"]), float(data["drop_below"]), float(data["keep_above"])


def is_figure(c: Candidate, model: FilterModel | None) -> bool:
    if model is None:
        return c.rule is None
    weights, drop_below, keep_above = model
    p = probability(weights, c.features)
    return p >= drop_below if c.rule is None else p > keep_above


def keep_candidates(candidates: list[Candidate], model: FilterModel | str | None = "shipped") -> list[Figure]:
    """The figures among the candidates; 'one of' ones the model drops are kept marked partitive."""
    chosen = shipped_model() if isinstance(model, str) else model
    out: list[Figure] = []
    for c in candidates:
        if is_figure(c, chosen):
            out.append(c.figure)
        elif c.rule == "one-of" and c.figure.value == 1 and c.of_follows:
            out.append(c.figure.model_copy(update={"partitive": True}))
    return out
