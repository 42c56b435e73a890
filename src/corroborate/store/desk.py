"""The desk's own data: users with hashed tokens, and marks on findings.

A finding is named by its kind and the first span of evidence it stands on
(`claim:<article>:<start>-<end>`). A mark is matched to today's findings by that
span, so it survives a later run that adds articles to the story, rebuilds it, or
moves the article into another story; a mark whose finding is gone is still kept
and shown as such.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import Engine, RowMapping, select
from sqlalchemy.exc import IntegrityError

from corroborate.model import Evidence, Story
from corroborate.store.desk_tables import desk_marks, desk_users
from corroborate.text.dates import as_utc

FindingKind = Literal["conflict", "claim", "figure", "quote", "event"]
MarkStatus = Literal["verified", "disputed", "wrong"]
MARK_STATUSES: tuple[MarkStatus, ...] = ("verified", "disputed", "wrong")
_KEY = re.compile(r"(conflict|claim|figure|quote|event):([0-9A-Za-z_.:-]{1,64}):(\d{1,9})-(\d{1,9})")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._@-]{0,79}")


class DeskError(ValueError):
    """Bad input to the desk (unknown finding, bad name); the message says what."""


class Mark(BaseModel):
    id: int
    finding: str = Field(description="the finding's key: kind:article:start-end")
    kind: FindingKind
    article: str
    start: int
    end: int
    story: str | None = Field(description="the story the finding was in when marked")
    finding_text: str = Field(description="what the finding said when it was marked")
    status: MarkStatus
    note: str
    user: str
    created: datetime


@dataclass
class Finding:
    """One finding of a story as the desk marks it."""

    key: str
    kind: FindingKind
    text: str
    evidence: list[Evidence]
    marks: list[Mark] = field(default_factory=list)

    @property
    def status(self) -> MarkStatus | None:
        return self.marks[-1].status if self.marks else None


def finding_key(kind: FindingKind, evidence: Sequence[Evidence]) -> str | None:
    if not evidence:
        return None
    first = min(evidence, key=lambda e: (e.article, e.start, e.end))
    return f"{kind}:{first.article}:{first.start}-{first.end}"


def parse_key(key: str) -> tuple[FindingKind, str, int, int]:
    match = _KEY.fullmatch(key)
    if not match:
        raise DeskError(f"not a finding key: {key[:80]!r} (expected kind:article:start-end)")
    kind: FindingKind = match[1]  # type: ignore[assignment]
    return kind, match[2], int(match[3]), int(match[4])


def story_findings(story: Story) -> list[Finding]:
    """Every finding of the story with evidence: conflicts, claims, figure comparisons, shared quotes,
    dated events."""
    raw: list[tuple[FindingKind, str, list[Evidence]]] = []
    raw += [("conflict", f"{c.slot}: {' against '.join(c.values)}", c.evidence) for c in story.conflicts]
    raw += [("claim", c.text, c.evidence) for c in story.claims]
    for comp in story.figures:
        label = f"{comp.counted}{f' ({comp.unit})' if comp.unit else ''}: {comp.verdict}"
        raw.append(("figure", label, [r.evidence for r in comp.reports]))
    raw += [("quote", f"{q.speaker or 'Unattributed'}: {q.text}", q.evidence) for q in story.quotes]
    raw += [("event", f"{e.date}: {e.text}", e.evidence) for e in story.timeline]
    out: list[Finding] = []
    seen: set[str] = set()
    for kind, text, evidence in raw:
        key = finding_key(kind, evidence)
        if key and key not in seen:
            seen.add(key)
            out.append(Finding(key, kind, text, list(evidence)))
    return out


def attach_marks(findings: Sequence[Finding], marks: Iterable[Mark]) -> list[Mark]:
    """Put each mark on its finding (by its span, then by overlap); return the marks left over."""
    exact = {(f.kind, e.article, e.start, e.end): f for f in findings for e in f.evidence}
    left: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.created, m.id)):
        found = exact.get((mark.kind, mark.article, mark.start, mark.end))
        if found is None:
            # The story was rebuilt and the finding now stands on a longer or shorter span of that sentence.
            found = next(
                (
                    f
                    for f in findings
                    if f.kind == mark.kind
                    and any(e.article == mark.article and e.start < mark.end and mark.start < e.end
                            for e in f.evidence)
                ),
                None,
            )  # fmt: skip
        if found is None:
            left.append(mark)
        else:
            found.marks.append(mark)
    return left


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Desk:
    """Users and marks, on the store's engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add_user(self, name: str) -> str:
        """Add a user; return their token (shown once: only its hash is stored)."""
        if not _NAME.fullmatch(name):
            raise DeskError("a user name is 1-80 letters, digits, spaces or ._@- and starts with one")
        token = secrets.token_urlsafe(32)
        row = {"name": name, "token_hash": hash_token(token), "created": datetime.now(UTC)}
        try:
            with self.engine.begin() as conn:
                conn.execute(desk_users.insert().values(**row))
        except IntegrityError as exc:
            raise DeskError(f"there is already a user called {name!r}") from exc
        return token

    def user_for_token(self, token: str | None) -> str | None:
        if not token or len(token) > 200:
            return None
        query = select(desk_users.c.name).where(desk_users.c.token_hash == hash_token(token))
        with self.engine.connect() as conn:
            name = conn.execute(query).scalar()
        return str(name) if name is not None else None

    def users(self) -> list[str]:
        with self.engine.connect() as conn:
            return [
                str(n) for n in conn.execute(select(desk_users.c.name).order_by(desk_users.c.name)).scalars()
            ]

    def add_mark(self, story: Story, key: str, status: str, note: str, user: str) -> Mark:
        """Mark one of the story's findings; a finding may be marked again (the latest mark counts)."""
        if status not in MARK_STATUSES:
            raise DeskError(f"status must be one of {', '.join(MARK_STATUSES)}")
        if len(note) > 4000:
            raise DeskError("a note is at most 4000 characters")
        finding = next((f for f in story_findings(story) if f.key == key), None)
        if finding is None:
            raise DeskError(f"story {story.id} has no finding {key[:120]!r}")
        kind, article, start, end = parse_key(key)
        row = {
            "finding": key,
            "kind": kind,
            "article_id": article,
            "start": start,
            "end": end,
            "story_id": story.id,
            "finding_text": finding.text,
            "status": status,
            "note": note,
            "user_name": user,
            "created": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            new_id = conn.execute(desk_marks.insert().values(**row)).inserted_primary_key[0]  # type: ignore[index]
        return self.marks(ids=[int(new_id)])[0]

    def marks(
        self,
        *,
        articles: Sequence[str] | None = None,
        ids: Sequence[int] | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Mark]:
        """Marks in the order they were made: all, on these articles, with these ids, or since a time."""
        query = select(desk_marks).order_by(desk_marks.c.created, desk_marks.c.id)
        if articles is not None:
            query = query.where(desk_marks.c.article_id.in_(list(articles)))
        if ids is not None:
            query = query.where(desk_marks.c.id.in_(list(ids)))
        if since is not None:
            query = query.where(desk_marks.c.created >= since)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [_mark(row._mapping) for row in conn.execute(query)]


def _mark(row: RowMapping) -> Mark:
    created = row["created"]
    return Mark(
        id=row["id"],
        finding=row["finding"],
        kind=row["kind"],
        article=row["article_id"],
        start=row["start"],
        end=row["end"],
        story=row["story_id"],
        finding_text=row["finding_text"],
        status=row["status"],
        note=row["note"],
        user=row["user_name"],
        created=as_utc(created),
    )


def marks_text(marks: Iterable[Mark]) -> str:
    """Marks in one line, for a CSV cell: 'verified by ann 2026-12-03: note | ...'."""
    parts = []
    for m in marks:
        note = f": {m.note}" if m.note else ""
        parts.append(f"{m.status} by {m.user} {m.created:%Y-%m-%d %H:%M}{note}")
    return " | ".join(parts)
