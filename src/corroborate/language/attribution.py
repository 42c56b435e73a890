"""Who says it: speech cues and the phrase that names the speaker.

Works on a *masked* text: quoted content replaced by underscores (same
length, so offsets hold), so cue words inside a quotation never attribute it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from corroborate.language.cues import LEARNED_CUES
from corroborate.language.lexicon import (
    DIRECT_ONLY_CUES,
    NAMING_CUES,
    ROLE_NOUNS,
    SPEECH_CUES,
    STRONG_CUES,
    words,
)
from corroborate.text.datelines import DATELINE_AT
from corroborate.text.words import DETERMINERS, PRONOUNS, QUANTIFIERS

_AUX: Final = (
    r"(?:(?:has|have|had|also|later|previously|repeatedly|earlier|again|then|would|will|once|has\s+also"
    # "is claiming that ...", "was telling reporters ..."
    r"|is|are|was|were|been)\s+)*"
)
_CUES: Final = "|".join(map(re.escape, sorted({*SPEECH_CUES, *LEARNED_CUES}, key=len, reverse=True)))
# Case-sensitive: "The United States" is a name, not "states"; only "According to" opens a sentence.
CUE_RE: Final = re.compile(rf"(?<![\w-])(?P<aux>{_AUX})(?P<cue>According to|{_CUES})\b")  # not "so-called"
_INTRO: Final = words(
    "while after before when if although though as since because in on at by for from with during "
    "earlier meanwhile however later separately also but and so then yet instead still now today "
    "yesterday according despite amid contrary having to"
)
_DETERMINERS: Final = DETERMINERS | PRONOUNS | QUANTIFIERS | words("one two three four five six")
# Plural speakers written in lowercase: "officials said", "top black lawmakers said", "sources say".
_GROUP_NOUNS: Final = words(
    "sources officials lawmakers experts analysts residents witnesses critics observers aides democrats "
    "republicans investigators police authorities activists protesters advocates supporters insiders "
    "economists researchers scientists doctors voters leaders members organizers organisers"
)
_ROLE_LED: Final = re.compile(
    # "museum director Zoë Lindqvist", "spokesperson Stephane Dujarric": a role, then the name.
    rf"(?:[a-z-]+\s+){{0,3}}(?:{'|'.join(sorted(ROLE_NOUNS))})\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*$"
)
_CLAUSE_INSIDE: Final = re.compile(r"\sto\s+[a-z]{3,}\s")
_CLAUSE_WORDS: Final = re.compile(r"\b(?:that|which|who|because|if|when|while|whether)\b", re.IGNORECASE)
_CHANNEL: Final = re.compile(
    r"\b(?:quoted|cited|carried|reported|relayed|published)\s+by\s+(?P<a>.+)$"
    r"|\bin an interview with\s+(?P<b>.+)$",
    re.IGNORECASE,
)
_TRAILING_END: Final = re.compile(
    # "..., the court said." / "said on Friday, amid ...": the cue closes the sentence or opens an aside.
    r"\s*(?:$|[.;!?,]|(?:on|in|at|last|this|late|earlier|during|after|before|when|while|amid)\b)"
)
_ACCORDING: Final = re.compile(r"\baccording to\s+(?P<np>[^,;.]+?)\s*(?=[,;.]|$)", re.IGNORECASE)
_STATEMENT_OF: Final = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+)?(?:statement|report|post|readout|release)\s+(?:from|by|of)\s+", re.I
)


_NAME_BEFORE: Final = re.compile(
    r"(?<![\w’'-])((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*|he|she|they)\s+(?:(?:also|has|have|had)\s+)*$"
)
# A noun phrase (a name, or a determiner and up to four words) and the relative pronoun after it.
_RELATIVE_BEFORE: Final = re.compile(
    r"(?P<np>(?:\b(?:the|a|an|The|A|An)\s+(?:(?!(?:the|a|an)\b)[\w.'’-]+\s+){0,3}[\w.'’-]*\w"
    r"|(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*))"
    r",?\s+(?:who|which)\s+$"
)
_CONJUNCTION: Final = re.compile(
    r"(?:but|and|so|yet|But|And|So|Yet|Still|Now|Then)\s+"
    r"(?=[A-Z]|(?:he|she|they|we|a|an|the|some|many|several|most|other|two|three)\b)"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int] | None
    channel: str | None = None


def _parts(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated parts of masked[start:end], whitespace trimmed, empty ones dropped."""
    out: list[tuple[int, int]] = []
    pos = start
    # Quotation marks separate parts too: '"...", he said' has the speaker after the quote.
    for piece in re.split(r"[,\"“”«»]", masked[start:end]):
        s, e = pos, pos + len(piece)
        pos = e + 1
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        conj = _CONJUNCTION.match(body)
        if conj and len(body) > conj.end():
            lead, body = lead + conj.end(), body[conj.end() :]  # "but Shelby said": the speaker is Shelby
        if body:
            out.append((s + lead, s + lead + len(body)))
    return out


