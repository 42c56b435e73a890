"""Load on the desk: readers on loopback while a run ingests pages into the same store.

    source .ci/postgres.sh   # a throwaway PostgreSQL server; sets CORROBORATE_TEST_PG
    .venv/bin/python benchmarks/serve.py --reset [--readers 20 --seconds 30 --pages 500]

Seeds the store with the bundled examples, starts `corroborate serve` (its own process),
then starts `corroborate run` on L3S-GN1 pages (../shared/datasets/l3s-gn1, skipped
without it: the examples are ingested again under other names instead) and, while it
runs, `--readers` threads ask for the story list, a story page and a search for
`--seconds`. Prints requests per second and p50/p95 latency for each, and every error.
`--reset` empties the database first (use it only on a scratch server).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
L3S = ROOT.parent / "shared" / "datasets" / "l3s-gn1" / "html"
WORDS = ["bridge", "museum", "police", "election", "minister", "said", "court", "storm", "Marrowby", "market"]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors.append(f"{kind}: {error}")
            else:
                self.latencies.setdefault(kind, []).append(seconds)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "corroborate.cli", *args]


def reset(db: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def feed_pages(n: int, folder: Path) -> tuple[list[str], str]:
    """Up to n L3S-GN1 pages, or (without ../shared) the examples' texts as JSON lines under new ids."""
    if L3S.is_dir():
        return [
            str(p) for p in sorted(L3S.glob("*.html.gz"))[:n]
        ], f"{min(n, len(list(L3S.glob('*.html.gz'))))} L3S-GN1 pages"
    lines = []
    texts = [p for p in sorted(EXAMPLES.glob("*.txt"))]
    for i in range(n):
        body = texts[i % len(texts)].read_text(encoding="utf-8")
        lines.append(json.dumps({"id": f"copy-{i}", "text": f"{body}\n\nCopy {i}."}))
    path = folder / "copies.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(path)], f"{n} copies of the example texts (../shared is not here)"


def _reader(base: str, ids: list[str], stop: threading.Event, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=60) as http:
        while not stop.is_set():
            kind = rng.choice(["list", "story", "search"])
            url = {"list": "/", "story": f"/stories/{rng.choice(ids)}", "search": f"/?q={rng.choice(WORDS)}"}[
                kind
            ]
            started = time.perf_counter()
            try:
                response = http.get(url)
                error = None if response.status_code == 200 else f"HTTP {response.status_code} for {url}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__} for {url}"
            tally.add(kind, time.perf_counter() - started, error)


def load(
    db: str, readers: int = 20, seconds: float = 30, pages: int = 500, wait: float = 900
) -> dict[str, object]:
    """Run the load; return the figures (also for tests/test_serve_load.py)."""
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Exit 1 means some inputs were not taken (the folder's README): recorded, not a failure here.
        seeded = subprocess.run(_cli("run", str(EXAMPLES), "--db", db, "--no-report"), env=env,
                                capture_output=True, cwd=folder)  # fmt: skip
        if seeded.returncode not in (0, 1):
            raise RuntimeError(seeded.stderr.decode(errors="replace")[-2000:])
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        logs = contextlib.ExitStack()
        serve_log, run_log = (logs.enter_context((folder / n).open("w")) for n in ("serve.log", "run.log"))
        serve = _cli("serve", "--db", db, "--port", str(port))
        server = subprocess.Popen(serve, env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=serve_log)
        try:
            _wait_up(base, server)
            ids = [i["summary"]["id"] for i in httpx.get(base + "/api/stories?limit=200").json()["items"]]
            inputs, described = feed_pages(pages, folder) if pages else ([], "nothing (--pages 0)")
            ingest = _cli("run", *inputs, "--db", db, "--no-report")
            run = subprocess.Popen(ingest if pages else [sys.executable, "-c", ""], env=env, cwd=folder,
                                   stdout=run_log, stderr=run_log)  # fmt: skip
            tally, stop = Tally(), threading.Event()
            threads = [
                threading.Thread(target=_reader, args=(base, ids, stop, tally, n)) for n in range(readers)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(seconds)
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            ingesting = run.poll() is None
            run_rc = run.wait(timeout=wait)
            after = httpx.get(base + "/api/stories?limit=1").json()["total"]
            figures = _figures(tally, elapsed)
            figures.update(
                readers=readers, seconds=round(elapsed, 1), feed=described, run_exit=run_rc,
                run_still_ingesting_at_end=ingesting, stories_before=len(ids), stories_after=after,
                run_log=_last_line(folder / "run.log"),
            )  # fmt: skip
            return figures
        finally:
            server.terminate()
            server.wait(timeout=30)
            logs.close()


def _last_line(path: Path) -> str:
    """The run's closing line: pages stored, unchanged and not taken."""
    lines = [line for line in path.read_text(errors="replace").splitlines() if " pages: " in line]
    return lines[-1].strip() if lines else path.read_text(errors="replace")[-1500:]


def _wait_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("corroborate serve exited")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("corroborate serve did not start")


def _figures(tally: Tally, elapsed: float) -> dict[str, object]:
    out: dict[str, object] = {"errors": tally.errors[:20], "n_errors": len(tally.errors)}
    total = 0
    for kind in ("list", "story", "search"):
        times = sorted(tally.latencies.get(kind, []))
        total += len(times)
        if times:
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            out[kind] = {
                "requests": len(times),
                "per_s": round(len(times) / elapsed, 1),
                "p50_ms": round(statistics.median(times) * 1000),
                "p95_ms": round(p95 * 1000),
            }
    out["per_s"] = round(total / elapsed, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=os.environ.get("CORROBORATE_TEST_PG"), help="store URL (PostgreSQL)")
    parser.add_argument(
        "--reset", action="store_true", help="empty the database first (scratch servers only)"
    )
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    if not args.db:
        sys.exit("no database: pass --db or source .ci/postgres.sh (CORROBORATE_TEST_PG)")
    if args.reset:
        reset(args.db)
    figures = load(args.db, args.readers, args.seconds, args.pages)
    print(f"{figures['readers']} readers for {figures['seconds']} s while a run ingested {figures['feed']}")
    for kind in ("list", "story", "search"):
        row = figures.get(kind)
        if isinstance(row, dict):
            print(f"  {kind:6} {row['requests']:6} requests  {row['per_s']:6} /s  "
                  f"p50 {row['p50_ms']:5} ms  p95 {row['p95_ms']:5} ms")  # fmt: skip
    print(f"  all    {figures['per_s']} requests/s; errors: {figures['n_errors']} {figures['errors']}")
    print(
        f"  the run exited {figures['run_exit']} (still ingesting when the readers stopped: "
        f"{figures['run_still_ingesting_at_end']}); "
        f"stories {figures['stories_before']} -> {figures['stories_after']}"
    )
    print(f"  run: {figures['run_log']}")


if __name__ == "__main__":
    main()
