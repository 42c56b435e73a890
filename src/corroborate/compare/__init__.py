"""Per-story comparison: claims, figures, quotes and the timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from corroborate.compare.claims import build_claims
from corroborate.compare.common import StoryContext
from corroborate.compare.conflicts import find_conflicts
from corroborate.compare.entities import merge_entities
from corroborate.compare.figures import compare_figures
from corroborate.compare.quotes import group_quotes
from corroborate.compare.timeline import build_timeline
from corroborate.model import Article, Story, TimeExpression
from corroborate.settings import CompareSettings
from corroborate.text.words import content_stems, split_sentences

__all__ = ["compare"]


def compare(
    story_id: str,
    articles: Sequence[Article],
    origins: Mapping[str, str],
    inferred: Mapping[str, tuple[datetime, list[TimeExpression]]] | None = None,
    settings: CompareSettings | None = None,
) -> Story:
    """Build the story file for the analysed `articles` of one story.

    `inferred`: the times of its undated articles read against the story's date
    (`language.story_times.inferred_times`; `pipeline.build_story` passes them).
    """
    ctx = StoryContext.build(articles, origins, inferred, settings)
    entities = merge_entities(ctx)
    claims = build_claims(ctx, entities)
    figures = compare_figures(ctx, entities)
    return Story(
        id=story_id,
        title=_title(ctx, story_id),
        articles=ctx.articles,
        origins=dict(ctx.origins),
        entities=entities.entities,
        claims=claims,
        figures=figures,
        conflicts=find_conflicts(ctx, claims, figures),
        quotes=group_quotes(ctx, entities),
        timeline=build_timeline(ctx, entities),
    )


def _title(ctx: StoryContext, story_id: str) -> str:
    """The most central title (sharing most words with the others), the earliest on a tie.

    Central rather than simply earliest so that a page whose title is only its
    outlet's name ("Riverside Radio 98.4 FM") does not name the story.
    """
    titled = [
        (a.title.strip(), set(content_stems(a.title))) for a in ctx.articles if a.title and a.title.strip()
    ]
    if titled:
        scores = [
            sum(len(words & other) / max(1, min(len(words), len(other))) for _, other in titled)
            for _, words in titled
        ]
        return titled[scores.index(max(scores))][0]
    for a in ctx.articles:
        spans = split_sentences(a.text)
        if spans:
            return a.text[spans[0].start : spans[0].end][:200]
    return story_id
