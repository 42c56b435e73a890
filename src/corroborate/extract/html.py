"""HTML pages: containers cut, trafilatura for the main text, leftovers classified."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

import trafilatura
from lxml.html import HtmlElement

from corroborate.extract.assemble import MIN_WORDS, Found
from corroborate.extract.boilerplate import PUBLISHED_LINE, Block, classify, classify_one, words
from corroborate.extract.dates import parse_iso
from corroborate.extract.dom import HEADLESS_SKIP, cut_all, walk
from corroborate.extract.htmlmeta import read_metadata
from corroborate.extract.region import is_prose, mark_outside, mark_signed_thread
from corroborate.extract.repair import parse
from corroborate.extract.teasers import mark_teasers
from corroborate.model import Page, RemovedBlock, RemovedKind

# trafilatura logs every page it finds too short at WARNING; that is our ExtractError's job.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_BLOCK_TAGS = {"p": "p", "head": "head", "quote": "quote", "item": "item", "row": "row", "code": "p"}
_SUBSTRING_CHECKS = 2000
_TABLE_SIDE_WORDS = 12
"""Words of the paragraphs on both sides of a table that make it the story's own (a data table)."""
_COMMENTS_AFTER = 150
"""Words of article text above a comments header that make it the article's end, wherever it sits."""
_SHORT_WORDS = 12
_SHORT_SHARE = 0.5
"""trafilatura's text with this share of blocks under _SHORT_WORDS words may be a link list or comments."""
_RUN_OVER_SHORT = 3.0
"""Such text gives way to the page's prose run holding this many times its prose words (2x: F1 -0.001)."""
# Kinds whose container speaks for all its lines; other containers let each line's own rules decide.
_SPECIFIC: frozenset[RemovedKind] = frozenset(
    {"cookie", "comments", "newsletter", "donation", "share", "advertisement", "disclaimer", "byline"}
)


def html_blocks(content: str, page: Page) -> tuple[list[Block], Found]:
    tree = parse(content)
    found = read_metadata(tree, page.url)
    body = tree.find("body")
    total = len(tree.text_content())
    # The guard against cutting the article's own wrapper weighs it against the page's readable text:
    # modern pages carry far more characters of inline script and JSON than of text.
    visible = max(total - sum(len(el.text or "") for el in tree.iter("script", "style")), 1)
    if body is not None and len(body.text_content()) * 4 >= total:
        pass_ = walk(body, visible)
    else:
        # No body, or a body holding little of the text: a broken page the parser poured into <head>.
        pass_ = walk(tree, visible, HEADLESS_SKIP)
    if found.published is None and not any(PUBLISHED_LINE.match(t) for t, _ in pass_.lines):
        found.fallback_date = _htmldate(tree, page.url)
    cut_all(pass_.cut)
    blocks = _main_blocks(tree, page.url)
    blocks = _or_prose_run(blocks, pass_.lines, found.title)
    classify(blocks, comments_after=_COMMENTS_AFTER)
    mark_signed_thread(blocks)
    mark_teasers(blocks, _link_texts(tree))
    _mark_title(blocks, found.title)
    found.removed = _audit(pass_.lines, blocks, found.title)
    return blocks, found


def _or_prose_run(
    blocks: list[Block], lines: list[tuple[str, RemovedKind | None]], title: str | None
) -> list[Block]:
    """trafilatura's blocks or, when it found nothing it trusts (table layouts, broken markup) or took
    a list of short lines (a comment thread, a "Top stories" list) while the page holds far more prose
    elsewhere, the page's run of prose found as in a text dump.

    Measured on l3s-gn1: preferring the run whenever it holds more words than trafilatura's
    blocks loses precision (F1 -0.005 at 3x, -0.009 at 2x), so it stays a fallback.
    """
    total = sum(words(b.text) for b in blocks)
    if total >= MIN_WORDS and not _mostly_short(blocks):
        return blocks
    run = [Block(text, i) for i, (text, kind) in enumerate(lines) if kind is None]
    classify(run)
    mark_outside(run, title)
    if total < MIN_WORDS:
        return run
    prose = sum(words(b.text) for b in blocks if is_prose(b.text))
    kept = sum(words(b.text) for b in run if b.kind is None)
    return run if kept >= _RUN_OVER_SHORT * max(prose, MIN_WORDS) else blocks


def _mostly_short(blocks: list[Block]) -> bool:
    """Most of the blocks are short lines: link lists and reader comments, seldom an article."""
    short = sum(1 for b in blocks if words(b.text) < _SHORT_WORDS)
    return short >= len(blocks) * _SHORT_SHARE


