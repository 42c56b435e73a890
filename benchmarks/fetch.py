"""Fetch speed against the local test web, and WARC reading speed.

    .venv/bin/python -m benchmarks.fetch [--hosts 50] [--pages 10] [--gap 0.2] [--records 1000]

1. Pages per second from `--hosts` invented outlets on 127.0.0.1 (one server, one port
   each), `--pages` pages each, one request at a time per host and `--gap` seconds
   between two requests to one host. Polite fetching cannot beat the slowest host's
   share, (requests per host - 1) x gap; one host after another would take the sum.
2. WARC records per second from a generated archive of `--records` gzipped response
   records: FastWARC and warcio iterating and reading the payloads, and
   corroborate's own reader (sources.read_pages: digest check, decoding, page ids).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.web_site import Web

from corroborate.fetch.client import Fetcher, Settings
from corroborate.fetch.warc import ArchivedResponse, write_warc
from corroborate.sources import read_pages

PARAGRAPH = (
    "<p>The council said the works on the northern embankment would take another six weeks, "
    "and that the footpath along the river would stay closed until they were done.</p>"
)


def page(host: int, n: int) -> str:
    return f"<html><head><title>Story {host}-{n}</title></head><body>{PARAGRAPH * 60}</body></html>"


def serve(hosts: int, pages: int) -> None:
    """The outlets, in a process of their own (so the servers do not share the client's core)."""
    web = Web()
    for h in range(hosts):
        outlet = web.outlet(f"outlet{h}")  # no robots.txt: a 404, so no rules and the default gap
        for n in range(pages):
            outlet.put(f"/story/{n}.html", page(h, n))
        print(outlet.base, flush=True)
    sys.stdin.read()  # until the benchmark closes our input
    web.close()


def bench_fetch(hosts: int, pages: int, gap: float) -> None:
    command = [
        sys.executable,
        "-m",
        "benchmarks.fetch",
        "--serve",
        "--hosts",
        str(hosts),
        "--pages",
        str(pages),
    ]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        bases = [server.stdout.readline().strip() for _ in range(hosts)]
        urls = [f"{base}/story/{n}.html" for base in bases for n in range(pages)]
        settings = Settings(gap=gap, allow_hosts=frozenset({"127.0.0.1"}))

        async def go() -> tuple[int, int]:
            async with Fetcher(settings) as fetcher:
                got = sum([1 async for item in fetcher.fetch_many(urls) if item.outcome == "fetched"])
                return got, fetcher.requests

        started = time.perf_counter()
        fetched, requests = asyncio.run(go())
        elapsed = time.perf_counter() - started
    finally:
        server.communicate("")
    share = pages * gap  # robots.txt and the pages: pages + 1 requests, `pages` gaps between them
    print(
        f"fetch: {fetched}/{len(urls)} pages ({requests} requests) from {hosts} hosts, gap {gap}s: "
        f"{elapsed:.2f}s, {fetched / elapsed:.0f} pages/s; slowest host's share {share:.1f}s, "
        f"one host after another {share * hosts:.0f}s"
    )


def make_archive(path: Path, records: int) -> None:
    when = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    with path.open("wb") as fh:
        write_warc(
            fh,
            (
                ArchivedResponse(
                    f"http://outlet{i % 50}.example/story/{i}.html",
                    200,
                    [("Content-Type", "text/html; charset=utf-8")],
                    page(i % 50, i).encode(),
                    when,
                )
                for i in range(records)
            ),
        )


def bench_warc(records: int) -> None:
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        make_archive(path, records)
        size = path.stat().st_size

        def fastwarc() -> int:
            it = ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True)
            return sum(1 for r in it if r.reader.read())

        def warcio() -> int:
            with path.open("rb") as fh:
                return sum(
                    1 for r in WarcioIterator(fh) if r.rec_type == "response" and r.content_stream().read()
                )

        def ours() -> int:
            return sum(1 for _ in read_pages([str(path)]))

        print(f"warc: {records} records, {size / 1e6:.1f} MB gzipped")
        for name, fn in (("fastwarc", fastwarc), ("warcio", warcio), ("read_pages", ours)):
            best = min(_timed(fn, records) for _ in range(3))
            print(f"  {name:10s} {records / best:8.0f} records/s (best of 3: {best:.3f}s)")


def _timed(fn: object, expected: int) -> float:
    started = time.perf_counter()
    count = fn()  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    assert count == expected, (count, expected)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--gap", type=float, default=0.2)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.hosts, args.pages)
        return
    bench_fetch(args.hosts, args.pages, args.gap)
    bench_warc(args.records)


if __name__ == "__main__":
    main()
