"""The flow over many pages: worker processes, and a site's template learnt from its pages."""

from __future__ import annotations

import json
from pathlib import Path

from corroborate.pipeline import BATCH, ingest
from corroborate.store import Store
from tests.quake_texts import LOCAL, MUSEUM, OTHER_QUAKE, REPUBLISHED, WIRE

PROMO = "The Harbour Times has reported on Quillport and its fishing fleet since 1921."
TOPICS = [
    ("Ferry timetable changes", "The ferry company will add two evening crossings to Eastvale from June."),
    ("Fish market moves", "The fish market will move to the old customs shed after the council vote."),
    (
        "Lighthouse repairs begin",
        "Workers began repairs on the north lighthouse, closed since the winter storm.",
    ),
    (
        "Harbour dredging approved",
        "The port authority approved dredging of the inner harbour for next spring.",
    ),
]


def site_pages(path: Path) -> Path:
    lines = []
    for n, (title, lead) in enumerate(TOPICS):
        body = (
            f"{lead} Officials said the plan had been discussed for months and residents were consulted "
            f"at two public meetings this year.\n\n{PROMO}\n\n"
            f"Harbour master Ines Varga said the work would not disrupt the fleet. Item {n}."
        )
        # As HTML: a JSON line's "text" is the article as given, kept whole (see below).
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        record = {
            "id": str(n),
            "url": f"https://www.harbourtimes.example/news/{n}",
            "title": title,
            "html": f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>",
        }
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_line_every_page_of_a_site_carries_is_its_template(tmp_path: Path) -> None:
    feed = site_pages(tmp_path / "harbour.jsonl")
    with Store(str(tmp_path / "c.db")) as store:
        result = ingest(store, [str(feed)], workers=1)
        assert (result.stored, result.errors) == (4, [])
        articles = store.articles()
    assert all(PROMO not in a.text for a in articles)
    assert all(PROMO in [block.text for block in a.removed] for a in articles)
    assert all("Harbour master Ines Varga said" in a.text for a in articles)


def test_worker_processes_give_the_same_articles_as_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(BATCH + 3):  # more than one batch, so the worker pool starts
        (folder / f"p{n:02}.txt").write_text(
            f"Council report number {n} is out\n\n"
            f"The Quillport council published its report number {n} on Monday. "
            f"It says {n + 10} streets need new lighting, at a cost of about {n + 2} million euros.\n\n"
            f'"We will start in the old town," councillor Marta Lind said on Monday.',
            encoding="utf-8",
        )
    with Store(str(tmp_path / "one.db")) as one, Store(str(tmp_path / "two.db")) as two:
        ingest(one, [str(folder)], workers=1)
        ingest(two, [str(folder)], workers=2)
        assert [a.model_dump() for a in one.articles()] == [a.model_dump() for a in two.articles()]
        assert one.count_articles() == BATCH + 3


def feed(path: Path, items: list[tuple[str, str, str]]) -> Path:
    """JSON lines of (id, published, text) pages, as a crawler's export would give them."""
    lines = [
        json.dumps({"id": pid, "title": text.split("\n")[0][:70], "text": text, "published": published})
        for pid, published, text in items
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_later_run_grows_the_stories_as_one_run_over_everything_would(tmp_path: Path) -> None:
    # A quake in January, another quake in April and a theft in June: the second run
    # brings January's follow-ups, months after the newest article in the store.
    first = [
        ("wire", "2025-01-14T08:00:00+00:00", WIRE),
        ("other-quake", "2025-04-03T09:00:00+02:00", OTHER_QUAKE),
        ("museum", "2025-06-20T18:00:00-04:00", MUSEUM),
    ]
    later = [
        ("republished", "2025-01-14T11:30:00+01:00", REPUBLISHED),
        ("local", "2025-01-15T07:00:00+00:00", LOCAL),
    ]
    with Store(str(tmp_path / "grown.db")) as grown, Store(str(tmp_path / "whole.db")) as whole:
        ingest(grown, [str(feed(tmp_path / "first.jsonl", first))], workers=1)
        result = ingest(grown, [str(feed(tmp_path / "later.jsonl", later))], workers=1)
        ingest(whole, [str(feed(tmp_path / "all.jsonl", first + later))], workers=1)

        def members(store: Store) -> list[list[str]]:
            return sorted(sorted(a.title for a in s.articles) for s in store.stories())

        assert members(grown) == members(whole)
        quake = next(s for s in grown.stories() if len(s.articles) == 3)
        assert result.stories == [quake.id]
        assert len(set(quake.origins.values())) == 2  # the wire and its republication count once
        # The index's summary of the grown story follows it; the others' stay as they were.
        listed = {s.id: (s.n_articles, len(s.origins)) for s in grown.summaries()}
        assert listed == {s.id: (len(s.articles), len(set(s.origins.values()))) for s in grown.stories()}
        assert listed[quake.id] == (3, 2)
