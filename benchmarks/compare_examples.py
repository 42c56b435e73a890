"""Figure-comparison gold on the project's own examples (benchmarks/compare_gold_examples.json)."""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.extract import extract
from corroborate.language import analyze_article
from corroborate.model import Article, Page, Story
from corroborate.pipeline import build_story
from corroborate.sources import read_pages

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "compare_gold_examples.json"

Key = tuple[str, float]


def _articles(files: list[str]) -> list[Article]:
    out = []
    for page in read_pages([str(ROOT / "examples" / f) for f in files]):
        if isinstance(page, Page):
            out.append(analyze_article(extract(page)))
    return out


def _key(arts: list[Article], ref: list[str]) -> Key | None:
    """(article id, figure value) of a gold figure given by file, sentence snippet and surface."""
    file, snippet, surface = ref
    for a in arts:
        if Path(a.source.split(":")[0]).name != file or snippet not in a.text:
            continue
        at = a.text.index(snippet) + snippet.index(surface)
        for f in a.analysis.figures if a.analysis else []:
            if f.start <= at < f.end or at <= f.start < at + len(surface):
                return (a.id, f.value)
    return None


def _pairs(keys: list[Key]) -> set[frozenset[Key]]:
    return {frozenset((x, y)) for i, x in enumerate(keys) for y in keys[i + 1 :] if x[0] != y[0]}


def score(counts: dict[str, int]) -> None:
    for st in json.loads(GOLD.read_text())["stories"]:
        arts = _articles(st["files"])
        story: Story = build_story(st["id"], arts)  # as a run builds it
        groups = [[k for r in g["figures"] if (k := _key(arts, r))] for g in st["groups"]]
        counts["unresolved"] = counts.get("unresolved", 0) + sum(
            len(g["figures"]) - len(ks) for g, ks in zip(st["groups"], groups, strict=True)
        )
        gold = set().union(*(_pairs(g) for g in groups))
        negatives = {frozenset(k) for p in st["not_same"] if None not in (k := [_key(arts, r) for r in p])}
        annotated = {k for g in groups for k in g} | {k for p in negatives for k in p}
        found: set[frozenset[Key]] = set()
        for c in story.figures:
            keys = [(r.article, r.value) for r in c.reports if (r.article, r.value) in annotated]
            for pair in _pairs(keys):
                counts["ex_figure:tp" if pair in gold else "ex_figure:fp"] += 1
                found.add(pair)
        counts["ex_figure:gold"] += len(gold)
        counts["ex_figure:found"] += len(gold & found)
        counts["ex_notsame:gold"] += len(negatives)
        counts["ex_notsame:fp"] += len(negatives & found)
        for g, ks in zip(st["groups"], groups, strict=True):
            best = max(
                story.figures,
                key=lambda c: len({(r.article, r.value) for r in c.reports} & set(ks)),
                default=None,
            )
            if best is None or not {(r.article, r.value) for r in best.reports} & set(ks):
                continue
            counts["ex_verdict:tp" if best.verdict == g["verdict"] else "ex_verdict:fp"] += 1
