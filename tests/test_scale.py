"""Memory that does not grow with the run: what a run keeps of each story it writes."""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path

from corroborate.pipeline import ingest
from corroborate.store import Store


def fires(path: Path, n: int) -> Path:
    """n invented pages, each its own story (a fire in a different town on a different day)."""
    towns = [
        f"{a}{b}" for a in ("Kal", "Mor", "Ven", "Tas", "Ril", "Dun", "Oss") for b in ("by", "ford", "wick")
    ]
    lines = []
    for i, town in enumerate(towns[:n]):
        text = (
            f"{town.upper()}, June {1 + i % 28} - A warehouse fire in {town} injured {i + 2} people, "
            f'its fire brigade said.\n\n"The {town} fire is out," chief officer {town}son said on the day. '
            f"About {30 + i} residents were moved from {town} harbour overnight, the council said."
        )
        record = {
            "id": town,
            "url": f"https://{town.lower()}.example/fire",
            "text": text,
            "title": f"Fire in {town}",
            "published": f"2024-06-{1 + i % 28:02d}T10:00:00Z",
        }
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_run_keeps_a_line_per_story_it_writes_not_the_story(tmp_path: Path) -> None:
    # A first run over a large feed writes thousands of stories; it used to keep each one whole
    # (articles, analyses, claims) to print its table, 1.9 GB at 10,000 pages.
    from corroborate.views.output import write_output

    with Store(str(tmp_path / "c.db")) as store:
        ingest(store, [str(fires(tmp_path / "fires.jsonl", 20))], workers=1)
        write_output(store, tmp_path / "warm", workers=1)  # templates and caches load once, not per story
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            output = write_output(store, tmp_path / "out", workers=1)
            gc.collect()
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
    assert len(output.written) == 20 and not output.errors
    assert all(line.title.startswith("Fire in ") and line.counts[0] == 1 for line in output.written)
    assert kept / len(output.written) < 2_000  # bytes per story: its table row, not the story
