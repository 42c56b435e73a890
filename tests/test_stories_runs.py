"""Stories as a run assigns them: short JSON-line articles are never left out; a stretch of a
run can weigh its terms as the whole span does."""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.pipeline import ingest
from corroborate.store import Store
from corroborate.stories import cluster
from corroborate.stories.features import document_counts
from tests.builders import article

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


TOPIC = "Okafor campaign rally before the Velmont primary."
POLL = article(
    "poll0001aaaaaaaaaaaa",
    TOPIC + " A new poll puts her eight points ahead among likely voters, with undecided voters "
    "breaking her way, the pollster said on Tuesday after surveying households.",
    title="Okafor ahead in new poll",
    published="2031-05-04T09:00:00Z",
)
SPRAY = article(
    "spray002bbbbbbbbbbbb",
    TOPIC + " Police detained a man who sprayed pepper spray into the crowd outside the hall; "
    "two people were treated by paramedics at the scene.",
    title="Pepper spray at Okafor rally",
    published="2031-05-04T15:00:00Z",
)
SPRAY_AGAIN = article(
    "spray003dddddddddddd",
    "Paramedics treated two people after a man sprayed pepper spray into the crowd outside the hall "
    "where Okafor held her rally; police detained him at the scene.",
    title="Man detained after pepper spray at Okafor rally",
    published="2031-05-04T18:00:00Z",
)
# The rest of the span a run reads: a week of the same campaign's coverage.
CAMPAIGN = [
    article(
        f"ward{n:03d}eeeeeeeeeeeeee",
        TOPIC + f" Volunteers knocked on doors in ward {n}.",
        title=f"Okafor campaign in ward {n}",
        published="2031-05-03T10:00:00Z",
    )
    for n in range(100)
]


def test_a_stretch_weighs_a_dense_topics_words_as_the_whole_run_does() -> None:
    # Alone, the poll and the pepper spray share the campaign's words and look like one event;
    # weighed by the run's whole span, where every article names the campaign, they do not,
    # while two reports of the pepper spray still make one story.
    assert cluster([POLL, SPRAY], {})[SPRAY.id] == cluster([POLL, SPRAY], {})[POLL.id]
    context = document_counts([POLL, SPRAY, SPRAY_AGAIN, *CAMPAIGN])
    stories = cluster([POLL, SPRAY, SPRAY_AGAIN], {}, context=context)
    assert stories[SPRAY.id] != stories[POLL.id]
    assert stories[SPRAY.id] == stories[SPRAY_AGAIN.id]
