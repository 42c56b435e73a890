"""Where the pure stages run: in this process, in a pool of processes, or on a Dask cluster.

Reading, extraction and analysis are plain functions of their input, so they run
anywhere; clustering, comparison and the store stay in the run's own process and
take the results in input order. All three kinds of workers have one method,
`submit(function, item)`, which returns something whose `result()` is the
function's value: the pipeline is the same whichever runs it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` a list of `size` at a time (the last one shorter): how work is handed out and taken in."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Pending(Protocol[R_co]):
    def result(self) -> R_co: ...


def in_order(pending: Iterable[Pending[R]], ahead: int) -> Iterator[R]:
    """The results of `pending` in its order, taking up to `ahead` more of it while the first is
    awaited: with a lazy iterable that submits as it goes, the workers always have work queued."""
    waiting: deque[Pending[R]] = deque()
    for item in pending:
        waiting.append(item)
        if len(waiting) > ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


class Workers(Protocol):
    def submit(self, function: Callable[[T], R], item: T) -> Pending[R]: ...

    def close(self) -> None: ...


def done(value: T) -> Pending[T]:
    """A result that is already here, to keep its place in line with those being made."""
    ready: Future[T] = Future()
    ready.set_result(value)
    return ready


class Inline:
    """In this process, at once: small runs, and `--workers 1`."""

    def submit(self, function: Callable[[T], R], item: T) -> Pending[R]:
        return done(function(item))

    def close(self) -> None:
        pass


class Pool:
    """A pool of processes on this machine, started when first used."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, function: Callable[[T], R], item: T) -> Pending[R]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes)
        return self._pool.submit(function, item)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


class Dask:
    """A Dask cluster: an address ('tcp://host:8786'), or 'local' for a LocalCluster here.

    Its workers import corroborate themselves (it must be installed on them) and
    load the name model once each, on their first page.
    """

    def __init__(self, address: str, processes: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster  # type: ignore[import-untyped,unused-ignore]
        except ImportError as err:  # an optional extra
            raise RuntimeError('Dask is not installed: pip install "corroborate[dask]"') from err
        self._cluster: Any = None
        if address == "local":
            n = processes or os.cpu_count() or 1
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client: Any = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            self._client = Client(address)  # type: ignore[no-untyped-call]

    def submit(self, function: Callable[[T], R], item: T) -> Pending[R]:
        # Not "pure": the same page submitted twice is two tasks, each stored once by the run.
        future: Pending[R] = self._client.submit(function, item, pure=False)
        return future

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def workers_for(processes: int | None, dask: str | None) -> Workers:
    if dask:
        return Dask(dask, processes)
    n = processes or os.cpu_count() or 1
    return Pool(n) if n > 1 else Inline()
