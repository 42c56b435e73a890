"""Where pages come from: files, folders, JSON lines, WARC archives, stdin (and, through
corroborate.fetch, URLs, feeds and sitemaps).

Reading never decides what a page means; it only yields decoded pages (or a
recorded error for that input) for `extract`.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import charset_normalizer

from corroborate.fetch.warc import is_warc, read_warc
from corroborate.model import Page, PageError, PageFormat
from corroborate.text.dates import parse_time

MAX_BYTES = 20 * 1024 * 1024
"""Larger inputs are refused: no real news page is this big, and parsing one would stall the run."""

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".md", ".markdown", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")

_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|span|a|br|h[1-6]|section|main|script)\b",
    re.I,
)
# Control characters no text file holds (tab, newline, carriage return and form feed are fine).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# Browsers read these labels as windows-1252 (WHATWG); Python's latin-1 would turn
# curly quotes and dashes into C1 control characters.
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


class ReadError(Exception):
    """This input cannot be read as a page; the message says why."""


def is_url(name: str) -> bool:
    """An input naming a web address, to fetch rather than open."""
    return re.match(r"(?i)[a-z][a-z0-9+.-]*://", name) is not None


def split_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(local inputs, URLs) of a command line."""
    urls = [name for name in inputs if is_url(name)]
    return [name for name in inputs if not is_url(name)], urls


def read_pages(inputs: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[Page | PageError]:
    """Yield one Page (or PageError) per page found in `inputs` (paths, folders, WARC files, or '-')."""
    for name in inputs:
        if is_url(name):
            yield PageError(
                source=name, stage="read", message="a URL: pass it to `corroborate run` to fetch it"
            )
            continue
        if name == "-":
            yield from _read_stdin(stdin)
            continue
        path = Path(name)
        if path.is_dir():
            for file in walk_folder(path):
                yield from read_file(file, explicit=False)
        elif path.exists():
            yield from read_file(path, explicit=True)
        else:
            yield PageError(source=name, stage="read", message="no such file or directory")


def walk_folder(folder: Path) -> Iterator[Path]:
    """Page files under `folder`, sorted; hidden entries and unknown extensions are skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):  # does not follow directory links: no loops
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in files
            if not name.startswith(".") and not _is_project_file(name) and input_kind(name) is not None
        )
    # Sorted by path components, so a folder's pages come in the same order on every machine.
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def _is_project_file(name: str) -> bool:
    """README, LICENSE and the like sit beside pages in a folder but are no pages."""
    return name.split(".")[0].upper() in ("README", "LICENSE", "CHANGELOG", "CONTRIBUTING", "NOTICE")


def input_kind(name: str) -> str | None:
    """'page', 'jsonl', 'warc' or None (unknown) from a file name, ignoring a trailing .gz."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".warc"):
        return "warc"
    if lower.endswith(PAGE_SUFFIXES):
        return "page"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return None


def read_file(path: Path, *, explicit: bool) -> Iterator[Page | PageError]:
    source = str(path)
    if input_kind(path.name) == "warc" or (explicit and is_warc(path)):
        # An archive is read record by record: it may hold gigabytes of pages.
        yield from read_warc(path)
        return
    if input_kind(path.name) == "jsonl":
        # A corpus, not a page: read line by line, so its size is bounded by the disk, not memory.
        yield from _stream_jsonl(path)
        return
    try:
        data = _load_bytes(path)
    except ReadError as err:
        yield PageError(source=source, stage="read", message=str(err))
        return
    kind = input_kind(path.name)
    if kind == "jsonl" or (kind is None and explicit and _looks_like_jsonl(data)):
        yield from read_jsonl(data, source)
    else:
        yield _page_from_bytes(data, source)


def _load_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"file too large: {size} bytes (limit {MAX_BYTES})")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise ReadError(f"cannot read file: {err.strerror or err}") from err
    if path.name.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    return data


