"""Align sentences that say the same thing across a story's articles.

A sentence becomes a bag of stems of its content words, with each entity
mention replaced by its story entity ("World Court" and "International Court
of Justice" become one token). Two sentences of different articles align when
their idf-weighted overlap is high; aligned sentences form one claim, counted
once per independent origin.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corroborate.compare.apart import denied, denying_clauses, subject_person
from corroborate.compare.common import StoryContext, evidence, is_boilerplate
from corroborate.compare.entities import EntityMap
from corroborate.compare.speakers import quoted_runs, sentence_speakers
from corroborate.compare.tiers import (
    confident_members,
    grounds,
    possibly_elsewhere,
    star_groups,
    union_groups,
)
from corroborate.compare.vectors import embed
from corroborate.model import Article, Claim, Span
from corroborate.settings import CompareSettings
from corroborate.text.datelines import DATELINE_OPENING
from corroborate.text.dates import MONTH_NUMBERS, WEEKDAYS
from corroborate.text.words import is_content, iter_words, normal_token

# Alignments at `settings.align` group sentences; only those scoring `corroborate` corroborate. A
# claim whose alignments all score below it, or whose nearest sentence elsewhere scores `near`, is
# "possibly elsewhere": neither corroborated nor single-source (corroborate.settings.CompareSettings).
MIN_SHARED = 3
# Sentence vectors' share of the alignment score, and the shared words still needed with them;
# chosen by cross-validation over the annotated stories (benchmarks/compare.md).
VECTOR_WEIGHT = 0.3
VECTOR_MIN_SHARED = 1
CENTRE = True
CENTRE_PRIOR = 10
MIN_TOKENS = 4
# A token in more sentences than this is too common to propose candidate pairs (still scored).
MAX_POSTING = 400
MIN_SINGLE_SOURCE_TOKENS = 6
# A sentence elsewhere comes near ("possibly elsewhere") only when it shares this many words or
# names: one shared topic word ("The quake ...") with a like-sounding vector is no sign of the fact.
NEAR_MIN_SHARED = 2


# A page's date line ("AUGUST 2, 2013 | 08: 06AM PT") states nothing: its words do not count.
_DATE_WORD = re.compile(
    r"^(?:\d+[:.]?(?:st|nd|rd|th|am|pm)?|am|pm|[a-z]{1,2}t|[a-z]dt|gmt|utc|published|updated|posted|"
    + "|".join([*MONTH_NUMBERS, *(w.lower() for w in WEEKDAYS)])
    + ")$"
)


@dataclass
class Sentence:
    article: str
    span: Span
    tokens: frozenset[str]
    informative: bool  # carries a figure, quote, date or entity: worth listing alone
    # Clauses of a long sentence ("... this weekend - the world body's first access in 30 years"):
    # another outlet may carry just one of them as its own sentence.
    clauses: tuple[frozenset[str], ...] = ()
    # The figures it states; two aligned sentences whose figures share none differ on the claim.
    numbers: frozenset[str] = frozenset()
    # Who the sentence quotes: statements by different speakers do not corroborate each other.
    speakers: frozenset[str] = frozenset()
    origin: str = ""
    # A sentence that is a quotation and its attribution states the quoted words: its tokens there.
    quoted: frozenset[str] = frozenset()
    subject: str | None = None  # the person it opens with: "Rubio won" is not "Cruz won"
    negated: tuple[frozenset[str], ...] = ()  # the tokens of its clauses that deny ("did not", "never")


_CLAUSE_BREAK = re.compile(r"\s[-–—]+\s|;\s")


def clause_spans(text: str, span: Span) -> list[Span]:
    """The sentence cut at dashes and semicolons; empty when it has no such break."""
    cuts = [m for m in _CLAUSE_BREAK.finditer(text, span.start, span.end)]
    if not cuts:
        return []
    bounds = [span.start, *(x for m in cuts for x in (m.start(), m.end())), span.end]
    return [Span(start=bounds[i], end=bounds[i + 1]) for i in range(0, len(bounds), 2)]


def sentence_tokens(article: Article, span: Span, entities: EntityMap) -> set[str]:
    text = article.text
    tokens: set[str] = set()
    covered: list[tuple[int, int]] = []
    if article.analysis:
        for m in article.analysis.mentions:
            if span.start <= m.start and m.end <= span.end:
                tokens.add("@" + (entities.key(article.id, m.entity) or m.entity))
                covered.append((m.start, m.end))
    sentence = text[span.start : span.end]
    # "BAKU (Reuters) - ": where and by whom, not what; it would pull wire sentences together.
    dateline = DATELINE_OPENING.match(sentence)
    skip = dateline.end() if dateline else 0
    for w in iter_words(sentence):
        if w.start() < skip:
            continue
        start = span.start + w.start()
        if any(s <= start < e for s, e in covered) or not is_content(w.group(0)):
            continue
        tokens.add(normal_token(w.group(0)))
    return tokens


def _informative(article: Article, span: Span) -> bool:
    a = article.analysis
    if a is None:
        # Without analysis: a number, or a capitalised word past the first, stands in.
        words = article.text[span.start : span.end].split()
        return any(c.isdigit() for c in "".join(words)) or any(w[:1].isupper() for w in words[1:])
    starts = [x.start for x in a.figures] + [x.start for x in a.quotes]
    starts += [x.start for x in a.times] + [x.start for x in a.mentions]
    return any(span.start <= s < span.end for s in starts)


def _figures(article: Article, span: Span, tokens: set[str]) -> frozenset[str]:
    """The figures' values where analysed ("100.000" is "100,000"; a clock time is no figure), else digits.

    Years count as figures here: "since 2002" and "since 2003" are not the same statement.
    """
    if article.analysis is None:
        return frozenset(t for t in tokens if t[:1].isdigit())
    a = article.analysis
    inside = {f"{f.value:g}" for f in a.figures if span.start <= f.start < span.end}
    inside |= {"y" + t.value[:4] for t in a.times if span.start <= t.start < span.end and t.grain == "year"}
    return frozenset(inside)


def collect_sentences(ctx: StoryContext, entities: EntityMap) -> list[Sentence]:
    out: list[Sentence] = []
    for a in ctx.articles:
        for span in ctx.sentences[a.id]:
            text = a.text[span.start : span.end]
            if is_boilerplate(text):
                continue
            tokens = sentence_tokens(a, span, entities)
            if len({t for t in tokens if not _DATE_WORD.match(t)}) >= MIN_TOKENS:
                clauses = [frozenset(sentence_tokens(a, c, entities)) for c in clause_spans(a.text, span)]
                kept = tuple(c for c in clauses if len(c) >= MIN_TOKENS)
                numbers = _figures(a, span, tokens)
                speakers = sentence_speakers(a, span, entities)
                info = _informative(a, span)
                subject = subject_person(a, span, entities)
                negated = tuple(
                    frozenset(sentence_tokens(a, c, entities)) for c in denying_clauses(a.text, span)
                )
                quoted = frozenset(
                    t for r in quoted_runs(a.text, span) for t in sentence_tokens(a, r, entities)
                )
                out.append(
                    Sentence(
                        a.id,
                        span,
                        frozenset(tokens),
                        info,
                        kept,
                        numbers,
                        speakers,
                        ctx.origins[a.id],
                        quoted,
                        subject,
                        negated,
                    )
                )
    return out


def _weights(sentences: Sequence[Sentence]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for s in sentences:
        # A clause's tokens are read from its own span and can differ from the sentence's
        # (a word cut at the clause's edge): every token that is compared gets a weight.
        for t in s.tokens.union(*s.clauses):
            df[t] += 1
    n = len(sentences)
    return {t: math.log(1.0 + n / c) for t, c in df.items()}


def similarity(
    a: frozenset[str], b: frozenset[str], w: dict[str, float], min_shared: int = MIN_SHARED
) -> float:
    """Mean of the weighted overlap coefficient and the weighted Dice coefficient."""
    shared = a & b
    if len(shared) < min_shared or not shared:
        return 0.0
    ws, wa, wb = (sum(w[t] for t in x) for x in (shared, a, b))
    return 0.5 * (ws / min(wa, wb) + 2 * ws / (wa + wb))


def numbers_disagree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sentences state figures and share none: "risen to 14" is not "risen to 12"."""
    return bool(a and b and not (a & b))


