"""Speaker labels: 'PENCE: Well, look, ...' in transcripts, 'Sanders: Clinton needs to ...' in headlines.

A paragraph that opens with a name and a colon is that person's words to the paragraph's end.
Only names count: an all-capitals transcript label (not a section label such as 'UPDATE:')
or a person the name finder found; 'Poll:', 'Editor's note:' and 'The Latest:' are not speakers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from corroborate.language.lexicon import words
from corroborate.model import Mention

_LABEL: Final = re.compile(
    r"[\"“]?(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}):\s+(?P<body>\S.*?)[\"”]?\s*$"
)
_SECTION_WORDS: Final = words(
    "update updated editor editor's editor’s note correction clarification source sources byline breaking "
    "related watch video photo photos read more latest contributing report poll revealed twitter still "
    "advertisement disclaimer warning q a"
)


@dataclass(frozen=True, slots=True)
class Label:
    speaker: tuple[int, int]
    cue: tuple[int, int]
    content: tuple[int, int]


def speaker_labels(text: str, mentions: Sequence[Mention]) -> list[Label]:
    persons = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    out: list[Label] = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        m = _LABEL.match(line)
        if m is None or len(m.group("body").split()) < 4:
            continue
        name = m.group("name")
        if any(w.lower() in _SECTION_WORDS for w in name.split()):
            continue
        start, end = base + m.start("name"), base + m.end("name")
        transcript = name.isupper() and len(name) > 2
        if not transcript and not any(start <= s and e <= end for s, e in persons):
            continue
        out.append(Label((start, end), (end, end + 1), (base + m.start("body"), base + m.end("body"))))
    return out
