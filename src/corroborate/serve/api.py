"""The JSON API under /api/: stories, articles, entities, quotes, figures, search, marks; paged."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from corroborate.model import Article, FigureComparison, SharedQuote, Story
from corroborate.serve import queries
from corroborate.serve.app import state
from corroborate.serve.auth import api_user
from corroborate.store.desk import DeskError, Finding, Mark
from corroborate.store.desk_index import QuoteRow, StoryQuery, StoryRow

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]


class StoryList(BaseModel):
    total: int = Field(description="how many stories match")
    limit: int
    offset: int
    items: list[StoryRow]


class FindingOut(BaseModel):
    key: str = Field(description="stable key to mark it by: kind:article:start-end")
    kind: Literal["conflict", "claim", "figure", "quote", "event"]
    text: str
    status: str | None = Field(description="the latest mark's status, if marked")
    marks: list[Mark]


class StoryDetail(BaseModel):
    story: Story
    updated: datetime | None = Field(description="when a run last saved the story")
    findings: list[FindingOut]
    unmatched_marks: list[Mark] = Field(description="marks on this story's articles whose finding is gone")


class StoryVersion(BaseModel):
    id: str
    updated: datetime | None
    n_articles: int


class EntityRow(BaseModel):
    entity: str
    name: str
    label: str
    stories: int


class EntityDetail(BaseModel):
    key: str
    name: str
    label: str
    stories: StoryList


class QuoteList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[QuoteRow]


class MarkIn(BaseModel):
    story: str = Field(max_length=40, description="the story the finding is in")
    finding: str = Field(max_length=200, description="the finding's key (from the story's findings)")
    status: Literal["verified", "disputed", "wrong"]
    note: str = Field("", max_length=4000)


class IngestResult(BaseModel):
    run: int
    pages: int
    stored: int
    unchanged: int
    errors: list[dict[str, Any]]
    stories: list[str] = Field(description="stories the pages created or changed")


def _findings(findings: list[Finding]) -> list[FindingOut]:
    return [FindingOut(key=f.key, kind=f.kind, text=f.text, status=f.status, marks=f.marks) for f in findings]


@router.get("/stories", response_model=StoryList, summary="Stories, newest first; search and filters")
def list_stories(
    request: Request, filters: Annotated[queries.StoryFilters, Query()], limit: Limit = 20, offset: Offset = 0
) -> StoryList:
    query = StoryQuery(limit=limit, offset=offset, **filters.story_query())
    total, rows = state(request).index.stories(query)
    return StoryList(total=total, limit=limit, offset=offset, items=rows)


@router.get("/search", response_model=StoryList, summary="Full-text search over stories, best match first")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> StoryList:
    total, rows = state(request).index.stories(StoryQuery(q=q, limit=limit, offset=offset))
    return StoryList(total=total, limit=limit, offset=offset, items=rows)


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="A story file, its findings and marks")
def get_story(request: Request, story_id: str) -> StoryDetail:
    found, findings, orphans = queries.story_with_marks(request, story_id)
    updated = queries.story_updated(request, found.id)
    return StoryDetail(story=found, updated=updated, findings=_findings(findings), unmatched_marks=orphans)


@router.get("/stories/{story_id}/version", response_model=StoryVersion, summary="When a story last changed")
def story_version(request: Request, story_id: str) -> StoryVersion:
    found = queries.story_or_404(request, story_id)
    return StoryVersion(
        id=found.id, updated=queries.story_updated(request, found.id), n_articles=len(found.articles)
    )


@router.get("/stories/{story_id}/findings", response_model=list[FindingOut], summary="A story's findings")
def story_findings(request: Request, story_id: str) -> list[FindingOut]:
    return _findings(queries.story_with_marks(request, story_id)[1])


@router.get("/stories/{story_id}/figures", response_model=list[FigureComparison], summary="Figures compared")
def story_figures(request: Request, story_id: str) -> list[FigureComparison]:
    return queries.story_or_404(request, story_id).figures


@router.get("/stories/{story_id}/quotes", response_model=list[SharedQuote], summary="A story's quotes")
def story_quotes(request: Request, story_id: str) -> list[SharedQuote]:
    return queries.story_or_404(request, story_id).quotes


@router.get(
    "/articles/{article_id}", response_model=Article, summary="An article: text, removed blocks, analysis"
)
def get_article(request: Request, article_id: str) -> Article:
    return queries.article_with_findings(request, article_id)[0]


@router.get("/entities", response_model=list[EntityRow], summary="Entities by the stories they are in")
def list_entities(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[EntityRow]:
    return [EntityRow(**row) for row in state(request).index.entities(q, limit, offset)]


@router.get("/quotes", response_model=QuoteList, summary="What an entity said, newest first")
def list_quotes(
    request: Request,
    entity: Annotated[str, Query(max_length=200, description="the speaker's entity key")],
    since: Annotated[datetime | None, Query(description="only quotes published since")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> QuoteList:
    total, rows = state(request).index.quotes(entity, since=since, limit=limit, offset=offset)
    return QuoteList(total=total, limit=limit, offset=offset, items=rows)


@router.get("/entities/{key:path}", response_model=EntityDetail, summary="An entity and the stories it is in")
def get_entity(request: Request, key: str, limit: Limit = 20, offset: Offset = 0) -> EntityDetail:
    index = state(request).index
    found = index.entity(key)
    if found is None:
        raise HTTPException(404, "no such entity")
    total, rows = index.stories(StoryQuery(entity=key, limit=limit, offset=offset))
    return EntityDetail(**found, stories=StoryList(total=total, limit=limit, offset=offset, items=rows))


@router.get(
    "/outlets", response_model=list[tuple[str, int]], summary="Outlets and how many stories each is in"
)
def list_outlets(request: Request, limit: Limit = 100, offset: Offset = 0) -> list[tuple[str, int]]:
    return state(request).index.outlets(limit, offset)


@router.get(
    "/outlets/{name:path}", response_model=list[queries.OutletStory], summary="What an outlet carried"
)
def get_outlet(
    request: Request, name: str, limit: Annotated[int, Query(ge=1, le=50)] = 10, offset: Offset = 0
) -> list[queries.OutletStory]:
    return queries.outlet_stories(request, name, limit, offset)[1]


@router.get("/marks", response_model=list[Mark], summary="Marks in the order they were made")
def list_marks(
    request: Request, since: datetime | None = None, limit: Limit = 100, offset: Offset = 0
) -> list[Mark]:
    return state(request).desk.marks(since=since, limit=limit, offset=offset)


@router.post("/marks", response_model=Mark, status_code=201, summary="Mark a finding (needs a token)")
def add_mark(request: Request, body: MarkIn, user: Annotated[str, Depends(api_user)]) -> Mark:
    desk = state(request)
    desk.mark_limit.check(user)
    found = queries.story_or_404(request, body.story)
    try:
        return desk.desk.add_mark(found, body.finding, body.status, body.note.strip(), user)
    except DeskError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.post("/pages", response_model=IngestResult, summary="Ingest pages, as `corroborate run` reads them")
async def ingest_pages(request: Request, user: Annotated[str, Depends(api_user)]) -> IngestResult:
    """The body is what `run` reads from standard input: JSON lines (one page a line: id, url, title,
    text or html, published), or one HTML or text page. Needs a token; limited in size and rate."""
    desk = state(request)
    desk.ingest_limit.check(user)
    body = await request.body()
    if len(body) > desk.limits.ingest_bytes:
        raise HTTPException(413, f"request body over {desk.limits.ingest_bytes} bytes")
    if not body.strip():
        raise HTTPException(422, "the body is empty: send JSON lines or a page")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_ingest, request, body, user)


def _ingest(request: Request, body: bytes, user: str) -> IngestResult:
    from corroborate.pipeline import ingest

    desk = state(request)
    with desk.ingest_lock:  # one ingest at a time: stories are assigned against what is stored
        result = ingest(desk.store, [f"POST /api/pages by {user}"], stdin=None, workers=1,
                        pages=_read(body), settings=desk.settings)  # fmt: skip
    desk.index.sync()
    return IngestResult(
        run=result.run_id, pages=result.pages, stored=result.stored, unchanged=result.unchanged,
        errors=[e.model_dump() for e in result.errors], stories=result.stories,
    )  # fmt: skip


def _read(body: bytes) -> Any:
    from corroborate.sources import read_pages

    return read_pages(["-"], stdin=io.BytesIO(body))