def _main_blocks(tree: HtmlElement, url: str | None) -> list[Block]:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        # Tables on, so that trafilatura still finds an article laid out in a table's cells; the
        # rows it returns are then dropped (see below). On l3s-gn1: tables off 0.879, tables kept
        # 0.866, tables on and rows dropped 0.889. The cost: a data table inside an article is lost.
        include_tables=True,
        include_images=False,
        output_format="python",
    )
    body = getattr(doc, "body", None)
    if body is None:
        return []
    blocks: list[Block] = []
    tables: list[Block] = []  # rows of data tables inside the story
    children = list(body)
    for group, el in enumerate(children):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and _between_paragraphs(children, group):
            for row in el.iter("row"):
                _add(tables, _lines(row), group, "row")
            continue
        if tag == "table":
            # Layout tables of older news sites: menus, teasers and link lists, rarely the news.
            # A page whose article trafilatura found only in a table takes the page's prose run instead
            # (_or_prose_run): measured on l3s-gn1, better than the table's own rows (0.889 vs 0.883).
            continue
        if tag == "list":
            for item in el.iter("item"):
                _add(blocks, _lines(item), group, "item")
        else:
            _add(blocks, _lines(el), group, _BLOCK_TAGS.get(tag, "p"))
    if not tables or sum(words(b.text) for b in blocks) < MIN_WORDS or _mostly_short(blocks):
        return blocks  # no story of paragraphs around the table: the page's prose run decides
    return sorted(blocks + tables, key=lambda b: b.group)


def _between_paragraphs(children: list[HtmlElement], i: int) -> bool:
    """A table with the article's paragraphs on both sides: a data table inside the story."""
    if i == 0 or i == len(children) - 1:
        return False
    return all(
        children[j].tag == "p" and len("".join(children[j].itertext()).split()) >= _TABLE_SIDE_WORDS
        for j in (i - 1, i + 1)
    )


def _lines(el: HtmlElement) -> list[str]:
    """The element's text, split where it had line breaks (<br>)."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "lb":
            parts.append("\n")
        if node is not el and node.tag in ("cell",):
            parts.append(" | ")
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return ["".join(parts)]


def _add(blocks: list[Block], texts: list[str], group: int, tag: str) -> None:
    for text in texts:
        for line in text.split("\n"):
            clean = " ".join(line.split())
            if clean:
                blocks.append(Block(clean, group, tag))


_IN_LINK = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "div", "strong")


def _link_texts(tree: HtmlElement) -> Callable[[str], bool]:
    """Whether a line opens with the text of a link on the page, or of a block inside one (a teaser
    card), read from the page only when asked (a candidate teaser list is rare)."""
    texts: set[str] = set()

    def is_link(line: str) -> bool:
        if not texts:
            texts.add("")
            for a in tree.iter("a"):
                texts.add(_norm(a.text_content()))
                texts.update(_norm(el.text_content()) for el in a.iter(_IN_LINK))
        toks = _norm(line).split()
        # The title may carry its date or section after the link ('Headline Jan 16, 7:00 AM').
        return any(" ".join(toks[:n]) in texts for n in range(min(len(toks), 2), len(toks) + 1))

    return is_link


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _mark_title(blocks: list[Block], title: str | None) -> None:
    """The headline repeated at the top of the text is not text."""
    if not title:
        return
    target = _norm(title)
    for block in blocks[:5]:
        if block.kind is None and _norm(block.text) == target:
            block.kind = "title"
            return


def _audit(
    lines: list[tuple[str, RemovedKind | None]], blocks: list[Block], title: str | None
) -> list[RemovedBlock]:
    """Every visible line of the page that is not in the text, with its kind, in page order."""
    kept = {_norm(b.text) for b in blocks if b.kind is None}
    kept_text = f" {' '.join(_norm(b.text) for b in blocks if b.kind is None)} "
    known = {_norm(b.text): b.kind for b in blocks if b.kind is not None}
    target = _norm(title or "")
    removed: list[RemovedBlock] = []
    budget = _SUBSTRING_CHECKS
    for text, ctx in lines:
        key = _norm(text)
        if not key or key in kept:
            continue
        if len(key.split()) >= 4 and budget > 0:
            budget -= 1  # each check scans the text: bounded, so a page of endless menus stays fast
            if f" {key} " in kept_text:
                continue
        kind = known.get(key) or _kind(text, ctx, key == target)
        removed.append(RemovedBlock(kind=kind, text=text))
    return removed


def _kind(text: str, ctx: RemovedKind | None, is_title: bool) -> RemovedKind:
    if is_title:
        return "title"
    if ctx in _SPECIFIC:
        return ctx  # the container speaks for its lines: no rules to run (the audit's main cost)
    own = classify_one(text)
    if ctx == "caption":
        return own if own in ("caption", "credit") else "caption"
    return own or ctx or ("navigation" if words(text) < 8 else "other")


def _htmldate(tree: HtmlElement, url: str | None) -> datetime | None:
    """A date guessed from the whole page by htmldate: date only, so of lower trust."""
    from htmldate import find_date

    try:
        value = find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return parse_iso(value) if isinstance(value, str) else None
