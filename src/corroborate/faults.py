"""Crash points, for testing that a killed run loses nothing.

With CORROBORATE_CRASH_AT set to "point" or "point:n", the process kills itself
with SIGKILL (no clean-up, no flush, as `kill -9` would) the n-th time it passes
`checkpoint(point)`. Unset, a checkpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_passed: Counter[str] = Counter()


def checkpoint(point: str) -> None:
    wanted = os.environ.get("CORROBORATE_CRASH_AT")
    if not wanted:
        return
    name, _, nth = wanted.partition(":")
    if name != point:
        return
    _passed[point] += 1
    if _passed[point] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
