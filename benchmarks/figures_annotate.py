"""Annotate figures: print the sentences to read, and turn a reader's notes into offsets.

Run: .venv/bin/python benchmarks/figures_annotate.py sample --polnear 2 --l3s 8 --seed 19
     .venv/bin/python benchmarks/figures_annotate.py build NOTES.txt OUT.json

`sample` draws articles that no gold file uses yet (PolNeAR train, so many of each
outlet, and L3S-GN1 ground-truth bodies; a fixed seed) and prints every sentence
holding a digit or a number word, numbered per article. It prints no output of
the extractor, so the reader annotates blind.

`build` reads the reader's notes (kept outside the repository: they quote the
texts) and writes the gold as offsets and labels only, in the format of
figures_gold.json. Notes, one line each:

    # doc polnear/NAME             (or l3s/ID)
    S | span | value | high | bound | unit | counted | change     a figure
    S | span | X | kind                                            no figure

S is the sentence number `sample` printed; span the figure's words as written
(`words@2` for their second occurrence in the sentence); counted the counted
phrase's words (searched after the span); empty fields are none. Every printed
sentence is annotated (with no items when it holds no figure).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

from corroborate.language import analyze
from corroborate.language.numbers import ANY_NUMBER
from figures_cv import DATA, ROOT, _l3s, _text

BOUNDS = {"exact", "approximate", "more_than", "less_than", "at_least", "at_most", "range"}


def _used() -> set[str]:
    used: set[str] = set()
    for path in ROOT.glob("figures_gold*.json"):
        used |= {d["doc"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"]}
    return used


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = analyze(text).sentences
    return [(s.start, s.end) for s in spans if ANY_NUMBER.search(text, s.start, s.end)]


def sample(n_polnear: int, n_l3s: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    used = _used()
    names = sorted(p.stem for p in (DATA / "polnear" / "train" / "text").glob("*.txt"))
    docs: list[str] = []
    for outlet in sorted({n.split("_")[0] for n in names}):
        pool = [f"polnear/{n}" for n in names if n.startswith(outlet + "_") and f"polnear/{n}" not in used]
        docs += rng.sample(pool, n_polnear)
    pages = [f"l3s/{k}" for k in sorted(_l3s()) if f"l3s/{k}" not in used and len(_l3s()[k]) > 400]
    return docs + rng.sample(pages, n_l3s)


def _find(sentence: str, words: str, after: int = 0) -> int:
    nth = 1
    if "@" in words:
        words, n = words.rsplit("@", 1)
        nth = int(n)
    pos = after - 1
    for _ in range(nth):
        pos = sentence.find(words, pos + 1)
        if pos < 0:
            raise ValueError(f"{words!r} not in {sentence!r}")
    return pos


def _item(text: str, lo: int, hi: int, fields: list[str]) -> dict[str, Any]:
    sentence = text[lo:hi]
    span = fields[1]
    at = _find(sentence, span)
    start, end = lo + at, lo + at + len(span.split("@")[0])
    if fields[2] == "X":
        return {"start": start, "end": end, "figure": False, "kind": fields[3]}
    value, high, bound, unit, counted, change = (fields + [""] * 8)[2:8]
    if bound not in BOUNDS:
        raise ValueError(f"bound {bound!r} in {fields}")
    where = None
    if counted:
        c = _find(sentence, counted, at + 1)
        where = [lo + c, lo + c + len(counted.split("@")[0])]
    return {
        "start": start,
        "end": end,
        "figure": True,
        "value": float(value),
        "high": float(high) if high else None,
        "bound": bound,
        "unit": unit or None,
        "counted": where,
        "change": change or None,
    }


def build(notes: Path, out: Path) -> None:
    documents: list[dict[str, Any]] = []
    text = ""
    spans: list[tuple[int, int]] = []
    items: dict[int, list[dict[str, Any]]] = {}

    def close() -> None:
        if documents:
            documents[-1]["sentences"] = [
                {
                    "start": a,
                    "end": b,
                    "items": items.get(i, []),
                    "sha1": hashlib.sha1(text[a:b].encode()).hexdigest()[:12],
                }
                for i, (a, b) in enumerate(spans)
            ]

    for line in notes.read_text(encoding="utf-8").splitlines():
        if line.startswith("# doc "):
            close()
            doc = line[6:].strip()
            text = _text(doc) or ""
            spans, items = _sentences(text), {}
            documents.append({"doc": doc})
        elif line.strip() and not line.startswith("#"):
            fields = [f.strip() for f in line.split("|")]
            sid = int(fields[0])
            items.setdefault(sid, []).append(_item(text, *spans[sid], fields))
    close()
    about = json.loads((ROOT / "figures_gold.json").read_text(encoding="utf-8"))["about"]
    out.write_text(json.dumps({"about": about, "documents": documents}, indent=1) + "\n", encoding="utf-8")
    n = sum(len(s["items"]) for d in documents for s in d["sentences"])
    print(f"{out}: {len(documents)} articles, {n} items")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--polnear", type=int, default=2)
    s.add_argument("--l3s", type=int, default=8)
    s.add_argument("--seed", type=int, default=19)
    b = sub.add_parser("build")
    b.add_argument("notes", type=Path)
    b.add_argument("out", type=Path)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"no texts under {DATA}", file=sys.stderr)
        return 1
    if args.cmd == "build":
        build(args.notes, args.out)
        return 0
    for doc in sample(args.polnear, args.l3s, args.seed):
        text = _text(doc) or ""
        print(f"# doc {doc}")
        for i, (a, b) in enumerate(_sentences(text)):
            print(f"{i}: {text[a:b]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
