"""Conflicts: one slot of the story that outlets fill with different values, with both sentences.

Three sources: figure comparisons that differ with nothing to explain it; aligned statements
whose numbers or years differ ("since 2002" against "since 2003"); and aligned statements that
name two different people of one surname ("Rep. Linda Sánchez" against "Rep. Loretta Sanchez").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from corroborate.compare.common import StoryContext
from corroborate.model import Article, Claim, Conflict, Evidence, FigureComparison
from corroborate.text.names import name_key
from corroborate.text.wording import figure_in_words


def find_conflicts(
    ctx: StoryContext, claims: Sequence[Claim], figures: Sequence[FigureComparison]
) -> list[Conflict]:
    out = [_figure_conflict(f) for f in figures if f.verdict == "differ"]
    seen = {(e.article, e.start) for c in out for e in c.evidence}
    for claim in claims:
        found = _number_conflict(ctx, claim)
        if found and not {(e.article, e.start) for e in found.evidence} <= seen:
            out.append(found)
        out.extend(_name_conflicts(ctx, claim))
    return sorted(out, key=lambda c: -c.confidence)


def _figure_conflict(f: FigureComparison) -> Conflict:
    sides: dict[str, Evidence] = {}
    articles: dict[str, str] = {}
    for r in f.reports:
        value = figure_in_words(r.value, r.bound, r.high)
        sides.setdefault(value, r.evidence)
        articles.setdefault(value, r.article)
    return Conflict(
        kind="figure",
        slot=f.counted,
        values=list(sides),
        articles=list(dict.fromkeys(articles.values())),
        evidence=list(sides.values()),
        why=f"{f.why}; {f.explanation}" if f.why else f.explanation,
        confidence=f.confidence,
    )


def _numbers(article: Article, ev: Evidence) -> dict[str, str]:
    """Numbers and years stated inside the evidence: comparable key -> as written."""
    a = article.analysis
    if a is None:
        return {}
    out = {f"{f.value:g}": f.text for f in a.figures if ev.start <= f.start < ev.end}
    out.update(
        {"y" + t.value[:4]: t.text for t in a.times if ev.start <= t.start < ev.end and t.grain == "year"}
    )
    return out


def _number_conflict(ctx: StoryContext, claim: Claim) -> Conflict | None:
    """One value against one value of the same kind (a year against a year, a count against a count)."""
    if not claim.differs or claim.confidence < MIN_CONFIDENCE:
        return None
    agreeing = [e for e in claim.evidence if e.article not in claim.differs]
    differing = [e for e in claim.evidence if e.article in claim.differs]
    if not agreeing or not differing:
        return None
    a, b = agreeing[0], differing[0]
    na, nb = _numbers(ctx.by_id(a.article), a), _numbers(ctx.by_id(b.article), b)
    only_a = [na[k] for k in na if k not in nb]
    only_b = [nb[k] for k in nb if k not in na]
    keys = [k for k in na if k not in nb] + [k for k in nb if k not in na]
    if len(only_a) != 1 or len(only_b) != 1 or len({k.startswith("y") for k in keys}) != 1:
        return None  # several numbers each, or a year against a count: not one slot
    years = keys[0].startswith("y")
    return Conflict(
        kind="year" if years else "number",
        slot="the year" if years else "the number stated",
        values=[", ".join(only_a), ", ".join(only_b)],
        articles=[a.article, b.article],
        evidence=[a, b],
        why=f"the statements align ({claim.why}) but state {', '.join(only_a)} against {', '.join(only_b)}",
        confidence=round(min(claim.confidence, 0.9), 2),
    )


# Alignments below this confidence are shown as weak; a conflict read from one would be a guess.
MIN_CONFIDENCE = 0.6
# Words before a surname that are no first name: "Trooper Hakim" is Bill Hakim.
_TITLE_WORDS = """mr mrs ms miss dr prof sir dame lord lady rep sen gov pres gen col capt lt sgt cpl pvt adm
    cmdr trooper officer detective deputy sheriff judge justice mayor minister president senator
    representative governor chief captain lieutenant sergeant general colonel father rev bishop coach"""
TITLES = frozenset(_TITLE_WORDS.split())


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name_key(name)) if not unicodedata.combining(c))


def _people(article: Article, ev: Evidence) -> dict[str, str]:
    a = article.analysis
    if a is None:
        return {}
    return {
        _fold(m.text): m.text
        for m in a.mentions
        if m.label == "PERSON" and ev.start <= m.start < ev.end and len(m.text.split()) >= 2
    }


def _two_people(a: str, b: str) -> bool:
    """Two full names (folded) of one surname with different first names, neither a title."""
    fa, fb = a.split(), b.split()
    if fa[-1] != fb[-1] or fa[0] == fb[0] or fa[0] in TITLES or fb[0] in TITLES:
        return False
    return not (fa[0].startswith(fb[0]) or fb[0].startswith(fa[0]))  # "Bill" and "William" stay a risk


def _name_conflicts(ctx: StoryContext, claim: Claim) -> list[Conflict]:
    """Two full names of one surname in one aligned statement of different articles."""
    out: list[Conflict] = []
    if claim.confidence < MIN_CONFIDENCE:
        return out
    evs = claim.evidence
    for i, x in enumerate(evs):
        for y in evs[i + 1 :]:
            # Copies of one wire may differ too: a changed name in a republication is worth a look.
            if x.article == y.article:
                continue
            px, py = _people(ctx.by_id(x.article), x), _people(ctx.by_id(y.article), y)
            for kx, nx in px.items():
                for ky, ny in py.items():
                    if _two_people(kx, ky):
                        out.append(
                            Conflict(
                                kind="name",
                                slot=f"who ({kx.split()[-1].title()})",
                                values=[nx, ny],
                                articles=[x.article, y.article],
                                evidence=[x, y],
                                why=f"the statements align ({claim.why}) but name {nx} against {ny}",
                                confidence=round(min(claim.confidence, 0.8), 2),
                            )
                        )
        if out:
            break  # one name conflict per statement is enough to send a reader to it
    return out