def _first_word(masked: str, part: tuple[int, int]) -> str:
    m = re.match(r"[\w'’.-]+", masked[part[0] : part[1]])
    return m.group(0) if m else ""


def _speakerish(masked: str, part: tuple[int, int], limit: int) -> bool:
    text = masked[part[0] : part[1]]
    first = _first_word(masked, part)
    if not first or "_" in text or len(text.split()) > limit or _CLAUSE_WORDS.search(text):
        return False
    if first.lower() in _INTRO:
        return False
    last = text.split()[-1].lower()
    if _CLAUSE_INSIDE.search(text):
        return False  # 'I laughed and said', 'urged Congress to leave the program intact, ...': a clause

    group = len(text.split()) <= 4 and (last in _GROUP_NOUNS or last in ROLE_NOUNS)
    return first[0].isupper() or first.lower() in _DETERMINERS or bool(_ROLE_LED.match(text)) or group


def channel_of(phrase: str) -> str | None:
    m = _CHANNEL.search(phrase)
    if m is None:
        return None
    return (m.group("a") or m.group("b") or "").strip() or None


def speaker_phrase(
    masked: str, start: int, end: int, limit: int = 12
) -> tuple[tuple[int, int] | None, str | None]:
    """The speaker among the comma-parts before a cue, skipping appositives and asides (an aside may name
    the channel: 'in a statement quoted by Russian news agencies')."""
    parts = _parts(masked, start, end)
    channel: str | None = None
    for k in range(len(parts) - 1, -1, -1):
        part = parts[k]
        first = _first_word(masked, part)
        words_ = masked[part[0] : part[1]].split()
        group = len(words_) <= 4 and words_[-1].lower() in _GROUP_NOUNS | ROLE_NOUNS
        aside = (
            first[:1].islower()
            and first.lower() not in _DETERMINERS
            and not _ROLE_LED.match(masked, *part)
            and not group
        ) or bool(re.fullmatch(r"\d{1,3}", masked[part[0] : part[1]]))  # "Quina Jones, 25, said"
        appositive = first.lower() in ("a", "an") and k > 0 and _speakerish(masked, parts[k - 1], limit)
        if aside or appositive:
            channel = channel or channel_of(masked[part[0] : part[1]])
            continue
        if masked[part[0] : part[1]].split()[-1] in ("and", "but"):
            # "I laughed and said ...": a clause joined to the cue; its subject speaks.
            return _subject(masked, part[0], part[1]), channel
        return (part if _speakerish(masked, part, limit) else None), channel
    return None, channel


def _content_after(masked: str, cue_end: int, end: int, cue: str) -> tuple[int, int] | None:
    rest = masked[cue_end:end]
    that = re.search(r"\bthat\s+", rest)
    told_clause = re.match(r"\s+(?:[\w'’.-]+\s+){1,4}?(?=(?:he|she|they|it|we|I|there)\s)", rest)
    if cue.lower() in NAMING_CUES:
        # 'called half of his supporters "deplorables"': the whole phrase, if it quotes the name given.
        start = cue_end + len(rest) - len(rest.lstrip())
        if "_" not in masked[start:end]:
            return None
    elif cue.lower() in ("told", "tells"):
        if that is not None and len(rest[: that.start()].split()) <= 15:
            start = cue_end + that.end()
        elif told_clause is not None:
            start = cue_end + told_clause.end()  # "told the forum he was ..."
        else:
            return None
    else:
        lead = re.match(
            r"\s*,?\s*(?:(?:on|in|at|last|late|earlier)\s+[\w-]+(?:\s+(?:night|evening|morning))?\s*,?\s*)?",
            rest,
        )
        start = cue_end + (lead.end() if lead else 0)
        if masked[start:].startswith("that "):
            start += 5
        elif cue.lower() not in STRONG_CUES | LEARNED_CUES and cue.lower() not in ("put at", "put"):
            return None  # "maintains its position" is not reported speech; "maintains that ..." is
    content_end = end
    according = re.search(r",\s*according to\b", masked[start:end], re.IGNORECASE)
    if according:
        content_end = start + according.start()
    while content_end > start and masked[content_end - 1] in ".;: ":
        content_end -= 1
    if len(masked[start:content_end].split()) < 3 and "_" not in masked[start:content_end]:
        return None  # a short clause counts only with a quotation in it: 'says Trump's "... unhinged"'
    return start, content_end


