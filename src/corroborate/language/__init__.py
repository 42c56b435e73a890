"""Per-text analysis: sentences, entities, quotes, figures, time expressions.

Pure: the same text (and publication time) gives the same result, anywhere.
"""

from __future__ import annotations

from datetime import datetime

from corroborate.model import Analysis, Article


def analyze(text: str, published: datetime | None = None) -> Analysis:
    """Analyse `text`, taken as already clean; offsets are into `text` as given."""
    raise NotImplementedError


def analyze_article(article: Article) -> Article:
    """The article with its analysis attached."""
    return article.model_copy(update={"analysis": analyze(article.text, article.published)})
