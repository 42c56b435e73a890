"""Parsing HTML that is broken in ways which hide the article from the parser."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

from corroborate.extract.assemble import ExtractError

_SWALLOWED = 2000
"""Characters of raw text in a <title>/<script>/<style> that, with markup in them, mean an unclosed tag."""
_HTML_END = re.compile(r"</html\s*>", re.I)
_CLOSERS = re.compile(r"</(?:html|body)\s*>", re.I)
_AFTER_END = 2000
"""Characters after </html> that make it a second document, not a trailing script or tracker."""
_TITLE_TAG = re.compile(r"<title[^>]*>", re.I)
_PARAGRAPH_TAG = re.compile(r"</?p[\s>]", re.I)
# A line that opens with a page-layout tag: scripts build markup inside string literals, which seldom
# start a line, so the first such line is where an unclosed script's swallowed page begins.
_MARKUP_LINE = re.compile(
    r"^[ \t]*<(?:/head|body|link|meta|div|table|tr|td|p|center|font|span|h[1-6]|ul|br)\b", re.I | re.M
)
_SCRIPT_TYPES = ("", "text/javascript", "javascript", "text/css")
"""Types whose text is code; a template (text/x-template, text/html) holds markup by design."""
_ANCHOR = 200
"""Characters of the swallowed text used to find it again in the source."""


def _parser() -> lxml.html.HTMLParser:
    """trafilatura's parser, with every element an HtmlElement found in C: lxml.html's own class
    lookup is a Python call per element proxy, made each time any walk over the tree (ours and
    trafilatura's) touches a node, 13% of the extraction's time (cProfile, 150 l3s-gn1 pages).
    Only form elements lose their own classes (`.value`, `.fields`), which nothing here reads."""
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    lookup = lxml.etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _parser()


def load_html(content: str) -> HtmlElement | None:
    """trafilatura.utils.load_html for a string, with the parser above."""
    content = decode_file(content)
    beginning = content[:50].lower()
    dubious = is_dubious_html(beginning)
    content = repair_faulty_html(content, beginning)
    tree: HtmlElement | None = None
    try:
        tree = lxml.html.fromstring(content, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = _from_bytes(content)
    except lxml.etree.LxmlError:
        tree = None
    if tree is None or len(tree) < 1:
        tree = _from_bytes(content)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not HTML at all
    return tree


def _from_bytes(content: str) -> HtmlElement | None:
    try:
        tree: HtmlElement = lxml.html.fromstring(content.encode("utf8", "surrogatepass"), parser=_PARSER)
    except (ValueError, lxml.etree.LxmlError):
        return None
    return tree


def parse(content: str) -> HtmlElement:
    end = _HTML_END.search(content)
    if end is not None and len(content) - end.end() > _AFTER_END:
        # Two documents pasted into one page: the parser drops the second, which may hold the article.
        content = _CLOSERS.sub("", content)
    tree = load_html(content)
    title = tree.find(".//title") if tree is not None else None
    if title is not None and len(title.text or "") > _SWALLOWED and "<" in (title.text or ""):
        # An unclosed <title> swallowed the page as raw text; without the tag the markup parses again.
        tree = load_html(_TITLE_TAG.sub("", content, count=1))
    if tree is not None:
        repaired = _close_swallowing_script(tree, content)
        if repaired is not None:
            tree = repaired
    if tree is None:
        # load_html refuses fragments ("<p>..</p>" alone); wrap them as a document.
        try:
            tree = lxml.html.document_fromstring(f"<html><body>{content}</body></html>", parser=_PARSER)
        except (ValueError, lxml.etree.ParserError) as err:
            raise ExtractError(f"not parseable as HTML: {err}") from err
    if tree is None:
        raise ExtractError("not parseable as HTML")
    result: HtmlElement = tree
    return result


def _close_swallowing_script(tree: HtmlElement, content: str) -> HtmlElement | None:
    """The tree re-parsed with `</script>` (or `</style>`) inserted where a script that was never
    closed (or whose opening tag was truncated) starts swallowing the page's markup; None when no
    script or style did."""
    for element in tree.iter("script", "style"):
        text = element.text or ""
        if len(text) <= _SWALLOWED or not _PARAGRAPH_TAG.search(text):
            continue
        if (element.get("type") or "").strip().lower() not in _SCRIPT_TYPES:
            continue
        line = _MARKUP_LINE.search(text)
        if line is None:
            continue
        anchor = text[line.start() : line.start() + _ANCHOR]
        at = content.find(anchor)
        if at < 0:
            continue  # the parser normalised the text (newlines, NULs): leave the page as parsed
        closed: HtmlElement | None = load_html(f"{content[:at]}</{element.tag}>{content[at:]}")
        return closed
    return None