def sentence_attributions(masked: str, start: int, end: int) -> list[Attribution]:
    """Every reported attribution in one sentence, nested ones too: 'X said Y believes ...' is X's
    and, inside it, Y's (PolNeAR annotates both)."""
    out: list[Attribution] = []
    body: int | None = None
    while body is None or body < end:
        att = sentence_attribution(masked, start, end, body)
        if att is None:
            break
        if out and att.content is not None and att.content[1] <= att.cue[0]:
            # 'Armenia, meanwhile, asked the court to ..., the court said.': the closing '..., X said'
            # holds the whole sentence, the earlier cue nests inside it.
            dateline = DATELINE_AT.match(masked, start, end)
            first = dateline.end() if dateline and dateline.end() - start < 40 else start
            out.insert(0, Attribution(att.speaker, att.cue, (first, att.content[1]), att.channel))
            break
        out.append(att)
        if att.content is None or att.content[0] <= att.cue[0]:
            break  # '..., X said.': the content is behind the cue, nothing nests after it
        body = att.cue[1]
    return out


def sentence_attribution(masked: str, start: int, end: int, after: int | None = None) -> Attribution | None:
    """Reported speech in one sentence: 'X said (that) ...', '..., X said.', 'according to X'.
    With `after`, only a cue after that offset, its speaker after it too."""
    dateline = DATELINE_AT.match(masked, start, end)
    body = dateline.end() if dateline and dateline.end() - start < 40 else start
    if after is not None and after > body:
        body = after
    for m in CUE_RE.finditer(masked, body, end):
        cue = m.group("cue").lower()
        if cue == "put" and not re.match(r"(?:\s+[\w'’-]+){1,5}\s+at\s", masked[m.end() : end]):
            continue  # "put the toll at 14" reports a figure; "put pressure on" does not
        if (
            cue == "according to"
            or (cue in DIRECT_ONLY_CUES and cue not in LEARNED_CUES)
            or re.match(r"\s+by\b", masked[m.end() : end])
        ):
            continue  # "the inquiry announced by Okafor" is not Okafor speaking
        comma = masked.rfind(",", body, m.start())
        if comma > body:
            speaker, channel = speaker_phrase(masked, comma + 1, m.start("aux"), limit=8)
            rest = masked[m.end() : end]
            # 'All of which, he said, would help ...', 'The museum, he said, would ...': the content runs on
            # after the aside, so a short opening is enough.
            runs_on = rest.startswith(",") and len(rest.split()) >= 3 and "_" not in rest
            opening = len(masked[body:comma].split())
            if (
                speaker
                and _TRAILING_END.match(masked, m.end(), end)
                and (opening >= 3 or (runs_on and opening))
            ):
                stop = comma
                if runs_on:
                    stop = end
                    while stop > m.end() and masked[stop - 1] in ".;: ":
                        stop -= 1
                return Attribution(speaker, (m.start("cue"), m.end("cue")), (body, stop), channel)
        if cue.endswith("ing") and masked[body : m.start("aux")].rstrip().endswith(","):
            # "Trump attacked Clinton on Friday, saying ...": the participle's subject is the sentence's.
            speaker, channel = _subject(masked, body, m.start("aux")), None
        else:
            speaker, channel = speaker_phrase(masked, body, m.start("aux"))
        if speaker is None:
            # "In a March meeting with the editorial board Trump said ...": the name right before the cue.
            near = _NAME_BEFORE.search(masked, body, m.start("aux"))
            if near and near.group(1).split()[0].lower() not in _INTRO and not cue.endswith("ing"):
                speaker = (near.start(1), near.end(1))
        if speaker is None:
            # "..., an architect who said ...", "Democrats, who have argued that ...": the relative
            # clause's antecedent speaks.
            rel = _RELATIVE_BEFORE.search(masked, body, m.start("aux"))
            speaker = (rel.start("np"), rel.end("np")) if rel else None
        if speaker is None:
            continue
        content = _content_after(masked, m.end("cue"), end, cue)
        if content is None:
            continue
        according = _ACCORDING.search(masked, content[1], end)
        if according and channel is None:
            channel = _STATEMENT_OF.sub("", according.group("np")).strip()
        return Attribution(speaker, (m.start("cue"), m.end("cue")), content, channel)
    # A nested search ('after') wants a cue of its own; "according to" names the outer source.
    return _according(masked, body, end) if after is None else None


