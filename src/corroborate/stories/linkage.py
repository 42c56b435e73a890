"""Average-link agglomerative clustering over a sparse similarity graph.

Pairs that were never compared count as similarity 0, so the average between
two clusters is (sum of the known pair similarities) / (size x size). Cost is
proportional to the number of edges times the merges each edge takes part in,
not to n squared: the graph comes from blocking, so each node has few edges.
Ties break on node index, so the same graph always gives the same clusters
whatever order the input came in.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence


def average_link(
    n: int,
    edges: Mapping[tuple[int, int], float],
    threshold: float,
    locked: Sequence[str | None],
    cohesion_ratio: float = 0.0,
    cohesion_cap: float = 1.0,
    lone_cohesion: float = 0.0,
) -> list[int]:
    """Cluster label (the smallest member index) for each of `n` nodes.

    `edges` maps (i, j) with i < j to a similarity. Clusters merge, best average
    first, while the average is at least `threshold`. `locked[i]` names a stored
    story the node already belongs to: two different stored stories never merge.
    Nodes sharing a `locked` name start in one cluster. A merge must also keep
    `cohesion_ratio` of the looser cluster's cohesion (its mean internal similarity, at most
    `cohesion_cap`; a single article's is `lone_cohesion`).
    """
    label = list(range(n))
    first: dict[str, int] = {}
    for i, name in enumerate(locked):
        if name is not None:
            label[i] = first.setdefault(name, i)
    size = [0] * n
    for i in range(n):
        size[label[i]] += 1
    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in edges.items():
        a, b = label[i], label[j]
        if a != b:
            sums[a][b] = sums[a].get(b, 0.0) + s
            sums[b][a] = sums[b].get(a, 0.0) + s
    story = [locked[i] if label[i] == i else None for i in range(n)]
    # Sum of the similarities inside each cluster, for its cohesion (mean internal similarity).
    inner = [0.0] * n
    for (i, j), s in edges.items():
        if label[i] == label[j]:
            inner[label[i]] += s
    version = [0] * n
    heap: list[tuple[float, int, int, int, int]] = []

    def _cohesion(a: int) -> float:
        # A single article has no cohesion of its own; it counts as `lone_cohesion` (0: it only
        # has to reach the threshold).
        if size[a] < 2:
            return lone_cohesion
        return inner[a] / (size[a] * (size[a] - 1) / 2)

    def push(a: int, b: int) -> None:
        if story[a] is not None and story[b] is not None:
            return
        avg = sums[a][b] / (size[a] * size[b])
        if avg >= threshold and avg >= cohesion_ratio * min(_cohesion(a), _cohesion(b), cohesion_cap):
            lo, hi = (a, b) if a < b else (b, a)
            heapq.heappush(heap, (-avg, lo, hi, version[lo], version[hi]))

    for a in range(n):
        for b in sums[a]:
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if version[a] != va or version[b] != vb or size[a] == 0 or size[b] == 0:
            continue
        # b joins a (a < b, so the label stays the smallest index).
        inner[a] += inner[b] + sums[a][b]
        for k, s in sums[b].items():
            if k != a:
                sums[a][k] = sums[a].get(k, 0.0) + s
                sums[k][a] = sums[k].get(a, 0.0) + s
            del sums[k][b]
        sums[b] = {}
        sums[a].pop(b, None)
        size[a] += size[b]
        size[b] = 0
        story[a] = story[a] or story[b]
        label[b] = a
        version[a] += 1
        for k in sums[a]:
            push(a, k)
    return [_root(label, i) for i in range(n)]


def _root(label: list[int], i: int) -> int:
    while label[i] != i:
        label[i] = label[label[i]]
        i = label[i]
    return i
