"""Link the quotes of a story across its articles by their words, whoever each outlet says spoke them.

The pieces of one quotation split by its attribution ("We will rebuild," she said, "and fast")
are one quote (`Quote.pieces`; older analyses hold them as records of one cue, joined here), and
only their quoted words are compared: the split itself is never an alteration. Quotes link when
their words match (a trimmed quote still links), whatever the speaker resolution says; when
outlets name different speakers for one quote that is flagged, and a direct quote whose words
change beyond elision, punctuation and case is flagged as altered. An article's own repetition
of a quote is never compared with itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise

from rapidfuzz import fuzz

from corroborate.compare.common import StoryContext, evidence
from corroborate.compare.entities import EntityMap
from corroborate.model import Article, Evidence, Quote, SharedQuote
from corroborate.settings import CompareSettings
from corroborate.text.names import name_key
from corroborate.text.words import NUMBER_WORDS

# A trimmed quote ("...the focus will be humanitarian") is still the same quote.
SAME_PART = 90.0
MIN_PART_CHARS = 25
MIN_WORDS = 4
# Words two wordings of one quotation share where one elides part of it ("I do. ... He was").
MIN_ELIDED_RUN = 8
MAX_SPEAKER_WORDS = 5
# Editorial marks inside a quote: an elision or a bracketed insertion is a gap in the words.
_GAP = re.compile(r"\.\s?\.\s?\.|…|\[[^\]]{0,40}\]|\([^)]{0,3}\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PRONOUN_WORDS = "he she it they we i you him her them his its their"
_PRONOUNS = frozenset(_PRONOUN_WORDS.split())


def normalise_quote(text: str) -> str:
    t = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").replace("…", "...")
    t = re.sub(r"\s+", " ", t).strip().lower()
    return t.strip(" \"'.,;:!?-—")


def quote_words(text: str) -> list[str]:
    """The words of a quote, as compared: lower case, apostrophes one way, numbers as digits."""
    out = []
    for m in _WORD.finditer(text.replace("’", "'")):
        w = m.group(0).lower()
        # A possessive is spelt two ways ("ISIS's" and "ISIS'"): punctuation, not a word changed.
        w = w[:-2] if w.endswith("'s") else w
        out.append(NUMBER_WORDS.get(w, w))
    return out


def words_and_gaps(text: str) -> tuple[list[str], set[int]]:
    """The quote's words, and the word positions where an elision mark stands."""
    out: list[str] = []
    gaps: set[int] = set()
    parts = _GAP.split(text)
    for k, part in enumerate(parts):
        out.extend(quote_words(part))
        if k < len(parts) - 1:
            gaps.add(len(out))
    return out, gaps


def faithful(a: str, b: str) -> bool:
    """The two wordings differ only where one trims an end or marks an elision.

    Case, punctuation and a split by the attribution are gone once the words are read;
    what is left is each run of words one has and the other lacks.
    """
    wa, ga = words_and_gaps(a)
    wb, gb = words_and_gaps(b)
    for tag, i1, i2, j1, j2 in _changes_of_words(wa, wb):
        if tag == "equal":
            continue
        a_edge, b_edge = i1 == 0 or i2 == len(wa), j1 == 0 or j2 == len(wb)
        a_gap, b_gap = bool({i1, i2} & ga), bool({j1, j2} & gb)
        if tag == "delete" and (b_edge or b_gap):
            continue  # b trims or elides a's words
        if tag == "insert" and (a_edge or a_gap):
            continue
        if tag == "replace" and ((a_gap and b_gap) or ((a_gap or b_gap) and a_edge and b_edge)):
            continue  # each elides what the other keeps
        return False
    return True


