"""One pass over the page's markup: its visible lines, and the boilerplate containers to cut.

Containers are recognised by tag (nav, figcaption, aside, footer), by class/id
words (cookie, comments, share, related, ad, newsletter, donate, byline) and by
ARIA hints. Their lines are kept with the container's kind, so what is cut can
be audited; the containers are dropped before the main-text extractor runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

from corroborate.model import RemovedKind

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "head", "title", "meta", "link"}
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "figure",
        "figcaption",
        "blockquote",
        "form",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "dl",
        "main",
        "pre",
        "address",
        "hr",
        "button",
        "label",
        "option",
        "select",
    ]
)
_TAGS: dict[str, RemovedKind] = {
    "nav": "navigation",
    "figcaption": "caption",
    "aside": "related",
    "footer": "navigation",
}
# class/id words -> kind; a word matches a token that equals it or starts with it.
_WORDS: list[tuple[RemovedKind, tuple[str, ...]]] = [
    ("cookie", ("cookie", "consent", "gdpr", "cli", "cmp")),
    ("comments", ("comment", "disqus", "discussion")),
    ("newsletter", ("newsletter", "signup")),
    ("donation", ("donat", "support", "membership", "contribut", "paywall")),
    ("share", ("share", "sharing", "social", "sharedaddy")),
    ("advertisement", ("ad", "ads", "advert", "sponsor", "promo", "dfp", "mpu", "ticker", "banner")),
    ("caption", ("caption", "credit", "credits")),
    ("byline", ("byline", "author")),
    ("metadata", ("dates", "dateline", "posted", "meta", "timestamp", "kicker", "tags", "cat")),
    ("related", ("related", "recommended", "recirc", "outbrain", "taboola", "popular", "trending", "widget")),
    ("related", ("most", "sidebar", "breaking", "more")),
    ("navigation", ("nav", "navbar", "navigation", "menu", "breadcrumb", "masthead", "topbar", "pagination")),
    ("navigation", ("header", "footer", "skip", "tagline", "branding", "brand", "logo", "search")),
    ("disclaimer", ("disclaimer", "disclosure", "legal", "copyright", "trust")),
]
_NOT_WORDS = frozenset({"commentary", "adjacent", "address", "header__title", "meta-title", "author-bio"})
_CLI_CONTEXT = frozenset(
    {"bar", "modal", "popup", "settings", "plugin", "privacy", "overlay", "button", "tab"}
)
"""'cli' is the cookie plugin's prefix ('cli-bar', 'cli-modal') only beside one of these: HuffPost wraps
every paragraph of its stories in 'primary-cli cli cli-text' (a content list item)."""
_TOKEN = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_GUARD_CHECKS = 200
# The rules of _WORDS compiled once: exact words, and stems longer than three letters as prefixes.
_ORDER: dict[RemovedKind, int] = {}
_EXACT: dict[str, RemovedKind] = {}
_PREFIX_KIND: dict[str, RemovedKind] = {}
for _kind, _stems in _WORDS:
    _ORDER.setdefault(_kind, len(_ORDER))
    for _stem in _stems:
        _EXACT.setdefault(_stem, _kind)
        if len(_stem) > 3:
            _PREFIX_KIND.setdefault(_stem, _kind)
_PREFIX = re.compile("|".join(sorted(_PREFIX_KIND, key=lambda s: (_ORDER[_PREFIX_KIND[s]], -len(s)))))
_GENERIC: frozenset[RemovedKind] = frozenset({"navigation", "related", "other", "metadata"})


@dataclass
class Walk:
    lines: list[tuple[str, RemovedKind | None]] = field(default_factory=list)
    """Visible lines in page order, with the kind of the container they sit in (None: none)."""
    cut: list[HtmlElement] = field(default_factory=list)


def tokens(el: HtmlElement) -> list[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    return _TOKEN.findall(_CAMEL.sub(" ", raw).lower())


@lru_cache(maxsize=8192)
def _word_kind(raw: str) -> RemovedKind | None:
    """The kind named by a class/id string; cached, since a site repeats the same few on every element."""
    best: RemovedKind | None = None
    toks = _TOKEN.findall(_CAMEL.sub(" ", raw).lower())
    for tok in toks:
        if tok in _NOT_WORDS or (tok == "cli" and _CLI_CONTEXT.isdisjoint(toks)):
            continue
        for kind in (_EXACT.get(tok), _prefix_kind(tok)):
            # The earliest rule of _WORDS wins, whichever token names it, as when they were tried in order.
            if kind is not None and (best is None or _ORDER[kind] < _ORDER[best]):
                best = kind
    return best


def _prefix_kind(tok: str) -> RemovedKind | None:
    match = _PREFIX.match(tok)
    return None if match is None else _PREFIX_KIND[match.group(0)]


def container_kind(el: HtmlElement) -> RemovedKind | None:
    """The boilerplate kind of a container element, or None."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("body", "html", "main", "article"):
        return None
    attrib = el.attrib
    if attrib:
        if attrib.get("aria-hidden") == "true" or "hidden" in attrib:
            return "other"
        role = attrib.get("role")
        if role and role.lower() in ("navigation", "banner", "contentinfo", "search"):
            return "navigation"
        cls, ident = attrib.get("class"), attrib.get("id")
        if cls or ident:
            kind = _word_kind(f"{cls or ''} {ident or ''}")
            if kind is not None:
                return kind
    if tag == "header":
        return None if el.find(".//h1") is not None else "navigation"
    return _TAGS.get(tag)