def _score(a: Sentence, b: Sentence, w: dict[str, float], cosine: float | None) -> float:
    """Shared words (of the sentences or any of their clauses), blended with the sentence vectors' cosine.

    With vectors, fewer shared words are needed: the same fact in other words shares
    its names and numbers but not its verbs.
    """
    pairs = [(x, y) for x in (a.tokens, *a.clauses) for y in (b.tokens, *b.clauses)]
    if cosine is None:
        return max(similarity(x, y, w) for x, y in pairs)
    words = max(similarity(x, y, w, VECTOR_MIN_SHARED) for x, y in pairs)
    return (1 - VECTOR_WEIGHT) * words + VECTOR_WEIGHT * cosine


def align(
    sentences: Sequence[Sentence],
    w: dict[str, float],
    near: dict[int, tuple[float, int]] | None = None,
    vectors: np.ndarray | None = None,
    at: float = CompareSettings.align,
) -> dict[tuple[int, int], float]:
    """For each sentence, its best match in every other article: {(i, j): score}, i < j.

    `near`, when given, receives each sentence's closest sentence of another article, aligned or not.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        for t in s.tokens:
            postings[t].append(i)
    edges: dict[tuple[int, int], float] = {}
    for i, s in enumerate(sentences):
        candidates: set[int] = set()
        for t in s.tokens:
            if len(postings[t]) <= MAX_POSTING:
                candidates.update(postings[t])
        best: dict[str, tuple[float, int]] = {}
        for j in sorted(candidates):
            other = sentences[j]
            # Numbers that disagree do not block alignment: "risen to 14" against "risen to 12" is
            # the same claim told differently, and build_claims records who differs.
            if other.article == s.article:
                continue
            score = _score(s, other, w, None if vectors is None else float(vectors[i] @ vectors[j]))
            # Another speaker's like words are no corroboration, but the fact may be told there:
            # such a pair only comes near (the claim is "possibly elsewhere", not single-source).
            other_speaker = bool(s.speakers and other.speakers and not s.speakers & other.speakers)
            shares = len(s.tokens & other.tokens) >= NEAR_MIN_SHARED
            if near is not None and other.origin != s.origin and shares and score > near.get(i, (0.0, -1))[0]:
                near[i] = (score, j)
            if other_speaker:
                continue
            if score >= at and score > best.get(other.article, (0.0, -1))[0]:
                best[other.article] = (score, j)
        for score, j in best.values():
            edges[(min(i, j), max(i, j))] = score
    return edges


def _vectors(ctx: StoryContext, sentences: Sequence[Sentence]) -> np.ndarray | None:
    if len({s.article for s in sentences}) < 2:
        return None  # nothing to align: do not load the model for a one-article story
    v = embed([ctx.by_id(s.article).text[s.span.start : s.span.end] for s in sentences])
    if v is None or not CENTRE:
        return v
    # Every sentence of a story is about its topic: taking the story's mean out leaves what each says.
    # A mean of a few sentences is mostly those sentences themselves (two become opposite), so it is
    # taken out in proportion to how many sentences it stands on.
    n = len(v)
    v = v - (n / (n + CENTRE_PRIOR)) * v.mean(axis=0, keepdims=True)
    out: np.ndarray = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return out


def build_claims(ctx: StoryContext, entities: EntityMap) -> list[Claim]:
    sentences = collect_sentences(ctx, entities)
    w = _weights(sentences)
    near: dict[int, tuple[float, int]] = {}
    vectors = _vectors(ctx, sentences) if VECTOR_WEIGHT > 0 else None
    edges = align(sentences, w, near, vectors, ctx.settings.align)
    centrality: dict[int, float] = defaultdict(float)
    for (i, j), score in edges.items():
        centrality[i] += score
        centrality[j] += score
    n = len(sentences)
    groups = star_groups(n, edges, centrality) if ctx.settings.star else union_groups(n, edges)
    # Only alignments that share more than names corroborate: two headlines naming the same
    # team and player ("Red Sox offer Teixeira $200 million", "Red Sox to break bank for Teixeira")
    # state different things.
    confident = {p: score for p, score in edges.items() if _substantive(sentences[p[0]], sentences[p[1]])}
    found = _Found(ctx, sentences, edges, confident, centrality, near, w, entities)
    claims: list[tuple[tuple[int, int, int], Claim]] = []
    pending = sorted(groups, key=lambda m: _position(ctx, sentences[m[0]]))
    while pending:
        made, rest = found.claim(pending.pop(0))
        if made:
            claims.append(made)
        # A sentence grouped by a weak alignment alone is no evidence of the corroborated claim:
        # it is a claim of its own (often "possibly elsewhere").
        pending.extend([i] for i in rest)
    return [c for _, c in sorted(claims, key=lambda x: x[0])]


def _substantive(a: Sentence, b: Sentence) -> bool:
    """The two share a word or number besides names and dates, and a quotation's own words.

    A sentence that is a quotation and its attribution states what is quoted: two things one
    speaker said that day share the attribution ("Angels general manager Tony Reagins told ...
    on Friday") and nothing of what was said.
    """
    shared = a.tokens.union(*a.clauses) & b.tokens.union(*b.clauses)
    said = {t for t in shared if not t.startswith("@") and not _DATE_WORD.match(t)}
    if any(x.quoted and not said & x.quoted for x in (a, b)):
        return False
    # Each opens with a person the other does not name ("Cheeks was replaced by DiLeo" and "DiLeo
    # will replace Cheeks" name both).
    if a.subject and b.subject and not {"@" + a.subject, "@" + b.subject} & shared:
        return False
    if denied(a.negated, said) != denied(b.negated, said):
        return False
    return bool(said)


@dataclass
class _Found:
    """What one story's alignment found, from which each group of sentences becomes a claim."""

    ctx: StoryContext
    sentences: list[Sentence]
    edges: dict[tuple[int, int], float]
    confident: dict[tuple[int, int], float]
    centrality: dict[int, float]
    near: dict[int, tuple[float, int]]
    w: dict[str, float]
    entities: EntityMap

    def claim(self, members: list[int]) -> tuple[tuple[tuple[int, int, int], Claim] | None, list[int]]:
        """(sort key, claim) for a group, or None; and the members split off as claims of their own."""
        ctx, sentences, centrality = self.ctx, self.sentences, self.centrality
        article_ids = [sentences[i].article for i in members]
        if len(ctx.origin_list(article_ids)) < 2 and not any(_worth_alone(sentences[i]) for i in members):
            return None, []
        agree = agreeing(ctx, sentences, members, centrality)
        corroborate, near = ctx.settings.corroborate, ctx.settings.near
        sure = confident_members(sentences, agree, self.confident, corroborate)
        origins = ctx.origin_list(sorted({sentences[i].article for i in sure}))
        if len(origins) >= 2 and len(members) > 1:
            # A member with other figures stays (its article differs) only where it aligns with
            # confidence: grouped by a weak alignment it is no part of the claim either way.
            told = confident_members(sentences, members, self.confident, corroborate)
            rest = [i for i in members if i not in sure and (i in agree or i not in told)]
            if rest:
                # What the smaller group splits off in turn is a claim of its own too, not lost.
                made, more = self.claim([i for i in members if i not in rest])
                return made, rest + more
        # An article with any agreeing sentence agrees; the rest carry the claim with other numbers.
        agreeing_ids = {sentences[i].article for i in agree}
        differs = sorted({a for a in article_ids if a not in agreeing_ids}, key=lambda x: ctx.rank[x])
        pool = sorted(sure) if len(origins) >= 2 else agree
        rep = max(pool, key=lambda i: (centrality[i], -ctx.rank[sentences[i].article], -i))
        if len(origins) < 2:
            origins = [sentences[rep].origin]
        rep_s = sentences[rep]
        ev = [
            evidence(ctx.by_id(sentences[i].article), sentences[i].span.start, sentences[i].span.end)
            for i in sorted(members, key=lambda i: _position(ctx, sentences[i]))
        ]
        claim = Claim(
            text=ctx.by_id(rep_s.article).text[rep_s.span.start : rep_s.span.end].strip(),
            articles=sorted(set(article_ids), key=lambda x: ctx.rank[x]),
            origins=origins,
            corroborated=len(origins) >= 2,
            evidence=ev,
            differs=differs,
            possibly_elsewhere=possibly_elsewhere(sentences, agree, origins, self.near, near),
        )
        claim.confidence, claim.why = grounds(
            ctx, sentences, members, sure, self.confident, self.near, self.w, self.entities, corroborate, near
        )
        first = _position(ctx, sentences[members[0]])
        return ((-len(origins), first[0], first[1]), claim), []


def agreeing(
    ctx: StoryContext, sentences: Sequence[Sentence], members: Sequence[int], centrality: dict[int, float]
) -> list[int]:
    """The members that agree on the numbers the most independent origins state.

    A sentence without numbers agrees with any; among numbered sentences, the
    wording that most origins share is taken as the claim and the others differ.
    """
    numbered = [i for i in members if sentences[i].numbers]
    if not numbered:
        return list(members)

    def agree_with(r: int) -> list[int]:
        return [i for i in members if not numbers_disagree(sentences[r].numbers, sentences[i].numbers)]

    def weight(r: int) -> tuple[int, float, int, int]:
        support = len(ctx.origin_list([sentences[i].article for i in agree_with(r)]))
        return (support, centrality[r], -ctx.rank[sentences[r].article], -r)

    return agree_with(max(numbered, key=weight))


def _position(ctx: StoryContext, s: Sentence) -> tuple[int, int]:
    return (ctx.rank[s.article], s.span.start)


def _worth_alone(s: Sentence) -> bool:
    return s.informative and len(s.tokens) >= MIN_SINGLE_SOURCE_TOKENS
