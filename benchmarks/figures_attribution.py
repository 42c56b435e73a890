"""Who gives a figure and as of when: score `Figure.speaker` and `Figure.as_of` against a hand gold.

Run: .venv/bin/python benchmarks/figures_attribution.py [--folds 5] [--set blind3] [--show --read 0,1,2]
     .venv/bin/python benchmarks/figures_attribution.py build NOTES.txt FIGURES_GOLD.json OUT.json

The gold (`figures_gold_attribution.json`) takes the figures of the four figures gold files
(`set`: gold, blind, blind2, blind3; 87 articles, 657 figures) and gives each, as offsets only:

- `speaker`: the mention of whoever the text says gives the figure, as written nearest to it
  ("he", "school officials", "Apple" of "According to Apple, '...'"): a quote's speaker, the X
  of "according to X", "X said/estimated/reported/found that", "data from X show", "X says"
  in indirect speech; a poll's results are the poll's when the sentence or the one before
  names it ("A YouGov poll ... revealed ... When asked, 59 percent ..."). Null when the writer
  states it on no one's word, and for a number inside the source's own description ("Three
  Iraqi officials said", "one of two witnesses");
- `as_of`: the words saying when the figure holds or was counted, in its clause ("by the end
  of March", "In the 2012 election", "five losses last week", "in 2014, according to ...");
  null when the text gives no such time. The day a figure was said or published is not its
  as-of, nor is the start of a period ("since last August").

blind3 was labelled in session 9, the others in session 10, each from the texts and the gold
figure spans before any output on them was read.

Scoring, over the gold figures the extractor also finds (same start):
- speaker right when both are none, or the predicted quote's speaker span overlaps the gold
  mention, or the predicted entity has a mention overlapping it;
- as-of right when both are none, or the prediction equals the value of a time expression
  the stage finds overlapping the gold words.
Folds split by article as figures_cv.folds_of does; `--show` prints the errors of the
`--read` folds only, so the others stay unread.

`build` turns reader's notes (outside the repository: they quote the texts), one line per
figure, `F<start> | speaker words | as-of words` with `-` for none, into the gold; words are
looked up nearest the figure, within 1,500 characters.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corroborate.language import analyze
from corroborate.model import Analysis, Figure
from figures_cv import ROOT, _text

GOLD = ROOT / "figures_gold_attribution.json"
REACH = 1500  # a poll named once before its results


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


def _speaker_right(text: str, a: Analysis, f: Figure, gold: dict[str, int] | None) -> bool:
    if gold is None or f.speaker is None:
        return gold is None and f.speaker is None
    span = getattr(f, "speaker_span", None)
    if span is not None:
        spans = [(span.start, span.end)]
    else:  # code before Figure.speaker_span: the speaker of a kept quote around the figure, or its entity
        spans = [
            (q.speaker_span.start, q.speaker_span.end)
            for q in a.quotes
            if q.speaker_span and q.start <= f.start < q.end
        ]
    spans += [(m.start, m.end) for m in a.mentions if f.speaker_entity and m.entity == f.speaker_entity]
    # The gold holds the mention of its words nearest the figure: the same words further off
    # ("he said ... 'I make $20 an hour'") name the same speaker.
    words = text[gold["start"] : gold["end"]].lower()
    same = [s for s in spans if text[s[0] : s[1]].strip().lower() == words and abs(s[0] - f.start) <= REACH]
    return bool(same) or any(_overlaps(s, gold) for s in spans)


def _as_of_right(a: Analysis, f: Figure, gold: dict[str, int] | None) -> bool:
    if gold is None or f.as_of is None:
        return gold is None and f.as_of is None
    return any(_overlaps((t.start, t.end), gold) and t.value[:10] == f.as_of for t in a.times)


def score_entry(entry: dict[str, Any], counts: dict[str, int], errors: list[str]) -> None:
    text = _text(entry["doc"])
    if text is None:
        return
    a = analyze(text, published(entry["doc"]))
    by_start = {f.start: f for f in a.figures}
    for g in entry["figures"]:
        counts["gold"] += 1
        counts["gold_speakers"] += g["speaker"] is not None
        counts["gold_as_of"] += g["as_of"] is not None
        f = by_start.get(g["start"])
        if f is None:
            continue
        counts["found"] += 1
        sp, asof = _speaker_right(text, a, f, g["speaker"]), _as_of_right(a, f, g["as_of"])
        counts["speaker"] += sp
        counts["said"] += f.speaker is not None
        counts["said_right"] += sp and f.speaker is not None
        counts["named_right"] += sp and g["speaker"] is not None
        counts["as_of"] += asof
        if not (sp and asof):
            gold_sp = text[g["speaker"]["start"] : g["speaker"]["end"]] if g["speaker"] else None
            gold_as = text[g["as_of"]["start"] : g["as_of"]["end"]] if g["as_of"] else None
            errors.append(
                f"{entry['doc']} F{g['start']} {text[g['start'] : g['end']]!r}: speaker {f.speaker!r} "
                f"(gold {gold_sp!r}) as_of {f.as_of!r} (gold {gold_as!r})"
            )


def published(doc: str) -> datetime | None:
    """A PolNeAR article's day, from its name (noon UTC): 'Tuesday' and 'last year' need it, as in the
    pipeline; L3S-GN1 bodies carry no date."""
    day = re.search(r"_(\d{4})-(\d{2})-(\d{2})_", doc)
    return datetime(*map(int, day.groups()), 12, tzinfo=UTC) if day else None


KEYS = [
    "gold",
    "found",
    "speaker",
    "as_of",
    "gold_speakers",
    "gold_as_of",
    "said",
    "said_right",
    "named_right",
]


def folds(entries: list[dict[str, Any]], k: int) -> list[list[dict[str, Any]]]:
    """Folds by article, dealt as figures_cv.folds_of deals them (hash order, round robin)."""
    order = sorted(entries, key=lambda e: hashlib.md5(e["doc"].encode()).hexdigest())
    return [order[i::k] for i in range(k)]


def summary(c: dict[str, int]) -> str:
    n = max(1, c["found"])
    return (
        f"found {c['found']} of {c['gold']}: speaker right {c['speaker'] / n:.3f}, "
        f"as-of right {c['as_of'] / n:.3f}; "
        f"speakers given {c['said']}, right {c['said_right']}; gold speakers right {c['named_right']} "
        f"of {c['gold_speakers']}; gold as-ofs {c['gold_as_of']}"
    )


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        build(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--set", help="only the documents of this figures file (gold, blind, blind2, blind3)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the errors of the --read folds")
    parser.add_argument("--read", default="0,1,2", help="folds whose errors --show may print")
    args = parser.parse_args(argv)
    if not (ROOT.parent.parent / "shared" / "datasets").exists():
        print("no ../shared/datasets")
        return 0
    entries = json.loads(args.gold.read_text(encoding="utf-8"))["documents"]
    if args.set:
        entries = [e for e in entries if e.get("set") == args.set]
    read = {int(x) for x in args.read.split(",") if x}
    total = dict.fromkeys(KEYS, 0)
    speaker_rates: list[float] = []
    as_of_rates: list[float] = []
    for i, fold in enumerate(folds(entries, args.folds)):
        counts, errors = dict.fromkeys(KEYS, 0), []
        for entry in fold:
            score_entry(entry, counts, errors)
        for key in KEYS:
            total[key] += counts[key]
        speaker_rates.append(counts["speaker"] / max(1, counts["found"]))
        as_of_rates.append(counts["as_of"] / max(1, counts["found"]))
        print(f"fold {i} ({len(fold)} articles): {summary(counts)}")
        if args.show and i in read:
            print("\n".join("   " + e for e in errors))
    spread = statistics.stdev if len(speaker_rates) > 1 else (lambda _: 0.0)
    print(
        f"over folds: speaker {statistics.mean(speaker_rates):.3f} ± {spread(speaker_rates):.3f}, "
        f"as-of {statistics.mean(as_of_rates):.3f} ± {spread(as_of_rates):.3f}"
    )
    print(f"all: {summary(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