HEADLESS_SKIP = _SKIP - {"head", "title"}
"""For broken pages whose parser put the whole page into <head>: its text is still the page."""


def walk(root: HtmlElement, total_chars: int, skip: frozenset[str] = _SKIP) -> Walk:
    """Lines of the page and the containers to cut, in one iterative pass (deep markup cannot recurse)."""
    out = Walk()
    buf: list[str] = []
    state: dict[str, Any] = {"kind": None, "checks": 0, "prose": None, "root": root}

    def flush() -> None:
        line = " ".join("".join(buf).split())
        if line:
            out.lines.append((line, state["kind"]))
        buf.clear()

    def add(text: str | None, kind: RemovedKind | None) -> None:
        if not text:
            return
        if kind != state["kind"]:
            flush()
            state["kind"] = kind
        buf.append(text)

    stack: list[tuple[HtmlElement, RemovedKind | None, bool, bool]] = [(root, None, False, False)]
    while stack:
        el, ctx, closing, cut = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in _BLOCK or cut:
                flush()
            add(el.tail, ctx)
            continue
        if not tag or tag in skip:  # comments, processing instructions, scripts
            add(el.tail, ctx)
            continue
        kind, cut = ctx, False
        if ctx is None:
            candidate = container_kind(el)
            if candidate is not None and _safe_to_cut(el, candidate, total_chars, state):
                kind, cut = candidate, True
                out.cut.append(el)
        elif ctx in _GENERIC:
            # Inside a footer or sidebar, a more specific container names its own lines' kind.
            kind = container_kind(el) or ctx
        if tag in _BLOCK or cut:
            flush()
        add(el.text, kind)
        stack.append((el, ctx, True, cut))
        stack.extend((child, kind, False, False) for child in reversed(el))
    flush()
    return out


def _safe_to_cut(el: HtmlElement, kind: RemovedKind, total_chars: int, state: dict[str, Any]) -> bool:
    """Never cut a wrapper that holds most of the page: a stray class word must not take the article."""
    if el.tag == "h1" or el.find(".//h1") is not None:
        return False
    if kind == "navigation" and _is_subheading(el) and _opens_prose(el):
        # 'article-body__header', 'section-header', or a section's <header><h2>, over a paragraph of the
        # story: a subheading's name says where it stands, not that it is a menu. A teaser box's heading
        # stands over a link or a short blurb.
        return False
    if el.tag in _INLINE and kind in _INLINE_KINDS and _inside_running_text(el):
        # A dateline or name marked inside a paragraph ('<span class="dateline">PORT ALDER —</span> The
        # ferry ...') is the sentence's own opening: the block rules judge the paragraph whole.
        return False
    state["checks"] += 1
    if state["checks"] > _GUARD_CHECKS:
        return False
    size = len(el.text_content())
    if size >= 2000 and size >= total_chars * 0.4:
        return False
    if kind in _THREAD_KINDS:
        return True
    if size < _PROSE_MIN_CHARS and kind in _PROSE_KINDS:
        return True
    if size < _PROSE_MIN_CHARS:
        # A class word alone is weak evidence on modern markup ('paragraph-with-ad', 'more-content',
        # 'meta-body'): a small container that is a paragraph of running text, few of its words
        # links, is the article's own, whatever its name. Menus, teasers and buttons are short or links.
        return not _is_paragraph(el)
    # A generic class word ('...NavWebPart_Article', 'content_byline') on the article's own wrapper:
    # a container holding most of the page's paragraph prose is the article, whatever its name says.
    if state["prose"] is None:
        state["prose"] = _prose_words(state["root"])
    page_prose: int = state["prose"]
    return _prose_words(el) < page_prose * _PROSE_SHARE


