"""What the store writes for an article or a story, made wherever the article or story is.

A run's workers analyse articles and build stories; turning each into its row (JSON, the
story's summary and its line in the run's table) is pure work too, so they do it, and the
run's own process, the only one that writes the store, only writes. Sending a row back is
also cheaper than sending the model: a few strings instead of every object of an analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from corroborate.model import Article, Story
from corroborate.summaries import story_paths, summarize


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    title: str | None
    outlet: str | None
    origin: str | None
    published: datetime | None
    data: str  # the whole article, analysis included, as JSON

    @classmethod
    def of(cls, article: Article) -> ArticleRow:
        return cls(
            article.id,
            article.title,
            article.outlet,
            article.origin,
            article.published,
            article.model_dump_json(),
        )


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    title: str
    data: str  # the story less its articles (kept in their own table), as JSON
    summary: str  # summaries.StorySummary as JSON: what an index of stories reads
    file: str  # the story file and its page in an output folder (summaries.story_paths)
    page: str

    @classmethod
    def of(cls, story: Story) -> StoryRow:
        file, page = story_paths(story)
        data = story.model_dump_json(exclude={"articles"})
        return cls(story.id, story.title, data, summarize(story).model_dump_json(), file, page)
