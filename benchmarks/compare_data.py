"""The gold's stories as analysed articles: ECB+ docs, L3S-GN1 pages (their gold text), the seed pages.

Offsets in the gold are into each source's own text: ECB+'s `text`, L3S-GN1's `articleBody`,
the seed pages' raw files. A seed page is extracted as a run would extract it, so its spans are
moved onto the extracted text by finding their words there.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corroborate.extract import extract
from corroborate.language import analyze_article
from corroborate.model import Article, Page

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared"
ECB = DATA / "datasets" / "ecbplus" / "ecbplus.jsonl"
L3S = DATA / "datasets" / "l3s-gn1" / "ground-truth.json"
SEED = DATA / "examples" / "pages"
# What the seed's plain-text dumps do not say about themselves (as tests/test_seed_compare.py).
SEED_KNOWN: dict[str, dict[str, Any]] = {
    "000": {"outlet": "Sloboden Pechat", "published": datetime(2023, 9, 30, 10, 0, tzinfo=UTC)},
    "001": {
        "outlet": "Investing.com",
        "origin": "Reuters",
        "published": datetime(2023, 9, 29, 7, 47, tzinfo=UTC),
    },
}


def available() -> bool:
    return ECB.is_file() and L3S.is_file() and SEED.is_dir()


def _plain(doc: str, n: int, title: str | None, text: str) -> Article:
    # Each doc its own outlet: the sets give none, and these are different publications.
    return Article(
        id=doc,
        source=doc,
        outlet=f"outlet {doc}",
        title=title,
        text=text,
        published=datetime(2020, 1, 1, 12, n, tzinfo=UTC),
    )


def _seed(doc: str) -> tuple[Article, str]:
    path = SEED / f"{doc}.txt"
    raw = path.read_text(encoding="utf-8")
    article = extract(Page(id=doc, source=str(path), format="text", content=raw))
    meta = SEED_KNOWN[doc[:3]]
    article = article.model_copy(update={k: v for k, v in meta.items() if getattr(article, k) in (None, "")})
    return article, raw


def _move(node: Any, raws: dict[str, str], texts: dict[str, str]) -> Any:
    """Every [doc, start, end, ...] of a seed doc moved onto its extracted text (dropped if not found)."""
    if isinstance(node, dict):
        return {k: _move(v, raws, texts) for k, v in node.items()}
    if not isinstance(node, list):
        return node
    if (
        len(node) >= 3
        and isinstance(node[0], str)
        and node[0] in raws
        and isinstance(node[1], int)
        and isinstance(node[2], int)
    ):
        doc, start, end = node[0], node[1], node[2]
        at = texts[doc].find(raws[doc][start:end])
        if at < 0:
            return None
        moved = [doc, at, at + end - start]
        if len(node) == 5:  # a speaker: [doc, quote start, quote end, speaker start, speaker end]
            s_at = texts[doc].find(raws[doc][node[3] : node[4]])
            return None if s_at < 0 else [*moved, s_at, s_at + node[4] - node[3]]
        return moved + node[3:]
    return [x for x in (_move(x, raws, texts) for x in node) if x is not None]


def load(gold_path: Path) -> tuple[list[dict[str, Any]], dict[str, Article]]:
    gold: list[dict[str, Any]] = json.loads(gold_path.read_text())["stories"]
    rows = {r["id"]: r for r in map(json.loads, ECB.read_text().splitlines())}
    bodies = json.loads(L3S.read_text())
    articles: dict[str, Article] = {}
    out: list[dict[str, Any]] = []
    for st in gold:
        raws: dict[str, str] = {}
        for n, doc in enumerate(st["docs"]):
            if st["source"] == "ecbplus":
                a = _plain(doc, n, rows[doc].get("title"), rows[doc]["text"])
            elif st["source"] == "l3s-gn1":
                body = bodies[doc]["articleBody"]
                a = _plain(doc, n, body.split("\n", 1)[0], body)
            else:
                a, raws[doc] = _seed(doc)
            articles[doc] = analyze_article(a)
        if raws:
            texts = {d: articles[d].text for d in raws}
            st = _move(st, raws, texts)
            st["region"] = {d: len(texts[d]) for d in raws}
        out.append(st)
    return out, articles
