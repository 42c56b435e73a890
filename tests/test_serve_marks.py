"""Marks on findings: kept by the evidence they stand on through rebuilds and merges, in the exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.model import Article, Claim, Conflict, Evidence, Page, Story, TimelineEvent
from corroborate.store import Store
from corroborate.store.desk import Desk, DeskError, attach_marks, hash_token, story_findings
from corroborate.store.desk_index import DeskIndex, StoryQuery
from corroborate.store.desk_tables import desk_users

TEXT = "The toll rose to 14, the mayor said. Divers searched the river."
OTHER = "The mayor said the toll rose to 14 on Wednesday. Schools were closed."


def article(n: int, text: str, outlet: str) -> tuple[Page, Article]:
    page = Page(id=f"{n:064x}", source=f"p{n}.txt", format="text", content=text)
    art = Article(id=page.id, source=page.source, outlet=outlet, text=text,
                  published=datetime(2024, 5, 15, 8, n, tzinfo=UTC))  # fmt: skip
    return page, art


def span(art: Article, needle: str) -> Evidence:
    start = art.text.index(needle)
    return Evidence(article=art.id, start=start, end=start + len(needle), text=needle)


def story(story_id: str, arts: list[Article], claim_text: str = "The toll rose to 14") -> Story:
    evidence = [
        span(a, "the toll rose to 14" if "mayor said the" in a.text else "The toll rose to 14") for a in arts
    ]
    claim = Claim(text=claim_text, articles=[a.id for a in arts], origins=[a.outlet or "" for a in arts],
                  corroborated=len(arts) > 1, evidence=evidence)  # fmt: skip
    return Story(id=story_id, title="Toll rises", articles=arts, claims=[claim])


def save(store: Store, pairs: list[tuple[Page, Article]], built: Story) -> None:
    run = store.start_run(["test"])
    for page, art in pairs:
        store.save_article(run, page, art)
    store.assign({a.id: built.id for a in built.articles})
    store.save_story(built)


def test_tokens_are_stored_hashed_and_names_checked(tmp_path: Path) -> None:
    with Store(str(tmp_path / "c.db")) as store:
        desk = Desk(store.engine)
        token = desk.add_user("ann")
        assert desk.user_for_token(token) == "ann" and desk.user_for_token(token + "x") is None
        with store.engine.connect() as conn:
            stored = conn.execute(desk_users.select()).one()
        assert stored.token_hash == hash_token(token) and token not in stored.token_hash
        with pytest.raises(DeskError, match="already a user"):
            desk.add_user("ann")
        with pytest.raises(DeskError):
            desk.add_user("<b>")


def test_a_mark_follows_its_finding_through_a_rebuild_and_a_merge(tmp_path: Path) -> None:
    first, second = article(1, TEXT, "Courier"), article(2, OTHER, "Wire")
    with Store(str(tmp_path / "c.db")) as store:
        desk = Desk(store.engine)
        save(store, [first], story("s-a", [first[1]]))
        built = store.story("s-a")
        assert built is not None
        key = story_findings(built)[0].key
        desk.add_mark(built, key, "verified", "rang the town hall", "ann")
        with pytest.raises(DeskError, match="no finding"):
            desk.add_mark(built, "claim:" + "f" * 64 + ":0-3", "verified", "", "ann")
        # A later run: another outlet's article joins, and the story is rebuilt under a new id.
        save(
            store, [first, second], story("s-b", [first[1], second[1]], "The toll rose to 14, officials said")
        )
        rebuilt = store.story("s-b")
        assert rebuilt is not None
        findings = story_findings(rebuilt)
        left = attach_marks(findings, desk.marks(articles=[a.id for a in rebuilt.articles]))
        assert not left and [m.note for m in findings[0].marks] == ["rang the town hall"]
        # A rebuild that drops the finding keeps the mark, unmatched.
        bare = rebuilt.model_copy(update={"claims": []})
        assert attach_marks(story_findings(bare), desk.marks())[0].status == "verified"


def test_marks_appear_in_the_json_and_csv_exports(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    first = article(1, TEXT, "Courier")
    with Store(db) as store:
        save(store, [first], story("s-a", [first[1]]))
        built = store.story("s-a")
        assert built is not None
        Desk(store.engine).add_mark(
            built, story_findings(built)[0].key, "disputed", "two sources say 12", "bo"
        )
    runner = CliRunner()
    exported = runner.invoke(app, ["export", "--json", "--db", db])
    assert exported.exit_code == 0, exported.output
    marks = json.loads(exported.stdout)["marks"]
    assert [(m["status"], m["user"], m["note"], m["current_story"]) for m in marks] == [
        ("disputed", "bo", "two sources say 12", "s-a")
    ]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--csv", "--db", db]).stdout)))
    claim = next(r for r in rows if r["text"] == "The toll rose to 14")
    assert claim["marks"].startswith("disputed by bo ") and claim["marks"].endswith(": two sources say 12")


def test_every_kind_of_finding_can_be_marked(tmp_path: Path) -> None:
    first, second = article(1, TEXT, "Courier"), article(2, OTHER, "Wire")
    built = story("s-c", [first[1], second[1]])
    sides = [span(first[1], "The toll rose to 14"), span(second[1], "the toll rose to 14 on Wednesday")]
    ids = [a.id for a in built.articles]
    conflict = Conflict(kind="figure", slot="people killed", values=["14", "12"], articles=ids,
                        evidence=sides, why="test", confidence=0.9)  # fmt: skip
    event = TimelineEvent(
        date="2024-05-15", grain="day", text=OTHER, articles=[second[1].id], evidence=[sides[1]]
    )
    built = built.model_copy(update={"conflicts": [conflict], "timeline": [event]})
    with Store(str(tmp_path / "c.db")) as store:
        desk = Desk(store.engine)
        kinds = {f.kind: f.key for f in story_findings(built)}
        assert set(kinds) == {"conflict", "claim", "event"}
        assert kinds["conflict"].startswith("conflict:" + first[1].id)
        for key in kinds.values():
            desk.add_mark(built, key, "verified", "", "ann")
        findings = story_findings(built)
        assert not attach_marks(findings, desk.marks()) and all(f.status == "verified" for f in findings)


def test_user_add_prints_a_token_once_and_refuses_a_second_user_of_that_name(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    added = runner.invoke(app, ["user", "add", "ann", "--db", db])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip()
    assert len(token) >= 40
    with Store(db) as store:
        assert Desk(store.engine).user_for_token(token) == "ann"
    again = runner.invoke(app, ["user", "add", "ann", "--db", db])
    assert again.exit_code == 1 and "already a user called 'ann'" in again.output
    assert runner.invoke(app, ["user", "list", "--db", db]).stdout.split() == ["ann"]


def test_the_index_follows_the_stories_table(tmp_path: Path) -> None:
    first, second = article(1, TEXT, "Courier"), article(2, OTHER, "Wire")
    with Store(str(tmp_path / "c.db")) as store:
        save(store, [first], story("s-a", [first[1]]))
        save(store, [second], story("s-b", [second[1]]))
        index = DeskIndex(store)
        assert index.sync() == 2 and index.sync() == 0
        assert [r.summary.id for r in index.stories(StoryQuery(q="schools"))[1]] == ["s-b"]
        save(store, [first, second], story("s-a", [first[1], second[1]]))  # a run grows s-a
        assert index.sync() == 1
        assert index.stories(StoryQuery(outlet="Wire"))[0] == 2
        with store.engine.begin() as conn:  # a story removed by another tool
            conn.execute(text("DELETE FROM stories WHERE id = 's-b'"))
        index.sync()
        assert [r.summary.id for r in index.stories(StoryQuery())[1]] == ["s-a"]
        assert index.stories(StoryQuery(q="schools"))[0] == 1


def test_migrating_again_keeps_the_desk_data(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    first = article(1, TEXT, "Courier")
    with Store(db) as store:
        save(store, [first], story("s-a", [first[1]]))
        built = store.story("s-a")
        assert built is not None
        Desk(store.engine).add_mark(built, story_findings(built)[0].key, "wrong", "", "ann")
        with store.engine.begin() as conn:  # the store's version set back to before the desk
            conn.execute(text("DELETE FROM schema_version WHERE version > 4"))
    with Store(db) as store:
        assert [m.status for m in Desk(store.engine).marks()] == ["wrong"]
        assert DeskIndex(store).sync() == 1
