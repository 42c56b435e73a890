"""The times of an undated article, read against its story's date.

An article without a publication date cannot place "today", "on Friday" or "September 20"
(no year) by itself, so `analyze` leaves them out. Once its story is known, a person reads
such an article against the story's dates, and so does this: against the latest publication
of the story's other articles (an undated page is most often a live one, read after the dated
reports). The pipeline runs it between clustering and comparison, so the comparison gets
these times as data and never runs the language stage itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from corroborate.language.times import find_times
from corroborate.model import Article, TimeExpression
from corroborate.text.words import split_sentences

Inferred = dict[str, tuple[datetime, list[TimeExpression]]]
"""Article id -> (the story date its times were read against, the times found only that way)."""


def story_reference(article: Article, story: Sequence[Article]) -> datetime | None:
    """The date to read an undated article against: the latest publication of the story's others."""
    if article.published or article.updated:
        return None
    dates = [b.published or b.updated for b in story if b.id != article.id]
    known = [d for d in dates if d is not None]
    return max(known, key=lambda d: d.date()) if known else None


def inferred_times(story: Sequence[Article]) -> Inferred:
    """For each undated, analysed article of the story: the times its own analysis could not place."""
    result: Inferred = {}
    for a in story:
        ref = story_reference(a, story)
        if ref is None or a.analysis is None:
            continue
        spans = sorted(a.analysis.sentences or split_sentences(a.text), key=lambda s: (s.start, s.end))
        placed = {(t.start, t.end) for t in a.analysis.times}
        result[a.id] = (ref, [t for t in find_times(a.text, spans, ref) if (t.start, t.end) not in placed])
    return result
