"""Per-text analysis: sentences, entities, quotes, figures, time expressions.

Pure: the same text (and publication time) gives the same result, anywhere.
Each part is a plain function over the text and its sentences, so any one of
them (the name finder first) can be replaced by a learned model later.
"""

from __future__ import annotations

from datetime import datetime

from corroborate.language.entities import find_candidates
from corroborate.language.figures import find_figures
from corroborate.language.linking import link
from corroborate.language.ner import merge, model_entities
from corroborate.language.quotes import find_said
from corroborate.language.sentences import split_sentences
from corroborate.language.times import find_times
from corroborate.model import Analysis, Article, Entity, Mention, Span

__all__ = ["analyze", "analyze_article", "find_entities", "split_sentences"]


def find_entities(text: str, sentences: list[Span]) -> tuple[list[Entity], list[Mention]]:
    """Entities with one canonical name each, and every mention linked to one."""
    candidates = find_candidates(text, sentences)
    found = model_entities(text)
    if found is not None:
        candidates = merge(text, candidates, found)
    return link(text, candidates)


def analyze(text: str, published: datetime | None = None) -> Analysis:
    """Analyse `text`, taken as already clean; offsets are into `text` as given."""
    sentences = split_sentences(text)
    entities, mentions = find_entities(text, sentences)
    times = find_times(text, sentences, published)
    # Figures take their speakers from every attribution the rules found, not only those kept as quotes.
    quotes, said = find_said(text, sentences, entities, mentions)
    figures = find_figures(text, sentences, said, times, mentions)
    return Analysis(
        language="en",
        sentences=sentences,
        entities=entities,
        mentions=mentions,
        quotes=quotes,
        figures=figures,
        times=times,
    )


def analyze_article(article: Article) -> Article:
    """The article with its analysis attached."""
    return article.model_copy(update={"analysis": analyze(article.text, article.published)})
