"""Quotes and speakers of `language.analyze` on PolNeAR v1.0 (brat Source/Cue/Content), per quote piece.

Run: .venv/bin/python benchmarks/language_quotes.py [--split dev|train] [--folds K] [--show N]

Counted plainly, one count per Quote record (a "piece"), as the issue's
out-of-sample scorer does. Since session 9 the language stage gives a quotation
split by its attribution ('"A," he said, "B."') as one record whose start/end run
from its first quoted word to its last (its `pieces` hold the quoted words), so
it is one piece here, as PolNeAR annotates it; before, its parts were two pieces.
- Tokens are \\w+ runs. A piece *covers* a gold Content when it holds at least
  half of that Content's tokens by itself.
- Precision: pieces that cover some gold Content / all pieces.
- Recall: gold Contents that some single piece covers / all gold Contents;
  "quoted" restricts to Contents holding a quotation mark.
- Speaker (mention): of covered gold Contents that have a Source, the
  covering piece's speaker mention overlaps the gold Source. When several
  pieces cover one Content, the one with the most of its tokens is scored
  (ties: the first by position).
- Speaker (entity): the same Contents whose gold Source is a name or noun
  phrase (not a pronoun): the piece resolves to an entity, and some mention of
  that entity overlaps the gold Source. A wrong or missing canonical entity
  fails here even when the mention string overlaps.
Texts annotated twice are scored on one annotation (the first by file name).

With --folds K (train split): the articles are split into K folds by a hash of
their name and the figures are printed per fold with the folds' mean and
spread (population standard deviation). `tools/train_quotes.py` uses the same
folds and counts to choose the learned parts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from corroborate.language import analyze
from corroborate.model import Analysis, Mention, Quote

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "polnear"
L3S = DATA.parent / "l3s-gn1" / "ground-truth.json"
L3S_JUDGED = Path(__file__).resolve().parent / "data" / "l3s_speakers.tsv"
_QUOTE_MARKS = re.compile('["“”]')
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "whom"}

Tok = tuple[int, int]


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    text: str


@dataclass
class Doc:
    name: str
    text: str
    published: datetime | None
    golds: list[Gold]


@dataclass
class Counts:
    pieces: int = 0
    pieces_ok: int = 0
    pieces_split_ok: int = 0
    gold: int = 0
    gold_hit: int = 0
    quoted: int = 0
    quoted_hit: int = 0
    sourced: int = 0
    speaker_ok: int = 0
    named: int = 0
    entity_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def metrics(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "precision": r(self.pieces_ok, self.pieces),
            "precision_split": r(self.pieces_split_ok, self.pieces),
            "recall_quoted": r(self.quoted_hit, self.quoted),
            "recall_all": r(self.gold_hit, self.gold),
            "speaker": r(self.speaker_ok, self.sourced),
            "entity": r(self.entity_ok, self.named),
        }


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    texts: dict[str, str] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _, _, where = cols[1].partition(" ")
            spans[cols[0]] = _spans(where)
            texts[cols[0]] = cols[2] if len(cols) > 2 else ""
        elif line.startswith("E") and len(cols) >= 2:
            rels.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    out: list[Gold] = []
    for rel in rels:
        if "Content" in rel and rel["Content"] in spans:
            src = spans.get(rel.get("Source", ""), [])
            out.append(Gold(spans[rel["Content"]], src, texts[rel["Content"]]))
    return out


def load_docs(split: str) -> list[Doc]:
    root = DATA / split
    seen: set[str] = set()
    docs: list[Doc] = []
    for ann in sorted((root / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen:
            continue
        seen.add(name)
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        date = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
        published = datetime.fromisoformat(date.group(1)).replace(tzinfo=UTC) if date else None
        docs.append(Doc(name, text, published, read_ann(ann)))
    return docs


def fold_of(name: str, k: int) -> int:
    """A stable fold per article (split by article: no text is in two folds)."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % k


def tokens(text: str, spans: Iterable[tuple[int, int]]) -> list[Tok]:
    return [(s + m.start(), s + m.end()) for s, e in spans for m in re.finditer(r"\w+", text[s:e])]


def held(q: Quote, toks: Sequence[Tok]) -> int:
    return sum(1 for s, e in toks if s >= q.start and e <= q.end)


def covers(q: Quote, toks: Sequence[Tok]) -> bool:
    return bool(toks) and held(q, toks) * 2 >= len(toks)


