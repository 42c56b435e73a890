"""Figures on our own annotated gold (benchmarks/figures_gold.json), k-fold by article.

Run: .venv/bin/python benchmarks/figures_cv.py [--folds 5] [--show N] [--read 0,1,2]
     .venv/bin/python benchmarks/figures_cv.py --gold benchmarks/figures_gold_blind.json
     .venv/bin/python benchmarks/figures_cv.py --pool     (every gold file; --leave-out NAME,...)

The gold holds offsets and labels only; the texts come from ../shared/datasets
(PolNeAR train articles, L3S-GN1 ground-truth bodies), so the script skips with
a message when they are not there. Each article is analysed whole, as the
pipeline does, and only figures that start inside an annotated sentence are
scored. A predicted figure matches a gold figure when their spans overlap and
the values agree (a gold range needs our low and high; rel. tolerance 1e-6);
each gold figure is matched once. Over matched figures: bound, unit (our
"people" counts as no unit: people are what is counted) and counted thing
(right when the gold phrase's last word is one of our counted words, or both
have none). A prediction that overlaps a gold non-figure (a year, an age, "one
of") is a false positive counted by that item's kind.

Folds split by article (articles sorted by a hash of their id, dealt round
robin); each fold prints value P/R/F1, then the folds' mean ± spread (sample
standard deviation). `--show` prints misses and false positives, only of the
folds given by `--read` (the folds whose errors may be read while writing
rules; the others stay unread, see benchmarks/language.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corroborate.language import analyze
from corroborate.model import Figure

ROOT = Path(__file__).resolve().parent
DATA = ROOT.parent.parent / "shared" / "datasets"
GOLD = ROOT / "figures_gold.json"
# Every figure gold file (the attribution gold scores speakers and as-of, not values).
POOL = sorted(p for p in ROOT.glob("figures_gold*.json") if p.name != "figures_gold_attribution.json")


@dataclass
class Doc:
    doc: str
    text: str
    sentences: list[dict[str, Any]]


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    bound: int = 0
    unit: int = 0
    counted: int = 0
    counted_exact: int = 0
    change: int = 0
    false_kinds: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("tp", "n_pred", "n_gold", "bound", "unit", "counted", "counted_exact", "change"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.false_kinds.update(other.false_kinds)
        self.misses += other.misses
        self.spurious += other.spurious
        self.wrong += other.wrong

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _text(doc: str) -> str | None:
    kind, name = doc.split("/", 1)
    if kind == "polnear":
        path = DATA / "polnear" / "train" / "text" / f"{name}.txt"
        return path.read_text(encoding="utf-8") if path.exists() else None
    return _l3s().get(name)


_L3S: dict[str, str] = {}


def _l3s() -> dict[str, str]:
    if not _L3S:
        path = DATA / "l3s-gn1" / "ground-truth.json"
        if path.exists():
            pages = json.loads(path.read_text(encoding="utf-8"))
            _L3S.update({k: v["articleBody"] for k, v in pages.items()})
    return _L3S


def load_gold(path: Path = GOLD) -> list[Doc] | None:
    """The annotated articles with their texts, or None when ../shared is missing."""
    docs: list[Doc] = []
    for entry in json.loads(path.read_text(encoding="utf-8"))["documents"]:
        text = _text(entry["doc"])
        if text is None:
            return None
        for s in entry["sentences"]:
            digest = hashlib.sha1(text[s["start"] : s["end"]].encode()).hexdigest()[:12]
            if digest != s["sha1"]:
                raise ValueError(f"{entry['doc']} {s['start']}: text differs from the annotated one")
        docs.append(Doc(entry["doc"], text, entry["sentences"]))
    return docs


def folds_of(docs: list[Doc], k: int) -> list[list[Doc]]:
    order = sorted(docs, key=lambda d: hashlib.md5(d.doc.encode()).hexdigest())
    return [order[i::k] for i in range(k)]


def _value_ok(f: Figure, g: dict[str, Any]) -> bool:
    def eq(a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)

    if g["high"] is None:
        return f.high is None and eq(f.value, g["value"])
    return f.high is not None and eq(f.value, g["value"]) and eq(f.high, g["high"])


def _words(s: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (s or "").lower())


def _counted_ok(f: Figure, g: dict[str, Any], text: str) -> tuple[bool, bool]:
    """(head word right, whole phrase right)."""
    if g["counted"] is None:
        return f.counted is None, f.counted is None
    gold = text[g["counted"][0] : g["counted"][1]]
    head = _words(gold)[-1:]
    ours = _words(f.counted)
    return bool(head) and head[0] in ours, ours == _words(gold)


def score_doc(doc: Doc, figures: list[Figure]) -> Counts:
    c = Counts()
    text = doc.text
    for s in doc.sentences:
        gold = [g for g in s["items"] if g["figure"]]
        non = [g for g in s["items"] if not g["figure"]]
        preds = [f for f in figures if s["start"] <= f.start < s["end"]]
        c.n_gold += len(gold)
        c.n_pred += len(preds)
        free = list(gold)
        line = text[s["start"] : s["end"]].replace("\n", " ")[:160]
        for f in preds:
            hit = next((g for g in free if _overlaps(f, [g]) and _value_ok(f, g)), None)
            if hit is None:
                kinds = [g["kind"] for g in non if _overlaps(f, [g])]
                kind = kinds[0] if kinds else "figure, wrong value or span" if _overlaps(f, gold) else "other"
                c.false_kinds[kind] += 1
                c.spurious.append(f"{doc.doc[:30]} {f.text!r}={f.value:g} [{kinds[:1]}] | {line}")
                continue
            free.remove(hit)
            c.tp += 1
            unit = None if f.unit == "people" else f.unit
            ok = [f.bound == hit["bound"], unit == hit["unit"], *_counted_ok(f, hit, text)]
            c.change += getattr(f, "change", None) == hit["change"]
            c.bound, c.unit, c.counted, c.counted_exact = (
                c.bound + ok[0],
                c.unit + ok[1],
                c.counted + ok[2],
                c.counted_exact + ok[3],
            )
            if not all(ok[:3]):
                want = text[hit["counted"][0] : hit["counted"][1]] if hit["counted"] else None
                ours = f"{f.bound}/{unit}/{f.counted!r}"
                c.wrong.append(f"{f.text!r}: ours {ours}, gold {hit['bound']}/{hit['unit']}/{want!r}")
        for g in free:
            c.misses.append(f"{doc.doc[:30]} {text[g['start'] : g['end']]!r}={g['value']:g} | {line}")
    return c


def _overlaps(f: Figure, gold: list[dict[str, Any]]) -> bool:
    return any(g["start"] < f.end and f.start < g["end"] for g in gold)


def predict(doc: Doc) -> list[Figure]:
    """The figures this guideline counts: not the partitive 'one of the ...' (kept for NewsQuant's count)."""
    return [f for f in analyze(doc.text).figures if not f.partitive]


def report(name: str, c: Counts) -> str:
    p, r, f = c.prf()
    tp = max(c.tp, 1)
    return (
        f"{name}: value P {p:.3f} R {r:.3f} F1 {f:.3f} ({c.tp}/{c.n_pred} pred, {c.n_gold} gold); "
        f"of matched: bound {c.bound / tp:.3f} unit {c.unit / tp:.3f} counted {c.counted / tp:.3f} "
        f"(exact phrase {c.counted_exact / tp:.3f}) change {c.change / tp:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--read", default="0,1,2", help="folds whose errors --show may print")
    ap.add_argument("--gold", type=Path, default=GOLD, help="figures_gold_blind.json: the blind set")
    ap.add_argument("--pool", action="store_true", help="every gold file as one pool")
    ap.add_argument("--leave-out", default="", help="with --pool: gold file names left out, comma-separated")
    args = ap.parse_args()
    left = set(args.leave_out.split(","))
    paths = [p for p in POOL if p.name not in left] if args.pool else [args.gold]
    loaded = [load_gold(p) for p in paths if p.name != "figures_gold_attribution.json"]
    docs = None if any(d is None for d in loaded) else [d for part in loaded for d in part or []]
    if docs is None:
        print(f"no texts under {DATA}", file=sys.stderr)
        return 1
    folds = folds_of(docs, args.folds)
    total = Counts()
    f1s: list[float] = []
    read = {int(x) for x in args.read.split(",") if x != ""}
    shown = Counts()
    for i, fold in enumerate(folds):
        c = Counts()
        for doc in fold:
            c.add(score_doc(doc, predict(doc)))
        print(report(f"fold {i} ({len(fold)} articles)", c))
        f1s.append(c.prf()[2])
        total.add(c)
        if i in read:
            shown.add(c)
    sd = statistics.stdev(f1s) if len(f1s) > 1 else 0.0
    print(f"value F1 over folds: {statistics.mean(f1s):.3f} ± {sd:.3f}")
    print(report("all", total))
    print("false positives by kind:", dict(total.false_kinds.most_common()))
    if args.show:
        print(f"missed (folds {sorted(read)}):", *shown.misses[: args.show], sep="\n  ")
        print("false positives:", *shown.spurious[: args.show], sep="\n  ")
        print("bound/unit/counted wrong:", *shown.wrong[: args.show], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
