"""The desk's HTML pages: stories (search and filters), a story, an entity, an outlet, an article."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from corroborate.serve import queries
from corroborate.serve.app import state
from corroborate.serve.auth import TOKEN_COOKIE, check_csrf, page_user
from corroborate.serve.render import anchor, article_context, path_part, render, story_context
from corroborate.store.desk import DeskError
from corroborate.store.desk_index import StoryQuery

router = APIRouter(include_in_schema=False)
PAGE = 20
_STATIC = {
    "report.css": ("views/templates/report.css", "text/css"),
    "desk.css": ("serve/static/desk.css", "text/css"),
    "desk.js": ("serve/static/desk.js", "text/javascript"),
}


async def http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = str(getattr(exc, "detail", "error"))
    headers = getattr(exc, "headers", None)
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        from corroborate.serve.app import SafeJSONResponse

        return SafeJSONResponse({"detail": detail}, status_code=status, headers=headers)
    return render(request, "error.html", status=status, status_code=status, detail=detail)


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in _STATIC:
        raise HTTPException(404, "no such file")
    where, media = _STATIC[name]
    body = resources.files("corroborate").joinpath(where).read_bytes()
    return Response(body, media_type=media, headers={"Cache-Control": "max-age=300"})


def _query(params: dict[str, Any], page: int) -> StoryQuery:
    return StoryQuery(limit=PAGE, offset=(page - 1) * PAGE, **params)


@router.get("/")
def stories(
    request: Request,
    filters: Annotated[queries.StoryFilters, Query()],
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    params = filters.story_query()
    total, rows = state(request).index.stories(_query(params, page))
    shown = {k: v for k, v in filters.model_dump().items() if v not in (None, False, "")}
    return render(
        request, "list.html", rows=rows, total=total, page=page, pages=max(1, -(-total // PAGE)),
        filters=filters, shown=shown, outlets=state(request).index.outlets(limit=200),
    )  # fmt: skip


@router.get("/stories/index.html")
def static_index_link() -> Response:
    # The report's story template links its index as a relative "index.html".
    return RedirectResponse("/", status_code=303)


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str) -> Response:
    rendered = queries.rendered_story(request, story_id)
    marks = state(request).desk.marks(articles=rendered.article_ids)
    poll = int(state(request).limits.live_poll_seconds * 1000)
    return render(request, "story_live.html", poll_ms=poll, **story_context(rendered, marks))


@router.post("/stories/{story_id}/marks")
def mark(
    request: Request,
    story_id: str,
    finding: Annotated[str, Form(max_length=200)],
    status: Annotated[str, Form(max_length=20)],
    csrf: Annotated[str, Form(max_length=200)],
    note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    check_csrf(request, csrf)
    user = page_user(request)
    if user is None:
        raise HTTPException(401, "sign in with your token to mark findings")
    desk = state(request)
    desk.mark_limit.check(user)
    found = queries.story_or_404(request, story_id)
    try:
        desk.desk.add_mark(found, finding, status, note.strip(), user)
    except DeskError as exc:
        raise HTTPException(422, str(exc)) from exc
    return RedirectResponse(f"/stories/{path_part(found.id)}#{anchor(finding)}", status_code=303)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Response:
    found, story_id, findings = queries.article_with_findings(request, article_id)
    return render(
        request, "article.html", story_id=story_id, versions=queries.versions(request, found),
        **article_context(found, findings),
    )  # fmt: skip


@router.get("/entities/{key:path}")
def entity(
    request: Request, key: str, days: Annotated[int | None, Query(ge=1, le=36500)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:  # fmt: skip
    index = state(request).index
    found = index.entity(key)
    if found is None:
        raise HTTPException(404, "no such entity in the store")
    since = datetime.now(UTC) - timedelta(days=days) if days else None
    n_quotes, quotes = index.quotes(key, since=since, limit=PAGE, offset=(page - 1) * PAGE)
    n_stories, rows = index.stories(StoryQuery(entity=key, limit=PAGE))
    return render(
        request, "entity.html", entity=found, quotes=quotes, n_quotes=n_quotes, rows=rows,
        n_stories=n_stories, days=days, page=page, pages=max(1, -(-n_quotes // PAGE)),
        titles=queries.titles(request, {q.story for q in quotes}),
    )  # fmt: skip


@router.get("/outlets/{name:path}")
def outlet(request: Request, name: str, page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    total, items = queries.outlet_stories(request, name, limit=10, offset=(page - 1) * 10)
    if not total:
        raise HTTPException(404, "no story in the store carries this outlet")
    return render(request, "outlet.html", outlet=name, items=items, total=total, page=page,
                  pages=max(1, -(-total // 10)))  # fmt: skip


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", next=_local(next), error=None)


@router.post("/login")
def login(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    check_csrf(request, csrf)
    if state(request).desk.user_for_token(token.strip()) is None:
        return render(request, "login.html", status=401, next=_local(next), error="That token is not known.")
    response = RedirectResponse(_local(next), status_code=303)
    secure = state(request).secure_cookies
    response.set_cookie(TOKEN_COOKIE, token.strip(), httponly=True, samesite="strict", secure=secure,
                        max_age=30 * 86400)  # fmt: skip
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)]) -> Response:
    check_csrf(request, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/docs")
def docs(request: Request) -> Response:
    return render(request, "docs.html", api=request.app.openapi())


@router.get("/healthz")
def health() -> Response:
    return JSONResponse({"ok": True})


def _local(target: str) -> str:
    """Only a path on this site: never another host, so a login link cannot send anyone away."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else "/"
