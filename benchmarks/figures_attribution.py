"""Who gives a figure and as of when: score `Figure.speaker` and `Figure.as_of` against a hand gold.

Run: .venv/bin/python benchmarks/figures_attribution.py [--gold benchmarks/figures_gold_attribution.json]
     .venv/bin/python benchmarks/figures_attribution.py build NOTES.txt FIGURES_GOLD.json OUT.json

The gold (`figures_gold_attribution.json`) takes the figures of a figures gold file
(blind3: annotated before any output was read) and gives each, as offsets only:

- `speaker`: the mention of whoever the text says gives the figure, as written nearest to it
  ("he", "school officials", "Apple" of "According to Apple, '...'"); null when the writer
  states it on no one's word;
- `as_of`: the words saying when the figure holds or was counted ("late November", "in 2012");
  null when the text gives no such time. The day a figure was said is not its as-of.

Scoring, over the gold figures the extractor also finds (same start):
- speaker right when both are none, or the predicted quote's speaker span overlaps the gold
  mention, or the predicted entity has a mention overlapping it;
- as-of right when both are none, or the prediction equals the value of a time expression
  the stage finds overlapping the gold words.

`build` turns reader's notes (outside the repository: they quote the texts), one line per
figure, `F<start> | speaker words | as-of words` with `-` for none, into the gold; words are
looked up nearest the figure, within 600 characters.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from corroborate.language import analyze
from corroborate.model import Analysis, Figure
from figures_cv import ROOT, _text

GOLD = ROOT / "figures_gold_attribution.json"
REACH = 600


def _nearest(text: str, words: str, at: int) -> dict[str, int] | None:
    if words == "-":
        return None
    pattern = rf"(?<!\w){re.escape(words)}(?!\w)"
    hits = [m.start() for m in re.finditer(pattern, text[max(0, at - REACH) : at + REACH])]
    if not hits:
        raise SystemExit(f"{words!r} not found near {at}")
    start = max(0, at - REACH) + min(hits, key=lambda h: abs(max(0, at - REACH) + h - at))
    return {"start": start, "end": start + len(words)}


def build(notes: Path, figures_gold: Path, out: Path) -> None:
    docs: list[dict[str, Any]] = []
    for line in notes.read_text(encoding="utf-8").splitlines():
        if line.startswith("# doc "):
            name = line[6:].strip()
            docs.append({"doc": name, "figures": []})
            text = _text(name)
            if text is None:
                raise SystemExit(f"no text for {name}")
            ends = {
                i["start"]: i["end"]
                for d in json.loads(figures_gold.read_text(encoding="utf-8"))["documents"]
                if d["doc"] == name
                for s in d["sentences"]
                for i in s["items"]
                if i.get("figure")
            }
        elif line.startswith("F"):
            start_s, speaker, as_of = (p.strip() for p in line[1:].split("|"))
            start = int(start_s)
            docs[-1]["figures"].append(
                {
                    "start": start,
                    "end": ends[start],
                    "speaker": _nearest(text, speaker, start),
                    "as_of": _nearest(text, as_of, start),
                }
            )
    about = (
        f"Speaker and as-of of the figures of {figures_gold.name}, by hand, offsets only; "
        "guideline in benchmarks/figures_attribution.py."
    )
    out.write_text(json.dumps({"about": about, "documents": docs}, indent=1) + "\n", encoding="utf-8")


def _overlaps(a: tuple[int, int], b: dict[str, int]) -> bool:
    return a[0] < b["end"] and b["start"] < a[1]


def _speaker_right(a: Analysis, f: Figure, gold: dict[str, int] | None) -> bool:
    if gold is None or f.speaker is None:
        return gold is None and f.speaker is None
    spans = [
        (q.speaker_span.start, q.speaker_span.end)
        for q in a.quotes
        if q.speaker_span and q.start <= f.start < q.end
    ]
    spans += [(m.start, m.end) for m in a.mentions if f.speaker_entity and m.entity == f.speaker_entity]
    return any(_overlaps(s, gold) for s in spans)


def _as_of_right(a: Analysis, f: Figure, gold: dict[str, int] | None) -> bool:
    if gold is None or f.as_of is None:
        return gold is None and f.as_of is None
    return any(_overlaps((t.start, t.end), gold) and t.value[:10] == f.as_of for t in a.times)


def score(gold_path: Path) -> dict[str, Any]:
    keys = "gold found speaker as_of gold_speakers gold_as_of said said_right named_right"
    counts = dict.fromkeys(keys.split(), 0)
    errors: list[str] = []
    for entry in json.loads(gold_path.read_text(encoding="utf-8"))["documents"]:
        text = _text(entry["doc"])
        if text is None:
            continue
        a = analyze(text)
        by_start = {f.start: f for f in a.figures}
        for g in entry["figures"]:
            counts["gold"] += 1
            counts["gold_speakers"] += g["speaker"] is not None
            counts["gold_as_of"] += g["as_of"] is not None
            f = by_start.get(g["start"])
            if f is None:
                continue
            counts["found"] += 1
            sp, asof = _speaker_right(a, f, g["speaker"]), _as_of_right(a, f, g["as_of"])
            counts["speaker"] += sp
            counts["said"] += f.speaker is not None
            counts["said_right"] += sp and f.speaker is not None
            counts["named_right"] += sp and g["speaker"] is not None
            counts["as_of"] += asof
            if not (sp and asof):
                errors.append(f"{entry['doc']} F{g['start']}: speaker {f.speaker!r} as_of {f.as_of!r}")
    return {"counts": counts, "errors": errors}


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        build(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    if not (ROOT.parent.parent / "shared" / "datasets").exists():
        print("no ../shared/datasets")
        return 0
    result = score(args.gold)
    c = result["counts"]
    n = max(1, c["found"])
    print(f"figures {c['gold']} in gold, {c['gold_speakers']} with a speaker, {c['gold_as_of']} with as-of")
    print(f"found {c['found']}: speaker right {c['speaker'] / n:.3f}, as-of right {c['as_of'] / n:.3f}")
    print(
        f"speakers given {c['said']}, right {c['said_right']}; "
        f"gold speakers found right {c['named_right']} of {c['gold_speakers']}"
    )
    if args.show:
        print("\n".join(result["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
