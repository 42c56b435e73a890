"""Learn attribution cue words from PolNeAR train: `python tools/learn_cues.py`.

For every word form that appears inside an annotated Cue span, counts how often it does
(cue), how often it occurs in the train texts at all (seen), and how often the attributed
Content follows the cue (after). Writes those three numbers per word to
src/corroborate/data/cues.tsv, which `corroborate.language.lexicon` reads: a word list with
counts, no text. Past-tense forms seen often enough are written even when they are seldom or never
a cue ("served", "worked"), so that a word missing from the table really is rare in train. Only
train is read; dev stays for measuring (benchmarks/language_quotes.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "datasets" / "polnear" / "train"
TARGET = ROOT / "src" / "corroborate" / "data" / "cues.tsv"
_WORD = re.compile(r"[A-Za-z’']+")


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def count(root: Path) -> tuple[Counter[str], Counter[str], Counter[str]]:
    cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    after: Counter[str] = Counter()
    done: set[str] = set()
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in done:
            continue  # texts annotated twice: the first annotation, as the benchmark does
        done.add(name)
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        seen.update(m.group().lower() for m in _WORD.finditer(text))
        spans: dict[str, list[tuple[int, int]]] = {}
        rels: list[dict[str, str]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("T") and len(cols) >= 2:
                spans[cols[0]] = _spans(cols[1].partition(" ")[2])
            elif line.startswith("E") and len(cols) >= 2:
                rels.append(dict(arg.split(":", 1) for arg in cols[1].split()))
        for rel in rels:
            cue_spans = spans.get(rel.get("Cue", ""))
            if not cue_spans:
                continue
            forms = {m.group().lower() for s, e in cue_spans for m in _WORD.finditer(text[s:e])}
            content = spans.get(rel.get("Content", ""))
            for w in forms:
                cue[w] += 1
                if content and content[0][0] >= cue_spans[-1][1]:
                    after[w] += 1
    return cue, seen, after


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args()
    if not (args.data / "attributions").exists():
        print(f"PolNeAR train not found in {args.data}", file=sys.stderr)
        return 1
    cue, seen, after = count(args.data)
    rows = sorted(
        (
            w
            for w in seen
            if (cue[w] >= args.min_count and seen[w] >= cue[w])
            or (w.endswith("ed") and seen[w] >= args.min_count)
        ),
        key=lambda w: (-cue[w], -seen[w], w),
    )
    lines = ["# word\tcue\tseen\tafter  (PolNeAR v1.0 train; tools/learn_cues.py)"]
    lines += [f"{w}\t{cue[w]}\t{seen[w]}\t{after[w]}" for w in rows]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
