"""The same stories whoever runs the pure stages: one process, a pool of two, a Dask cluster of two."""

from __future__ import annotations

import gzip
import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from corroborate.pipeline import BATCH, RunResult, ingest
from corroborate.store import Store

EVENTS = [
    ("Quillport", "harbour crane", "Ines Varga", "harbour master"),
    ("Eastvale", "rail bridge", "Tomas Brink", "mayor"),
    ("Marrowby", "grain silo", "Agnes Holm", "fire chief"),
]


def corpus(path: Path, n: int) -> Path:
    """n invented JSON-line pages: three events told by many outlets, some pages repeated."""
    lines = []
    for i in range(n):
        town, thing, name, role = EVENTS[i % len(EVENTS)]
        text = (
            f"{town.upper()}, May {15 + i % 2} - A {thing} collapsed in {town} on Tuesday, "
            f"and {3 + i % len(EVENTS)} workers were hurt, officials said.\n\n"
            f'"We are checking every {thing} in the town," {role} {name} said. '
            f"Outlet {i} reported that about {40 + i} people were moved from nearby homes.\n\n"
            f"The {thing} had been inspected in {2019 + i % 3}, according to the council."
        )
        record = {
            "id": f"p{i}",
            "url": f"https://www.outlet{i % 7}.example/news/{i}",
            "title": f"{thing.capitalize()} collapses in {town}",
            "text": text,
            "published": f"2024-05-{15 + i % 2}T0{i % 10}:00:00Z",
        }
        lines.append(json.dumps(record))
    lines += lines[:3]  # a crawler's repeats: stored once
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stories(db: str) -> list[dict[str, object]]:
    with Store(db) as store:
        return [story.model_dump(mode="json") for story in store.stories()]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory.mktemp("feed") / "feed.jsonl", 2 * BATCH + 5)  # three batches


@pytest.fixture(scope="module")
def one_process(pages: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    db = str(tmp_path_factory.mktemp("one") / "c.db")
    with Store(db) as store:
        result = ingest(store, [str(pages)], workers=1)
        assert (result.stored, result.unchanged, result.errors) == (2 * BATCH + 5, 3, [])
    found = stories(db)
    assert len(found) == len(EVENTS)
    return found


def test_two_worker_processes_make_the_same_stories(
    pages: Path, one_process: list[dict[str, object]], tmp_path: Path
) -> None:
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        ingest(store, [str(pages)], workers=2)
    assert stories(db) == one_process


@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="dask.distributed is not installed"
)
def test_a_dask_cluster_of_two_workers_makes_the_same_stories(
    pages: Path, one_process: list[dict[str, object]], tmp_path: Path
) -> None:
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        result = ingest(store, [str(pages)], workers=2, dask="local")
        assert result.errors == []
    assert stories(db) == one_process


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as a desk keeps one: page files, JSON lines plain and gzipped, and a file that is no page."""
    folder = tmp_path_factory.mktemp("mixed")
    examples = Path(__file__).resolve().parents[1] / "examples"
    for page in sorted(examples.glob("*.htm*")) + sorted(examples.glob("*.txt")):
        shutil.copy(page, folder / page.name)
    corpus(folder / "feed.jsonl", BATCH + 9)
    (folder / "older.jsonl.gz").write_bytes(gzip.compress(corpus(folder / "x", 12).read_bytes()))
    (folder / "x").unlink()
    (folder / "scan.html").write_bytes(b"%PDF-1.7 not a page")
    return folder


def outcome(db: str, result: RunResult) -> tuple[object, ...]:
    with Store(db) as store, store.engine.connect() as conn:
        sources = sorted(conn.execute(text("SELECT source FROM pages")).scalars())
    errors = sorted((e.source, e.message) for e in result.errors)
    return result.stored, result.unchanged, errors, sources, stories(db)


@pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="dask.distributed is not installed"
)
def test_dask_workers_read_the_input_themselves_and_make_what_a_plain_run_makes(
    mixed: Path, tmp_path: Path
) -> None:
    plain, cluster = str(tmp_path / "plain.db"), str(tmp_path / "dask.db")
    with Store(plain) as store:
        expected = outcome(plain, ingest(store, [str(mixed)], workers=1))
    with Store(cluster) as store:
        found = outcome(cluster, ingest(store, [str(mixed)], workers=2, dask="local"))
    assert found == expected
    stored, unchanged, errors, sources, _ = found
    # the pages, the repeats across the plain and the gzipped file, and the scan: each as a plain run says
    assert stored > BATCH and unchanged >= 3 and [s for s, _ in errors] == [str(mixed / "scan.html")]
    assert f"{mixed / 'feed.jsonl'}:{BATCH + 1}" in sources  # a line's place is its line in the file


def test_pages_rendered_by_a_pool_are_the_pages_rendered_here(tmp_path: Path) -> None:
    from corroborate.views.output import RENDER_BATCH, write_output

    towns = [
        f"{a}{b}"
        for a in ("Kal", "Mor", "Ven", "Tas", "Ril", "Dun", "Oss")
        for b in ("by", "ford", "mouth", "wick", "ton")
    ]
    lines = []
    for i, town in enumerate(towns[: RENDER_BATCH + 3]):  # more stories than one batch: the pool renders
        text = (
            f"{town.upper()}, June {1 + i % 28} - A warehouse fire in {town} injured {i + 2} people, "
            f'its fire brigade said.\n\n"The {town} fire is out," chief officer {town}son said on the day.'
        )
        lines.append(
            json.dumps(
                {
                    "id": town,
                    "url": f"https://{town.lower()}.example/fire",
                    "text": text,
                    "title": f"Fire in {town}",
                    "published": f"2024-06-{1 + i % 28:02d}T10:00:00Z",
                }
            )
        )
    feed = tmp_path / "fires.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(str(tmp_path / "c.db")) as store:
        ingest(store, [str(feed)], workers=1)
        here = write_output(store, tmp_path / "here", workers=1)
        pooled = write_output(store, tmp_path / "pooled", workers=2)
    assert len(here.written) == len(pooled.written) > RENDER_BATCH and not here.errors and not pooled.errors
    for folder in ("", "stories"):
        names = sorted(p.name for p in (tmp_path / "here" / folder).glob("story-*"))
        assert names == sorted(p.name for p in (tmp_path / "pooled" / folder).glob("story-*"))
        for name in names:
            assert (tmp_path / "here" / folder / name).read_bytes() == (
                tmp_path / "pooled" / folder / name
            ).read_bytes()
