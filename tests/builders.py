"""Hand-made analysed articles for the stories and compare tests (invented texts only)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from corroborate.model import (
    Analysis,
    Article,
    Entity,
    EntityLabel,
    Figure,
    FigureBound,
    Mention,
    Quote,
    TimeExpression,
    TimeGrain,
)
from corroborate.text.words import split_sentences


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def ent(name: str, label: EntityLabel, *surfaces: str, roles: Sequence[str] = ()) -> Entity:
    """An entity whose mentions are every occurrence of its name and the given surface forms."""
    return Entity(
        key=f"{label.lower()}:{slug(name)}",
        name=name,
        label=label,
        aliases=[s for s in surfaces if s != name],
        roles=list(roles),
    )


def fig(
    text: str,
    surface: str,
    value: float,
    *,
    bound: FigureBound = "exact",
    counted: str | None = None,
    unit: str | None = None,
    speaker: Entity | None = None,
    as_of: str | None = None,
    occurrence: int = 0,
) -> Figure:
    start = _find(text, surface, occurrence)
    return Figure(
        start=start,
        end=start + len(surface),
        text=surface,
        value=value,
        bound=bound,
        unit=unit,
        counted=counted,
        speaker=speaker.name if speaker else None,
        speaker_entity=speaker.key if speaker else None,
        as_of=as_of,
    )


def when(text: str, surface: str, value: str, grain: TimeGrain = "day") -> TimeExpression:
    start = _find(text, surface)
    return TimeExpression(start=start, end=start + len(surface), text=surface, value=value, grain=grain)


def quote(text: str, content: str, speaker: Entity | None, kind: str = "direct") -> Quote:
    start = _find(text, content)
    return Quote(
        start=start,
        end=start + len(content),
        text=content,
        kind="direct" if kind == "direct" else "indirect",
        speaker=speaker.name if speaker else None,
        speaker_entity=speaker.key if speaker else None,
    )


def _find(text: str, surface: str, occurrence: int = 0) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start


def article(
    aid: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    origin: str | None = None,
    published: str | None = None,
    entities: Sequence[Entity] = (),
    figures: Sequence[Figure] = (),
    times: Sequence[TimeExpression] = (),
    quotes: Sequence[Quote] = (),
    analysed: bool = True,
) -> Article:
    mentions: list[Mention] = []
    for e in entities:
        for surface in dict.fromkeys([e.name, *e.aliases]):
            for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
                if not any(x.start <= m.start() < x.end for x in mentions):
                    mentions.append(
                        Mention(start=m.start(), end=m.end(), text=surface, label=e.label, entity=e.key)
                    )
    analysis = Analysis(
        language="en",
        sentences=split_sentences(text),
        entities=list(entities),
        mentions=sorted(mentions, key=lambda m: m.start),
        figures=list(figures),
        times=list(times),
        quotes=list(quotes),
    )
    return Article(
        id=aid,
        source=f"test:{aid}",
        title=title,
        outlet=outlet,
        origin=origin,
        published=datetime.fromisoformat(published) if published else None,
        language="en",
        text=text,
        analysis=analysis if analysed else None,
    )
