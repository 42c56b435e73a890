"""A quotation split by its attribution is one quote: '"A," he said. "B."' is one record.

The rules, the quote filter and the speaker chooser work on pieces (each run of
quoted words); the pieces of one quotation share a cue and a speaker mention.
`join_pieces` makes them one `Quote`: `start`/`end` run from the first piece's
first word to the last piece's last word (so `text[start:end]` is exact and holds
the attribution between them), and `pieces` holds each run of quoted words. PolNeAR
annotates such a quotation as one content, and a reader reads it as one quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.model import Quote


def _key(q: Quote) -> tuple[int, int, int, int] | None:
    if q.kind != "direct" or q.cue_span is None or q.speaker_span is None:
        return None
    return (q.cue_span.start, q.cue_span.end, q.speaker_span.start, q.speaker_span.end)


def quotations(text: str, quotes: Sequence[Quote]) -> list[list[int]]:
    """The indices of `quotes`, in text order, grouped by quotation: the pieces of a split one (direct,
    one cue, one speaker mention, one paragraph, next to each other) together, any other quote alone."""
    order = sorted(range(len(quotes)), key=lambda k: quotes[k].start)
    groups: list[list[int]] = []
    for k in order:
        q, prev = quotes[k], quotes[groups[-1][-1]] if groups else None
        key = _key(q)
        if (
            prev is not None
            and key is not None
            and _key(prev) == key
            and prev.end <= q.start
            and "\n" not in text[prev.end : q.start]
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def join_pieces(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes with the pieces of each split quotation joined into one record, in text order."""
    out = []
    for g in quotations(text, quotes):
        if len(g) == 1:
            out.append(quotes[g[0]])
            continue
        first, last = quotes[g[0]], quotes[g[-1]]
        pieces = [s for k in g for s in quotes[k].spans()]
        update = {"end": last.end, "text": text[first.start : last.end], "pieces": pieces}
        out.append(first.model_copy(update=update))
    return out
