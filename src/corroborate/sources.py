"""Where pages come from: files, folders, JSON lines, stdin.

Reading never decides what a page means; it only yields decoded pages (or a
recorded error for that input) for `extract`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from corroborate.model import Page, PageError


def read_pages(inputs: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[Page | PageError]:
    """Yield one Page (or PageError) per page found in `inputs` (paths, folders, or '-')."""
    raise NotImplementedError
