"""Whether a time expression points forward: read from the verb of its own clause.

"will be held in all 14 provinces on Saturday" looks ahead; "said on Tuesday
that he will resign" looks back. `times.py` asks this of each weekday and month
it has to place before or after the publication day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from corroborate.language.lexicon import words
from corroborate.model import Span

# Which way a weekday or month points is read from the verb of its own clause: the nearest verb
# before it ("will be held in all 14 provinces on Saturday", "said on Tuesday that ..."), or, when
# the clause opens with the time, the first verb after it ("On Saturday, voters will ...").
# Punctuation and words that open another clause end it, and only the next two words after the
# time can hold its verb, so in "announced on Tuesday would be the first" or "said on Tuesday
# that he will resign" the later verb is not Tuesday's.
_CLAUSE_WORDS: Final = words("which who whom whose because although though while whether if")
_FUTURE_WORDS: Final = words(
    "will would shall won't wouldn't shan't expected scheduled planned planning upcoming"
)
# Words that point forward only as "set to / set for", "going to", "plans to" (not "advertising
# plans"), "due to resume" (not "due to the storm"), "next week" (not "next to").
_FUTURE_BEFORE_TO: Final = frozenset({"set", "going", "due", "next", "plan", "plans"})
_AHEAD_OF: Final = re.compile(r"\bahead of\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_VERB_AFTER_TO: Final = words("the a an his her its their this that these those")
_PAST_AUX: Final = words("was were had did wasn't weren't hadn't didn't")
_PRESENT_AUX: Final = words("is are am isn't aren't")
# The present of these verbs states a schedule ("the summit opens on Monday"); other present
# tense ("is still small", "is attempting") describes now, not what is coming.
_SCHEDULE_VERBS: Final = words("opens begins starts ends closes resumes meets convenes reopens")
# Words that may stand between an auxiliary and its verb: "will not be held", "is due to be held".
_GROUP_WORDS: Final = words("be been being has have to not also still already now never just")
_IRREGULAR_PAST: Final = words(
    "said told met held took made gave came went began spoke wrote saw left got found won lost"
    " fell rose sent led struck shot brought bought caught fought sought ran flew drove broke"
    " chose knew grew threw became stood sat paid kept felt heard agreed freed done gone given"
    " taken seen known spoken written shown begun risen fallen driven chosen broken stolen"
)
_OPENING_WORDS: Final = frozenset({"", "on", "by", "from", "until", "early", "late", "and", "but", "then"})
_NOT_PAST: Final = words("hundred sacred naked wicked kindred rugged")
_CLAUSE_TOKEN: Final = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|[,;:()\"“”—–]")


def _at(words: Sequence[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def _points_forward(words: Sequence[str], i: int) -> bool:
    w, after = words[i], _at(words, i + 1)
    if w in _FUTURE_WORDS or w.endswith("'ll"):
        return True
    if w == "next":
        return after != "to"
    if w == "set":
        return after in ("to", "for")
    if w == "due":  # "due on Friday", "due to resume"; not "due to the storm"
        return after != "to" or _at(words, i + 2) not in _NOT_VERB_AFTER_TO
    return w in _FUTURE_BEFORE_TO and after == "to" and _at(words, i + 2) not in _NOT_VERB_AFTER_TO


def _schedule(words: Sequence[str], i: int) -> bool:
    w = words[i]
    return w in _SCHEDULE_VERBS or (w in ("take", "takes") and _at(words, i + 1) in ("place", "effect"))


def _verb_signal(words: Sequence[str], i: int) -> bool:
    w = words[i]
    if w in _PAST_AUX or w in _PRESENT_AUX or w in _IRREGULAR_PAST or _points_forward(words, i):
        return True
    if _schedule(words, i):
        return True
    return w.endswith("ed") and len(w) > 3 and not w.endswith("eed") and w not in _NOT_PAST


def _reading(words: Sequence[str], i: int) -> bool | None:
    """Whether the verb at `i`, read with the auxiliaries before it, points forward.

    None for the plain present ("is still small"), which says nothing about when.
    """
    j = i
    while j > 0 and (words[j - 1] in _GROUP_WORDS or _verb_signal(words, j - 1)):
        j -= 1
    group = range(j, i + 1)
    if any(words[k] in _PAST_AUX for k in group):
        return False  # "was set to", "was to be issued": a plan seen from a past moment, mostly past now
    if any(_points_forward(words, k) for k in group) or "to be" in " ".join(words[j : i + 1]):
        return True
    if any(_schedule(words, k) for k in group):
        return True
    return None if any(words[k] in _PRESENT_AUX for k in group) else False


def _boundary(word: str) -> bool:
    return word in _CLAUSE_WORDS or (word != "" and not word[0].isalpha())


def _clause_words(text: str, start: int, end: int, sentence: Span) -> list[str]:
    """The words of text[start:end] in lower case, punctuation as itself.

    Capitalised words are names ("Ahmed", "United"), not verbs, so they are left blank; the
    first word of the sentence is read in lower case.
    """
    out: list[str] = []
    for m in _CLAUSE_TOKEN.finditer(text, start, end):
        w = m.group(0).replace("’", "'")
        out.append(w.lower() if w.islower() or m.start() == sentence.start or not w[0].isalpha() else "")
    return out


def points_forward(text: str, start: int, end: int, sentence: Span) -> bool:
    if _AHEAD_OF.search(text, max(sentence.start, start - 20), start):
        return True  # "ahead of Tuesday's primary"
    before = _clause_words(text, sentence.start, start, sentence)
    cut = max((k for k, w in enumerate(before) if _boundary(w)), default=-1)
    opener, before = (before[cut] if cut >= 0 else ""), before[cut + 1 :]
    for i in range(len(before) - 1, -1, -1):
        if _verb_signal(before, i):
            reading = _reading(before, i)
            if reading is not None:
                return reading
            break  # the present says nothing: the words after may ("is up for re-election ... and will")
    if opener in ("if", "unless"):
        return True  # "if he wins in November": a condition looks forward
    after = [w for w in _clause_words(text, end, min(sentence.end, end + 80), sentence) if w]
    # The time's own verb is among the next two words ("Voters on Saturday will ..."), names not
    # counted ("On Monday, Mr. Clinton will"); after an opening phrase's comma, the next four
    # ("On Saturday, the two mayors will ...").
    opening = after[:1] == [","] and all(w in _OPENING_WORDS for w in before)
    after = after[1:5] if opening else after[:2]
    for i, w in enumerate(after):
        if _boundary(w):
            break
        if _verb_signal(after, i):
            reading = _reading(after, i)
            if reading is not None:
                return reading
    return False
