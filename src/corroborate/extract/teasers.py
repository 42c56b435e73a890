"""Teaser lists under the article: headline, blurb, headline, blurb... to the end of the page.

Below the story many news pages list other stories: a short title line, often a
one-sentence summary, repeated. Each piece reads like news, so the rules and the
prose region keep it. The shape gives it away: three or more title lines, each
followed by at most one short paragraph, with no longer text after them.
"""

from __future__ import annotations

from corroborate.extract.boilerplate import Block, is_heading_like, words

MIN_TITLES = 3
_TITLE_MAX_WORDS = 15
_BLURB_MAX_WORDS = 60
_BODY_BEFORE = 100
"""Words of text that must stay above a teaser list: an article of short items is not a list of teasers."""


def _title(block: Block, *, over_blurb: bool = False) -> bool:
    """A teaser's title line. A list item only counts over a blurb: an article's own bullet list of
    short points has no summaries under them, a list of teasers has."""
    text = block.text.rstrip()
    # Not titles: a paragraph closing on a quote ('he said: "We will."'), a name in capitals
    # signing a reader's letter, a score line ('Flyers 6 Capitals 4') heading a game's summary.
    return (
        (block.tag != "item" or over_blurb)
        and words(text) <= _TITLE_MAX_WORDS
        and is_heading_like(text)
        and not text.endswith(('"', "”", "’", ")"))
        and not text[-1:].isdigit()
        and text.upper() != text
    )


def _section_label(text: str) -> bool:
    return text.isalpha() and text[:1].isupper()


def mark_teasers(blocks: list[Block]) -> None:
    """Mark the teaser list that ends the page's text, if there is one, as 'related'."""
    text = [i for i, b in enumerate(blocks) if b.kind is None]
    k, titles = len(text) - 1, 0
    while k >= 0:
        block = blocks[text[k]]
        if _title(block):
            titles, k = titles + 1, k - 1
        elif _section_label(block.text) and titles:
            k -= 1  # 'Sports', 'World': a one-word label between groups of teasers, no title itself
        elif k > 0 and words(block.text) <= _BLURB_MAX_WORDS and _title(blocks[text[k - 1]], over_blurb=True):
            titles, k = titles + 1, k - 2
        else:
            break
    if titles < MIN_TITLES:
        return
    start = k + 1
    if sum(words(blocks[i].text) for i in text[:start]) < _BODY_BEFORE:
        return
    for i in text[start:]:
        blocks[i].kind = "related"
