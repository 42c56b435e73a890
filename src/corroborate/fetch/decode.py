"""Content-Encoding decoding with a cap on the output, so a small response cannot expand into gigabytes."""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli


class TooLarge(Exception):
    """The decoded body passed the size limit."""


class _Decoder(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data


class _Zlib:
    def __init__(self, gzip: bool) -> None:
        # 32+15: a gzip or zlib header, whichever comes; 'deflate' is sometimes sent raw (-15).
        self.wbits = 47 if gzip else 15
        self.raw_fallback = not gzip
        self.d = zlib.decompressobj(self.wbits)

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self.d.decompress(data, limit + 1)
        except zlib.error:
            if not self.raw_fallback:
                raise
            self.raw_fallback = False
            self.d = zlib.decompressobj(-15)
            out = self.d.decompress(data, limit + 1)
        self.raw_fallback = False
        if len(out) > limit or self.d.unconsumed_tail:
            raise TooLarge
        return out


class _Brotli:
    def __init__(self) -> None:
        self.d = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        out: bytes = self.d.process(data, output_buffer_limit=limit + 1)
        if len(out) > limit or not self.d.can_accept_more_data():
            raise TooLarge
        return out


def _decoder(name: str) -> _Decoder:
    name = name.strip().lower()
    if name in ("gzip", "x-gzip"):
        return _Zlib(gzip=True)
    if name == "deflate":
        return _Zlib(gzip=False)
    if name == "br":
        return _Brotli()
    if name in ("", "identity"):
        return _Identity()
    raise ValueError(f"unknown content encoding {name!r}")


class BodyDecoder:
    """Decodes a body sent with Content-Encoding `encoding` (a list like 'gzip, br') chunk by chunk;
    TooLarge once more than `limit` decoded bytes come, ValueError for a corrupt stream."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        # Encodings are listed in the order applied: undo them from the last.
        self.decoders = [_decoder(n) for n in reversed((encoding or "").split(",")) if n.strip()]
        self.limit = limit
        self.total = 0

    def feed(self, chunk: bytes) -> bytes:
        data = chunk
        try:
            for dec in self.decoders:
                data = dec.feed(data, self.limit - self.total)
        except (zlib.error, brotli.error) as err:
            raise ValueError(f"corrupt compressed body: {err}") from err
        self.total += len(data)
        if self.total > self.limit:
            raise TooLarge
        return data


def decode_body(raw: bytes, encoding: str | None, limit: int) -> bytes:
    """Decode a whole body at once (a stored or archived response)."""
    return BodyDecoder(encoding, limit).feed(raw)
