"""A local test web: invented outlets served on 127.0.0.1, each on its own port (its own origin).

Every request is logged (arrival time, outlet, path, headers, status) so tests can check
what the fetcher did: never a disallowed URL, the gap between two requests to one host,
a 304 for an unchanged page. Nothing here talks to any other machine.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import brotli


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str = ""  # gzip | br: sent compressed
    delay: float = 0.0  # seconds before answering
    validators: bool = True  # ETag and Last-Modified, so a conditional GET gets 304
    modified: float = field(default_factory=time.time)
    sent: bytes | None = None  # the body as compressed, made once


Handler = Callable[["_Handler", "Outlet"], None]


@dataclass
class Logged:
    at: float  # time.monotonic() on arrival
    outlet: str
    path: str
    headers: dict[str, str]
    status: int = 0
    done: float = 0.0  # time.monotonic() when the answer was sent (0: the client hung up first)


class Outlet:
    """One invented site: a server on 127.0.0.1 with its own port, pages and robots.txt."""

    def __init__(self, name: str, web: Web) -> None:
        self.name = name
        self.web = web
        self.resources: dict[str, Resource | Handler] = {}
        self.hits: dict[str, int] = {}
        self.active = 0  # requests being answered now
        self.peak = 0  # the most answered at once: politeness as the site sees it
        self.down = False  # drop every connection unanswered (a network error, as the client sees it)
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.outlet = self  # type: ignore[attr-defined]
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes, **kw: Any) -> Resource:
        """Serve `body` at `path` (replacing what was there: a changed page)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        resource = Resource(data, **kw)
        self.resources[path] = resource
        return resource

    def handle(self, path: str, handler: Handler) -> None:
        self.resources[path] = handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Web:
    """All the outlets of a test, and the one request log they share."""

    def __init__(self) -> None:
        self.outlets: dict[str, Outlet] = {}
        self.log: list[Logged] = []
        self.lock = threading.Lock()

    def outlet(self, name: str) -> Outlet:
        if name not in self.outlets:
            self.outlets[name] = Outlet(name, self)
        return self.outlets[name]

    def requests(self, outlet: str | None = None, path: str | None = None) -> list[Logged]:
        with self.lock:
            return [
                r
                for r in self.log
                if (outlet is None or r.outlet == outlet) and (path is None or r.path == path)
            ]

    def close(self) -> None:
        for outlet in self.outlets.values():
            outlet.close()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up early (a size limit, a timeout) is what some tests do


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the Web keeps its own log
        pass

    def do_GET(self) -> None:
        outlet: Outlet = self.server.outlet
        entry = Logged(
            time.monotonic(), outlet.name, self.path, {k.lower(): v for k, v in self.headers.items()}
        )
        with outlet.web.lock:
            outlet.web.log.append(entry)
            outlet.hits[self.path] = outlet.hits.get(self.path, 0) + 1
            outlet.active += 1
            outlet.peak = max(outlet.peak, outlet.active)
        self.entry = entry
        try:
            self.answer(outlet)
        finally:
            with outlet.web.lock:
                outlet.active -= 1

    def answer(self, outlet: Outlet) -> None:
        if outlet.down:
            self.close_connection = True  # no status line at all: the client sees the connection drop
            return
        found = outlet.resources.get(self.path)
        if found is None:
            self.reply(404, b"not found", "text/plain")
        elif callable(found):
            found(self, outlet)
        else:
            self.serve(found)

    def reply(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.entry.status = status
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.entry.done = time.monotonic()

    def serve(self, res: Resource) -> None:
        if res.delay:
            time.sleep(res.delay)
        headers = dict(res.headers)
        if res.validators and res.status == 200:
            etag = '"' + hashlib.sha256(res.body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = formatdate(res.modified, usegmt=True)
            if self.headers.get("If-None-Match") == etag:
                self.reply(304, b"", res.content_type, {"ETag": etag})
                return
        if res.sent is None:
            compress = {"gzip": gzip.compress, "br": brotli.compress}.get(res.encoding)
            res.sent = compress(res.body) if compress else res.body
        body = res.sent
        if res.encoding:
            headers["Content-Encoding"] = res.encoding
        self.reply(res.status, body, res.content_type, headers)


def sequence(*steps: tuple[int, dict[str, str]], then: Resource) -> Handler:
    """A page answering each status of `steps` once (503, 429 with Retry-After...), then `then`."""
    queue = list(steps)

    def handler(h: _Handler, outlet: Outlet) -> None:
        if queue:
            status, headers = queue.pop(0)
            h.reply(status, b"try again", "text/plain", headers)
        else:
            h.serve(then)

    return handler


def endless(h: _Handler, outlet: Outlet) -> None:
    """A body that never ends (chunked, forever, until the client hangs up)."""
    h.entry.status = 200
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"<p>" + b"more " * 200 + b"</p>"
    try:
        while True:
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            time.sleep(0.01)
    except (BrokenPipeError, ConnectionResetError):
        pass


def redirect(to: str, status: int = 301) -> Handler:
    def handler(h: _Handler, outlet: Outlet) -> None:
        target = to if "://" in to else outlet.url(to)
        h.reply(status, b"", "text/plain", {"Location": target})

    return handler


def serve_web() -> Iterator[Web]:
    web = Web()
    try:
        yield web
    finally:
        web.close()
