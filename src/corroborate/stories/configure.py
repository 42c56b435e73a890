"""The clusterer a run's settings ask for: the shipped, learnt scorer, with the threshold a person set."""

from __future__ import annotations

import dataclasses

from corroborate.settings import StorySettings
from corroborate.stories.cluster import Learned, Scorer, default_scorer
from corroborate.stories.scorer import shipped


def scorer_for(settings: StorySettings) -> Scorer:
    """`default_scorer()`, or the same learnt scorer at `settings.threshold` when one is set."""
    if settings.threshold is None:
        return default_scorer()
    return Learned(dataclasses.replace(shipped(), threshold=settings.threshold))
