"""How sure a claim is: which aligned sentences corroborate it, and what may be it in other words.

Sentences are grouped around centres (a sentence joins the most central sentence it aligns with
directly), so that a chain of loose alignments does not make one claim of different facts. Within a
group only alignments scoring at least the confident threshold corroborate; an alignment below it,
or another outlet's nearest sentence that came close, makes the claim "possibly elsewhere": shown
as uncertain, neither corroborated nor single-source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from corroborate.compare.common import StoryContext
from corroborate.compare.entities import EntityMap

if TYPE_CHECKING:
    from corroborate.compare.claims import Sentence


class Aligned(Protocol):
    article: str
    origin: str


def star_groups(n: int, edges: dict[tuple[int, int], float], centrality: dict[int, float]) -> list[list[int]]:
    """Each sentence with the centre it aligns with directly; the most central sentences are centres first."""
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), score in edges.items():
        neighbours[i][j] = score
        neighbours[j][i] = score
    home: dict[int, int] = {}
    for c in sorted(range(n), key=lambda i: (-centrality.get(i, 0.0), i)):
        if c in home:
            continue
        home[c] = c
        for j in sorted(neighbours[c], key=lambda j: -neighbours[c][j]):
            if j not in home:
                home[j] = c
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[home[i]].append(i)
    return list(groups.values())


def union_groups(n: int, edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Connected components: every chain of alignments is one claim."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(edges):
        parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return list(groups.values())


def confident_members(
    sentences: Sequence[Aligned],
    members: Sequence[int],
    edges: dict[tuple[int, int], float],
    threshold: float,
) -> set[int]:
    """The members that align with confidence with a member of another origin."""
    ids = set(members)
    out: set[int] = set()
    for (i, j), score in edges.items():
        if i in ids and j in ids and score >= threshold and sentences[i].origin != sentences[j].origin:
            out.update((i, j))
    return out


def possibly_elsewhere(
    sentences: Sequence[Aligned],
    members: Sequence[int],
    counted_origins: Sequence[str],
    near: dict[int, tuple[float, int]],
    near_threshold: float,
) -> list[str]:
    """Articles of origins not counted that carry a member, or whose nearest sentence came close."""
    counted = set(counted_origins)
    out = [sentences[i].article for i in members if sentences[i].origin not in counted]
    for i in members:
        score, j = near.get(i, (0.0, -1))
        if j >= 0 and score >= near_threshold and sentences[j].origin not in counted:
            out.append(sentences[j].article)
    return list(dict.fromkeys(out))


def grounds(
    ctx: StoryContext,
    sentences: Sequence[Sentence],
    members: Sequence[int],
    sure: set[int],
    edges: dict[tuple[int, int], float],
    near: dict[int, tuple[float, int]],
    w: dict[str, float],
    entities: EntityMap,
    corroborate: float,
    near_threshold: float,
) -> tuple[float, str]:
    """(confidence, why): what the aligned sentences share, or how close another outlet came.

    Not corroborated, the confidence is that no other outlet tells it: a coin toss (0.5) where
    the nearest sentence elsewhere reaches `near_threshold` (the claim is then "possibly
    elsewhere"), none at all at `corroborate`.
    """
    inside = [(pair, score) for pair, score in edges.items() if pair[0] in sure and pair[1] in sure]
    inside = [(pair, score) for pair, score in inside if score >= corroborate]
    if inside:
        (i, j), _ = max(inside, key=lambda x: x[1])
        shared = sorted(sentences[i].tokens & sentences[j].tokens, key=lambda t: (-w[t], t))[:6]
        named = [(entities.name(t[1:]) or t[1:]) if t.startswith("@") else t for t in shared]
        mean = sum(score for _, score in inside) / len(inside)
        # At corroborate the alignment is a coin toss (0.5); a full match is certain.
        confidence = 0.5 + 0.5 * (mean - corroborate) / (1 - corroborate)
        return round(min(1.0, max(0.0, confidence)), 2), "aligned on " + ", ".join(named)
    score, j, i = max(((*near.get(i, (0.0, -1)), i) for i in members), default=(0.0, -1, -1))
    if score < near_threshold:
        confidence = 1.0 - 0.5 * score / max(near_threshold, 1e-9)
    else:
        confidence = 0.5 * (1.0 - (score - near_threshold) / max(corroborate - near_threshold, 1e-9))
    confidence = round(min(1.0, max(0.0, confidence)), 2)
    if j < 0 or score < near_threshold:
        return confidence, "no statement of another outlet comes close"
    other = sentences[j]
    article = ctx.by_id(other.article)
    text = article.text[other.span.start : other.span.end].strip()
    mine = sentences[i].speakers
    if mine and other.speakers and not mine & other.speakers:
        who = ", ".join(sorted(other.speakers))
        return confidence, f"another speaker ({who}) in {other.origin} ({score:.2f}): {text[:160]}"
    # A close score that shares only names, or one side's denial, is no corroboration either.
    why = f"below {corroborate}" if score < corroborate else "not the same statement"
    return confidence, f"closest in {other.origin} ({score:.2f}, {why}): {text[:160]}"