def _changes_of_words(wa: list[str], wb: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The diff of two wordings, a lone shared word between two changes read as part of one change:
    "award I give her ... Clinton" against "... he was the founder" is one replaced run, not two
    around a chance "the"."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if out and out[-1][0] != "equal" and op[0] != "equal":
            out[-1] = ("replace", out[-1][1], op[2], out[-1][3], op[4])
        elif len(out) > 1 and op[0] != "equal" and out[-1][0] == "equal" and out[-1][2] - out[-1][1] == 1:
            if out[-2][0] != "equal":
                out.pop()
                out[-1] = ("replace", out[-1][1], op[2], out[-1][3], op[4])
                continue
            out.append(op)
        else:
            out.append(op)
    return out


def same_wording(a: str, b: str, at: float = CompareSettings.quote_same_wording) -> bool:
    """The same quote: words matching at `at` (0-100), one a trimmed part of the other, or a long
    run of the same words that differ only where one trims or elides ("... He was the founder")."""
    if fuzz.ratio(a, b) >= at:
        return True
    if min(len(a), len(b)) >= MIN_PART_CHARS and fuzz.partial_ratio(a, b) >= SAME_PART:
        return True
    wa, wb = quote_words(a), quote_words(b)
    run = SequenceMatcher(a=wa, b=wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb)).size
    return run >= MIN_ELIDED_RUN and run >= 0.6 * min(len(wa), len(wb)) and faithful(a, b)


@dataclass
class Said:
    """One quotation as one article gives it: its pieces joined."""

    article: str
    pieces: list[Quote]
    text: str  # the pieces' words joined, as the article quotes them
    norm: str
    speaker_key: str | None
    speaker: str | None

    @property
    def direct(self) -> bool:
        return all(q.kind == "direct" for q in self.pieces)


@dataclass
class _Group:
    members: list[Said] = field(default_factory=list)


def _joined(article: Article) -> list[list[Quote]]:
    """The article's quotes, the pieces of one quotation (one cue, one speaker) together."""
    quotes = sorted(article.analysis.quotes if article.analysis else [], key=lambda q: q.start)
    out: list[list[Quote]] = []
    for q in quotes:
        prev = out[-1][-1] if out else None
        one_cue = prev is not None and prev.cue_span is not None and prev.cue_span == q.cue_span
        if one_cue and prev is not None and prev.speaker == q.speaker and prev.kind == q.kind:
            out[-1].append(q)
        else:
            out.append([q])
    return out


def _speaker(article: Article, q: Quote, entities: EntityMap) -> tuple[str | None, str | None]:
    key = entities.key(article.id, q.speaker_entity)
    name = entities.name(key) or q.speaker
    if key is None and q.speaker and q.speaker.strip().lower() not in _PRONOUNS:
        key = "name:" + name_key(q.speaker)
    if name and (name.strip().lower() in _PRONOUNS or len(name.split()) > MAX_SPEAKER_WORDS):
        # "he" that nothing resolved names nobody; a clause read as a speaker is no name either.
        name, key = None, key if q.speaker_entity else None
    return key, name


def _collect(ctx: StoryContext, entities: EntityMap) -> list[Said]:
    said: list[Said] = []
    for a in ctx.articles:
        for pieces in _joined(a):
            # The quoted words only: the attribution between a split quotation's pieces is no wording.
            text = " ".join(evidence(a, s.start, s.end).text for q in pieces for s in q.spans())
            norm = normalise_quote(text)
            if not norm:
                continue
            key, name = _speaker(a, pieces[0], entities)
            said.append(Said(a.id, pieces, text, norm, key, name))
    return said


def _bigrams(norm: str) -> set[tuple[str, str]]:
    ws = quote_words(norm)
    return set(pairwise(ws)) if len(ws) > 1 else {(w, "") for w in ws}


def _link(said: list[Said], same_at: float) -> list[_Group]:
    groups: list[_Group] = []
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for s in said:
        grams = _bigrams(s.norm)
        candidates = sorted({g for b in grams for g in index[b]})
        short = len(quote_words(s.norm)) < MIN_WORDS
        home = next(
            (
                gi
                for gi in candidates
                if any(
                    # A few words ("very sad") link only when they are the same words.
                    (m.norm == s.norm) if short else same_wording(s.norm, m.norm, same_at)
                    for m in groups[gi].members
                )
            ),
            None,
        )
        if home is None:
            home = len(groups)
            groups.append(_Group())
        groups[home].members.append(s)
        for b in grams:
            index[b].add(home)
    return groups


def _surname(name: str) -> str:
    parts = name_key(name).split()
    return parts[-1] if parts else ""


