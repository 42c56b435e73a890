"""Quotes: direct ("..." he said), indirect (X said that ...), mixed (X said Y had "...").

A quotation opened and not closed in a paragraph runs to the paragraph's end
(newswire style for quotes that go on in the next paragraph). A quotation
that is a whole paragraph with no attribution of its own continues the
previous paragraph's speaker. Quoted fragments inside an unattributed
sentence are scare quotes, not quotes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

from corroborate.language.attribution import (
    CUE_RE,
    Attribution,
    lead_attribution,
    sentence_attributions,
    tail_attribution,
)
from corroborate.language.cues import attributes_often, best_cue_word, is_copula
from corroborate.language.labels import speaker_labels
from corroborate.language.quotations import join_pieces
from corroborate.language.quote_filter import keep_quotes
from corroborate.language.quote_marks import Marks, mask, quotation_marks
from corroborate.language.speaker_choice import rechoose
from corroborate.language.speakers import Speaker, Speakers
from corroborate.model import Entity, Mention, Quote, QuoteKind, Span

_ADDING: Final = re.compile(
    r",\s*(?P<cue>adding|saying|noting|insisting|warning|stressing|explaining)\s+(?:that\s+)?"
)
# Before the subject: a dateline, a short intro phrase ("In January, "), a title ("Former President ").
_SUBJECT_LEAD: Final = re.compile(
    r"(?:[A-Z][\w.,' ]{0,40}(?:\([^)]{0,20}\))?\s*[—–-]+\s*)?(?:[A-Z][\w ]{0,40},\s*)?"
    r"(?:(?:The|the)\s+)?(?:[A-Z][\w.-]*\s+){0,3}"
)
_SUBJECT_VERB: Final = re.compile(
    r"(?:['’]s?)?\s+(?:(?:also|has|have|had|is|was|were|are|repeatedly|again|then|later|recently|[a-z]+ly)\s+)*"
    r"(?P<verb>(?:gone|made|said|told|took|put|spoken|written|seen|kept|given|[a-z]+(?:ed|es|s|ing))\b)\s*"
)
_MIN_OBJECT_WORDS: Final = 4
# "that" opening a clause of 4+ words, not "that treaty" or "ruled that out".
_THAT_CLAUSE: Final = re.compile(r"that\s+(?=(?:[\w'’$.,-]+\s+){3}[\w'’$-])")
_WORK_BEFORE: Final = re.compile(
    r"\b(?:of|on|in|about|book|show|film|movie|series|program|programme|song|album|titled|called),?\s*$"
)


class _Finder:
    def __init__(
        self, text: str, sentences: Sequence[Span], entities: Sequence[Entity], mentions: Sequence[Mention]
    ):
        self.text = text
        self.sentences = list(sentences)
        self.starts = [s.start for s in sentences]
        self.marks = quotation_marks(text)
        self.masked = mask(text, self.marks)
        self.speakers = Speakers(text, sentences, entities, mentions)
        self.quotes: list[Quote] = []
        self.by_paragraph: dict[int, Quote] = {}
        self.spoken: list[Quote] = []
        self.guessed: set[tuple[int, int]] = set()  # pieces `guess` found: no rule read them

    def sentence_at(self, pos: int) -> Span:
        k = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.sentences[k] if self.sentences else Span(start=0, end=len(self.text))

    def paragraph(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def previous_paragraph(self, pos: int) -> int | None:
        start, _ = self.paragraph(pos)
        k = start - 1
        while k > 0 and self.text[k - 1 : k + 1].strip() == "":
            k -= 1
        return self.paragraph(k - 1)[0] if k > 0 else None

    def is_title(self, m: Marks) -> bool:
        """'on "Fox News Sunday,"', 'his book, "Make Your Kid a Millionaire,"': a name in title case after
        a word that introduces a work is a title, not speech."""
        content = self.text[m.start : m.end].rstrip(",.")
        words_ = re.findall(r"[\w'’]+", content)
        if not 1 <= len(words_) <= 10 or any(w[0].islower() for w in words_ if len(w) > 3):
            return False
        return _WORK_BEFORE.search(self.text, max(0, m.open - 20), m.open) is not None

    def is_direct(self, m: Marks) -> bool:
        sentence = self.sentence_at(m.open)
        before = self.masked[min(sentence.start, m.open) : m.open].rstrip()
        if not before or before.endswith((":", "—")):
            return True
        if before.endswith(",") and bool(CUE_RE.search(before[-40:])):
            return True
        # 'With thousands of systems, "there is no single point of failure," he said.'
        closing = self.text[m.end : m.close].lstrip('”"')
        if self.text[m.end : m.end + 1] in ",?!" or closing.startswith(","):
            sentence_end = self.sentence_at(max(m.close - 1, m.open)).end
            att = tail_attribution(self.masked, m.close, max(sentence_end, m.close))
            return att is not None and att.speaker is not None and att.cue[1] > att.cue[0]
        return False

    def emit(
        self,
        start: int,
        end: int,
        kind: QuoteKind,
        att: Attribution | None,
        speaker: Speaker | None,
        channel: str | None,
    ) -> None:
        cue_span = att.cue if att and att.cue[1] > att.cue[0] else None
        quote = Quote(
            start=start,
            end=end,
            text=self.text[start:end],
            kind=kind,
            cue=self.text[cue_span[0] : cue_span[1]] if cue_span else None,
            cue_span=Span(start=cue_span[0], end=cue_span[1]) if cue_span else None,
            speaker=speaker.text if speaker else None,
            speaker_span=Span(start=speaker.start, end=speaker.end) if speaker else None,
            speaker_entity=speaker.entity if speaker else None,
            channel=channel,
        )
        # "Schreiber said Mulroney promised ...": a speaker inside another's content is reported, not the
        # one who speaks on; the next "he" and an unattributed paragraph go to the outer speaker.
        nested = speaker is not None and any(q.start <= speaker.start < q.end for q in self.quotes)
        self.quotes.append(quote)
        if speaker is not None and not nested:
            self.speakers.spoke(speaker.entity, min(start, speaker.start))
            self.by_paragraph[self.paragraph(start)[0]] = quote
            self.spoken.append(quote)

    def direct(self, m: Marks) -> None:
        closing = self.sentence_at(max(m.close - 1, m.open))
        att = tail_attribution(self.masked, m.close, max(closing.end, m.close))
        if (att is None or att.speaker is None) and closing.end <= m.close:
            # '"... that unborn child?" Rubio said.': a '?' or '!' closing the quotation also ends the
            # sentence, so the attribution is the next one, if it follows in the same paragraph.
            after = self.sentence_at(m.close + 1)
            short = len(self.text[after.start : after.end].split()) <= 8
            if short and after.start >= m.close and "\n" not in self.text[m.close : after.start]:
                att = tail_attribution(self.masked, m.close, after.end)
                if att is not None and len(self.masked[att.cue[1] : after.end].split()) > 4:
                    att = None  # 'He said the protester ...' opens a sentence of its own
        if att is not None and att.speaker is not None:
            att = self.named_first(m.close, att)
        if att is None or att.speaker is None:
            att = lead_attribution(self.masked, min(self.sentence_at(m.open).start, m.open), m.open)
        para_start = self.paragraph(m.open)[0]
        if (att is None or att.speaker is None) and not self.text[para_start : m.open].strip():
            # 'Caddell continued:' closing the paragraph before: it introduces this one.
            prev = self.previous_paragraph(m.open)
            if prev is not None:
                prev_end = self.paragraph(prev)[1]
                if self.text[prev:prev_end].rstrip().endswith(":"):
                    att = lead_attribution(self.masked, self.sentence_at(prev_end - 1).start, prev_end)
        if att is not None and att.speaker is not None:
            speaker = self.speakers.resolve(*att.speaker)
            self.emit(m.start, m.end, "direct", att, speaker, att.channel)
            self.adding(att, closing, speaker)
            return
        para_start, para_end = self.paragraph(m.open)
        same = [q for q in self.quotes if para_start <= q.start < m.open and q.speaker_span is not None]
        if same:
            # '"...," she said. "..."' and '"...," he said, "...": the quotation goes on, so do its speaker
            # and its cue: both parts are one attribution, as annotated corpora (PolNeAR) count them.
            last = same[-1]
            cue = Attribution(None, (last.cue_span.start, last.cue_span.end), None) if last.cue_span else None
            self.emit(m.start, m.end, "direct", cue, self._again(last), last.channel)
            return
        whole = not self.text[para_start : m.open].strip() and not self.masked[m.close : para_end].strip(
            " .,"
        )
        prev = self.previous_paragraph(m.open)
        earlier = self.by_paragraph.get(prev) if prev is not None else None
        if whole and earlier is not None and earlier.speaker_span is not None:
            earlier = self.not_named_in(m, earlier)
            self.emit(m.start, m.end, "direct", None, self._again(earlier), earlier.channel)

    def not_named_in(self, m: Marks, earlier: Quote) -> Quote:
        """'"It was a shock for me when Prime Minister Harper said ..."' after Harper's words: people seldom
        name themselves, so a quotation that names the previous speaker goes on the speaker before."""
        named = {x.entity for x in self.speakers.mentions if m.start <= x.start < m.end}
        if earlier.speaker_entity not in named:
            return earlier
        for q in reversed(self.spoken):
            if q.start < m.open and q.speaker_entity is not None and q.speaker_entity not in named:
                return q
        return earlier

    def named_first(self, close: int, att: Attribution) -> Attribution:
        """'"...," Scott Pruitt, the Republican attorney general of Oklahoma, said': the person named right
        after the closing quote speaks, not the appositive before the cue."""
        assert att.speaker is not None
        for m in self.speakers.mentions:
            if m.start >= att.speaker[0]:
                break
            if m.start > close and m.label == "PERSON" and not self.masked[close : m.start].strip(" ,\"”’'"):
                between = self.masked[m.end : att.speaker[0]]
                if between.strip().startswith(",") and len(between.split()) <= 3:
                    return Attribution((m.start, m.end), att.cue, att.content, att.channel)
        return att

    @staticmethod
    def _again(quote: Quote) -> Speaker:
        span = quote.speaker_span or Span(start=quote.start, end=quote.start)
        return Speaker(quote.speaker or "", span.start, span.end, quote.speaker_entity)

    def adding(self, att: Attribution, sentence: Span, speaker: Speaker) -> None:
        """'"...," Okafor said, adding that every bridge would be checked "as a matter of urgency".'"""
        m = _ADDING.search(self.masked, att.cue[1], sentence.end)
        if m is None:
            return
        start, end = m.end(), sentence.end
        while end > start and self.text[end - 1] in ".;: ":
            end -= 1
        if len(self.text[start:end].split()) < 3:
            return
        kind: QuoteKind = "mixed" if any(start <= f.open < end for f in self.marks) else "indirect"
        cue = Attribution(None, (m.start("cue"), m.end("cue")), None)
        self.emit(start, end, kind, cue, speaker, None)

    def reported(self, sentence: Span, fragments: list[Marks]) -> None:
        atts = sentence_attributions(self.masked, sentence.start, sentence.end)
        if not atts:
            # PolNeAR's attributions reach past speech: 'Cruz thanked Trump for ...', 'She wants to triple
            # ...'. Without a quotation, only a named or pronoun subject with a verb and a long object counts.
            found = self.subject_quoting(sentence, fragments[0].open if fragments else None)
            atts = [found] if found is not None else []
        for att in atts:
            if att.content is None or att.speaker is None:
                continue
            start, end = att.content
            kind: QuoteKind = "mixed" if any(start <= f.open < end for f in fragments) else "indirect"
            speaker = self.speakers.resolve(*att.speaker)
            self.emit(start, end, kind, att, speaker, att.channel)

    def subject_quoting(self, sentence: Span, first_open: int | None) -> Attribution | None:
        """'Reid has gone after Trump as a "con artist"', 'South Korea accused Kim of "fanatic
        recklessness"': a named subject, its verb, then words quoted from someone: a mixed quote of that
        subject. Scare quotes in a sentence without a named subject ('The so-called "plan"') stay out."""
        limit = sentence.end if first_open is None else first_open
        pronoun = re.match(
            r"\s*(?:[A-Z][\w ]{0,40},\s*)?(He|She|They)\b", self.masked[sentence.start : limit]
        )
        subjects = [(sentence.start + pronoun.start(1), sentence.start + pronoun.end(1))] if pronoun else []
        for m in self.speakers.mentions:
            if m.start >= min(limit, sentence.start + 60):
                break
            if m.start < sentence.start or m.label not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            lead = self.masked[sentence.start : m.start]
            if not lead.strip() or _SUBJECT_LEAD.fullmatch(lead):
                subjects.append((m.start, m.end))  # the name opens the sentence: it is the subject
        for start, end in subjects:
            verb = _SUBJECT_VERB.match(self.masked, end, limit)
            if verb is None:
                continue
            stop = sentence.end
            while stop > verb.end() and self.text[stop - 1] in ".;: ":
                stop -= 1
            begin = verb.end()
            # "Trump charges that ...", "Politifact ruled that ...": a that-clause after the subject's verb
            # is what the subject holds, whatever the verb.
            that = _THAT_CLAUSE.match(self.masked, begin, stop)
            if that is not None and not is_copula(verb.group("verb")):
                begin = that.end()
            elif first_open is None and (
                len(self.masked[begin:stop].split()) < _MIN_OBJECT_WORDS
                or not attributes_often(verb.group("verb"))
            ):
                continue
            return Attribution((start, end), (verb.start("verb"), verb.end("verb")), (begin, stop))
        return None

    def labelled(self) -> list[tuple[int, int]]:
        """'PENCE: Well, look, ...': emit each labelled paragraph; return the ranges they cover."""
        ranges: list[tuple[int, int]] = []
        for label in speaker_labels(self.text, self.speakers.mentions):
            speaker = self.speakers.resolve(*label.speaker)
            att = Attribution(label.speaker, label.cue, label.content)
            self.emit(*label.content, "direct", att, speaker, None)
            ranges.append(self.paragraph(label.speaker[0]))
        return ranges

    def run(self) -> list[Quote]:
        labelled = self.labelled()
        marks = [m for m in self.marks if not any(s <= m.open < e for s, e in labelled)]
        direct = [m for m in marks if not self.is_title(m) and self.is_direct(m)]
        fragments = [m for m in marks if m not in direct]
        covered = [(m.open, m.close) for m in direct] + labelled
        todo = sorted(direct, key=lambda m: m.open)
        for sentence in self.sentences:
            while todo and todo[0].open < sentence.end:
                self.direct(todo.pop(0))
            if any(s < sentence.end and sentence.start < e for s, e in covered):
                continue
            inside = [f for f in fragments if sentence.start <= f.open < sentence.end]
            self.reported(sentence, inside)
        for m in todo:
            self.direct(m)
        self.leftovers([m for m in marks if not self.is_title(m)], direct)
        self.guess(labelled)
        return sorted(self.quotes, key=lambda q: q.start)

    def guess(self, labelled: list[tuple[int, int]]) -> None:
        """'Democrats criticized the plan as ...', 'She believes the vote was rigged': in a sentence no rule
        read, the word PolNeAR's annotators most often mark a cue, the nearest name or pronoun before it as
        its subject, and the rest of the sentence as what is attributed. Only candidates: the quote filter's
        model, trained on PolNeAR train with them, keeps those it takes for attributions."""
        taken = sorted((q.start, q.end) for q in self.quotes) + labelled
        for sentence in self.sentences:
            if any(s < sentence.end and sentence.start < e for s, e in taken):
                continue
            cue = best_cue_word(self.masked, sentence.start, sentence.end)
            subject = self.speakers.subject_before(self.masked, sentence.start, cue[0]) if cue else None
            if cue is None or subject is None:
                continue
            start = (
                cue[1]
                + len(self.text[cue[1] : sentence.end])
                - len(self.text[cue[1] : sentence.end].lstrip())
            )
            if self.masked.startswith("that ", start):
                start += 5
            end = sentence.end
            while end > start and self.text[end - 1] in ".;:!? \n":
                end -= 1
            if len(self.text[start:end].split()) < 2:
                continue
            kind: QuoteKind = "mixed" if any(start <= f.open < end for f in self.marks) else "indirect"
            self.emit(start, end, kind, Attribution(None, cue, None), self.speakers.resolve(*subject), None)
            self.guessed.add((start, end))

    def leftovers(self, marks: list[Marks], direct: list[Marks]) -> None:
        """Quoted words no attribution took ('Cruz "the absolutely worst politician in Texas."', a chant
        after the speaker's last words): candidates for the learned filter, with the nearest name before
        them in their sentence as speaker, or (a quotation of its own) the last speaker of the paragraphs
        before. The filter keeps those its model, trained on PolNeAR, takes for quotes."""
        for m in marks:
            if any(q.start <= m.start < q.end or m.start <= q.start < m.end for q in self.quotes):
                continue
            sentence = self.sentence_at(m.open)
            names = [
                x
                for x in self.speakers.mentions
                if sentence.start <= x.start
                and x.end <= m.open
                and x.label in ("PERSON", "ORG", "NORP", "GPE")
            ]
            if names:
                speaker = self.speakers.resolve(names[-1].start, names[-1].end)
                self.emit(m.start, m.end, "mixed", None, speaker, None)
            elif m in direct and self.spoken and self.spoken[-1].start > self.paragraph(m.open)[0] - 600:
                self.emit(m.start, m.end, "direct", None, self._again(self.spoken[-1]), None)


def find_said(
    text: str, sentences: Sequence[Span], entities: Sequence[Entity], mentions: Sequence[Mention]
) -> tuple[list[Quote], list[Quote]]:
    """(the quotes, split quotations joined; every attribution of the rules, piece by piece).

    The second is for figures' speakers: the filter keeps what counts as a quote, and "Armenia's
    government ... put at more than 98,500 the number" still says who gave the number when it drops it.
    Pieces it keeps come with the chooser's speaker; those it drops with the rules' cue and speaker.
    """
    finder = _Finder(text, sentences, entities, mentions)
    found = finder.run()
    filtered = keep_quotes(text, found, entities, mentions, guessed=finder.guessed)
    kept = rechoose(text, filtered, sentences, entities, mentions)
    held = {(q.start, q.end) for q in kept} | finder.guessed  # a dropped guess says nothing of figures
    dropped = [q for q in found if (q.start, q.end) not in held and q.cue_span and q.speaker_span]
    return join_pieces(text, kept), sorted(kept + dropped, key=lambda q: q.start)


def find_quotes(
    text: str, sentences: Sequence[Span], entities: Sequence[Entity], mentions: Sequence[Mention]
) -> list[Quote]:
    return find_said(text, sentences, entities, mentions)[0]
