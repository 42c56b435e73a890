"""Rendering the desk's pages with the static report's templates.

The loader looks in this package's templates first, then in the report's: the report's
story.html extends "base.html", which resolves to the desk's base (navigation, the
sign-in state, its stylesheet and script) instead of the static page's self-contained one.
So a story renders through the same template, from the same context, in both.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, DictLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from corroborate.model import Article, Story
from corroborate.serve.auth import CSRF_COOKIE, csrf_token, page_user
from corroborate.store.desk import MARK_STATUSES, Finding, Mark, attach_marks, story_findings
from corroborate.summaries import StorySummary, outlet_of
from corroborate.views.highlight import (
    ArticleMarks,
    article_keys,
    date_range,
    evidence_id,
    format_date,
    format_day,
    format_time,
    safe_href,
)
from corroborate.views.report import Link, _StoryPage

KIND_NAMES = {
    "conflict": "Conflicts",
    "claim": "Claims",
    "figure": "Figures compared",
    "quote": "Quotes",
    "event": "Timeline",
}


def path_part(value: str) -> str:
    """One URL path segment, every reserved character escaped."""
    return quote(value, safe="")


@cache
def env() -> Environment:
    environment = Environment(
        loader=ChoiceLoader(
            [PackageLoader("corroborate", "serve/templates"), PackageLoader("corroborate", "views/templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        format_time=format_time, format_date=format_date, path_part=path_part, safe_href=safe_href,
        statuses=MARK_STATUSES, kind_names=KIND_NAMES, anchor=anchor, ev_anchor=ev_anchor,
    )  # fmt: skip
    environment.filters["days"] = days
    return environment


@cache
def body_env() -> Environment:
    """The report's templates under a base that is only the body: a story's page without its frame,
    rendered once per version of the story and shared by every request (see StoryCache)."""
    environment = Environment(
        loader=ChoiceLoader(
            [DictLoader({"base.html": "{% block body %}{% endblock %}"}),
             PackageLoader("corroborate", "views/templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )  # fmt: skip
    environment.globals.update(env().globals)
    return environment


def anchor(key: str) -> str:
    """An element id for a finding key (which holds colons, awkward in ids and selectors)."""
    return "f-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def ev_anchor(article_id: str, start: int, end: int) -> str:
    """The element id the article page gives this span of the article."""
    return evidence_id(article_keys([article_id])[article_id], start, end)


def days(brief: StorySummary) -> str:
    first, last = brief.first_published, brief.last_published
    return date_range(format_day(first), format_day(last)) if first and last else ""


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    token = csrf_token(request)
    context.setdefault("user", page_user(request))
    context.setdefault("css", "")
    html = env().get_template(name).render(csrf=token, path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        secure = request.app.state.desk.secure_cookies
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response


@dataclass
class FindingView:
    finding: Finding
    anchor: str
    links: list[Link]

    @property
    def status(self) -> str | None:
        return self.finding.status


@dataclass(frozen=True)
class RenderedStory:
    """What a story's desk page shows that depends on the story alone, rendered once."""

    story_id: str
    updated: datetime | None
    title: str
    body: Markup
    findings: list[Finding]
    links: dict[str, list[Link]]
    article_ids: list[str]
    extras: dict[str, Any]


def render_story_body(story: Story, updated: datetime | None) -> RenderedStory:
    """The report's story page body (the same template and context as the static page) and the
    desk's findings with links to their evidence on it."""
    page = _StoryPage(story)
    context = page.context()
    body = Markup(body_env().get_template("story.html").render(context))
    findings = story_findings(story)
    links = {f.key: [page.link(ev) for ev in f.evidence] for f in findings}
    extras = {
        "outlets": sorted({outlet_of(a) for a in story.articles}),
        "article_links": [(v.column.number, v.column.outlet, v.article.id) for v in page.articles.values()],
        "entities": context["entities"],
    }
    return RenderedStory(story.id, updated, story.title, body, findings, links,
                         [a.id for a in story.articles], extras)  # fmt: skip


def story_context(rendered: RenderedStory, marks: list[Mark]) -> dict[str, Any]:
    """The desk page's context: the rendered story and its findings with today's marks."""
    findings = [replace(f, marks=[]) for f in rendered.findings]
    orphans = attach_marks(findings, marks)
    views = [FindingView(f, anchor(f.key), rendered.links[f.key]) for f in findings]
    grouped = [(kind, [v for v in views if v.finding.kind == kind]) for kind in KIND_NAMES]
    return {
        "story_id": rendered.story_id,
        "story_title": rendered.title,
        "story_body": rendered.body,
        "updated": rendered.updated.isoformat() if rendered.updated else "",
        "findings": [(kind, items) for kind, items in grouped if items],
        "n_marked": sum(1 for v in views if v.finding.marks),
        "n_findings": len(views),
        "orphans": orphans,
    } | rendered.extras


class StoryCache:
    """Rendered story bodies by (id, when a run last saved the story): a page is rendered again only
    after the story changed. A few dozen of the most recently read are kept."""

    def __init__(self, size: int = 48) -> None:
        self.size = size
        self._items: OrderedDict[str, RenderedStory] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, story_id: str, updated: datetime | None) -> RenderedStory | None:
        with self._lock:
            found = self._items.get(story_id)
            if found is None or updated is None or found.updated != updated:
                return None
            self._items.move_to_end(story_id)
            return found

    def put(self, rendered: RenderedStory) -> None:
        with self._lock:
            self._items[rendered.story_id] = rendered
            self._items.move_to_end(rendered.story_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def article_context(article: Article, findings: list[Finding]) -> dict[str, Any]:
    """An article's text with its quotes, figures and every finding's evidence marked."""
    key = article_keys([article.id])[article.id]
    marks = ArticleMarks(key, article.text)
    for q in article.analysis.quotes if article.analysis else []:
        for s in q.spans():  # a split quotation: each run of quoted words
            marks.add(s.start, s.end, "quote", f"quote: {q.speaker or 'unattributed'}")
    for f in article.analysis.figures if article.analysis else []:
        if not f.partitive:  # "one of the ...": no figure to a reader
            marks.add(f.start, f.end, "figure", f"figure: {f.text}")
    rows = []
    for finding in findings:
        for ev in finding.evidence:
            if ev.article == article.id:
                ident = marks.add(ev.start, ev.end, "evidence", f"{finding.kind}: {finding.text[:200]}")
                rows.append((finding, f"#{ident}" if ident else None, anchor(finding.key)))
    return {
        "article": article,
        "outlet": outlet_of(article),
        "href": safe_href(article.url),
        "paragraphs": marks.paragraphs(),
        "findings": rows,
        "mark_key": key,
    }
