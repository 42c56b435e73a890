"""Timing a command as its own process, as a person runs it: for the speed benchmarks."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Timed:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the descendants it waited for
    peak_mb: float  # largest resident size of the process or of any descendant it waited for
    printed: str
    # Per process (Linux: /proc's VmHWM, read every half second): the command's own process, and
    # each of its descendants (workers) by pid; empty where /proc is not there.
    own_peak_mb: float = 0.0
    worker_peaks_mb: dict[int, float] = field(default_factory=dict)


def timed(command: list[str], ok: tuple[int, ...] = (0,)) -> Timed:
    """Run `command`, wait for it (wait4: its own resources and its children's), and time it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    watch = _PeakWatch(process.pid)
    watch.start()
    assert process.stdout is not None
    printed = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    watch.stop.set()
    watch.join()
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({status}): {printed[-2000:]}")
    own = watch.peaks.pop(process.pid, 0.0)
    # ru_maxrss of a waited child covers it and the descendants it waited for, in KB on Linux.
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, printed, own, watch.peaks)


class _PeakWatch(threading.Thread):
    """The peak resident size (VmHWM) of a process and of its descendants, as they run."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.peaks: dict[int, float] = {}

    def run(self) -> None:
        while not self.stop.wait(0.5):
            for pid in [self.root, *_descendants(self.root)]:
                if (mb := _peak_mb(pid)) is not None:
                    self.peaks[pid] = max(mb, self.peaks.get(pid, 0.0))


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None
