"""Loading l3s-gn1 and rendering its pages to full-page text dumps, for benchmarks/extraction.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
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
    """Converters that keep every visible line: html-text and inscriptis (dev extras)."""
    import html_text
    from inscriptis import get_text

    def with_html_text(html: str) -> str:
        return str(html_text.extract_text(html, guess_layout=True))

    def with_inscriptis(html: str) -> str:
        # lxml refuses str input that declares an encoding (<?xml ... encoding=...?>)
        return str(get_text(_XML_DECL.sub("", html, count=1)))

    return {"html-text": with_html_text, "inscriptis": with_inscriptis}
