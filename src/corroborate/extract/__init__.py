"""Page -> article: main text, boilerplate set aside, metadata."""

from __future__ import annotations

from corroborate.model import Article, Page


class ExtractError(Exception):
    """The page holds no article we can take; the message says why."""


def extract(page: Page) -> Article:
    """Extract the article from one page, or raise ExtractError."""
    raise NotImplementedError
