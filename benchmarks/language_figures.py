"""Figures of `language.analyze` on NewsQuant (CQE, EMNLP 2023), the dev half.

Run: .venv/bin/python benchmarks/language_figures.py [--show N]

Each sentence is analysed on its own. As in CQE's evaluation, a predicted
quantity matches a gold one when the values are numerically equal (a gold
range "a-b" needs our low and high to be a and b); each gold quantity is
matched at most once. Value+unit also needs the units to agree after
normalisation: our unit codes are mapped to NewsQuant's normalised unit names
by the table below; a gold unit that is a noun phrase ("people", "top seed",
lemmatised by NewsQuant) agrees when one of its words of three letters or more
is in our counted phrase or our unit (plurals reduced); a gold "-" agrees
with no unit. Anchors on the full set: CQE 92.0 / 85.6, quantulum3 73.0 / 47.2;
bars 0.92 / 0.86.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from corroborate.language import analyze
from corroborate.model import Figure

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "newsquant"

# Our unit codes -> NewsQuant's normalised unit names.
UNIT_NAMES = {
    "percent": "percentage",
    "percentage points": "percentage point",
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound sterling",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "AUD": "australian dollar",
    "km": "kilometre",
    "km2": "square kilometre",
    "miles": "mile",
    "metre": "metre",
    "square metre": "square metre",
    "kg": "kilogram",
    "tonnes": "tonne",
    "tons": "ton",
    "hectares": "hectare",
    "years": "year",
    "decades": "decade",
    "months": "month",
    "weeks": "week",
    "days": "day",
    "hours": "hour",
    "minutes": "minute",
    "seconds": "second",
    "GB": "gigabyte",
    "TB": "terabyte",
    "MB": "megabyte",
    "kHz": "kilohertz",
    "Hz": "hertz",
    "GHz": "gigahertz",
    "kW": "kilowatt",
    "W": "watt",
    "mph": "mile per hour",
    "km/h": "kilometre per hour",
    "rpm": "revolutions per minute",
    "hp": "horsepower",
    "mm": "millimetre",
    "cm": "centimetre",
    "inch": "inch",
    "foot": "foot",
    "yard": "yard",
    "litre": "litre",
    "degree": "degree",
    "points": "point",
    "cent": "cent",
    "gigaton": "gigaton",
    "pound": "pound-mass",
    "gram": "gram",
    "Mbps": "megabit per second",
    "kWh": "kilowatt hour",
    "Nm": "newton metre",
    "celsius": "celsius",
    "fahrenheit": "fahrenheit",
    "times": "count",
}


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def gold_range(value: str) -> tuple[float, float | None]:
    m = re.fullmatch(r"(-?[\d.,]+)-(-?[\d.,]+)", value.strip())
    if m:
        return _num(m.group(1)), _num(m.group(2))
    return _num(value), None


def _eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_match(f: Figure, gold: dict[str, Any]) -> bool:
    low, high = gold_range(gold["value"])
    if high is None:
        return _eq(f.value, low)  # a figure read as a range still matches on its low end
    if f.high is None:
        return False
    return {round(f.value, 6), round(f.high, 6)} == {round(low, 6), round(high, 6)}


def _stem(word: str) -> str:
    """Singular of a plain English plural: 'mosques' -> 'mosque', 'cities' -> 'city'."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def unit_match(f: Figure, gold: dict[str, Any]) -> bool:
    want = gold["normalized_unit"].strip().lower()
    ours = UNIT_NAMES.get(f.unit, f.unit.lower()) if f.unit else None
    if want in ("-", ""):
        return ours is None
    if ours is not None and _stem(ours) == _stem(want):
        return True
    words = {_stem(w) for w in re.findall(r"[a-z]+", (f.counted or "").lower())}
    if ours is not None:
        words |= {_stem(w) for w in ours.split()}
    nouns = [_stem(w) for w in re.findall(r"[a-z]+", want) if len(w) > 2]
    return any(n in words for n in nouns)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", type=int, default=0, help="print N misses and N false positives")
    args = ap.parse_args()
    path = DATA / "NewsQuant_dev.json"
    if not path.exists():
        print(f"no data at {path}", file=sys.stderr)
        return 1
    rows = json.loads(path.read_text(encoding="utf-8"))
    tp = tpu = n_pred = n_gold = 0
    misses: list[str] = []
    spurious: list[str] = []
    unit_misses: list[str] = []
    for row in rows:
        text: str = row["text"]
        gold: list[dict[str, Any]] = list(row["quantities"])
        figures = analyze(text).figures
        n_pred += len(figures)
        n_gold += len(gold)
        free = list(gold)
        for f in figures:
            hit = next((g for g in free if value_match(f, g)), None)
            if hit is None:
                spurious.append(f"{f.text!r} = {f.value} {f.unit} | {text[:120]}")
                continue
            free.remove(hit)
            tp += 1
            if unit_match(f, hit):
                tpu += 1
            else:
                unit_misses.append(f"{f.text!r} ours {f.unit}/{f.counted!r}, gold {hit['normalized_unit']!r}")
        misses += [f"{g['value']} {g['unit']!r} | {text[:120]}" for g in free]

    def f1(t: int) -> tuple[float, float, float]:
        p = t / n_pred if n_pred else 0.0
        r = t / n_gold if n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    print(f"NewsQuant dev: {len(rows)} sentences, {n_gold} gold quantities, {n_pred} predicted")
    p, r, f = f1(tp)
    print(f"  value       P {p:.3f}  R {r:.3f}  F1 {f:.3f}   bar 0.92; CQE 0.920, quantulum3 0.730")
    p, r, f = f1(tpu)
    print(f"  value+unit  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   bar 0.86; CQE 0.856, quantulum3 0.472")
    if args.show:
        print("missed:", *misses[: args.show], sep="\n  ")
        print("false positives:", *spurious[: args.show], sep="\n  ")
        print("unit mismatches:", *unit_misses[: args.show], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
