"""Settings: listed by `corroborate settings`, changed for one command with --setting, and felt by the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.extract import TemplateIndex
from corroborate.model import Article
from corroborate.settings import ExtractSettings, SettingError, Settings, knobs, parse_settings

from .conftest import EXAMPLES

runner = CliRunner()


def test_settings_lists_every_knob_with_its_value_default_and_help() -> None:
    result = runner.invoke(app, ["settings", "--json", "--setting", "stories.chunk_days=3"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert set(rows) == {k.name for k in knobs()}
    assert rows["stories.chunk_days"]["value"] == 3.0 and rows["stories.chunk_days"]["default"] == 14.0
    assert all(row["help"] for row in rows.values())


@pytest.mark.parametrize(
    ("assignment", "said"),
    [
        ("stories.thresold=0.4", "no such setting"),
        ("stories.threshold=high", "not a number"),
        ("x", "NAME=VALUE"),
    ],
)
def test_a_bad_setting_is_refused_by_name(assignment: str, said: str) -> None:
    result = runner.invoke(app, ["run", str(EXAMPLES), "--setting", assignment, "--db", "unused.db"])
    assert result.exit_code == 2
    assert said in " ".join(result.output.replace("│", " ").split())  # rich wraps the message in a box
    with pytest.raises(SettingError):
        parse_settings([assignment])


def test_parse_settings_changes_only_what_it_names() -> None:
    settings = parse_settings(["stories.threshold=0.45", "extract.template_pages=5"])
    assert settings.stories.threshold == 0.45 and settings.extract.template_pages == 5
    assert settings.pages == Settings().pages
    assert parse_settings(["stories.threshold=none"]).stories.threshold is None


def _run(tmp_path: Path, *options: str) -> list[list[str]]:
    out = tmp_path / "out"
    args = ["run", str(EXAMPLES), "--db", str(tmp_path / "c.db"), "--out", str(out), *options]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    index = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    stories = [json.loads((out / s["file"]).read_text(encoding="utf-8")) for s in index["stories"]]
    return sorted(sorted(Path(a["source"]).name for a in s["articles"]) for s in stories)


def test_a_stricter_story_threshold_splits_the_examples_stories(tmp_path: Path) -> None:
    default = _run(tmp_path / "default")
    strict = _run(tmp_path / "strict", "--setting", "stories.threshold=0.999")
    assert len(strict) > len(default)
    # Every strict story lies inside one of the default's: a higher bar only splits.
    assert all(any(set(s) <= set(d) for d in default) for s in strict)


def _site_article(n: int) -> Article:
    text = (
        f"Story number {n} is about the bridge and its repairs in week {n}.\n\nShare this article by email."
    )
    return Article(
        id=f"a{n}", source=f"p{n}.html", url=f"https://paper.example/{n}", title=f"Story {n}", text=text
    )


def test_template_settings_decide_what_counts_as_a_sites_template() -> None:
    articles = [_site_article(n) for n in range(4)]
    default, strict = TemplateIndex(), TemplateIndex(ExtractSettings(template_pages=10))
    for article in articles:
        default.add(article)
        strict.add(article)
    assert "Share this article" not in default.strip(articles[0]).text
    assert "Share this article" in strict.strip(articles[0]).text


def _desk_stories(tmp_path: Path, *assignments: str) -> int:
    """Stories the desk's API ingest makes of the examples' two museum reports, under `--setting`s."""
    from starlette.testclient import TestClient

    from corroborate.serve.app import create_app
    from corroborate.store import Store
    from corroborate.store.desk import Desk

    db = str(tmp_path / "desk.db")
    with Store(db) as store:
        token = Desk(store.engine).add_user("ann")
    app = create_app(db, settings=parse_settings(list(assignments)))
    with TestClient(app) as client:
        for name in ("quillport-gazette_museum.html", "coastline-news_museum.txt"):
            page = (EXAMPLES / name).read_bytes()
            ran = client.post("/api/pages", content=page, headers={"Authorization": f"Bearer {token}"})
            assert ran.status_code == 200, ran.text
    with Store(db) as store:
        return store.count_stories()


def test_the_desk_ingests_with_its_settings(tmp_path: Path) -> None:
    assert _desk_stories(tmp_path / "default") == 1
    assert _desk_stories(tmp_path / "strict", "stories.threshold=0.999") == 2
    refused = runner.invoke(app, ["serve", "--setting", "stories.thresold=0.4", "--db", "unused.db"])
    assert refused.exit_code == 2 and "no such setting" in " ".join(refused.output.replace("│", " ").split())