def _speakers(group: _Group) -> tuple[list[str], bool]:
    """The names the articles give, and whether two articles give the quote to different speakers.

    An article is never compared with itself: one article quoting the same words twice, once
    as someone's, differs from nobody.
    """
    names = list(dict.fromkeys(m.speaker for m in group.members if m.speaker))

    def differ(x: Said, y: Said) -> bool:
        # "Brandt" and "Tomas Brandt" are one speaker even where the entity merge missed it.
        return bool(
            x.article != y.article
            and x.speaker_key
            and y.speaker_key
            and x.speaker_key != y.speaker_key
            and _surname(x.speaker or "") != _surname(y.speaker or "")
        )

    members = group.members
    return names, any(differ(x, y) for i, x in enumerate(members) for y in members[i + 1 :])


def _changes(a: str, b: str) -> str:
    wa, wb = quote_words(a), quote_words(b)
    ops = SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    diffs = [f"'{' '.join(wa[i:j])}' / '{' '.join(wb[k:m])}'" for t, i, j, k, m in ops if t != "equal"]
    return "; ".join(diffs[:3]) or "words added or dropped mid-quote"


def _assess(group: _Group) -> tuple[bool, str, float]:
    """(altered, why, confidence) over the pairs of different articles' direct quotes."""
    members = group.members
    pairs = [(x, y) for i, x in enumerate(members) for y in members[i + 1 :] if x.article != y.article]
    if not pairs:
        return False, "one article", 1.0
    score = min(fuzz.ratio(x.norm, y.norm) for x, y in pairs) / 100
    altered_pairs = [(x, y) for x, y in pairs if x.direct and y.direct and not faithful(x.text, y.text)]
    if altered_pairs:
        x, y = altered_pairs[0]
        return True, f"words changed between outlets: {_changes(x.text, y.text)}", round(max(score, 0.5), 2)
    if all(x.norm == y.norm for x, y in pairs):
        return False, "the same words in every article", 1.0
    if any(not (x.direct and y.direct) for x, y in pairs):
        why = "linked by its words; reported speech in some outlets, so wording is not compared"
        return False, why, round(max(score, 0.6), 2)
    return False, "the same words, trimmed or elided in some outlets", round(max(score, 0.8), 2)


def attribution(ctx: StoryContext, article: Article, q: Quote) -> Evidence | None:
    """The sentence that names the speaker: the speaker's own, or where a pronoun's person was named."""
    at = q.speaker_span.start if q.speaker_span else None
    if q.speaker and q.speaker.strip().lower() in _PRONOUNS and q.speaker_entity and article.analysis:
        mentions = article.analysis.mentions
        named = [m.start for m in mentions if m.entity == q.speaker_entity and m.start < q.start]
        at = named[-1] if named else at
    sent = ctx.sentence_at(article.id, at) if at is not None else None
    return evidence(article, sent.start, sent.end) if sent else None


def group_quotes(ctx: StoryContext, entities: EntityMap) -> list[SharedQuote]:
    out: list[SharedQuote] = []
    for g in _link(_collect(ctx, entities), ctx.settings.quote_same_wording):
        names, differ = _speakers(g)
        altered, why, confidence = _assess(g)
        if differ:
            why += "; outlets name different speakers: " + ", ".join(names)
        evs = [
            evidence(ctx.by_id(m.article), s.start, s.end)
            for m in g.members
            for q in m.pieces
            for s in q.spans()
        ]
        attributions = [
            ev for m in g.members if (ev := attribution(ctx, ctx.by_id(m.article), m.pieces[0])) is not None
        ]
        articles = list(dict.fromkeys(m.article for m in g.members))
        first = g.members[0]
        out.append(
            SharedQuote(
                speaker=next((m.speaker for m in g.members if m.speaker), None),
                text=first.text,
                articles=articles,
                origins=ctx.origin_list(articles),
                # Wording is compared across articles only: one article's two pieces are not variants.
                identical=len(articles) < 2 or len({m.norm for m in g.members}) == 1,
                evidence=evs,
                speakers=names,
                speakers_differ=differ,
                altered=altered,
                why=why,
                confidence=confidence,
                attributions=list({(e.article, e.start): e for e in attributions}.values()),
            )
        )
    # Quotes carried by more independent origins first; otherwise story order (stable sort).
    return sorted(out, key=lambda q: -len(q.origins))
