"""The commands a person runs, on the bundled examples (exact expectations in examples/expected.json)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.extract import BATCH
from corroborate.model import SCHEMA_VERSION, Story

from .conftest import EXAMPLES

EXPECTED: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
runner = CliRunner()


def source_name(source: str) -> str:
    """'.../examples/wire-feed.jsonl:1' -> 'wire-feed.jsonl:1', as expected.json names pages."""
    return Path(source).name


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`corroborate run examples/` once, as `make demo` does."""
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["run", str(EXAMPLES), "--db", str(out / "c.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (out / "run.txt").write_text(result.output, encoding="utf-8")
    return out


def stories_file(demo: Path) -> list[Story]:
    """The story files the run wrote, as its index (stories.json) lists them."""
    index = json.loads((demo / "stories.json").read_text(encoding="utf-8"))
    assert index["schema_version"] == SCHEMA_VERSION
    return [
        Story.model_validate_json((demo / s["file"]).read_text(encoding="utf-8")) for s in index["stories"]
    ]


def test_run_groups_the_examples_into_their_stories(demo: Path) -> None:
    found = sorted(sorted(source_name(a.source) for a in s.articles) for s in stories_file(demo))
    expected = sorted(sorted(story["files"]) for story in EXPECTED["stories"])
    assert found == expected


def test_run_counts_a_wire_and_its_republication_as_one_origin(demo: Path) -> None:
    bridge = next(s for s in stories_file(demo) if len(s.articles) == 6)
    expected = next(s for s in EXPECTED["stories"] if s["name"] == "bridge")
    assert sorted(set(bridge.origins.values())) == sorted(expected["independent_origins"])
    by_name = {source_name(a.source): a.id for a in bridge.articles}
    assert bridge.origins[by_name["daily-ledger_bridge.html"]] == "Northern Wire"


def test_run_prints_the_summary_and_writes_the_story_files(demo: Path) -> None:
    output = (demo / "run.txt").read_text(encoding="utf-8")
    assert "Marrowby bridge collapse" in output
    assert "8 pages: 8 stored, 0 unchanged, 0 not taken; 2 stories updated" in output
    pages = sorted(p.name for p in demo.glob("*.html"))
    assert pages == sorted(["index.html"] + [f"story-{s.id}.html" for s in stories_file(demo)])
    index = (demo / "index.html").read_text(encoding="utf-8")
    assert "Halden Maritime Museum" in index


def test_stories_json_lists_every_story_in_brief_beside_its_files(demo: Path) -> None:
    index = json.loads((demo / "stories.json").read_text(encoding="utf-8"))["stories"]
    for entry, story in zip(index, stories_file(demo), strict=True):
        assert (entry["id"], entry["title"]) == (story.id, story.title)
        assert entry["n_articles"] == len(story.articles)
        assert entry["origins"] == sorted(set(story.origins.values()))
        assert entry["page"] == f"story-{story.id}.html" and (demo / entry["page"]).is_file()
    assert sorted(p.name for p in (demo / "stories").iterdir()) == sorted(
        Path(entry["file"]).name for entry in index
    )


def test_store_records_every_page_outcome(demo: Path) -> None:
    with sqlite3.connect(demo / "c.db") as conn:
        statuses = conn.execute("SELECT status, count(*) FROM page_outcomes GROUP BY status").fetchall()
        assert statuses == [("stored", 8)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_run_again_changes_nothing_and_bad_pages_do_not_stop_it(demo: Path, tmp_path: Path) -> None:
    before = (demo / "stories.json").read_text(encoding="utf-8")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.html").write_bytes(bytes(range(256)) * 40)
    (bad / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["run", str(EXAMPLES), str(bad), "--db", str(demo / "c.db"), "--out", str(demo)]
    )
    assert result.exit_code == 1, result.output  # some items failed: each is listed
    assert "10 pages: 0 stored, 8 unchanged, 2 not taken; 0 stories updated" in result.output
    assert "binary file" in result.output and "empty file" in result.output
    assert (demo / "stories.json").read_text(encoding="utf-8") == before


def test_a_later_run_writes_only_the_stories_it_changed(tmp_path: Path) -> None:
    db, out = str(tmp_path / "c.db"), tmp_path / "out"
    museum = [str(EXAMPLES / name) for name in ("coastline-news_museum.txt", "quillport-gazette_museum.html")]
    assert runner.invoke(app, ["run", *museum, "--db", db, "--out", str(out)]).exit_code == 0
    (museum_page,) = out.glob("story-*.html")
    (museum_file,) = (out / "stories").glob("*.json")
    for path in (museum_page, museum_file):
        path.write_text(path.read_text(encoding="utf-8") + "<!-- read by a person -->", encoding="utf-8")
    gone = out / "stories" / "story-merged-away.json"
    gone.write_text("{}", encoding="utf-8")

    grown = runner.invoke(app, ["run", str(EXAMPLES), "--db", db, "--out", str(out)])
    assert grown.exit_code == 0, grown.output
    assert "1 stories updated" in grown.output
    assert museum_page.read_text(encoding="utf-8").endswith("<!-- read by a person -->")
    assert museum_file.read_text(encoding="utf-8").endswith("<!-- read by a person -->")
    assert len(list(out.glob("story-*.html"))) == 2 and len(list((out / "stories").glob("*.json"))) == 2
    assert not gone.exists()
    assert "Marrowby" in (out / "index.html").read_text(encoding="utf-8")
    assert len(json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"]) == 2
    # The table lists the story this run changed, and counts the rest.
    assert "Stories this run changed" in grown.output and "Marrowby" in grown.output
    assert "Halden Maritime Museum" not in grown.output and "and 1 other story" in grown.output

    again = runner.invoke(app, ["run", str(EXAMPLES), "--db", db, "--out", str(out), "--all-pages"])
    assert again.exit_code == 0, again.output
    assert "read by a person" not in museum_page.read_text(encoding="utf-8")
    assert Story.model_validate_json(museum_file.read_text(encoding="utf-8")).title


def test_show_and_export(demo: Path) -> None:
    story = next(s for s in stories_file(demo) if len(s.articles) == 2)
    shown = runner.invoke(app, ["show", story.id[:8], "--db", str(demo / "c.db")])
    assert shown.exit_code == 0, shown.output
    assert "Halden Maritime Museum" in shown.output
    as_json = runner.invoke(app, ["show", story.id, "--db", str(demo / "c.db"), "--json"])
    assert Story.model_validate_json(as_json.stdout).id == story.id
    missing = runner.invoke(app, ["show", "no-such-story", "--db", str(demo / "c.db")])
    assert missing.exit_code == 1

    exported = runner.invoke(app, ["export", "--csv", "--db", str(demo / "c.db")])
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    corroborated = [r for r in rows if r["finding"] == "corroborated"]
    assert corroborated and all(int(r["independent_origins"]) >= 2 for r in corroborated)
    assert {r["story"] for r in rows} == {s.id for s in stories_file(demo)}
    whole = runner.invoke(app, ["export", "--json", "--db", str(demo / "c.db")])
    exported_stories = [Story.model_validate(s) for s in json.loads(whole.stdout)["stories"]]
    assert exported_stories == stories_file(demo)  # every story, in full


def test_extract_json_gives_clean_text_and_metadata() -> None:
    page = EXAMPLES / "northern-wire_bridge.html"
    result = runner.invoke(app, ["extract", str(page), "--json"])
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    expected = EXPECTED["pages"]["northern-wire_bridge.html"]
    assert record["title"] == expected["title"]
    assert (record["outlet"], record["origin"], record["dateline"]) == (
        "Northern Wire",
        "Northern Wire",
        "MARROWBY",
    )
    assert all(sentence in record["text"] for sentence in expected["body_contains"])
    removed = " ".join(block["text"] for block in record["removed"])
    assert all(snippet in removed for snippet in expected["removed_contains"])


def test_analyze_text_offsets_are_into_the_text_as_given(tmp_path: Path) -> None:
    text = (
        "The Harbour Board met on Monday.\n\n"
        '"We will rebuild the pier by spring," harbour master Ines Varga said, adding that '
        "more than 3,000 people had signed a petition."
    )
    path = tmp_path / "clean.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--text", "--published", "2024-05-15T08:00:00+00:00"])
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    names = {e["key"]: e["name"] for e in analysis["entities"]}
    [quote] = [q for q in analysis["quotes"] if q["kind"] == "direct"]
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert "rebuild the pier" in quote["text"] and names[quote["speaker_entity"]] == "Ines Varga"
    figure = next(f for f in analysis["figures"] if f["value"] == 3000)
    assert (figure["bound"], text[figure["start"] : figure["end"]]) == ("more_than", figure["text"])
    monday = next(t for t in analysis["times"] if t["text"].endswith("Monday"))
    assert monday["value"] == "2024-05-13"


def test_schema_is_versioned() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["version"] == SCHEMA_VERSION
    assert {"articles", "claims", "figures", "quotes", "timeline"} <= set(schema["properties"])


def test_installed_command_reads_stdin(tmp_path: Path) -> None:
    line = json.dumps(
        {
            "id": "x1",
            "url": "https://news.example/a",
            "title": "Ferry service resumes in Quillport",
            "text": "QUILLPORT - The ferry service resumed on Monday after a week of storms. "
            "About 1,200 passengers crossed on the first day, the operator said. "
            '"We are glad to be back," captain Ana Ruiz said.',
            "published": "2024-05-20T09:00:00Z",
        }
    )
    exe = Path(sys.executable).with_name("corroborate")
    result = subprocess.run(
        [str(exe), "run", "-", "--db", str(tmp_path / "c.db"), "--out", str(tmp_path / "out")],
        input=line.encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "1 pages: 1 stored" in result.stdout.decode()
    assert (tmp_path / "out" / "stories.json").exists()


def test_analyze_spreads_a_corpus_over_workers_and_keeps_its_order(tmp_path: Path) -> None:
    # Past one batch the analysis runs in worker processes; the records must come back in
    # input order, a bad line keeping its place, exactly as one process makes them.
    lines = [
        json.dumps({"id": f"p{i}", "text": f"Mayor Ana Ruiz said {100 + i} homes were flooded on Monday."})
        for i in range(BATCH + 5)
    ]
    lines.insert(BATCH + 2, "{not json")
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = runner.invoke(app, ["analyze", str(path), "--text", "--workers", "1"])
    two = runner.invoke(app, ["analyze", str(path), "--text", "--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the bad line is reported, the rest analysed
    assert two.stdout == one.stdout
    records = [json.loads(line) for line in two.stdout.splitlines()]
    assert len(records) == BATCH + 6 and "error" in records[BATCH + 2]
    values = [r["figures"][0]["value"] for r in records if "error" not in r]
    assert values == [100 + i for i in range(BATCH + 5)]
