"""The application: the store, the index kept in step with it, security headers, limits."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from corroborate.serve.auth import RateLimit
from corroborate.serve.render import StoryCache
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.desk import Desk
from corroborate.store.desk_index import DeskIndex

log = logging.getLogger("corroborate.serve")

# Scripts and styles only from this server; nothing framed, no plugins, forms post only here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
FORM_LIMIT = 64 * 1024  # bytes of any request body but an ingest


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as escapes: inert even if a client puts it in a page."""

    def render(self, content: Any) -> bytes:
        body = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


@dataclass
class Limits:
    ingest_bytes: int = 5 * 1024 * 1024
    ingest_per_minute: int = 30
    marks_per_minute: int = 120
    sync_seconds: float = 1.0
    live_poll_seconds: float = 15.0  # how often an open story page asks whether the story changed


@dataclass
class DeskState:
    store: Store
    desk: Desk
    index: DeskIndex
    limits: Limits
    ingest_limit: RateLimit
    mark_limit: RateLimit
    secure_cookies: bool = False
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    settings: Settings = field(default_factory=Settings)  # the stages' settings for the API's ingest
    story_cache: StoryCache = field(default_factory=StoryCache)


def state(request: Request) -> DeskState:
    found: DeskState = request.app.state.desk
    return found


def _keep_in_step(desk: DeskState, stop: threading.Event) -> None:
    while not stop.wait(desk.limits.sync_seconds):
        try:
            desk.index.sync()
        except Exception:  # a busy or restarting database: try again next tick
            log.exception("desk index: sync failed")


def create_app(
    db: str, limits: Limits | None = None, secure_cookies: bool = False, settings: Settings | None = None
) -> FastAPI:
    """The desk over the store at `db` (a SQLite path or a SQLAlchemy URL)."""
    from corroborate.serve import api, pages

    limits = limits or Limits()
    store = Store(db)
    desk = DeskState(
        store=store,
        desk=Desk(store.engine),
        index=DeskIndex(store),
        limits=limits,
        ingest_limit=RateLimit(limits.ingest_per_minute),
        mark_limit=RateLimit(limits.marks_per_minute),
        secure_cookies=secure_cookies,
        settings=settings or Settings(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        while desk.index.sync(limit=500):
            pass  # the whole store is listed before the first request
        stop = threading.Event()
        worker = threading.Thread(target=_keep_in_step, args=(desk, stop), daemon=True, name="desk-sync")
        worker.start()
        try:
            yield
        finally:
            stop.set()
            worker.join(timeout=10)
            store.close()

    app = FastAPI(
        title="corroborate desk",
        summary="Stories, articles, entities, quotes, figures, search and marks from a corroborate store.",
        version="1",
        docs_url=None,  # the stock pages load scripts from a CDN; /docs is rendered here instead
        redoc_url=None,
        default_response_class=SafeJSONResponse,
        lifespan=lifespan,
    )
    app.state.desk = desk
    app.include_router(api.router)
    app.include_router(pages.router)
    app.middleware("http")(_guard)
    app.add_exception_handler(StarletteHTTPException, pages.http_error)
    return app


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Request size and origin checks before a route runs; security headers on every response."""
    refused = _refuse(request)
    response = refused or await call_next(request)
    headers = response.headers
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    headers.setdefault("Cache-Control", "no-store")
    return response


def _refuse(request: Request) -> Response | None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        return SafeJSONResponse({"detail": "a Content-Length is required"}, status_code=411)
    limit = state(request).limits.ingest_bytes if request.url.path == "/api/pages" else FORM_LIMIT
    if int(length) > limit:
        return SafeJSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
        return SafeJSONResponse({"detail": "cross-origin request refused"}, status_code=403)
    return None
