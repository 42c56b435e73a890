"""Every run finishes and loses nothing: a bad story, a killed process, two runs at once.

The kill tests run `corroborate run` as a real subprocess and SIGKILL it, either at a
named point of the run (CORROBORATE_CRASH_AT, see corroborate/faults.py) or after a
delay; the next run must leave the same stories as one uninterrupted run, and
`corroborate doctor` must find nothing to repair.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from corroborate import story_updates
from corroborate.cli import app
from corroborate.store import Store
from tests.conftest import EXAMPLES

runner = CliRunner()
MUSEUM = ["coastline-news_museum.txt", "quillport-gazette_museum.html"]


def corroborate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "corroborate.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})})


def stories_in(db: str) -> dict[str, list[str]]:
    """Story id -> its article ids, as the store holds them."""
    with Store(db) as store:
        return {story.id: sorted(a.id for a in story.articles) for story in store.stories()}


def listed(out: Path) -> dict[str, int]:
    index = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    return {entry["id"]: entry["n_articles"] for entry in index["stories"]}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], dict[str, int]]:
    folder = tmp_path_factory.mktemp("whole")
    db, out = str(folder / "c.db"), folder / "out"
    done = corroborate("run", str(EXAMPLES), "--db", db, "--out", str(out))
    assert done.returncode == 0, done.stderr
    return stories_in(db), listed(out)


@pytest.mark.parametrize(
    "point", ["page-stored:1", "page-stored:5", "assigned", "story-saved:1", "output-file:1"]
)
def test_a_run_killed_at_any_point_is_finished_by_the_next(
    point: str, tmp_path: Path, uninterrupted: tuple[dict[str, list[str]], dict[str, int]]
) -> None:
    db, out = str(tmp_path / "c.db"), tmp_path / "out"
    killed = corroborate(
        "run", str(EXAMPLES), "--db", db, "--out", str(out), env={"CORROBORATE_CRASH_AT": point}
    )
    assert killed.returncode == -signal.SIGKILL
    assert corroborate("doctor", "--db", db, "--out", str(out)).returncode == 1  # something to repair
    again = corroborate("run", str(EXAMPLES), "--db", db, "--out", str(out))
    assert again.returncode == 0, again.stdout + again.stderr
    assert (stories_in(db), listed(out)) == uninterrupted
    checked = corroborate("doctor", "--db", db, "--out", str(out))
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("delay", [0.3, 1.2, 2.0])
def test_a_run_killed_after_a_while_is_finished_by_the_next(
    delay: float, tmp_path: Path, uninterrupted: tuple[dict[str, list[str]], dict[str, int]]
) -> None:
    db, out = str(tmp_path / "c.db"), tmp_path / "out"
    command = [sys.executable, "-m", "corroborate.cli", "run", str(EXAMPLES), "--db", db, "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.kill()
    process.wait()
    again = corroborate("run", str(EXAMPLES), "--db", db, "--out", str(out))
    assert again.returncode == 0, again.stdout + again.stderr
    assert (stories_in(db), listed(out)) == uninterrupted
    assert corroborate("doctor", "--db", db, "--out", str(out)).returncode == 0


def test_a_story_that_fails_is_recorded_and_built_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, out = str(tmp_path / "c.db"), tmp_path / "out"
    real_build = story_updates.build_story

    def build_failing_museum(story_id: str, articles: list[object], *settings: object) -> object:
        if any("museum" in str(getattr(a, "title", "")).lower() for a in articles):
            raise ValueError("a bug met in this story")
        return real_build(story_id, articles, *settings)  # type: ignore[arg-type]

    monkeypatch.setattr(story_updates, "build_story", build_failing_museum)
    first = runner.invoke(app, ["run", str(EXAMPLES), "--db", db, "--out", str(out)])
    assert first.exit_code == 1, first.output
    said = " ".join(first.output.split())
    assert "Stories not built" in said and "a bug met in this story" in said
    assert "1 failed (tried again next run)" in said
    with Store(db) as store:
        [pending] = store.pending_details()
        assert (pending["failures"], pending["stage"]) == (1, "compare")
        assert "ValueError: a bug met in this story" in pending["error"]
        assert store.count_stories() == 1  # the other story was built and written
    assert len(listed(out)) == 1
    assert corroborate("doctor", "--db", db, "--out", str(out)).returncode == 1

    monkeypatch.setattr(story_updates, "build_story", real_build)
    second = runner.invoke(app, ["run", str(EXAMPLES), "--db", db, "--out", str(out)])
    assert second.exit_code == 0, second.output
    said = " ".join(second.output.split())
    assert "8 unchanged" in said and "1 stories updated" in said
    assert len(listed(out)) == 2
    with Store(db) as store:
        assert store.pending() == []
    assert corroborate("doctor", "--db", db, "--out", str(out)).returncode == 0


def test_doctor_finds_a_missing_story_file_and_run_writes_it(tmp_path: Path) -> None:
    db, out = str(tmp_path / "c.db"), tmp_path / "out"
    assert corroborate("run", str(EXAMPLES), "--db", db, "--out", str(out)).returncode == 0
    victim = next((out / "stories").glob("story-*.json"))
    victim.unlink()
    report = corroborate("doctor", "--db", db, "--out", str(out))
    assert report.returncode == 1 and "1 files missing" in report.stdout and "repair: run" in report.stdout
    assert corroborate("run", str(EXAMPLES), "--db", db, "--out", str(out)).returncode == 0
    assert victim.is_file()
    assert corroborate("doctor", "--db", db, "--out", str(out)).returncode == 0


def run_together(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "corroborate.cli", *c],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for c in commands
    ]
    done = []
    for process, command in zip(processes, commands, strict=True):
        stdout, stderr = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(command, process.returncode, stdout, stderr))
    return done


def concurrent_runs_match_sequential(db: str, sequential_db: str, tmp_path: Path) -> None:
    museum = [str(EXAMPLES / name) for name in MUSEUM]
    skip = {*MUSEUM, "README.md", "expected.json"}  # what the folder's walk skips too
    others = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.name not in skip]
    for inputs in (museum, others):
        assert corroborate("run", *inputs, "--db", sequential_db, "--no-report").returncode == 0
    # Two runs of different pages, and a third of all of them, on one store at once.
    results = run_together(
        ["run", *museum, "--db", db, "--out", str(tmp_path / "a")],
        ["run", *others, "--db", db, "--out", str(tmp_path / "b")],
        ["run", str(EXAMPLES), "--db", db, "--out", str(tmp_path / "c")],
    )
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "locked" not in result.stdout + result.stderr
    assert stories_in(db) == stories_in(sequential_db)
    with Store(db) as store:
        assert store.count_articles() == 8 and store.pending() == [] and store.unassigned() == []


def test_two_runs_at_once_on_one_sqlite_store(tmp_path: Path) -> None:
    concurrent_runs_match_sequential(str(tmp_path / "c.db"), str(tmp_path / "seq.db"), tmp_path)
    with sqlite3.connect(tmp_path / "c.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.postgres
def test_two_runs_at_once_on_one_postgres_store(postgres_url: str, tmp_path: Path) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    concurrent_runs_match_sequential(postgres_url, str(tmp_path / "seq.db"), tmp_path)


def test_json_line_text_is_the_article_as_given(tmp_path: Path) -> None:
    # Short articles whose title repeats the first sentence: the text is the article, whole.
    records = [
        {
            "id": "a1",
            "url": "https://www.harbourtimes.example/a1",
            "title": "Quillport ferry workers walk out over pay.",
            "text": "Quillport ferry workers walk out over pay.\nThe union said the strike would last a day.",
            "published": "2024-05-15T08:00:00Z",
        },
        {"id": "a2", "title": "Pier closed", "text": "Pier closed.", "published": "2024-05-15"},
    ]
    feed = tmp_path / "short.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["run", str(feed), "--db", db, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        texts = sorted(a.text for a in store.articles())
        assert texts == sorted(r["text"] for r in records)
        assert store.unassigned() == []


def test_analyze_reads_many_pages_in_one_process(tmp_path: Path) -> None:
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text('"We will rebuild," mayor Ines Varga said on Monday.', encoding="utf-8")
    second.write_text("More than 3,000 people signed the petition.", encoding="utf-8")
    feed = tmp_path / "more.jsonl"
    feed.write_text(
        json.dumps({"id": "x", "text": "Twelve boats were lost."}) + "\n{broken\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["analyze", "--text", str(first), str(second), str(feed)])
    assert result.exit_code == 1  # the broken line is one failed item; the others are analysed
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in line) for line in lines] == [False, False, False, True]
    assert lines[0]["source"].endswith("one.txt")
    assert lines[0]["quotes"][0]["text"].startswith("We will rebuild")
    assert lines[1]["figures"][0]["value"] == 3000
    assert lines[2]["figures"][0]["value"] == 12
    assert "invalid JSON line" in lines[3]["error"]
