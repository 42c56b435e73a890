"""Export the store's stories: the story files as JSON, or the findings as CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from corroborate.model import SCHEMA_VERSION, Evidence, Story
from corroborate.store.desk import FindingKind, Mark, attach_marks, finding_key, marks_text, story_findings
from corroborate.summaries import StorySummary
from corroborate.views.story_parts import claim_group

CSV_COLUMNS = [
    "story",
    "story_title",
    "finding",
    "text",
    "verdict",
    "independent_origins",
    "articles",
    "outlets",
    "evidence",
    "marks",  # the desk's marks on the finding (corroborate serve)
]


_CLAIM_KINDS = {
    "corroborated": "corroborated",
    "disputed": "disputed",
    "possibly": "possibly_elsewhere",
    "single": "single_source",
}


def write_json(stories: Iterable[Story], out: TextIO, marks: Sequence[Mark] = ()) -> int:
    """Write {"schema_version", "stories": [...]} and the desk's "marks" if any; return how many stories."""
    records = [json.loads(story.model_dump_json()) for story in stories]
    document: dict[str, object] = {"schema_version": SCHEMA_VERSION, "stories": records}
    if marks:
        document["marks"] = _marks_json(records, marks)
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(records)


def write_index(summaries: Iterable[StorySummary], out: TextIO) -> int:
    """Write {"schema_version", "stories": [each story in brief, with its file]}; return how many."""
    records = [json.loads(summary.model_dump_json()) for summary in summaries]
    json.dump({"schema_version": SCHEMA_VERSION, "stories": records}, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(records)


def _evidence(evidence: Iterable[Evidence]) -> str:
    return " | ".join(f"{e.article[:12]}:{e.start}-{e.end}" for e in evidence)


def _inferred(story_date: str | None) -> str:
    return f" (inferred: undated article read as of {story_date})" if story_date else ""


def write_csv(stories: Iterable[Story], out: TextIO, marks: Sequence[Mark] = ()) -> int:
    """One row per finding (claim, figure report, shared quote, timeline event); return rows written."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    rows = 0
    for story in stories:
        outlet_of = {a.id: a.outlet or a.source for a in story.articles}
        base = {"story": story.id, "story_title": story.title}
        noted = _marked(story, marks)

        def outlets(ids: Iterable[str], outlet_of: dict[str, str] = outlet_of) -> str:
            return "; ".join(sorted({outlet_of.get(i, i) for i in ids}))

        for claim in story.claims:
            # As the page groups it: a close sentence elsewhere is not known to be single-source.
            kind = _CLAIM_KINDS[claim_group(claim)]
            writer.writerow(
                base
                | {
                    "finding": kind,
                    "text": claim.text,
                    "independent_origins": len(claim.origins),
                    "articles": len(claim.articles),
                    "outlets": outlets(claim.articles),
                    "evidence": _evidence(claim.evidence),
                    "marks": _note(noted, "claim", claim.evidence),
                }
            )
            rows += 1
        for comparison in story.figures:
            for report in comparison.reports:
                writer.writerow(
                    base
                    | {
                        "finding": "figure",
                        "text": f"{report.evidence.text} [{comparison.counted}]",
                        "verdict": comparison.verdict,
                        "independent_origins": len({r.origin for r in comparison.reports}),
                        "articles": 1,
                        "outlets": outlets([report.article]),
                        "evidence": _evidence([report.evidence]),
                        "marks": _note(noted, "figure", [r.evidence for r in comparison.reports]),
                    }
                )
                rows += 1
        for quote in story.quotes:
            writer.writerow(
                base
                | {
                    "finding": "quote",
                    "text": f"{quote.speaker or 'unknown'}: {quote.text}",
                    "verdict": "identical" if quote.identical else "wording differs",
                    "independent_origins": len(quote.origins),
                    "articles": len(quote.articles),
                    "outlets": outlets(quote.articles),
                    "evidence": _evidence(quote.evidence),
                    "marks": _note(noted, "quote", quote.evidence),
                }
            )
            rows += 1
        for event in story.timeline:
            writer.writerow(
                base
                | {
                    "finding": "timeline",
                    "text": f"{event.date}{_inferred(event.inferred_from)}: {event.text}",
                    "articles": len(event.articles),
                    "outlets": outlets(event.articles),
                    "evidence": _evidence(event.evidence),
                    "marks": _note(noted, "event", event.evidence),
                }
            )
            rows += 1
    return rows


def _marked(story: Story, marks: Sequence[Mark]) -> dict[str, str]:
    """The desk's marks on each of the story's findings, as one line per finding key."""
    if not marks:
        return {}
    ids = {a.id for a in story.articles}
    findings = story_findings(story)
    attach_marks(findings, [m for m in marks if m.article in ids])
    return {f.key: marks_text(f.marks) for f in findings if f.marks}


def _note(noted: dict[str, str], kind: FindingKind, evidence: Sequence[Evidence]) -> str:
    return noted.get(finding_key(kind, evidence) or "", "")


def _marks_json(records: Sequence[dict[str, object]], marks: Sequence[Mark]) -> list[object]:
    """Every mark, with the story its article is in now (`story` is the one it was marked in)."""
    story_of = {
        str(a["id"]): str(r["id"])
        for r in records
        for a in r["articles"]  # type: ignore[attr-defined]
    }
    return [json.loads(m.model_dump_json()) | {"current_story": story_of.get(m.article)} for m in marks]
