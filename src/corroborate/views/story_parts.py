"""Parts of the story page built from the articles themselves: how each outlet framed the event,
and the sentence that names each quote's speaker."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.compare.common import StoryContext, evidence, is_boilerplate
from corroborate.compare.quotes import attribution
from corroborate.model import Article, Claim, Evidence, FigureComparison, Quote, Story

# The lead is the article's opening statement; a very long first sentence is cut for the side-by-side view.
LEAD_CHARS = 400


@dataclass(frozen=True)
class Framing:
    """One outlet's headline and lead, for the side-by-side view."""

    article: str
    headline: str
    lead: Evidence | None


def lead_of(ctx: StoryContext, article: Article) -> Evidence | None:
    """The article's first sentence that states something (not a credit line or page furniture)."""
    for span in ctx.sentences[article.id]:
        ev = evidence(article, span.start, span.end)
        if len(ev.text.split()) >= 4 and not is_boilerplate(ev.text):
            if len(ev.text) > LEAD_CHARS:
                cut = ev.text.rfind(" ", 0, LEAD_CHARS)
                ev = evidence(article, ev.start, ev.start + (cut if cut > 0 else LEAD_CHARS))
            return ev
    return None


def framings(story: Story) -> list[Framing]:
    """Each article's headline and lead, in the page's article order."""
    ctx = StoryContext.build(story.articles, story.origins)
    return [Framing(a.id, (a.title or "").strip(), lead_of(ctx, a)) for a in story.articles]


class Attributions:
    """Finds, for a quote of one of the story's articles, the sentence that names its speaker."""

    def __init__(self, story: Story) -> None:
        self.ctx = StoryContext.build(story.articles, story.origins)

    def of(self, article: Article, q: Quote) -> Evidence | None:
        if article.id not in self.ctx.rank:
            return None
        return attribution(self.ctx, article, q)


def cell_state(
    article: str, carried: Sequence[str], differs: Sequence[str], maybe: Sequence[str] = ()
) -> str:
    if article in differs:
        return "differs"
    if article in maybe:
        return "maybe"
    return "yes" if article in carried else "no"


def same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def odd_values(comp: FigureComparison) -> set[tuple[float, float | None]]:
    """The values to mark as differing: all but the one most reports give, or all when none leads."""
    counts = Counter((rep.value, rep.high) for rep in comp.reports)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
        return {value for value, _ in ranked[1:]}
    return set(counts) if len(counts) > 1 else set()


def claim_group(claim: Claim) -> str:
    if claim.corroborated:
        return "corroborated"
    # One origin says it and another says it with other numbers: disputed, not single-source.
    if claim.differs:
        return "disputed"
    # Another outlet has a close sentence, not aligned with confidence: uncertain, not single-source.
    return "possibly" if claim.possibly_elsewhere else "single"
