"""The store keeps pages by content, records every outcome, and survives reopening."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from corroborate.model import Article, Claim, Evidence, Page, PageError, Story
from corroborate.store import Store
from corroborate.store.schema import MIGRATIONS


def make_page(n: int) -> Page:
    return Page(id=f"{n:064x}", source=f"page{n}.html", format="html", content=f"<p>page {n}</p>")


def make_article(page: Page, title: str) -> Article:
    return Article(
        id=page.id,
        source=page.source,
        title=title,
        outlet="The Test Courier",
        published=datetime(2024, 5, 15, 8, 0, tzinfo=UTC),
        text=f"{title}. Officials said so on Tuesday.",
    )


def make_story(story_id: str, article: Article) -> Story:
    evidence = Evidence(article=article.id, start=0, end=len(article.title or ""), text=article.title or "")
    claim = Claim(
        text=evidence.text, articles=[article.id], origins=["The Test Courier"], corroborated=False,
        evidence=[evidence],
    )  # fmt: skip
    return Story(id=story_id, title=article.title or "", articles=[article], claims=[claim])


def exercise(store: Store) -> None:
    run = store.start_run(["page1.html", "page2.html"])
    first, second = make_page(1), make_page(2)
    store.save_article(run, first, make_article(first, "Bridge collapses"))
    store.save_article(run, second, make_article(second, "Museum reopens"))
    store.record_error(run, PageError(source="bad.html", stage="read", message="binary file"))
    # The same page again is left as it is: nothing duplicated.
    store.save_article(run, first, make_article(first, "Bridge collapses"))
    store.assign({first.id: "s-1", second.id: "s-2"})
    store.save_story(make_story("s-1", make_article(first, "Bridge collapses")))
    store.save_story(make_story("s-2", make_article(second, "Museum reopens")))
    store.finish_run(run)

    assert store.count_articles() == 2
    assert store.has_page(first.id)
    assert not store.has_page(make_page(3).id)
    assert store.assignments() == {first.id: "s-1", second.id: "s-2"}
    statuses = [(o["source"], o["status"]) for o in store.outcomes(run)]
    assert ("bad.html", "error") in statuses
    assert statuses.count(("page1.html", "stored")) == 2
    story = store.story("s-1")
    assert story is not None
    assert [a.title for a in story.articles] == ["Bridge collapses"]
    assert story.claims[0].evidence[0].text == "Bridge collapses"
    assert store.story("s-") is None  # ambiguous prefix
    assert [s.id for s in store.stories()] == ["s-1", "s-2"]


def test_sqlite_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "corroborate.db"
    with Store(str(path)) as store:
        exercise(store)
    # Reopening applies no migration twice and loses nothing.
    with Store(str(path)) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.count_articles() == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


@pytest.mark.postgres
def test_postgres_store_round_trip(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    with Store(postgres_url) as store:
        exercise(store)
    with Store(postgres_url) as store:
        assert store.count_articles() == 2
