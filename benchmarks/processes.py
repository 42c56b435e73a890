"""Timing a command as its own process, as a person runs it: for the speed benchmarks."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Timed:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the descendants it waited for
    peak_mb: float  # largest resident size of the process or of any descendant it waited for
    printed: str


def timed(command: list[str], ok: tuple[int, ...] = (0,)) -> Timed:
    """Run `command`, wait for it (wait4: its own resources and its children's), and time it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    printed = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({status}): {printed[-2000:]}")
    # ru_maxrss of a waited child covers it and the descendants it waited for, in KB on Linux.
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, printed)
