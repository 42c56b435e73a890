"""The store keeps pages by content, records every outcome, and survives reopening."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from corroborate.model import Article, Claim, Evidence, Page, PageError, Story, TimeGrain, TimelineEvent
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
    assert [s.id for s in store.stories(["s-2", "s-9"])] == ["s-2"]
    assert store.count_stories() == 2
    # The index of stories reads their summaries, kept up to date by save_story.
    listed = store.summaries()
    assert [(s.id, s.title, s.n_articles, s.origins) for s in listed] == [
        ("s-1", "Bridge collapses", 1, ["The Test Courier"]),
        ("s-2", "Museum reopens", 1, ["The Test Courier"]),
    ]
    assert listed[0].first_published == datetime(2024, 5, 15, 8, 0, tzinfo=UTC)
    assert listed[0].page == "story-s-1.html" and listed[0].file == "stories/story-s-1.json"
    third = make_page(3)
    store.save_article(run, third, make_article(third, "Bridge inquiry opens"))
    store.assign({third.id: "s-1"})
    grown = store.story("s-1")
    assert grown is not None
    store.save_story(grown)
    assert [(s.id, s.n_articles) for s in store.summaries()] == [("s-1", 2), ("s-2", 1)]


def as_previous_version(engine: Engine) -> None:
    """Turn a store back into what the version before story summaries made: no summaries table."""
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE story_summaries"))
        conn.execute(text("DROP TABLE store_info"))  # what a store of then lacked (migration 7)
        conn.execute(text("DELETE FROM schema_version WHERE version > 1"))


def check_upgraded(store: Store) -> None:
    """A store from the previous version opens with every story summarised and nothing lost."""
    assert store.schema_version == len(MIGRATIONS)
    assert store.count_articles() == 3
    assert [(s.id, s.n_articles) for s in store.summaries()] == [("s-1", 2), ("s-2", 1)]
    story = store.story("s-1")
    assert story is not None and len(story.articles) == 2


def dated(story: Story, *dates: tuple[str, TimeGrain]) -> Story:
    """The story with a timeline: each date on its first claim's sentence."""
    ev = story.claims[0].evidence[0]
    events = [
        TimelineEvent(date=date, grain=grain, text=ev.text, articles=[ev.article], evidence=[ev])
        for date, grain in dates
    ]
    return story.model_copy(update={"timeline": events})


def with_dated_story(store: Store) -> None:
    """A store holding one story whose timeline has a background year and an ISO week."""
    run = store.start_run(["page1.html"])
    page = make_page(1)
    store.save_article(run, page, make_article(page, "Bridge collapses"))
    store.assign({page.id: "s-1"})
    story = make_story("s-1", make_article(page, "Bridge collapses"))
    store.save_story(dated(story, ("1968", "year"), ("2024-05-12", "day"), ("2024-W20", "week")))


def as_version_2(engine: Engine) -> None:
    """Turn a store back into what version 2 made: summaries spanning the timeline's raw dates."""
    with engine.begin() as conn:
        data = conn.execute(text("SELECT data FROM story_summaries WHERE id = 's-1'")).scalar_one()
        old = data.replace('"first_event":"2024-05-12"', '"first_event":"1968"')
        old = old.replace('"last_event":"2024-05-19"', '"last_event":"2024-W20"')
        assert old.count("1968") == 1 and old.count("2024-W20") == 1
        conn.execute(text("UPDATE story_summaries SET data = :data WHERE id = 's-1'"), {"data": old})
        conn.execute(text("DROP TABLE store_info"))
        conn.execute(text("DELETE FROM schema_version WHERE version > 2"))


def check_event_range_upgraded(store: Store) -> None:
    """The version-2 store opens with the events of its stories dated as the story pages date them."""
    assert store.schema_version == len(MIGRATIONS)
    [listed] = store.summaries()
    # The background year is left out; the week ends on its Sunday, as the story page shows it.
    assert (listed.first_event, listed.last_event) == ("2024-05-12", "2024-05-19")
    story = store.story("s-1")
    assert story is not None and [e.date for e in story.timeline] == ["1968", "2024-05-12", "2024-W20"]
    assert store.count_articles() == 1 and story.articles[0].title == "Bridge collapses"


def test_sqlite_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "corroborate.db"
    with Store(str(path)) as store:
        exercise(store)
    # Reopening applies no migration twice and loses nothing.
    with Store(str(path)) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.count_articles() == 3
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_a_sqlite_store_of_the_previous_version_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "corroborate.db"
    with Store(str(path)) as store:
        exercise(store)
        as_previous_version(store.engine)
    with Store(str(path)) as store:
        check_upgraded(store)


def test_a_sqlite_store_of_version_2_gets_the_story_pages_event_range(tmp_path: Path) -> None:
    path = tmp_path / "corroborate.db"
    with Store(str(path)) as store:
        with_dated_story(store)
        as_version_2(store.engine)
    with Store(str(path)) as store:
        check_event_range_upgraded(store)


def _empty(postgres_url: str) -> None:
    """The test server's database with nothing in it, whatever an earlier test left."""
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.mark.postgres
def test_postgres_store_round_trip(postgres_url: str) -> None:
    _empty(postgres_url)
    with Store(postgres_url) as store:
        exercise(store)
    with Store(postgres_url) as store:
        assert store.count_articles() == 3
        as_previous_version(store.engine)
    with Store(postgres_url) as store:
        check_upgraded(store)


@pytest.mark.postgres
def test_a_postgres_store_of_version_2_gets_the_story_pages_event_range(postgres_url: str) -> None:
    _empty(postgres_url)
    with Store(postgres_url) as store:
        with_dated_story(store)
        as_version_2(store.engine)
    with Store(postgres_url) as store:
        check_event_range_upgraded(store)


def test_a_story_mixing_times_with_and_without_a_zone_is_listed(sqlite_store: Store) -> None:
    run = sqlite_store.start_run(["feed"])
    first, second = make_page(1), make_page(2)
    aware = make_article(first, "Ferry strike called")
    naive = make_article(second, "Ferry strike ends").model_copy(
        update={"published": datetime(2024, 5, 16, 9)}
    )
    for page, article in ((first, aware), (second, naive)):
        sqlite_store.save_article(run, page, article)
    sqlite_store.assign({first.id: "s-1", second.id: "s-1"})
    sqlite_store.save_story(Story(id="s-1", title="Ferry strike", articles=[aware, naive]))
    [listed] = sqlite_store.summaries()
    assert (listed.first_published, listed.last_published) == (aware.published, naive.published)


def test_summaries_made_by_an_older_summarize_are_made_again_when_the_store_opens(tmp_path: Path) -> None:
    path = tmp_path / "corroborate.db"
    with Store(str(path)) as store:
        exercise(store)
    with create_engine(f"sqlite:///{path}").begin() as conn:  # as an older corroborate left them
        stale = text("UPDATE story_summaries SET data = replace(data, :now, :then)")
        assert conn.execute(stale, {"now": '"n_articles":2', "then": '"n_articles":9'}).rowcount == 2
        conn.execute(text("UPDATE store_info SET value = '0' WHERE key = 'summaries'"))
    with Store(str(path)) as store:
        assert [(s.id, s.n_articles) for s in store.summaries()] == [("s-1", 2), ("s-2", 1)]
        assert store.schema_version == len(MIGRATIONS)
