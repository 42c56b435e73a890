"""Syndication detection and online clustering of articles into stories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corroborate.model import Article


def find_origins(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> independent origin; a wire story and its republications share one."""
    raise NotImplementedError


def cluster(articles: Sequence[Article], known: Mapping[str, str]) -> dict[str, str]:
    """Article id -> story id for every article.

    `known` holds the assignments already stored; they are kept, so stories grow
    as new articles arrive. New stories get ids derived from their first article.
    """
    raise NotImplementedError
