"""Union-find over indices 0..n-1: grouping names, copies and articles."""

from __future__ import annotations


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]  # path halving keeps chains short
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Join the groups of i and j; the smaller index stays the root, so results are stable."""
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
