"""Per-story comparison: claims, figures, quotes and the timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corroborate.model import Article, Story


def compare(story_id: str, articles: Sequence[Article], origins: Mapping[str, str]) -> Story:
    """Build the story file for the analysed `articles` of one story."""
    raise NotImplementedError