def _according(masked: str, start: int, end: int) -> Attribution | None:
    m = _ACCORDING.search(masked, start, end)
    if m is None or "_" in m.group("np"):
        return None
    cue = (m.start(), m.start() + len("according to"))
    np = (m.start("np"), m.end("np"))
    if m.start() == start:
        content = (m.end() + 1, end)
    else:
        content = (
            start,
            masked.rfind(",", start, m.start()) if "," in masked[start : m.start()] else m.start(),
        )
    while content[1] > content[0] and masked[content[1] - 1] in ".;: ":
        content = (content[0], content[1] - 1)
    if len(masked[content[0] : content[1]].split()) < 3:
        return None
    return Attribution(
        np, cue, (content[0] + (len(masked[content[0] :]) - len(masked[content[0] :].lstrip())), content[1])
    )


_NAME_AFTER: Final = re.compile(
    r"\s*(?P<np>(?:[^,;.:!?(]|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z][a-z]{2})\.|(?<=\b[A-Z][a-z]{3})\.)+)"
)


def tail_attribution(masked: str, start: int, end: int) -> Attribution | None:
    """After a closing quote: '," Hadjiev said', '," claims Hadjiev', '," he said of ...', ' — Name'."""
    dash = re.match(r"\s*[—–―-]+\s*(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)", masked[start:end])
    if dash:
        s = start + dash.start("name")
        return Attribution((s, s + len(dash.group("name"))), (start, start), None)
    m = CUE_RE.search(masked, start, end)
    if m is None or len(masked[start : m.start()].split()) > 20:
        return None
    cue = (m.start("cue"), m.end("cue"))
    seg = masked[start : m.start("aux")].strip(" ,")
    if not seg:
        # '," said Rep. G.K. Butterfield (D-N.C.), head of ...': a period inside a title or initials
        # ("Rep.", "G.K.") does not end the speaker's name.
        after = _NAME_AFTER.match(masked, m.end(), end)
        if after is None:
            return None
        s = after.start("np")
        np = after.group("np").rstrip(" .")
        return Attribution((s, s + len(np)), cue, None)
    speaker, channel = speaker_phrase(masked, start, m.start("aux"))
    return Attribution(speaker, cue, None, channel) if speaker else None


def lead_attribution(masked: str, start: int, end: int) -> Attribution | None:
    """Before an opening quote: 'Hadjiev said: "...', 'He added, "...', 'According to X, "...'."""
    seg = masked[start:end].rstrip()
    if not seg.endswith((":", ",")):
        return None
    inverted = re.match(r"\s*(?P<cue>Said|Says|Added|Adds|Asked|Wrote)\s+(?P<np>[^:,_]{2,60}?)\s*[:,]$", seg)
    if inverted:  # 'Said Ellis: "..."'
        return Attribution(
            (start + inverted.start("np"), start + inverted.end("np")),
            (start + inverted.start("cue"), start + inverted.end("cue")),
            None,
        )
    last = None
    for m in CUE_RE.finditer(masked, start, start + len(seg)):
        last = m
    if last is None:
        return None
    between = masked[last.end() : start + len(seg)].strip(" ,:")
    # 'says of Clinton, "...', 'told reporters: "...': a short object or phrase may sit before the quote.
    short = re.fullmatch(r"(?:(?:of|to|about|on|in)\s+)?[\w'’. -]{1,40}", between) is not None
    if between and not short and last.group("cue").lower() != "according to":
        return None
    cue = (last.start("cue"), last.end("cue"))
    if last.group("cue").lower() == "according to":
        np = masked[last.end() : start + len(seg)].strip(" ,:")
        s = masked.index(np, last.end()) if np else last.end()
        return Attribution((s, s + len(np)), cue, None) if np else None
    speaker, channel = speaker_phrase(masked, start, last.start("aux"))
    if speaker is None and last.group("cue").endswith("ing"):
        speaker = _subject(masked, start, last.start())  # 'Trump attacked Clinton ..., saying, "..."'
    return Attribution(speaker, cue, None, channel) if speaker else None


_SUBJECT: Final = re.compile(
    r"(?:He|She|They|We|I)\b|(?:The\s+)?[A-Z][\w.'’-]*(?:\s+(?:(?:of|for)\s+)?[A-Z][\w.'’-]*)*"
)


def _subject(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence's grammatical subject, when it opens the sentence (after a short intro phrase)."""
    body = start + len(masked[start:end]) - len(masked[start:end].lstrip())
    first = _first_word(masked, (body, end)).lower()
    if first in _INTRO:
        comma = masked.find(",", body, end)
        if comma < 0 or comma - body > 50:
            return None
        body = comma + 1 + len(masked[comma + 1 : end]) - len(masked[comma + 1 : end].lstrip())
    m = _SUBJECT.match(masked, body, end)
    if m is None or not re.match(r"\s+(?:also\s+|has\s+|had\s+)?[a-z]+", masked[m.end() : end]):
        return None
    return m.start(), m.end()
