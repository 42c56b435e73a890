"""Static HTML report: one self-contained page per story, no server needed."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from corroborate.model import (
    Article,
    Evidence,
    Figure,
    FigureReport,
    Quote,
    Story,
    TimelineEvent,
)
from corroborate.settings import PageSettings
from corroborate.summaries import StorySummary, outlet_of, story_filename, summarize
from corroborate.text.dates import date_bounds
from corroborate.text.wording import figure_in_words
from corroborate.views.highlight import (
    ArticleMarks,
    MarkKind,
    article_keys,
    date_range,
    format_date,
    format_day,
    format_time,
    safe_href,
)
from corroborate.views.story_parts import Attributions, cell_state, claim_group, framings, odd_values, same

# Findings below this confidence are shown as weak, with why they were made.
_VERDICTS = {"agree": "agree", "differ": "differ", "differ_explained": "differ, explained"}
_QUOTE_KINDS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "partial quote"}
_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country / city",
    "LOC": "place",
    "NORP": "group",
}


@cache
def _env() -> Environment:
    # autoescape for every template regardless of extension: all shown text is untrusted.
    env = Environment(
        loader=PackageLoader("corroborate", "views/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no stat of each per page
    )
    env.globals.update(format_time=format_time, format_date=format_date)
    return env


def _css() -> Markup:
    # Our own stylesheet, inlined so each page is self-contained; read raw, not rendered as a template.
    env = _env()
    assert env.loader is not None
    return Markup(env.loader.get_source(env, "report.css")[0])


@dataclass(frozen=True)
class Link:
    label: str
    href: str | None
    detail: str = ""


@dataclass
class Column:
    key: str
    number: str
    outlet: str
    via: str | None
    origin: str


@dataclass
class QuoteItem:
    text: str
    kind_key: str
    sources: list[Link]
    identical: bool = True
    # Beside each quote, the sentence that names its speaker, one per article.
    named_in: list[Link] = field(default_factory=list)
    altered: bool = False
    speakers_differ: bool = False
    speakers: list[str] = field(default_factory=list)
    why: str = ""
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        return _QUOTE_KINDS.get(self.kind_key, "quote")


@dataclass
class TimelineDate:
    date: str
    entries: list[tuple[TimelineEvent, list[Link]]] = field(default_factory=list)


@dataclass
class ArticleView:
    column: Column
    article: Article
    href: str | None
    paragraphs: list[Markup] = field(default_factory=list)


class _StoryPage:
    """Everything the story template shows, every finding linked to marked text."""

    def __init__(self, story: Story, settings: PageSettings | None = None) -> None:
        self.story = story
        self.settings = settings or PageSettings()
        keys = article_keys([a.id for a in story.articles])
        self.articles: dict[str, ArticleView] = {}
        self.marks: dict[str, ArticleMarks] = {}
        self.names = {e.key: e.name for a in story.articles if a.analysis for e in a.analysis.entities}
        self.names.update({e.key: e.name for e in story.entities})
        for n, art in enumerate(story.articles, 1):
            origin = story.origins.get(art.id) or art.origin or outlet_of(art)
            via = art.origin if art.origin and not same(art.origin, art.outlet) else None
            col = Column(keys[art.id], f"A{n}", outlet_of(art), via, origin)
            self.articles[art.id] = ArticleView(col, art, safe_href(art.url))
            self.marks[art.id] = ArticleMarks(col.key, art.text)
        self.columns = [v.column for v in self.articles.values()]
        self.attributions = Attributions(story)

    def speaker(self, speaker: str | None, key: str | None = None) -> str:
        return self.names.get(key or "") or self.names.get(speaker or "") or speaker or "Unattributed"

    def mark(
        self, article: str, start: int, end: int, kind: MarkKind, title: str | None = None
    ) -> str | None:
        marks = self.marks.get(article)
        ident = marks.add(start, end, kind, title) if marks else None
        return f"#{ident}" if ident else None

    def link(self, ev: Evidence, title: str | None = None) -> Link:
        view = self.articles.get(ev.article)
        label = f"{view.column.number} {view.column.outlet}" if view else "unknown article"
        return Link(label, self.mark(ev.article, ev.start, ev.end, "evidence", title), ev.text)

    def quote_title(self, q: Quote) -> str:
        return f"{_QUOTE_KINDS[q.kind]}: {self.speaker(q.speaker, q.speaker_entity)}"

    def figure_title(self, f: Figure | FigureReport) -> str:
        who = f" — {self.speaker(f.speaker, f.speaker_entity if isinstance(f, Figure) else None)}"
        return f"figure: {figure_in_words(f.value, f.bound, f.high, f.unit)} {f.counted or ''}{who}"

    def context(self) -> dict[str, object]:
        # Marks first: every later link resolves to an element registered here.
        article_quotes: dict[str, list[tuple[Quote, str | None]]] = {}
        for art in self.story.articles:
            for q in art.analysis.quotes if art.analysis else []:
                # A split quotation: each run of quoted words is marked; the first is the link's target.
                hrefs = [self.mark(art.id, s.start, s.end, "quote", self.quote_title(q)) for s in q.spans()]
                href = hrefs[0]
                article_quotes.setdefault(art.id, []).append((q, href))
            for f in art.analysis.figures if art.analysis else []:
                if not f.partitive:  # "one of the ...": no figure to a reader
                    self.mark(art.id, f.start, f.end, "figure", self.figure_title(f))
        quotes = self.quotes(article_quotes)
        framing = self.framing()
        ctx: dict[str, object] = {
            "story": self.story,
            "columns": self.columns,
            "framing": framing,
            "claims": self.claims(),
            "single_cap": self.settings.single_source_shown,
            "weak_below": self.settings.weak_below,
            "figures": self.figures(),
            "quotes": quotes,
            "quote_count": sum(len(items) for _, items in quotes),
            "timeline": self.timeline(),
            "entities": sorted(self.story.entities, key=lambda e: (-len(e.mentions), e.name.casefold())),
            "entity_labels": _LABELS,
            "css": _css(),
        }
        for aid, view in self.articles.items():
            view.paragraphs = self.marks[aid].paragraphs()
        ctx["articles"] = list(self.articles.values())
        ctx.update(summary(self.story))
        return ctx

    def claims(self) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        ranked = sorted(self.story.claims, key=lambda c: (not c.corroborated, -len(set(c.origins))))
        for claim in ranked:
            links = [self.link(ev, f"claim: {claim.text}") for ev in claim.evidence]
            by_article = {ev.article: ln for ev, ln in zip(claim.evidence, links, strict=True)}
            # Three states per article: carries the claim, carries it with other numbers, or not at all.
            cells = [
                (
                    cell_state(aid, claim.articles, claim.differs, claim.possibly_elsewhere),
                    by_article.get(aid),
                    view.column,
                )
                for aid, view in self.articles.items()
            ]
            # The claim's own link goes to a sentence that agrees, not to one that differs.
            agreeing = [
                ln for ev, ln in zip(claim.evidence, links, strict=True) if ev.article not in claim.differs
            ]
            first = next((ln.href for ln in agreeing or links if ln.href), None)
            rows.append(
                {
                    "claim": claim,
                    "href": first,
                    "cells": cells,
                    "origins": sorted(set(claim.origins)),
                    "group": claim_group(claim),
                }
            )
        return rows

    def figures(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for comp in self.story.figures:
            odd = odd_values(comp) if comp.verdict != "agree" else set()
            reports = []
            for rep in comp.reports:
                view = self.articles.get(rep.article)
                ev = rep.evidence
                href = self.mark(ev.article, ev.start, ev.end, "figure", self.figure_title(rep))
                reports.append(
                    {
                        "value": figure_in_words(rep.value, rep.bound, rep.high, rep.unit),
                        "speaker": self.speaker(rep.speaker) if rep.speaker else "—",
                        "outlet": rep.outlet or (view.column.outlet if view else "—"),
                        "via": rep.origin if not same(rep.origin, rep.outlet) else None,
                        "number": view.column.number if view else "",
                        "as_of": rep.as_of,
                        "href": href,
                        "text": ev.text,
                        "differs": (rep.value, rep.high) in odd,
                    }
                )
            verdict = _VERDICTS.get(comp.verdict, comp.verdict)
            out.append({"comp": comp, "verdict": verdict, "reports": reports})
        return out

    def quotes(
        self, article_quotes: dict[str, list[tuple[Quote, str | None]]]
    ) -> list[tuple[str, list[QuoteItem]]]:
        groups: dict[str, list[QuoteItem]] = {}
        covered: set[tuple[str, int, int]] = set()
        for shared in self.story.quotes:
            kind = ""
            for ev in shared.evidence:
                for q, _ in article_quotes.get(ev.article, []):
                    if q.start < ev.end and ev.start < q.end:
                        covered.add((ev.article, q.start, q.end))
                        kind = kind or q.kind
            links = [self.link(ev, f"quote: {self.speaker(shared.speaker)}") for ev in shared.evidence]
            named = [self.link(ev, "names the speaker") for ev in shared.attributions]
            item = QuoteItem(
                shared.text,
                kind or "quote",
                links,
                shared.identical,
                named,
                shared.altered,
                shared.speakers_differ,
                [self.speaker(n) for n in shared.speakers],
                shared.why,
                shared.confidence,
            )
            groups.setdefault(self.speaker(shared.speaker), []).append(item)
        for aid, found in article_quotes.items():
            for q, href in found:
                if (aid, q.start, q.end) not in covered:
                    col = self.articles[aid].column
                    link = Link(f"{col.number} {col.outlet}", href, q.quoted())
                    said = self.attributions.of(self.articles[aid].article, q)
                    named = [self.link(said, "names the speaker")] if said else []
                    item = QuoteItem(q.quoted(), q.kind, [link], named_in=named)
                    groups.setdefault(self.speaker(q.speaker, q.speaker_entity), []).append(item)
        return sorted(groups.items(), key=lambda g: (g[0] == "Unattributed", -len(g[1]), g[0].casefold()))

    def framing(self) -> list[dict[str, object]]:
        """Each outlet's headline and lead side by side: how each framed the event."""
        out: list[dict[str, object]] = []
        for f in framings(self.story):
            view = self.articles[f.article]
            lead = self.link(f.lead, "lead") if f.lead else None
            out.append({"column": view.column, "headline": f.headline, "lead": lead})
        return out

    def timeline(self) -> list[TimelineDate]:
        """Events in date order, those with the same date under one heading."""
        dates: dict[str, TimelineDate] = {}
        for e in sorted(self.story.timeline, key=lambda e: (date_bounds(e.date), e.date)):
            sources = [self.link(ev, f"dated {format_date(e.date)}") for ev in e.evidence]
            dates.setdefault(e.date, TimelineDate(e.date)).entries.append((e, sources))
        return list(dates.values())


