"""A page fetched again that changed is a new version of the same article, not a new article.

The pipeline stores the new version as an article like any other; here the earlier
version leaves the articles table (so the story counts the outlet's page once), is kept
whole in `article_versions` with what the outlet changed (headline, figures, quotes),
and the story is built again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz
from sqlalchemy import select

from corroborate.fetch.archive import FetchLog
from corroborate.fetch.tables import versions as versions_table
from corroborate.model import Article, ArticleVersion, VersionChange, VersionChangeKind
from corroborate.pipeline import update_stories
from corroborate.store import Store
from corroborate.store.schema import articles as articles_table
from corroborate.text.dates import as_utc

REWORDED = 80  # rapidfuzz ratio at or above which a removed and an added quote are one, reworded


@dataclass(frozen=True)
class Change:
    kind: VersionChangeKind
    old: str | None
    new: str | None

    def describe(self) -> str:
        old, new = _short(self.old), _short(self.new)
        if self.old is None:
            return f"{self.kind} added: {new}"
        if self.new is None:
            return f"{self.kind} removed: {old}"
        return f"{self.kind}: {old} → {new}"


def _short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Version:
    url: str
    story_id: str | None
    old_id: str
    new_id: str
    seen: datetime
    changes: list[Change]


def _figures(article: Article) -> dict[str, str | None]:
    figures = article.analysis.figures if article.analysis else []
    return {f.text: f.counted for f in figures}


def _quotes(article: Article) -> list[str]:
    quotes = article.analysis.quotes if article.analysis else []
    return [q.quoted() for q in quotes]  # the quoted words: a split quotation's attribution is not the quote


def diff_articles(old: Article, new: Article) -> list[Change]:
    """What the outlet changed between two versions: headline, figures, quotes (else the text)."""
    changes: list[Change] = []
    if (old.title or "") != (new.title or ""):
        changes.append(Change("headline", old.title, new.title))
    changes += _figure_changes(_figures(old), _figures(new))
    changes += _quote_changes(_quotes(old), _quotes(new))
    if not changes and old.text != new.text:
        old_lines, new_lines = set(old.text.splitlines()), set(new.text.splitlines())
        gone, came = len(old_lines - new_lines), len(new_lines - old_lines)
        changes.append(Change("text", f"{gone} paragraphs", f"{came} paragraphs"))
    return changes


def _figure_changes(before: dict[str, str | None], after: dict[str, str | None]) -> list[Change]:
    gone = [t for t in before if t not in after]
    came = [t for t in after if t not in before]
    changes: list[Change] = []
    for text in list(gone):
        # A figure whose counted thing stays, with another number, is a revision.
        match = next((t for t in came if before[text] and after[t] == before[text]), None)
        if match:
            changes.append(Change("figure", text, match))
            gone.remove(text)
            came.remove(match)
    return changes + [Change("figure", t, None) for t in gone] + [Change("figure", None, t) for t in came]


def _quote_changes(before: list[str], after: list[str]) -> list[Change]:
    cut = [q for q in before if q not in after]
    added = [q for q in after if q not in before]
    changes: list[Change] = []
    for quote in list(cut):
        # Mostly the same words: the quote was reworded (a number in it revised), not cut.
        match = max(added, key=lambda q: fuzz.ratio(quote, q), default=None)
        if match is not None and fuzz.ratio(quote, match) >= REWORDED:
            changes.append(Change("quote", quote, match))
            cut.remove(quote)
            added.remove(match)
    return changes + [Change("quote", q, None) for q in cut] + [Change("quote", None, q) for q in added]


def record_versions(
    store: Store, log: FetchLog, fetched: list[tuple[str, str]], run_id: int
) -> list[Version]:
    """Turn each URL (of the (URL, page id) pairs fetched) whose page changed since its last fetch
    into a new version of one article."""
    found: list[Version] = []
    for url, page_id in fetched:
        history = [pid for pid, _ in log.page_history(url)]
        if len(history) < 2 or history[-1] != page_id:
            continue
        old = store.articles([history[-2]])
        new = store.articles([page_id])
        if not old or not new:
            continue  # the earlier version was never stored (or is already a version)
        version = _supersede(store, url, old[0], new[0], run_id)
        found.append(version)
    if found:
        update_stories(store, run_id)
    return found


def _supersede(store: Store, url: str, old: Article, new: Article, run_id: int) -> Version:
    stories = store.stories_of([old.id, new.id])
    story_id = stories.get(new.id)
    old_story = stories.get(old.id)
    version = Version(url, story_id, old.id, new.id, datetime.now(UTC), diff_articles(old, new))
    row = {
        "url": url,
        "story_id": story_id,
        "old_id": old.id,
        "new_id": new.id,
        "seen": version.seen,
        "changes": json.dumps([asdict(c) for c in version.changes], ensure_ascii=False),
        "old_article": old.model_dump_json(),
    }
    with store.engine.begin() as conn:
        conn.execute(versions_table.insert().values(**row))
        conn.execute(articles_table.delete().where(articles_table.c.id == old.id))
    # Assigning again marks the stories to be built: without the old version now.
    if story_id:
        store.assign({new.id: story_id}, run_id)
    if old_story and old_story != story_id:
        rest = [a.id for a in store.articles(story=old_story)]
        if rest:
            store.assign({rest[0]: old_story}, run_id)
    return version


def story_versions(store: Store, story_id: str) -> list[Version]:
    """The recorded versions of a story's articles, oldest first."""
    query = select(versions_table).where(versions_table.c.story_id == story_id).order_by(versions_table.c.id)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        Version(
            url=r.url,
            story_id=r.story_id,
            old_id=r.old_id,
            new_id=r.new_id,
            seen=as_utc(r.seen),
            changes=[Change(**c) for c in json.loads(r.changes)],
        )
        for r in rows
    ]


def attach_versions(store: Store, story_ids: Iterable[str]) -> None:
    """Put the recorded versions of each story's articles into its story file."""
    for story_id in story_ids:
        found = story_versions(store, story_id)
        story = store.story(story_id) if found else None
        if story is None or story.id != story_id:
            continue
        records = [
            ArticleVersion(
                url=v.url,
                old_id=v.old_id,
                new_id=v.new_id,
                seen=v.seen,
                changes=[VersionChange(kind=c.kind, old=c.old, new=c.new) for c in v.changes],
            )
            for v in found
        ]
        if story.versions != records:
            store.save_story(story.model_copy(update={"versions": records}))