def _gunzip(data: bytes) -> bytes:
    """Decompress with a cap, so a small archive cannot expand into gigabytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_BYTES + 1)
    except EOFError as err:
        raise ReadError("truncated gzip file: the compressed stream ends early") from err
    except (OSError, zlib.error) as err:
        raise ReadError(f"corrupt gzip file: {err}") from err
    if len(out) > MAX_BYTES:
        raise ReadError(f"decompressed page too large (limit {MAX_BYTES} bytes)")
    return out


def _read_stdin(stdin: BinaryIO | None) -> Iterator[Page | PageError]:
    if stdin is None:
        yield PageError(source="-", stage="read", message="no standard input given")
        return
    data = stdin.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield PageError(source="-", stage="read", message=f"input too large (limit {MAX_BYTES} bytes)")
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data)
        except ReadError as err:
            yield PageError(source="-", stage="read", message=str(err))
            return
    if _looks_like_jsonl(data):
        yield from read_jsonl(data, "-")
    else:
        yield _page_from_bytes(data, "-")


def _looks_like_jsonl(data: bytes) -> bool:
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _page_from_bytes(data: bytes, source: str) -> Page | PageError:
    # The identity is the page's own bytes (decompressed): the same page gzipped or not is one page.
    page_id = hashlib.sha256(data).hexdigest()
    try:
        text, encoding = decode(data)
    except ReadError as err:
        return PageError(source=source, page_id=page_id, stage="read", message=str(err))
    return Page(id=page_id, source=source, format=sniff_format(text), content=text, encoding=encoding)


def _stream_jsonl(path: Path) -> Iterator[Page | PageError]:
    source = str(path)
    try:
        with path.open("rb") as raw:
            gzipped = path.name.lower().endswith(".gz") or raw.read(2) == b"\x1f\x8b"
        handle: BinaryIO = gzip.open(path, "rb") if gzipped else path.open("rb")  # type: ignore[assignment]  # noqa: SIM115 (closed below)
    except OSError as err:
        yield PageError(source=source, stage="read", message=f"cannot read file: {err.strerror or err}")
        return
    try:
        with handle:
            yield from read_jsonl(handle, source)
    except (OSError, EOFError, zlib.error) as err:
        yield PageError(source=source, stage="read", message=f"cannot read the rest of the file: {err}")


def read_jsonl(data: bytes | Iterable[bytes], source: str, first_line: int = 1) -> Iterator[Page | PageError]:
    lines = data.split(b"\n") if isinstance(data, bytes) else data
    for lineno, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            continue
        if len(raw) > MAX_BYTES:
            yield PageError(
                source=f"{source}:{lineno}", stage="read", message=f"line too long (limit {MAX_BYTES} bytes)"
            )
            continue
        raw = raw.rstrip(b"\n")
        where = f"{source}:{lineno}"
        page_id = hashlib.sha256(raw.rstrip(b"\r")).hexdigest()
        try:
            yield _page_from_record(json.loads(raw), where, page_id)
        except (ValueError, UnicodeDecodeError) as err:
            yield PageError(source=where, page_id=page_id, stage="read", message=f"invalid JSON line: {err}")
        except ReadError as err:
            yield PageError(source=where, page_id=page_id, stage="read", message=str(err))


def _page_from_record(obj: Any, where: str, page_id: str) -> Page:
    if not isinstance(obj, dict):
        raise ReadError("JSON line is not an object")
    html, text = obj.get("html"), obj.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        raise ReadError('JSON line has no "html" or "text" content')
    fmt: PageFormat = "html" if content is html else sniff_format(content)
    url, title = obj.get("url"), obj.get("title")
    return Page(
        id=page_id,
        source=where,
        format=fmt,
        content=content,
        encoding="utf-8",
        url=url if isinstance(url, str) and url else None,
        title=title if isinstance(title, str) and title.strip() else None,
        published=parse_time(obj.get("published")),
        body=content is not html,
    )


def decode(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Text and the encoding it was read with: BOM, UTF-8, the declared charset (an HTTP header's
    `charset`, else the page's meta tag) if it holds, detection."""
    if not data.strip():
        raise ReadError("empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"binary file ({what}), not a page")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), name)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        raise ReadError("binary file (contains NUL bytes), not a page")
    try:
        # Valid UTF-8 with any non-ASCII byte is UTF-8 whatever a meta tag claims:
        # legacy text is practically never valid UTF-8 by accident.
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _charset_name(charset) if charset else _declared_charset(data)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return _checked(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies (or names no codec): detect instead
    results = charset_normalizer.from_bytes(data[:1_000_000])
    best = results.best()
    if best is None:
        raise ReadError("cannot detect the text encoding (binary file?)")
    encoding = _WHATWG_ALIASES.get(best.encoding, best.encoding)
    # Short texts fit several code pages equally well; windows-1252, the web's commonest
    # legacy encoding and the browsers' fallback, wins a tie.
    if any(m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01 for m in results):
        encoding = "cp1252"
    return _checked(data.decode(encoding, errors="replace"), encoding)


def web_name(encoding: str) -> str:
    """The encoding's name as the web labels it (windows-1252, iso-8859-2), not Python's (cp1252)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    if name == "utf-8-sig":
        return "utf-8"
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "iso-8859-" + name.split("-")[1]
    return name


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    return _charset_name(match.group(1).decode("ascii", "ignore"))


def _charset_name(label: str) -> str | None:
    """Python's codec for a charset label, read as browsers read it; None for no known codec."""
    try:
        name = codecs.lookup(label.strip().strip("'\"").lower()).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Refuse decoded text that is mostly control characters: a binary file that happened to decode."""
    sample = text[:8192]
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise ReadError("binary file (control characters), not a page")
    if not text.strip():
        raise ReadError("empty file")
    return text.lstrip("\ufeff"), web_name(encoding)


def sniff_format(text: str) -> PageFormat:
    """'html' when the start of the text looks like markup, else 'text'."""
    head = text[:4096]
    stripped = head.lstrip().lower()
    if stripped.startswith(("<!doctype html", "<html", "<?xml")):
        return "html"
    return "html" if len(_MARKUP.findall(head)) >= 3 else "text"
