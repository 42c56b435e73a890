"""What every comparison step shares: the story's articles in order, origins, sentences, evidence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from corroborate.model import Article, Evidence, Span, TimeExpression
from corroborate.settings import CompareSettings
from corroborate.text.dates import publication_order
from corroborate.text.words import split_sentences

# Lines a person would not call a statement of the story: credits, page furniture, disclaimers.
_BOILERPLATE = re.compile(
    r"©|\ball rights reserved\b|\bclick here\b|\bsubscribe\b|\bnewsletter\b|\bcookies?\b|"
    r"\badvertisement\b|^\s*(published|updated|posted)\b|\bphoto\s*:|\bread more\b|\bsign up\b|"
    r"\bdear reader\b|\bREUTERS/|\bfile photo\b|\blatest comments\b|\brisk disclosure\b",
    re.IGNORECASE,
)


def is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.search(text))


def evidence(article: Article, start: int, end: int) -> Evidence:
    """Evidence for a span, clamped to the text and trimmed of surrounding white space."""
    text = article.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(article=article.id, start=start, end=end, text=text[start:end])


def publication_key(article: Article) -> tuple[datetime, str]:
    return publication_order(article.published, article.id)


@dataclass
class StoryContext:
    """The story's articles, earliest first, with their origins and sentence spans."""

    articles: list[Article]
    origins: dict[str, str]
    sentences: dict[str, list[Span]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    # Undated articles' times read against the story's date: id -> (that date, the times).
    inferred: Mapping[str, tuple[datetime, list[TimeExpression]]] = field(default_factory=dict)
    settings: CompareSettings = field(default_factory=CompareSettings)
    _starts: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        origins: Mapping[str, str],
        inferred: Mapping[str, tuple[datetime, list[TimeExpression]]] | None = None,
        settings: CompareSettings | None = None,
    ) -> StoryContext:
        ordered = sorted(articles, key=publication_key)
        ctx = cls(
            articles=ordered, origins={}, inferred=inferred or {}, settings=settings or CompareSettings()
        )
        for i, a in enumerate(ordered):
            # Without a stated origin an article stands for its outlet (or itself).
            ctx.origins[a.id] = origins.get(a.id) or a.outlet or a.id
            ctx.rank[a.id] = i
            spans = a.analysis.sentences if a.analysis and a.analysis.sentences else split_sentences(a.text)
            ctx.sentences[a.id] = sorted(spans, key=lambda s: (s.start, s.end))
            ctx._starts[a.id] = [s.start for s in ctx.sentences[a.id]]
        return ctx

    def by_id(self, article_id: str) -> Article:
        return self.articles[self.rank[article_id]]

    def sentence_at(self, article_id: str, offset: int) -> Span | None:
        """The sentence of the article that contains `offset`."""
        spans = self.sentences[article_id]
        i = bisect.bisect_right(self._starts[article_id], offset) - 1
        if i >= 0 and spans[i].start <= offset < max(spans[i].end, spans[i].start + 1):
            return spans[i]
        return None

    def origin_list(self, article_ids: Sequence[str]) -> list[str]:
        """Distinct origins of the articles, in story order."""
        seen: list[str] = []
        for aid in sorted(set(article_ids), key=lambda x: self.rank[x]):
            if self.origins[aid] not in seen:
                seen.append(self.origins[aid])
        return seen