def _overlaps(spans: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> bool:
    gold = list(gold)
    return any(s < ge and gs < e for s, e in spans for gs, ge in gold)


def piece_labels(doc: Doc, quotes: Sequence[Quote]) -> list[bool]:
    """Per piece: does it cover some gold Content by itself."""
    toks = [tokens(doc.text, g.content) for g in doc.golds]
    return [any(covers(q, t) for t in toks) for q in quotes]


def split_labels(doc: Doc, quotes: Sequence[Quote]) -> list[bool]:
    """Per piece: it covers a gold Content, or it is a piece of a split quotation that was found: half of
    its own tokens lie inside a gold Content that the pieces sharing its cue cover together."""
    toks = [tokens(doc.text, g.content) for g in doc.golds]
    out = []
    for q in quotes:
        group = [p for p in quotes if q.cue_span is not None and p.cue_span == q.cue_span] or [q]
        own = tokens(doc.text, [(q.start, q.end)])
        ok = any(covers(q, t) for t in toks)
        for t in toks if not ok else []:
            together = sum(1 for s, e in t if any(p.start <= s and e <= p.end for p in group)) * 2 >= len(t)
            gold = set(t)
            if t and together and own and sum(1 for x in own if x in gold) * 2 >= len(own):
                ok = True
                break
        out.append(ok)
    return out


def score(doc: Doc, analysis: Analysis, keep: Sequence[bool] | None = None) -> tuple[Counts, list[str]]:
    """Counts for one article, and lines describing its errors ('-' miss, '+' false piece, 's' speaker)."""
    quotes = [q for k, q in enumerate(analysis.quotes) if keep is None or keep[k]]
    text = doc.text
    c = Counts()
    notes: list[str] = []
    for q, ok, split_ok in zip(quotes, piece_labels(doc, quotes), split_labels(doc, quotes), strict=True):
        c.pieces += 1
        c.pieces_ok += ok
        c.pieces_split_ok += split_ok
        if not ok:
            notes.append(f"+ {doc.name}: {q.speaker!r} {q.cue!r} | {q.text[:150]!r}")
    for g in doc.golds:
        toks = tokens(text, g.content)
        if not toks:
            continue
        quoted = bool(_QUOTE_MARKS.search(text[g.content[0][0] : g.content[-1][1]]))
        c.gold += 1
        c.quoted += quoted
        covering = [q for q in quotes if covers(q, toks)]
        if not covering:
            notes.append(f"- {'Q' if quoted else ' '} {doc.name}: {g.text[:150]!r}")
            continue
        c.gold_hit += 1
        c.quoted_hit += quoted
        if not g.source:
            continue
        best = max(covering, key=lambda q: held(q, toks))
        c.sourced += 1
        mention = [(best.speaker_span.start, best.speaker_span.end)] if best.speaker_span else []
        ok = _overlaps(mention, g.source)
        c.speaker_ok += ok
        src = " / ".join(text[s:e] for s, e in g.source)
        if src.lower() not in _PRONOUNS:
            c.named += 1
            entity = [(m.start, m.end) for m in analysis.mentions if m.entity == best.speaker_entity]
            c.entity_ok += best.speaker_entity is not None and _overlaps(entity, g.source)
        if not ok:
            notes.append(f"s {doc.name}: ours {best.speaker!r}, gold {src!r} | {best.text[:80]!r}")
    return c, notes


def spread(values: Sequence[float]) -> str:
    return f"{statistics.fmean(values):.3f} ± {statistics.pstdev(values):.3f}"


def report(title: str, total: Counts, per_fold: Sequence[Counts] = ()) -> None:
    m = total.metrics()
    print(f"{title}: {total.gold} gold contents ({total.quoted} quoted), {total.pieces} quote pieces")
    rows = [
        ("precision per piece", "precision", f"{total.pieces_ok}/{total.pieces}", "goal 0.88"),
        ("  a found split's pieces ok", "precision_split", f"{total.pieces_split_ok}/{total.pieces}", ""),
        ("recall, quoted contents", "recall_quoted", f"{total.quoted_hit}/{total.quoted}", "goal 0.85"),
        ("recall, all contents", "recall_all", f"{total.gold_hit}/{total.gold}", "goal 0.65"),
        ("speaker mention overlaps", "speaker", f"{total.speaker_ok}/{total.sourced}", "goal 0.92"),
        ("speaker entity right", "entity", f"{total.entity_ok}/{total.named}", "named gold sources"),
    ]
    for label, key, frac, goal in rows:
        folds = f"  folds {spread([f.metrics()[key] for f in per_fold])}" if per_fold else ""
        print(f"  {label:26} {m[key]:.3f}  ({frac}){folds}   {goal}")


def l3s_text(page: str) -> str:
    """A page's gold body text from L3S-GN1, each paragraph once (the set repeats some two or three times),
    with the mojibake '\u00c2\u00ab' / '\u00c2\u00bb' read as the guillemets it was."""
    body = json.loads(L3S.read_text(encoding="utf-8"))[page]["articleBody"]
    lines = list(dict.fromkeys(line for line in body.split("\n") if line.strip()))
    return "\n".join(lines).replace("\u00c2\u00ab", "\u00ab").replace("\u00c2\u00bb", "\u00bb")


def _span(field: str) -> list[tuple[int, int]]:
    return [] if field == "-" else [(int(a), int(b)) for a, b in [field.split("-")]]


def _speaker_ok(q: Quote, mentions: Sequence[Mention], spk: list[tuple[int, int]]) -> bool:
    """Its entity has a mention on a gold one; a name or phrase with no entity may stand on one itself."""
    mention = [(q.speaker_span.start, q.speaker_span.end)] if q.speaker_span else []
    ent = [(m.start, m.end) for m in mentions if m.entity == q.speaker_entity]
    if q.speaker_entity is not None:
        return _overlaps(ent, spk)
    return (q.speaker or "").lower() not in _PRONOUNS and _overlaps(mention, spk)


def _judge_page(text: str, gold: list[tuple[Tok, list[Tok]]], show: bool) -> list[int]:
    """[pieces judged, of them quotes with the right speaker, unjudged, quotes, found, found right]"""
    a = analyze(text)
    out = [0] * 6
    for q in a.quotes:
        own = tokens(text, [(s.start, s.end) for s in q.spans()])  # its quoted words, not the attribution
        mine = set(own)
        ranked = []
        for c, spk in gold:
            t = tokens(text, [c])
            inside = sum(1 for s, e in own if c[0] <= s and e <= c[1])
            if t and (covers(q, t) or inside * 2 > len(own)):
                ranked.append((len(mine & set(t)) / len(mine | set(t)), spk))
        match = [max(ranked, key=lambda x: x[0])[1]] if ranked else []
        good = bool(match) and bool(match[0]) and _speaker_ok(q, a.mentions, match[0])
        out[0] += bool(match)
        out[1] += good
        out[2] += not match
        if match and not good and show:
            print(f"  wrong {q.start}: {q.speaker!r} | {q.text[:70]!r}")
    for c, spk in gold:
        toks = tokens(text, [c])
        covering = [q for q in a.quotes if covers(q, toks)]
        if spk:
            out[3] += 1
            out[4] += bool(covering)
            best = max(covering, key=lambda q: held(q, toks)) if covering else None
            out[5] += best is not None and _speaker_ok(best, a.mentions, spk)
    return out


def l3s_speakers(show: int) -> int:
    """Speakers in long L3S-GN1 articles, judged by hand (benchmarks/data/l3s_speakers.tsv, offsets only).

    A row is a quote (its speaker's mention near it, and the speaker's canonical mention) or '-' for
    words that are no quote (reported acts and wishes, a clause read as speech). A piece is judged by the
    row (of those whose content it covers by half, or that hold half of its words) sharing most of
    its words (Jaccard); unjudged pieces are
    counted apart. Its speaker is right when it resolves to an entity with a mention on one of the two
    gold mentions; a phrase with no entity ("the army") when it stands on one itself and is no pronoun.
    """
    rows: dict[str, list[tuple[Tok, list[Tok]]]] = {}
    for line in L3S_JUDGED.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        page, start, end, local, canonical = line.split("\t")
        rows.setdefault(page, []).append(((int(start), int(end)), _span(local) + _span(canonical)))
    total = [0] * 6
    for page, gold in rows.items():
        total = [x + y for x, y in zip(total, _judge_page(l3s_text(page), gold, bool(show)), strict=True)]
    judged, right, unjudged, quotes, found, found_right = total
    print(f"L3S-GN1 long articles, {len(rows)} pages judged by hand: {judged} pieces judged, {unjudged} not")
    print(
        f"  pieces that are a quote with the right speaker  {right / max(judged, 1):.3f}  ({right}/{judged})"
    )
    print(f"  quotes found                                  {found / max(quotes, 1):.3f}  ({found}/{quotes})")
    share = found_right / max(found, 1)
    print(f"  found quotes, right speaker                   {share:.3f}  ({found_right}/{found})")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--folds", type=int, default=0, help="print per-fold mean ± spread over K folds")
    ap.add_argument("--show", type=int, default=0, help="print N errors of each kind")
    ap.add_argument("--l3s", action="store_true", help="score the hand-judged speakers of L3S-GN1 pages")
    args = ap.parse_args()
    if args.l3s:
        if not L3S.exists():
            print(f"no data at {L3S}", file=sys.stderr)
            return 1
        return l3s_speakers(args.show)
    if not (DATA / args.split).exists():
        print(f"no data at {DATA / args.split}", file=sys.stderr)
        return 1
    docs = load_docs(args.split)
    k = max(args.folds, 1)
    per_fold = [Counts() for _ in range(k)]
    notes: list[str] = []
    for doc in docs:
        c, n = score(doc, analyze(doc.text, doc.published))
        per_fold[fold_of(doc.name, k)] += c
        notes += n
    total = sum(per_fold, Counts())
    report(f"PolNeAR {args.split}, {len(docs)} texts", total, per_fold if args.folds > 1 else ())
    if args.show:
        for kind in "-+s":
            print(f"{kind} errors:", *[n for n in notes if n.startswith(kind)][: args.show], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
