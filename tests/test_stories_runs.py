"""Stories as a run assigns them: short articles given as JSON lines are never left out."""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.pipeline import ingest
from corroborate.store import Store

SHORT = [
    ("Quake hits Marovia", "A quake shook Marovia on Monday.", "2031-03-03T08:00:00Z"),
    ("Marovia quake", "Marovia was shaken by a strong quake.", "2031-03-03"),
    ("Dunmore museum theft", "Thieves took a painting from Dunmore's museum.", None),
    ("Ferry strike", "Ferry crews struck.", ""),
]


def test_every_short_article_given_as_json_lines_is_stored_and_in_a_story(tmp_path: Path) -> None:
    # Wire-like articles of a line or less, dated as a user writes dates (or not at all).
    path = tmp_path / "short.jsonl"
    rows = [
        {"id": str(n), "url": f"https://news.example/{n}", "title": title, "text": text, "published": day}
        for n, (title, text, day) in enumerate(SHORT)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Store(str(tmp_path / "run.db")) as store:
        result = ingest(store, [str(path)], workers=1)
        stories = store.assignments()
        urls = {a.url: a.id for a in store.each_article()}
    assert result.errors == []
    assert sorted(urls) == sorted(r["url"] for r in rows)
    assert all(aid in stories for aid in urls.values())
    assert stories[urls["https://news.example/0"]] != stories[urls["https://news.example/2"]]
