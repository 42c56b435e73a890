"""Quotes and speakers of `language.analyze` on PolNeAR v1.0 (brat Source/Cue/Content).

Run: .venv/bin/python benchmarks/language_quotes.py [--split dev|train] [--show N]

Tokens are \\w+ runs. A predicted attribution matches a gold one when it covers
at least half of the gold Content's tokens. A predicted attribution is one
quote, or the quote fragments that share one cue ('"A," he said. "B."'), since
PolNeAR annotates such a quotation as one discontinuous Content.

Precision is printed two ways. Per quote (the headline, one count per Quote
record): a quote is right when it covers half of a gold Content by itself, or
when it is a piece of a split quotation that was found: at least half of its
own tokens lie inside a gold Content that its attribution (the fragments
sharing its cue) covers. A stray fragment inside a good attribution still
counts as wrong. Per attribution: attributions matching some gold Content.
The strict per-quote figure (each quote must cover half of a Content alone,
so '"A," he said, "B"' scores its parts as misses) is printed too.

A gold Content covered by several predicted attributions is aligned to the one
with the highest token Jaccard: nested attributions ('X said Y believes ...')
make the outer one cover Y's content as well, and the attribution that fits
the Content is the one it annotates; the first by position (used before
2026-11-22 round 2) would depend on the order quotes are listed in. Recall
over gold attributions whose content holds a quotation mark, and over all.
Speaker accuracy over matched quotes: our speaker mention overlaps the gold
Source, or the entity it resolves to has a mention that does; a gold Source
that is a relative pronoun ("officials, who said ...") resolves to the words
right before it (since 2026-11-22 round 3). Texts annotated
twice are scored on one annotation (the first by file name). Anchors: quote
extractors on other corpora F1 83-84 (span overlap), speaker accuracy 86.5%;
bars P 0.85, R(quoted) 0.80, R(all) 0.60, speaker 0.90.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from corroborate.language import analyze
from corroborate.model import Analysis, Quote

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "polnear"
_QUOTE_MARKS = re.compile('["“”]')
_RELATIVE = {"who", "which", "whom", "that"}


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    text: str


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    texts: dict[str, str] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _, _, where = cols[1].partition(" ")
            spans[cols[0]] = _spans(where)
            texts[cols[0]] = cols[2] if len(cols) > 2 else ""
        elif line.startswith("E") and len(cols) >= 2:
            rels.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    out: list[Gold] = []
    for rel in rels:
        if "Content" in rel and rel["Content"] in spans:
            src = spans.get(rel.get("Source", ""), [])
            out.append(Gold(spans[rel["Content"]], src, texts[rel["Content"]]))
    return out


def _tokens(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for s, e in spans for m in re.finditer(r"\w+", text[s:e])]


def covers(q: Quote | list[Quote], toks: list[tuple[int, int]]) -> bool:
    parts = q if isinstance(q, list) else [q]
    inside = sum(1 for s, e in toks if any(s >= p.start and e <= p.end for p in parts))
    return bool(toks) and inside * 2 >= len(toks)


def inside(q: Quote, toks: list[tuple[int, int]], text: str) -> bool:
    """At least half of the quote's own tokens lie inside the gold Content."""
    ours = _tokens(text, [(q.start, q.end)])
    gold = set(toks)
    return bool(ours) and sum(1 for t in ours if t in gold) * 2 >= len(ours)


