"""Teaser lists under the article: headline, blurb, headline, blurb... to the end of the page.

Below the story many news pages list other stories: a short title line, often a
one-sentence summary, repeated. Each piece reads like news, so the rules and the
prose region keep it. The shape gives it away: three or more title lines, each
followed by at most one short paragraph, with no longer text after them.
"""

from __future__ import annotations

from collections.abc import Callable

from corroborate.extract.boilerplate import Block, is_heading_like, words
from corroborate.extract.region import is_prose

MIN_TITLES = 3
_TITLE_MAX_WORDS = 15
_BLURB_MAX_WORDS = 60
_LINKED_NUM, _LINKED_DEN = 1, 2
"""Share of a teaser list's titles that must be links on an HTML page: half."""
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


def _subheads(titles: list[Block], is_link: Callable[[str], bool], blurbs: int) -> bool:
    """The titles are the article's own subheadings: headings all, and most of them no link; or, set in
    bold paragraphs (no heading tag), none of them a link and each over a paragraph of its own."""
    linked = sum(1 for t in titles if is_link(t.text))
    if all(t.tag == "head" for t in titles):
        return linked * _LINKED_DEN < len(titles) * _LINKED_NUM
    return linked == 0 and blurbs == len(titles)


def mark_teasers(blocks: list[Block], is_link: Callable[[str], bool] | None = None) -> None:
    """Mark the teaser list that ends the page's text, if there is one, as 'related'.

    is_link: whether a line is a link's text on the page (HTML). Given, titles that are all headings
    must be links for half of them at least: an explainer's closing sections (a question as
    subheading, one short paragraph under it) have the shape of a teaser list, and only the links
    tell them apart. (A footer's lines of names and contacts are no headings, and no links either.)
    """
    text = [i for i, b in enumerate(blocks) if b.kind is None]
    k, titles, blurbs = len(text) - 1, list[Block](), 0
    while k >= 0:
        block = blocks[text[k]]
        if _title(block):
            titles, k = [*titles, block], k - 1
        elif _section_label(block.text) and titles:
            k -= 1  # 'Sports', 'World': a one-word label between groups of teasers, no title itself
        elif k > 0 and words(block.text) <= _BLURB_MAX_WORDS and _title(blocks[text[k - 1]], over_blurb=True):
            titles, k = [*titles, blocks[text[k - 1]]], k - 2
            blurbs += is_prose(block.text)
        else:
            break
    if len(titles) < MIN_TITLES:
        return
    if is_link is not None and _subheads(titles, is_link, blurbs):
        return
    start = k + 1
    if sum(words(blocks[i].text) for i in text[:start]) < _BODY_BEFORE:
        return
    for i in text[start:]:
        blocks[i].kind = "related"
