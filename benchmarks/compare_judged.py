"""Corroborated pairs on long political stories, against pairs judged by hand (precision only).

Gold: benchmarks/compare_gold_judged.json: the 9 PolNeAR stories of clustering_polnear_gold.json
(two outlets of opposite politics each), every corroborated cross-outlet pair a run showed,
judged right, partial or wrong (offsets and labels only). A pair found now that was not judged
is counted apart: the figure is precision over judged pairs, with how many went unjudged.

    nice -n 10 env OMP_NUM_THREADS=1 .venv/bin/python benchmarks/compare_judged.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from corroborate.language import analyze_article
from corroborate.model import Article, Story
from corroborate.pipeline import build_story

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "compare_gold_judged.json"
POLNEAR = ROOT.parent / "shared" / "datasets" / "polnear" / "train" / "text"

Span3 = tuple[str, int, int]


def load_articles(docs: list[str]) -> list[Article]:
    """Each PolNeAR file as an article: outlet and day from its name ("usa-today_2016-03-02_...")."""
    out = []
    for n, doc in enumerate(docs):
        outlet, day = doc.split("_")[:2]
        text = (POLNEAR / f"{doc}.txt").read_text(encoding="utf-8")
        published = datetime.fromisoformat(day).replace(hour=12, minute=n, tzinfo=UTC)
        article = Article(
            id=doc, source=doc, outlet=outlet, title=text.split("\n", 1)[0], text=text, published=published
        )
        out.append(analyze_article(article))
    return out


def corroborated_pairs(story: Story) -> list[tuple[Span3, Span3, float]]:
    """Every pair of evidence sentences of two origins that a corroborated claim counts."""
    out = []
    for c in story.claims:
        if not c.corroborated:
            continue
        evs = [e for e in c.evidence if story.origins[e.article] in c.origins]
        for i, x in enumerate(evs):
            for y in evs[i + 1 :]:
                if story.origins[x.article] != story.origins[y.article]:
                    out.append(((x.article, x.start, x.end), (y.article, y.start, y.end), c.confidence))
    return out


def _overlaps(a: Span3, b: Span3) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def judge(found: list[tuple[Span3, Span3, float]], judged: list[list[object]]) -> Counter[str]:
    t: Counter[str] = Counter()
    for x, y, confidence in found:
        label = next(
            (
                str(j[2])
                for j in judged
                if (_overlaps(x, tuple(j[0])) and _overlaps(y, tuple(j[1])))  # type: ignore[arg-type]
                or (_overlaps(y, tuple(j[0])) and _overlaps(x, tuple(j[1])))  # type: ignore[arg-type]
            ),
            "unjudged",
        )
        t[label] += 1
        # What the page shows at full strength (not dimmed as weak).
        if confidence >= 0.6:
            t["strong:" + label] += 1
    return t


def judge_single(story: Story, judged: list[list[object]]) -> Counter[str]:
    """The claims listed as reported by one outlet only, against those judged (right or wrong)."""
    t: Counter[str] = Counter()
    for c in story.single_source:
        ev = c.evidence[0]
        span = (ev.article, ev.start, ev.end)
        label = next(
            (str(j[3]) for j in judged if _overlaps(span, (str(j[0]), int(j[1]), int(j[2])))), "unjudged"
        )  # type: ignore[call-overload]
        t["single:" + label] += 1
    return t


def _share(t: Counter[str], prefix: str = "") -> str:
    right, partial, wrong = (t[prefix + k] for k in ("right", "partial", "wrong"))
    n = right + partial + wrong
    if not n:
        return "none judged"
    return f"right {right / n:.3f}, right or partial {(right + partial) / n:.3f} ({n} judged)"


def main() -> int:
    if not POLNEAR.is_dir():
        print("../shared/datasets/polnear is not here", file=sys.stderr)
        return 1
    gold = json.loads(GOLD.read_text())["stories"]
    total: Counter[str] = Counter()
    for st in gold:
        story = build_story(st["id"], load_articles(st["docs"]))
        t = judge(corroborated_pairs(story), st["pairs"])
        t.update(judge_single(story, st.get("single", [])))
        total.update(t)
        print(f"{st['id']}: {_share(t)}, unjudged {t['unjudged']}, single-source {len(story.single_source)}")
    print(f"all: corroborated pairs {_share(total)}, unjudged {total['unjudged']}")
    print(f"shown at full strength: {_share(total, 'strong:')}, unjudged {total['strong:unjudged']}")
    right, wrong = total["single:right"], total["single:wrong"]
    print(
        f"single-source (judged stories): right {right / max(1, right + wrong):.3f} "
        f"({right + wrong} judged), "
        f"unjudged {total['single:unjudged']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
