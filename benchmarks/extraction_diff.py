"""Per page, the paragraphs trafilatura keeps that ours drops, for benchmarks/extraction_cv.py --dump.

Each dropped paragraph is marked by how much of it the gold holds (share of its
4-token shingles in the gold text): a high share is recall we give away, a low one
is boilerplate trafilatura kept. Written to a folder outside the project: the text
is the pages', never to be committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from extraction_data import Doc
from extraction_metric import shingles


def in_gold(paragraph: str, gold: str) -> float:
    mine = shingles(paragraph)
    if not mine:
        return 0.0
    return sum((mine & shingles(gold)).values()) / sum(mine.values())


def write_diffs(folder: Path, docs: Sequence[Doc], traf: Sequence[str], ours: Sequence[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lost_total = 0
    for doc, t, o in zip(docs, traf, ours, strict=True):
        kept = set(o.split("\n"))
        lines = []
        for para in t.split("\n"):
            if para.strip() and para not in kept and not (len(para) > 40 and para[:40] in o):
                share = in_gold(para, doc.gold)
                lost_total += share > 0.5
                lines.append(f"[{share:.2f}] {para}")
        if lines:
            (folder / f"{doc.id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"  wrote diffs to {folder}; {lost_total} paragraphs trafilatura keeps, ours drops, mostly in gold")
