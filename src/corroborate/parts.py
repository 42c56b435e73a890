"""The input in parts that a cluster's workers read themselves (`corroborate run --dask`).

On a cluster, a page read by the run's own process would travel to a worker to be
extracted; a part names pages instead (some page files, or a run of lines of a JSON
lines file), and the worker that extracts them reads them. The run's process gets
back each page without its content (`page_heads`) to see which are new, then has the
worker extract those. What only the run's process can read (stdin) or cannot be cut
(a gzipped file, a WARC archive) is read here, as `read_pages` reads it, in its place
in the input's order: the pages, their ids and sources are those of a plain run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from corroborate.fetch.warc import is_warc
from corroborate.model import Article, Page, PageError
from corroborate.sources import input_kind, read_file, read_jsonl, read_pages, walk_folder


@dataclass(frozen=True)
class Files:
    """Page files: (name as given, path to open, named on the command line)."""

    files: tuple[tuple[str, str, bool], ...]


@dataclass(frozen=True)
class Lines:
    """`count` lines of a JSON lines file from byte `start`, the first of them line `first`."""

    name: str
    path: str
    start: int
    first: int
    count: int


Part = Files | Lines


def parts(
    inputs: Sequence[str], size: int, stdin: BinaryIO | None = None
) -> Iterator[Part | Page | PageError]:
    """The inputs in input order: parts of about `size` pages, and pages read here."""
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            named = [(file, False) for file in walk_folder(path)]
        elif name != "-" and "://" not in name and path.is_file():
            named = [(path, True)]
        else:  # stdin, a URL, a missing file: as read_pages says
            yield from read_pages([name], stdin=stdin)
            continue
        files: list[tuple[str, str, bool]] = []
        for file, explicit in named:
            kind = input_kind(file.name)
            if kind == "page" or (kind is None and not (explicit and is_warc(file))):
                files.append((str(file), str(file.resolve()), explicit))
                if len(files) == size:
                    yield Files(tuple(files))
                    files = []
                continue
            if files:
                yield Files(tuple(files))
                files = []
            if kind == "jsonl" and not file.name.lower().endswith(".gz") and _plain(file):
                yield from _line_parts(file, size)
            else:
                yield from read_file(file, explicit=explicit)
        if files:
            yield Files(tuple(files))


def _plain(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(2) != b"\x1f\x8b"
    except OSError:
        return False


def _line_parts(path: Path, size: int) -> Iterator[Part]:
    """Runs of `size` lines: one pass over the file finds where each starts."""
    start = offset = count = 0
    first = 1
    with path.open("rb") as handle:
        for line in handle:
            offset += len(line)
            count += 1
            if count == size:
                yield Lines(str(path), str(path.resolve()), start, first, count)
                start, first, count = offset, first + count, 0
    if count:
        yield Lines(str(path), str(path.resolve()), start, first, count)


def read_part(part: Part) -> list[Page | PageError]:
    """The pages of a part, read where this runs (a worker)."""
    if isinstance(part, Files):
        out: list[Page | PageError] = []
        for name, path, explicit in part.files:
            out += [_named(item, name, path) for item in read_file(Path(path), explicit=explicit)]
        return out
    try:
        with open(part.path, "rb") as handle:
            handle.seek(part.start)
            lines = [handle.readline() for _ in range(part.count)]
    except OSError as err:
        return [PageError(source=part.name, stage="read", message=f"cannot read file: {err.strerror or err}")]
    return list(read_jsonl(lines, part.name, first_line=part.first))


def _named(item: Page | PageError, name: str, path: str) -> Page | PageError:
    """The page under the name it was given (the worker opened it by its full path)."""
    if item.source == path and name != path:
        return item.model_copy(update={"source": name})
    return item


def page_heads(pages: list[Page | PageError]) -> list[Page | PageError]:
    """The pages without their content, which stays on the worker: what the run needs to see which are new."""
    return [
        p.model_copy(update={"content": "", "size": len(p.content)}) if isinstance(p, Page) else p
        for p in pages
    ]


def extract_chosen(work: tuple[list[Page | PageError], list[int]]) -> list[Article | PageError]:
    """Extract the pages at these places of a part (the new ones), on the worker that read it."""
    from corroborate.pipeline import extract_page

    pages, chosen = work
    out: list[Article | PageError] = []
    for i in chosen:
        page = pages[i]
        assert isinstance(page, Page)
        out.append(extract_page(page))
    return out
