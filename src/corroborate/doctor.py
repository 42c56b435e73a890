"""`corroborate doctor`: is the store sound, is every article in a story, is the output current?

Each check says what it found and what the next `corroborate run` will repair;
nothing here writes. A clean store and output give no problem at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from corroborate.store import Store
from corroborate.store.health import check
from corroborate.summaries import STORY_FILES
from corroborate.text.dates import as_utc


@dataclass
class Finding:
    check: str
    ok: bool
    detail: str
    repair: str = ""  # what `run` will do about it ("" when it needs a person)


def diagnose(store: Store, out: Path | None) -> list[Finding]:
    health = check(store.engine)
    found = [
        Finding(
            "database",
            health.integrity in ("ok", "not checked"),
            f"integrity {health.integrity}; schema version {store.schema_version}; "
            f"{health.articles} articles, {health.stories} stories",
            "" if health.integrity in ("ok", "not checked") else "restore the store from a backup",
        ),
        Finding(
            "articles in a story",
            not health.unassigned,
            f"{len(health.unassigned)} articles in no story" + _some(health.unassigned),
            "run clusters them into stories",
        ),
        Finding(
            "stories built",
            not (health.pending or health.unbuilt),
            _pending(health.pending, health.unbuilt),
            "run builds them again",
        ),
        Finding(
            "story records",
            not (health.empty or health.unsummarised),
            f"{len(health.empty)} stories without articles, {len(health.unsummarised)} without a summary",
            "run builds the stories it is given again; --all-pages rewrites every file",
        ),
        Finding(
            "runs finished",
            # What a killed run stored is finished by any later run (the checks above); only the
            # pages it never reached are not in the store: running its inputs again takes them.
            True,
            f"{len(health.unfinished_runs)} runs never finished (killed, or running now)"
            + _some([str(r) for r in health.unfinished_runs])
            + (
                "; what they stored is kept, run their inputs again for pages they did not reach"
                if health.unfinished_runs
                else ""
            ),
        ),
        Finding(
            "pages not taken",
            True,  # a page that holds no article is the page's fault, not the store's
            f"{len(health.failed_pages)} recent pages not taken (latest first)"
            + "".join(f"\n  {src}: {stage}: {msg}" for src, stage, msg in health.failed_pages[:5]),
        ),
    ]
    if out is not None:
        found.append(_output(store, out))
    return found


def _output(store: Store, out: Path) -> Finding:
    """Every story's file and page present, readable and as new as the story in the store."""
    summaries = store.summaries()
    saved = store.story_times()
    missing, stale, unreadable = [], [], []
    for summary in summaries:
        file, page = out / summary.file, out / summary.page
        if not file.is_file() or not page.is_file():
            missing.append(summary.id)
            continue
        when = saved.get(summary.id)
        when = as_utc(when) if when else None
        modified = datetime.fromtimestamp(min(file.stat().st_mtime, page.stat().st_mtime), UTC)
        if when and modified < when:
            stale.append(summary.id)
            continue
        try:
            if json.loads(file.read_text(encoding="utf-8")).get("id") != summary.id:
                unreadable.append(summary.id)
        except (ValueError, OSError):
            unreadable.append(summary.id)
    listed = _listed(out)
    extra = sorted(
        {p.name for p in (out / STORY_FILES).glob("story-*.json")} - {Path(s.file).name for s in summaries}
    )
    problems = missing or stale or unreadable or extra or listed != {s.id for s in summaries}
    return Finding(
        f"output in {out}",
        not problems,
        f"{len(summaries)} stories: {len(missing)} files missing, {len(stale)} out of date, "
        f"{len(unreadable)} unreadable, {len(extra)} of stories no longer in the store; "
        f"index {'current' if listed == {s.id for s in summaries} else 'out of date'}"
        + _some(missing + stale + unreadable),
        f"run --out {out} writes them again",
    )


def _listed(out: Path) -> set[str] | None:
    try:
        index = json.loads((out / "stories.json").read_text(encoding="utf-8"))
        return {entry["id"] for entry in index["stories"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _pending(pending: list[tuple[str, int, str | None]], unbuilt: list[str]) -> str:
    failed = [(sid, n, err) for sid, n, err in pending if n]
    text = f"{len(pending)} stories waiting to be built, {len(failed)} of them failed"
    text += "".join(f"\n  {sid}: failed {n}x: {err}" for sid, n, err in failed[:5])
    if unbuilt:
        text += f"; {len(unbuilt)} with articles but never built" + _some(unbuilt)
    return text


def _some(items: list[str], n: int = 5) -> str:
    if not items:
        return ""
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return ": " + ", ".join(items[:n]) + more
