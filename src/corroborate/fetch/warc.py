"""WARC archives: the HTML responses inside one (read with FastWARC), and a WARC of the
responses a run fetched (written with warcio), so a run can be repeated offline.

WARC 1.0 and 1.1, plain or gzipped per record, as Common Crawl's news crawl and
`wget --warc-file` write them.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.fetch.decode import TooLarge, decode_body
from corroborate.model import Page, PageError
from corroborate.text.dates import parse_time

WARC_SUFFIXES = (".warc", ".warc.gz")
MAX_BYTES = 20 * 1024 * 1024
# Headers that describe the bytes on the wire, not the body kept: chunked framing is undone.
_WIRE_ONLY = {"transfer-encoding"}
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(path: Path) -> bool:
    if path.name.lower().endswith(WARC_SUFFIXES):
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(6)
    except OSError:
        return False
    return head.startswith(b"WARC/")


def read_warc(path: Path) -> Iterator[Page | PageError]:
    """One Page per HTML response record (status 200) in the archive; other records are skipped."""
    source = str(path)
    count = 0
    try:
        # FastWARC tells a gzipped archive from a plain one by itself.
        records = ArchiveIterator(
            str(path), record_types=WarcRecordType.response | WarcRecordType.resource, parse_http=True
        )
        for record in records:
            count += 1
            item = _page(record, f"{source}#{record.stream_pos}")
            if item is not None:
                yield item
    except Exception as err:  # a corrupt tail costs the rest of the archive, not the run
        yield PageError(source=source, stage="read", message=f"corrupt WARC after {count} records: {err}")
        return
    if count == 0:
        yield PageError(source=source, stage="read", message="no WARC response records found")


def _page(record: WarcRecord, where: str) -> Page | PageError | None:
    from corroborate.sources import ReadError, decode, sniff_format  # sources imports this module

    headers = record.headers
    url = headers.get("WARC-Target-URI") or None
    if record.record_type == WarcRecordType.response:
        http = record.http_headers
        if not record.is_http or http.status_code != 200:
            return None
        kind = (http.get("Content-Type") or "").lower()
        encoding = http.get("Content-Encoding")
    else:
        kind, encoding = (headers.get("Content-Type") or "").lower(), None
    if kind and not kind.startswith(_PAGE_TYPES):
        return None
    source = url or where
    if headers.get("WARC-Payload-Digest") and not record.verify_payload_digest(consume=False):
        return PageError(
            source=source, stage="read", message=f"{where}: record truncated or corrupt (digest)"
        )
    data = record.reader.read(MAX_BYTES + 1)
    try:
        if len(data) > MAX_BYTES:
            raise TooLarge
        body = decode_body(data, encoding, MAX_BYTES)
    except TooLarge:
        return PageError(source=source, stage="read", message=f"record too large (limit {MAX_BYTES} bytes)")
    except ValueError as err:
        return PageError(source=source, stage="read", message=f"{where}: {err}")
    page_id = hashlib.sha256(body).hexdigest()
    try:
        text, charset = decode(body, record.http_charset if record.is_http else None)
    except ReadError as err:
        return PageError(source=source, page_id=page_id, stage="read", message=str(err))
    return Page(
        id=page_id,
        source=source,
        format=sniff_format(text),
        content=text,
        encoding=charset,
        url=url,
        fetched=parse_time(headers.get("WARC-Date")),
    )


class WarcResponse(Protocol):
    """What a WARC response record needs (a fetched Response has it)."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    raw: bytes
    fetched: datetime


@dataclass
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    raw: bytes
    fetched: datetime


class WarcWriter:
    """Writes responses as gzipped WARC/1.1 response records, the body as it arrived."""

    def __init__(self, out: BinaryIO) -> None:
        self.writer = WARCWriter(out, gzip=True, warc_version="1.1")
        self.count = 0

    def write(self, r: WarcResponse) -> None:
        kept = [(k, v) for k, v in r.headers if k.lower() not in _WIRE_ONLY and k.lower() != "content-length"]
        kept.append(("Content-Length", str(len(r.raw))))
        http = StatusAndHeaders(f"{r.status} {_REASONS.get(r.status, 'OK')}", kept, protocol="HTTP/1.1")
        date = r.fetched.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = self.writer.create_warc_record(
            r.url,
            "response",
            payload=io.BytesIO(r.raw),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        self.writer.write_record(record)
        self.count += 1


def write_warc(out: BinaryIO, responses: Iterable[WarcResponse]) -> int:
    """Write each response as a gzipped WARC/1.1 response record; return how many."""
    writer = WarcWriter(out)
    for r in responses:
        writer.write(r)
    return writer.count


_REASONS = {200: "OK", 203: "Non-Authoritative Information"}
