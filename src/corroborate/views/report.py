"""Static HTML report: one self-contained page per story, no server needed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corroborate.model import Story


def render_story(story: Story) -> str:
    """The story's HTML page; all article text escaped."""
    raise NotImplementedError


def write_reports(stories: Sequence[Story], out_dir: Path) -> list[Path]:
    """Write one HTML page per story plus an index.html; return the paths written."""
    raise NotImplementedError