def aligned(candidates: list[list[Quote]], toks: list[tuple[int, int]], text: str) -> list[Quote] | None:
    """Of the attributions that cover a gold Content, the one that fits it best (token Jaccard): an
    outer 'X said Y believes ...' covers Y's nested content too, but Y's own attribution fits it."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    gold = set(toks)

    def fit(unit: list[Quote]) -> float:
        ours = set(_tokens(text, [(q.start, q.end) for q in unit]))
        return len(ours & gold) / len(ours | gold)

    return max(candidates, key=fit)


def attributions(quotes: list[Quote]) -> list[list[Quote]]:
    """Quote fragments that share one cue ('"A," he said. "B."') are one attribution, as PolNeAR's
    discontinuous Content spans are; a quote without a cue stands alone."""
    groups: dict[object, list[Quote]] = {}
    for k, q in enumerate(quotes):
        key = (q.cue_span.start, q.cue_span.end) if q.cue_span is not None else k
        groups.setdefault(key, []).append(q)
    return list(groups.values())


def gold_sources(gold: Gold, text: str) -> list[tuple[int, int]]:
    """The gold Source spans; a relative pronoun ('Democrats, who have argued ...') also stands for the
    noun phrase it refers to, the (up to five) words right before it."""
    out = list(gold.source)
    for s, e in gold.source:
        if text[s:e].lower() in _RELATIVE:
            before = re.search(r"((?:[\w.'’-]+\s+){0,4}[\w.'’-]+)[\s,]*$", text[max(0, s - 80) : s])
            if before:
                out.append((s - len(before.group(0)), s - len(before.group(0)) + len(before.group(1))))
    return out


def speaker_ok(q: Quote, gold: Gold, analysis: Analysis, text: str) -> bool:
    spans = []
    if q.speaker_span is not None:
        spans.append((q.speaker_span.start, q.speaker_span.end))
    if q.speaker_entity is not None:
        spans += [(m.start, m.end) for m in analysis.mentions if m.entity == q.speaker_entity]
    return any(s < ge and gs < e for s, e in spans for gs, ge in gold_sources(gold, text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--show", type=int, default=0, help="print N misses and N false positives")
    args = ap.parse_args()
    root = DATA / args.split
    if not root.exists():
        print(f"no data at {root}", file=sys.stderr)
        return 1
    seen: set[str] = set()
    n_pred = n_pred_ok = n_pred_q = n_pred_q_ok = n_pred_q_strict = 0
    n_gold = n_gold_hit = n_quoted = n_quoted_hit = 0
    n_matched = n_speaker_ok = 0
    misses: list[str] = []
    spurious: list[str] = []
    wrong_speaker: list[str] = []
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen:
            continue
        seen.add(name)
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        date = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
        published = datetime.fromisoformat(date.group(1)).replace(tzinfo=UTC) if date else None
        golds = read_ann(ann)
        analysis = analyze(text, published)
        toks = [_tokens(text, g.content) for g in golds]
        units = attributions(analysis.quotes)
        for unit in units:
            n_pred += 1
            found = [t for t in toks if covers(unit, t)]
            n_pred_ok += bool(found)
            for q in unit:
                n_pred_q += 1
                strict = any(covers(q, t) for t in toks)
                n_pred_q_strict += strict
                if strict or any(inside(q, t, text) for t in found):
                    n_pred_q_ok += 1
                else:
                    spurious.append(f"{name}: {q.speaker!r} {q.cue!r} | {q.text[:150]!r}")
        for g, t in zip(golds, toks, strict=True):
            if not t:
                continue
            quoted = bool(_QUOTE_MARKS.search(text[g.content[0][0] : g.content[-1][1]]))
            best = aligned([u for u in units if covers(u, t)], t, text)
            hit = best[0] if best else None
            n_gold += 1
            n_quoted += quoted
            if hit is None:
                misses.append(f"{'Q' if quoted else '-'} {name}: {g.text[:150]!r}")
                continue
            n_gold_hit += 1
            n_quoted_hit += quoted
            if g.source:
                n_matched += 1
                if speaker_ok(hit, g, analysis, text):
                    n_speaker_ok += 1
                else:
                    src = " / ".join(text[s:e] for s, e in g.source)
                    wrong_speaker.append(f"{name}: ours {hit.speaker!r}, gold {src!r} | {hit.text[:80]!r}")

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    print(f"PolNeAR {args.split}: {len(seen)} texts, {n_gold} gold attributions ({n_quoted} quoted)")
    print(
        f"  precision        {ratio(n_pred_q_ok, n_pred_q):.3f}  ({n_pred_q_ok}/{n_pred_q} quotes)   bar 0.85"
    )
    print(
        f"    per attribution (a cue's quotes as one): {ratio(n_pred_ok, n_pred):.3f}  ({n_pred_ok}/{n_pred})"
    )
    strict = f"{ratio(n_pred_q_strict, n_pred_q):.3f}  ({n_pred_q_strict}/{n_pred_q})"
    print(f"    strict (each quote alone): {strict}")
    print(f"  recall (quoted)  {ratio(n_quoted_hit, n_quoted):.3f}  ({n_quoted_hit}/{n_quoted})   bar 0.80")
    print(f"  recall (all)     {ratio(n_gold_hit, n_gold):.3f}  ({n_gold_hit}/{n_gold})   bar 0.60")
    print(
        f"  speaker          {ratio(n_speaker_ok, n_matched):.3f}  ({n_speaker_ok}/{n_matched})   bar 0.90;"
        " anchors: span-overlap F1 83-84, speaker 86.5%"
    )
    if args.show:
        print("missed:", *misses[: args.show], sep="\n  ")
        print("false positives:", *spurious[: args.show], sep="\n  ")
        print("wrong speaker:", *wrong_speaker[: args.show], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