def summary(story: Story) -> dict[str, object]:
    """The page header's counts and dates: the index's summary, times and events spelled out."""
    brief = summarize(story)
    first, last = brief.first_published, brief.last_published
    return {
        "n_articles": brief.n_articles,
        "n_outlets": brief.n_outlets,
        "n_origins": len(brief.origins),
        "n_corroborated": brief.n_corroborated,
        "n_figures": len(story.figures),
        "published": date_range(format_time(first), format_time(last)) if first and last else "",
        "published_days": _days(brief),
        "events": _events(brief),
    }


def _days(brief: StorySummary) -> str:
    first, last = brief.first_published, brief.last_published
    return date_range(format_day(first), format_day(last)) if first and last else ""


def _events(brief: StorySummary) -> str:
    first, last = brief.first_event, brief.last_event
    return date_range(format_date(first), format_date(last)) if first and last else ""


def render_story(story: Story, settings: PageSettings | None = None) -> str:
    """The story's HTML page; all article text escaped."""
    return _env().get_template("story.html").render(_StoryPage(story, settings).context())


def write_reports(
    stories: Sequence[Story],
    out_dir: Path,
    changed: Collection[str] | None = None,
    index: Sequence[StorySummary] | None = None,
) -> list[Path]:
    """Write the HTML page of each story given, and index.html; return the paths written.

    `index` lists every story in the store (their summaries); without it, the stories
    given are all there are. With `changed`, only those stories' pages (and pages
    missing from `out_dir`) are rendered again: a run that adds a few articles to a
    large store rewrites a few pages, not thousands. Pages of stories not in the
    index are removed, so the folder never shows a story that was merged away.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    listed = [summarize(story) for story in stories] if index is None else index
    written: list[Path] = []
    for story in stories:
        path = out_dir / story_filename(story)
        if changed is None or story.id in changed or not path.exists():
            path.write_text(render_story(story), encoding="utf-8")
            written.append(path)
    current = {entry.page for entry in listed}
    for stale in out_dir.glob("story-*.html"):
        if stale.name not in current:
            stale.unlink()
    entries = [_index_entry(entry) for entry in listed]
    index_path = out_dir / "index.html"
    index_path.write_text(
        _env().get_template("index.html").render(stories=entries, css=_css()), encoding="utf-8"
    )
    written.append(index_path)
    return written


def _index_entry(entry: StorySummary) -> dict[str, object]:
    """One row of index.html: the same counts and dates as the story page's header."""
    return {
        "title": entry.title,
        "href": entry.page,
        "n_articles": entry.n_articles,
        "n_outlets": entry.n_outlets,
        "n_origins": len(entry.origins),
        "n_corroborated": entry.n_corroborated,
        "published_days": _days(entry),
        "events": _events(entry),
    }