_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_INLINE = frozenset({"span", "a", "em", "strong", "b", "i", "time", "small", "abbr", "cite"})
_INLINE_KINDS: frozenset[RemovedKind] = frozenset({"metadata", "byline"})
"""Kinds of a marked inline element that can open a paragraph: a dateline, a reporter's name."""
_RUNNING_WORDS = 12
"""Words of a paragraph's own text, besides a marked inline element, that make it running text."""


def _is_subheading(el: HtmlElement) -> bool:
    if el.tag in _SUBHEADINGS:
        return True
    return el.tag == "header" and len(el) == 1 and el[0].tag in _SUBHEADINGS and len(el.text_content()) < 200


def _opens_prose(heading: HtmlElement) -> bool:
    """The element after the heading (or after its only-child wrappers) is a paragraph of running text."""
    el = heading
    for _ in range(3):
        nxt = el.getnext()
        if nxt is not None:
            break
        parent = el.getparent()
        if parent is None or len(parent) != 1:
            return False
        el = parent
    else:
        return False
    if nxt is None or not isinstance(nxt.tag, str):
        return False
    para = nxt if nxt.tag == "p" else nxt.find(".//p")
    if para is None:
        return False
    text = " ".join(para.text_content().split())
    return len(text.split()) >= _RUNNING_WORDS and text[-1:] in '.!?"”’)'


def _inside_running_text(el: HtmlElement) -> bool:
    parent = el.getparent()
    if parent is None or parent.tag != "p":
        return False
    rest = len(parent.text_content().split()) - len(el.text_content().split())
    return rest >= _RUNNING_WORDS


_PROSE_MIN_CHARS = 1000
_PROSE_SHARE = 0.5
_THREAD_KINDS: frozenset[RemovedKind] = frozenset({"comments"})
_PROSE_KINDS: frozenset[RemovedKind] = frozenset({"comments", "caption"})
"""Containers whose own lines are sentences (readers' comments, photo captions): prose proves nothing."""
"""Boilerplate that can hold most of a page's prose (a long reader thread): its share says nothing.
Appeals and legal boxes (donation, newsletter, cookie, disclaimer) are short beside an article, so a
container of theirs that holds most of the page's prose is the article ('paywall', 'contributor')."""


_PARAGRAPH_WORDS = 25
"""Words of a sentence-ending paragraph that make a small named container the article's text."""
_LINK_SHARE = 0.2
"""Share of a paragraph's characters in links above which it is a teaser or a link list."""


def _is_paragraph(el: HtmlElement) -> bool:
    """The container holds a paragraph of running text with few links (see _safe_to_cut)."""
    for p in [el] if el.tag == "p" else el.iter("p"):
        text = " ".join(p.text_content().split())
        if len(text.split()) < _PARAGRAPH_WORDS or text[-1:] not in '.!?"”’)':
            continue
        linked = sum(len(a.text_content()) for a in p.iter("a"))
        if linked <= len(text) * _LINK_SHARE:
            return True
    return False


def _prose_words(el: HtmlElement) -> int:
    """Words in the element's paragraphs of a sentence or more (menus and teaser links are short)."""
    total = 0
    for p in el.iter("p"):
        n = len(p.text_content().split())
        if n >= 15:
            total += n
    return total


def cut_all(elements: list[HtmlElement], drop: Callable[[HtmlElement], None] | None = None) -> None:
    """Remove the cut containers, keeping the text that follows each (its tail)."""
    for el in elements:
        if el.getparent() is not None:
            el.drop_tree() if drop is None else drop(el)
