"""`corroborate run --dask`: the input read, extracted and analysed on a Dask cluster.

The same stages as a plain run, over the input in parts (`corroborate.parts`): each
part is read by a worker, which keeps the pages; the run's process gets them back
without their content, sees which are new, and has that worker extract those. From
there on it is the plain run: each batch of the input's pages has its templates cut
and is analysed on the cluster, then stored here in input order, a batch at a time,
with the same batches as a plain run, so the stories are the same.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import BinaryIO, Generic, TypeVar

from corroborate.model import Article, Page, PageError
from corroborate.pipeline import BATCH, Analysing, Batches, extract_page
from corroborate.workers import Pending, Workers, workers_for

T = TypeVar("T")

Unit = tuple[list[Page | PageError], Pending[list[Page | PageError]] | None]


def ingest_parts(
    work: Batches, inputs: Sequence[str], stdin: BinaryIO | None, workers: int | None, dask: str
) -> None:
    from corroborate.parts import parts

    cluster = workers_for(workers, dask)
    try:
        batches: dict[int, tuple[list[Page], list[Pending[Article | PageError]]]] = {}
        analysing: deque[Analysing] = deque()
        position = finished = 0
        for heads, read in _units(cluster, parts(inputs, BATCH, stdin)):
            for place, page, pending in _extractions(cluster, work, heads, read, position):
                todo, extracting = batches.setdefault(place // BATCH, ([], []))
                todo.append(page)
                extracting.append(pending)
            position += len(heads)
            # As in a plain run: the batch being filled, one being analysed, one being stored.
            while finished < position // BATCH - 1:
                analysing.append(work.analyse(*batches.pop(finished, ([], [])), cluster))
                finished += 1
                if len(analysing) > 1:
                    work.store_batch(analysing.popleft())
        for number in sorted(batches):
            analysing.append(work.analyse(*batches.pop(number), cluster))
        while analysing:
            work.store_batch(analysing.popleft())
        work.update_stories(cluster)
    finally:
        cluster.close()


def _units(cluster: Workers, source: Iterator[object]) -> Iterator[Unit]:
    """Each part as its pages' heads and the worker's pages; pages read here, a batch at a time."""
    from corroborate.parts import Files, Lines, page_heads, read_part

    local: list[Page | PageError] = []
    for item in source:
        if isinstance(item, Files | Lines):
            if local:
                yield local, None
                local = []
            read = cluster.submit(read_part, item)
            yield cluster.submit(page_heads, read).result(), read  # type: ignore[arg-type]  # Dask passes the value
        else:
            assert isinstance(item, Page | PageError)
            local.append(item)
            if len(local) == BATCH:
                yield local, None
                local = []
    if local:
        yield local, None


def _extractions(
    cluster: Workers,
    work: Batches,
    heads: list[Page | PageError],
    read: Pending[list[Page | PageError]] | None,
    position: int,
) -> Iterator[tuple[int, Page, Pending[Article | PageError]]]:
    """The new pages of a unit, each with its place in the input and its extraction under way."""
    from corroborate.parts import extract_chosen

    new = work.new_pages(heads)
    fresh = {id(page) for page in new}
    chosen = [i for i, head in enumerate(heads) if id(head) in fresh]
    if read is None:
        for i in chosen:
            page = heads[i]
            assert isinstance(page, Page)
            yield position + i, page, cluster.submit(extract_page, page)
        return
    extracted = _Once(cluster.submit(extract_chosen, (read, chosen)))  # type: ignore[arg-type]
    for j, i in enumerate(chosen):
        page = heads[i]
        assert isinstance(page, Page)
        yield position + i, page, _Item(extracted, j)


class _Once(Generic[T]):
    """A result fetched from the cluster once, however many pages read it."""

    def __init__(self, pending: Pending[T]) -> None:
        self._pending = pending
        self._value: T | None = None
        self._done = False

    def result(self) -> T:
        if not self._done:
            self._value, self._done = self._pending.result(), True
        return self._value  # type: ignore[return-value]


class _Item:
    """One page's extraction out of its part's."""

    def __init__(self, extracted: _Once[list[Article | PageError]], index: int) -> None:
        self._extracted, self._index = extracted, index

    def result(self) -> Article | PageError:
        return self._extracted.result()[self._index]
