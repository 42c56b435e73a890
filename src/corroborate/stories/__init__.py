"""Syndication detection and online clustering of articles into stories."""

from __future__ import annotations

from corroborate.stories.cluster import cluster
from corroborate.stories.origins import find_origins
from corroborate.text.outlets import normalise_origin

__all__ = ["cluster", "find_origins", "normalise_origin"]
