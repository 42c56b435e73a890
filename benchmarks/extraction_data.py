"""Loading l3s-gn1 and rendering its pages to full-page text dumps, for benchmarks/extraction.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from corroborate.model import Page
from corroborate.sources import decode

ROOT = Path(__file__).resolve().parents[1]
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
L3S = ROOT.parent / "shared" / "datasets" / "l3s-gn1"


@dataclass
class Doc:
    id: str
    html: str
    gold: str


def load(folder: Path = L3S, limit: int | None = None) -> list[Doc]:
    """The pages with their gold text (headline + full text), in a stable order."""
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    docs: list[Doc] = []
    for key in sorted(gold)[:limit]:
        raw = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        html, _ = decode(raw)  # the same decoded string goes to every extractor
        docs.append(Doc(key, html, gold[key].get("articleBody") or ""))
    return docs


def page(doc: Doc, content: str, fmt: str) -> Page:
    digest = hashlib.sha256(f"{fmt}:{doc.id}".encode()).hexdigest()
    return Page(id=digest, source=f"l3s-gn1/{doc.id}", format=fmt, content=content)  # type: ignore[arg-type]


def renderers() -> dict[str, Callable[[str], str]]:
    """Converters that keep every visible line: html-text, inscriptis, html2text (dev extras; as
    Markdown without wrapping, and with its default wrap at 78 columns) and `lynx -dump` (with
    `-nolist`, and with its numbered links and References list) / `w3m -dump` where installed."""
    import html_text
    from inscriptis import get_text

    def with_html_text(html: str) -> str:
        return str(html_text.extract_text(html, guess_layout=True))

    def with_inscriptis(html: str) -> str:
        # lxml refuses str input that declares an encoding (<?xml ... encoding=...?>)
        return str(get_text(_XML_DECL.sub("", html, count=1)))

    out: dict[str, Callable[[str], str]] = {"html-text": with_html_text, "inscriptis": with_inscriptis}
    try:
        import html2text

        def with_html2text(html: str) -> str:
            conv = html2text.HTML2Text()
            conv.body_width = 0  # html2text writes Markdown; 0 keeps its own line breaks only
            return str(conv.handle(html))

        def with_html2text_wrapped(html: str) -> str:
            return str(html2text.HTML2Text().handle(html))  # defaults: wrapped at 78

        out["html2text"] = with_html2text
        out["html2text-78"] = with_html2text_wrapped
    except ImportError:  # a dev extra: the benchmark skips a converter that is missing
        pass
    for tool in ("lynx", "lynx-refs", "w3m"):
        if shutil.which(tool.split("-")[0]):
            out[tool] = partial(_dump, tool)
    return out


def _dump(tool: str, html: str) -> str:
    """`lynx -dump` / `w3m -dump` of the page, as UTF-8 (Debian packages lynx, w3m)."""
    args = {
        "lynx": ["lynx", "-dump", "-stdin", "-nolist", "-assume_charset=utf-8", "-display_charset=utf-8"],
        "lynx-refs": ["lynx", "-dump", "-stdin", "-assume_charset=utf-8", "-display_charset=utf-8"],
        "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"],
    }[tool]
    try:
        done = subprocess.run(args, input=html.encode("utf-8"), capture_output=True, timeout=20, check=False)
    except subprocess.TimeoutExpired:
        return ""
    return done.stdout.decode("utf-8", errors="replace")
