"""Line up the figures that count the same thing across a story's articles.

Figures group when they have the same unit and count the same thing: the same
head noun of `counted`, or the same kind of event named near the figure
(people who fled, crossed or left are one quantity; killed, dead, died another),
and a compatible magnitude. A group gets a verdict: the reports agree, differ,
or differ in a way their dates or sources explain.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from corroborate.compare.common import StoryContext, evidence
from corroborate.compare.entities import EntityMap
from corroborate.compare.quantity import (
    MIN_CONTEXT_SHARED,
    context_shared,
    counts_nothing,
    figures_agree,
    named_group,
    occasion,
    owner,
    same_occasion,
    stated_as_of,
)
from corroborate.model import Article, Figure, FigureComparison, FigureReport, FigureVerdict
from corroborate.settings import CompareSettings
from corroborate.text.dates import date_in_words
from corroborate.text.names import name_key
from corroborate.text.wording import figure_in_words
from corroborate.text.words import event_class, is_content, iter_words, stem, words

WINDOW_BEFORE = 6
WINDOW_AFTER = 12
# "100,000 of roughly 120,000 residents": the second figure is the whole, not the part.
_OF_TOTAL = re.compile(r"^\s+(?:out\s+)?of\b[^.;:]{0,40}$")


_DURATION_WORDS = "second minute hour day night week weekend month year decade century season term"
_DURATIONS = frozenset(stem(w) for w in _DURATION_WORDS.split())
# Units that only say "a count of": "12 people" and "12" with no unit are the same figure.
_COUNT_UNITS = frozenset({"", "people", "person", "persons", "individuals"})


def _unit_key(unit: str | None) -> str:
    u = (unit or "").strip().lower()
    return "" if u in _COUNT_UNITS else u


@dataclass
class Item:
    article: Article
    figure: Figure
    origin: str
    speaker: str | None
    kind: str  # grouping key beside the unit
    when: str | None  # as_of, else the publication day
    when_stated: bool
    as_of: str | None  # the stated as-of date, not a period's start ("since Monday")
    occasion: frozenset[str]  # years and qualifiers that tell one occasion from another
    owner: str | None = None  # the person whose figure it is ("Rahman (45-7-2, 36 KOs)"), story entity


_CLAUSE_JOINS = frozenset({"and", "but", "while", "whereas", "with"})


def _event_kind(
    text: str, figs: list[Figure], totals: list[bool], k: int, sent_start: int, sent_end: int
) -> str | None:
    """The kind of event named nearest the figure, without reaching past a neighbouring figure.

    The part of a whole reads past its whole: in "100,000 of 120,000 residents have fled"
    it is the 100,000 that fled.
    """
    fig = figs[k]
    lo = max(sent_start, figs[k - 1].end if k > 0 and figs[k - 1].end <= fig.start else sent_start)
    nxt = k + 2 if k + 1 < len(figs) and totals[k + 1] else k + 1
    hi = min(sent_end, figs[nxt].start if nxt < len(figs) and figs[nxt].start >= fig.end else sent_end)
    before = words(text[lo : fig.start])[-WINDOW_BEFORE:]
    after = words(text[fig.end : hi])[:WINDOW_AFTER]
    best: tuple[int, int, str] | None = None
    for dist, w in enumerate(reversed(before)):
        if w.lower() in _CLAUSE_JOINS:
            break  # "12 were killed and 40 were wounded": the verb before "and" is the other clause's
        kind = event_class(w)
        if kind:
            best = (dist, 0, kind)  # a verb before wins a tie: "killing 12 people and injuring 40"
            break
    for dist, w in enumerate(after):
        kind = event_class(w)
        if kind:
            if best is None or (dist, 1) < best[:2]:
                best = (dist, 1, kind)
            break
    return best[2] if best else None


def counted_head(counted: str) -> str:
    """The head noun of what is counted: 'visitors on the first day' -> 'visitor'."""
    before = words(counted[: _modifier_at(counted)])
    return stem(before[-1]) if before else ""


def _modifier_at(counted: str) -> int:
    """Where the words qualifying the counted noun start: a preposition or article ("on the first day")."""
    return next((m.start() for m in iter_words(counted) if not is_content(m.group(0))), len(counted))


def _items(ctx: StoryContext, entities: EntityMap) -> list[Item]:
    items: list[Item] = []
    for a in ctx.articles:
        if not a.analysis:
            continue
        figs = sorted(a.analysis.figures, key=lambda f: f.start)
        totals = [
            k > 0 and bool(_OF_TOTAL.match(a.text[figs[k - 1].end : f.start])) for k, f in enumerate(figs)
        ]
        for k, f in enumerate(figs):
            if counts_nothing(a.text, f):
                continue
            sent = ctx.sentence_at(a.id, f.start)
            s_start, s_end = (sent.start, sent.end) if sent else (f.start, f.end)
            kind = None if totals[k] else _event_kind(a.text, figs, totals, k, s_start, s_end)
            head = counted_head(f.counted or "")
            # Without a counted thing or an event an amount is only a unit (two sums in euros are
            # not one quantity), and durations ("three years") are context, not contested figures.
            # Named groups count too: "5 soldiers killed" is not "12 civilians killed".
            group = named_group(head)
            event = ("event:" + kind + (":" + group if group else "")) if kind else ""
            key = event or ("counted:" + head if head else "")
            if not key or stem(f.unit or "") in _DURATIONS or head in _DURATIONS:
                continue
            speaker = entities.name(entities.key(a.id, f.speaker_entity)) or f.speaker
            published = a.published.date().isoformat() if a.published else None
            as_of = stated_as_of(a.text, a.analysis, f, sent)
            where = occasion(a.text, a.analysis, f, sent)
            when = as_of or published
            whose = owner(a.text, a.analysis, f, sent)
            whose = entities.key(a.id, whose) or whose
            item = Item(a, f, ctx.origins[a.id], speaker, key, when, as_of is not None, as_of, where, whose)
            items.append(item)
    return items


def _fmt(f: Figure) -> str:
    return figure_in_words(f.value, f.bound, f.high)


def _describe(it: Item) -> str:
    as_of = f"as of {date_in_words(it.as_of)}" if it.as_of else None
    who = [x for x in (it.speaker, as_of, it.origin) if x]
    return f"{_fmt(it.figure)} ({', '.join(who)})"


def _time_differs(x: Item, y: Item) -> bool:
    return bool(x.when and y.when and x.when != y.when)


def _source_differs(x: Item, y: Item) -> bool:
    # An unnamed source is not evidence of a different one.
    return bool(x.speaker and y.speaker and name_key(x.speaker) != name_key(y.speaker))


def _verdict(group: list[Item], settings: CompareSettings) -> tuple[FigureVerdict, str]:
    """Compare the distinct values; a value's attribution is that of any report carrying it.

    So "12" printed without a source still reads as the fire chief's earlier 12 when
    another outlet attributes the same 12 to him, and the later 14 is explained.
    """
    summary = "; ".join(dict.fromkeys(_describe(it) for it in group))
    by_value: dict[tuple[float, float | None], list[Item]] = defaultdict(list)
    for it in group:
        by_value[(it.figure.value, it.figure.high)].append(it)
    values = list(by_value.values())
    # Only reports of different articles are compared: an article is never set against itself.
    # An article giving several values ("rose from 12 to 14") differs from another only when
    # none of its values agrees with any of the other's.
    per_article: dict[str, list[Figure]] = defaultdict(list)
    for it in group:
        per_article[it.article.id].append(it.figure)

    def conflict(x: Item, y: Item) -> bool:
        xs, ys = per_article[x.article.id], per_article[y.article.id]
        return x.article.id != y.article.id and not any(figures_agree(a, b, settings) for a in xs for b in ys)

    differing = [
        (xs, ys)
        for i, xs in enumerate(values)
        for ys in values[i + 1 :]
        if any(conflict(x, y) for x in xs for y in ys)
    ]
    if not differing:
        if len(values) > 1:
            return "agree", f"the reports agree within their stated bounds: {summary}"
        return "agree", f"all reports agree: {summary}"
    times = [(x, y) for xs, ys in differing for x in xs for y in ys if _time_differs(x, y)]
    sources = [(x, y) for xs, ys in differing for x in xs for y in ys if _source_differs(x, y)]
    explained = all(
        any(_time_differs(x, y) or _source_differs(x, y) for x in xs for y in ys) for xs, ys in differing
    )
    if not explained:
        return "differ", f"the figures differ with no difference in time or source stated: {summary}"
    parts: list[str] = []
    if times:
        latest = max((it for pair in times for it in pair), key=lambda it: (it.when_stated, it.when or ""))
        when = date_in_words(latest.when) if latest.when else "date not stated"
        parts.append(f"later {'figure' if latest.when_stated else 'report'} ({when})")
    if sources:
        parts.append("from a different source" if times else "figures from different sources")
    return "differ_explained", f"{' '.join(parts)}: {summary}"


def _magnitude_groups(items: list[Item], max_ratio: float) -> list[list[Item]]:
    """Values more than `max_ratio` times apart are different quantities, not differing reports."""
    groups: list[list[Item]] = []
    for it in sorted(items, key=lambda it: (it.figure.value, _order(it))):
        if groups and it.figure.value <= max_ratio * max(groups[-1][0].figure.value, 1e-9):
            groups[-1].append(it)
        else:
            groups.append([it])
    return groups


def _owner_groups(items: list[Item], settings: CompareSettings) -> list[list[Item]]:
    """One group per person the figures belong to; an unowned figure joins the one it agrees with."""
    owned: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        if it.owner:
            owned[it.owner].append(it)
    rest: list[Item] = []
    for it in items:
        if it.owner:
            continue
        fits = [g for g in owned.values() if any(figures_agree(it.figure, o.figure, settings) for o in g)]
        (fits[0] if len(fits) == 1 else rest).append(it)
    return [g for g in (*owned.values(), rest) if g]


def _occasion_groups(items: list[Item]) -> list[list[Item]]:
    """Items split so that no group holds two stated occasions that share nothing (2019 vs 2024 votes)."""
    groups: list[list[Item]] = []
    for it in items:
        home = next((g for g in groups if all(same_occasion(it.occasion, o.occasion) for o in g)), None)
        if home is None:
            groups.append([it])
        else:
            home.append(it)
    return groups


def _confidence(group: list[Item], unit: str, kind: str) -> tuple[float, str]:
    """How sure the grouping is that these figures are one quantity, and what it stands on."""
    parts = kind.split(":")
    thing = "event" if parts[0] == "event" else "counted thing"
    what = f"the same {thing} ('{parts[1]}')"
    if parts[0] == "event" and len(parts) > 2:
        what += f" of the same group ('{parts[2]}')"
    reasons = [what, f"unit {unit}" if unit else "a count"]
    occasions = sorted(set().union(*(it.occasion for it in group)))
    if occasions:
        reasons.append("occasion " + ", ".join(occasions))
    confidence = 0.9
    uncounted = sum(1 for it in group if not (it.figure.counted or "").strip())
    if uncounted:
        # Grouped only by an event word near the number: the counted thing is not stated.
        confidence -= 0.25 * uncounted / len(group)
        reasons.append(f"{uncounted} of {len(group)} reports name no counted thing")
    if any(not it.occasion for it in group) and occasions:
        confidence -= 0.15
        reasons.append("not every report states the occasion")
    return round(confidence, 2), "; ".join(reasons)


def _one_occasion(ctx: StoryContext, group: list[Item]) -> bool:
    """Two reports of different articles whose sentences share words beyond the figure."""
    spans = [(it, ctx.sentence_at(it.article.id, it.figure.start)) for it in group]
    return any(
        context_shared(x.article.text, sx, y.article.text, sy, x.figure.counted or "") >= MIN_CONTEXT_SHARED
        for i, (x, sx) in enumerate(spans)
        for y, sy in spans[i + 1 :]
        if sx and sy and x.article.id != y.article.id
    )


def _order(it: Item) -> tuple[datetime, str, int]:
    published = it.article.published or datetime.max
    return (published.replace(tzinfo=None), it.article.id, it.figure.start)


def compare_figures(ctx: StoryContext, entities: EntityMap) -> list[FigureComparison]:
    buckets: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for it in _items(ctx, entities):
        buckets[(_unit_key(it.figure.unit), it.kind)].append(it)
    out: list[tuple[tuple[int, int], FigureComparison]] = []
    for (unit, kind), items in sorted(buckets.items()):
        # Two people's figures are two quantities: Klitschko's 46 knockouts are not Rahman's 36.
        parts = [p for whose in _owner_groups(items, ctx.settings) for p in _occasion_groups(whose)]
        for group in (g for part in parts for g in _magnitude_groups(part, ctx.settings.figures_max_ratio)):
            # One report per article and value: a repeated figure is not a second report.
            uniq: dict[tuple[str, float], Item] = {}
            for it in sorted(group, key=lambda it: (ctx.rank[it.article.id], it.figure.start)):
                uniq.setdefault((it.article.id, it.figure.value), it)
            group = list(uniq.values())
            # A wire and its copies agreeing with themselves is no comparison.
            if len({it.origin for it in group}) < 2:
                continue
            if len({it.article.id for it in group}) < 2:
                continue
            verdict, explanation = _verdict(group, ctx.settings)
            confidence, why = _confidence(group, unit, kind)
            if verdict == "differ" and not _one_occasion(ctx, group):
                confidence = round(confidence - 0.35, 2)  # shown as weak: perhaps two time frames
                why += "; the sentences share little beyond the figure: perhaps not one occasion"
            reports = [_report(ctx, it) for it in group]
            first = (ctx.rank[group[0].article.id], group[0].figure.start)
            out.append(
                (
                    first,
                    FigureComparison(
                        counted=_label(group, kind) or unit or "amount",
                        unit=unit or None,
                        reports=reports,
                        verdict=verdict,
                        explanation=explanation,
                        confidence=confidence,
                        why=why,
                    ),
                )
            )
    return [c for _, c in sorted(out, key=lambda x: x[0])]


# What happened to those counted, as a reader says it after the noun: "people killed".
_EVENT_PARTICIPLES = {"deny": "denied"}


def _label(group: list[Item], kind: str) -> str:
    """What the group counts, in words: "people killed", "residents displaced", "visitors".

    The thing counted is the one most reports name (a stray word the figure reader took for it,
    such as "earlier", loses to what the others say); of names given equally often, the plainest
    (shortest) one, then the first in the story. Each report keeps its own in the story file.
    """
    tally = Counter(c for it in group if (c := (it.figure.counted or "").strip()))
    counted = min(tally, key=lambda c: (-tally[c], len(c)), default="")
    if not kind.startswith("event:"):
        return counted or kind.split(":", 1)[1]
    event = kind.split(":")[1]
    if not counted or any(event_class(w) == event for w in words(counted)):
        return counted or _EVENT_PARTICIPLES.get(event, event)  # "people who fled" says it already
    # The event follows the noun, before any phrase that qualifies it: "people killed in the city".
    head, rest = _split_head(counted)
    return " ".join(x for x in (head, _EVENT_PARTICIPLES.get(event, event), rest) if x)


def _split_head(counted: str) -> tuple[str, str]:
    """'visitors on the first day' -> ('visitors', 'on the first day'), the head as counted_head reads it."""
    at = _modifier_at(counted)
    if at in (0, len(counted)):
        return counted, ""  # no modifier, or no noun before it: keep the words together
    return counted[:at].strip(), counted[at:].strip()


def _report(ctx: StoryContext, it: Item) -> FigureReport:
    f = it.figure
    sent = ctx.sentence_at(it.article.id, f.start)
    ev = evidence(it.article, sent.start, sent.end) if sent else evidence(it.article, f.start, f.end)
    return FigureReport(
        article=it.article.id,
        outlet=it.article.outlet,
        origin=it.origin,
        value=f.value,
        high=f.high,
        bound=f.bound,
        unit=f.unit,
        counted=f.counted,
        speaker=it.speaker,
        as_of=it.as_of,
        evidence=ev,
    )
