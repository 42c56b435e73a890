"""Every stage on generated input: its record or its documented error, in bounded time, offsets exact.

Input is hostile on purpose: any Unicode (control characters, right-to-left text,
combining marks, emoji, text without spaces, one 100,000-character token),
unbalanced quotation marks, number soup, random markup, random JSON.
tests/regressions.json holds hand-written hostile cases; a generated case that ever
fails is added there, so it runs every time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corroborate.compare import compare
from corroborate.extract import ExtractError, extract
from corroborate.language import analyze
from corroborate.model import Article, Page, PageError
from corroborate.sources import read_pages
from corroborate.stories import cluster, find_origins

REGRESSIONS = json.loads((Path(__file__).parent / "regressions.json").read_text(encoding="utf-8"))

FRAGMENTS = [
    '"',
    "“",
    "”",
    "'",
    "«",
    " said ",
    " told reporters.",
    "\u202e",  # right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "e\u0301\u0301\u0301",  # combining marks
    "👩‍👩‍👧",
    "🏳️‍🌈",
    "\x00",
    "\x07\x1b[31m",
    "\u200b\u200d\ufeff",
    "100.000",
    "98,500",
    "1,2,3.4.5",
    "-0.0e-7",
    "$3bn",
    "€18 million",
    "12%",
    "more than",
    "about 30",
    "1/2",
    "Monday",
    "2024-05-15",
    "since 2002",
    "Mr. Varga",
    "U.S.",
    "\n\n",
    "\r\n",
    "\t",
    ".",
    "?!",
    "Ines Varga",
    "the Harbour Board",
    "(AP) —",
    "QUILLPORT, May 15 (Reuters) -",
    "ñ",
    "ß",
    "İ",
    "Ⅻ",
    "١٢٣",
]
TAGS = ["p", "div", "article", "script", "style", "a", "h1", "span", "br", "table", "td", "li", "main", "nav"]

words = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), max_size=40).map("".join)
prose = st.lists(
    st.sampled_from([*FRAGMENTS, "The mayor", "said", "people", "were", "killed", "in", "Quillport", " "]),
    max_size=60,
).map(" ".join)
any_text = st.one_of(words, prose)


@st.composite
def markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", ' class="x"', " href='javascript:alert(1)'", ' a="', " onload=x>"]))
        parts.append(draw(st.sampled_from([f"<{tag}{attrs}>", f"</{tag}>", draw(any_text)])))
    return "<html><body>" + "".join(parts)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
json_pages = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "url": st.one_of(json_values, st.just("https://www.harbourtimes.example/a")),
        "title": st.one_of(json_values, any_text),
        "text": st.one_of(json_values, any_text),
        "html": st.one_of(json_values, markup()),
        "published": st.one_of(json_values, st.just("2024-05-15T08:00:00Z"), st.just("not a date")),
    },
)

BOUNDED = settings(
    max_examples=40, deadline=timedelta(seconds=20), suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    analyze("The mayor said on Monday that 14 people died.")  # the name model loads once, not per example


def spans_in(record: Any) -> list[dict[str, Any]]:
    """Every {start, end, text} found anywhere in a record's JSON."""
    found: list[dict[str, Any]] = []
    if isinstance(record, dict):
        if {"start", "end", "text"} <= record.keys() and isinstance(record["start"], int):
            found.append(record)
        for value in record.values():
            found.extend(spans_in(value))
    elif isinstance(record, list):
        for value in record:
            found.extend(spans_in(value))
    return found


def check_analysis(text: str) -> None:
    analysis = analyze(text, datetime(2024, 5, 15, tzinfo=UTC))
    for span in spans_in(json.loads(analysis.model_dump_json())):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span
    for sentence in analysis.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)


@BOUNDED
@given(any_text)
@example("a" * 100_000)
@example('"' * 50 + "said" + "“" * 30)
@example("1" * 5000)
def test_analysis_offsets_are_exact_whatever_the_text(text: str) -> None:
    check_analysis(text)


@pytest.mark.parametrize("case", REGRESSIONS["analyze"])
def test_analysis_regressions(case: str) -> None:
    check_analysis(case)


def check_extract(content: str, fmt: str) -> None:
    page = Page(
        id="p", source="generated", format=fmt, content=content, url="https://www.harbourtimes.example/a"
    )  # type: ignore[arg-type]
    try:
        article = extract(page)
    except ExtractError as err:
        assert str(err)  # the error says why
        return
    assert article.text.strip()
    check_analysis(article.text)


@BOUNDED
@given(markup())
def test_extract_gives_an_article_or_says_why(content: str) -> None:
    check_extract(content, "html")


@BOUNDED
@given(any_text)
def test_extract_of_text_gives_an_article_or_says_why(content: str) -> None:
    check_extract(content, "text")


@pytest.mark.parametrize("case", REGRESSIONS["extract_html"])
def test_extract_regressions(case: str) -> None:
    check_extract(case, "html")


@settings(max_examples=60, deadline=timedelta(seconds=20))
@given(st.binary(max_size=3000))
def test_any_bytes_read_as_a_page_or_an_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "page.html"
    path.write_bytes(data)
    [item] = list(read_pages([str(path)]))
    assert isinstance(item, Page | PageError)
    if isinstance(item, PageError):
        assert item.message and item.source == str(path)


@settings(max_examples=60, deadline=timedelta(seconds=20))
@given(st.lists(st.one_of(json_pages, json_values), min_size=1, max_size=5))
def test_any_json_lines_read_as_pages_or_errors(
    tmp_path_factory: pytest.TempPathFactory, lines: list[Any]
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    items = list(read_pages([str(path)]))
    assert len(items) == len(lines)  # one page or one error per line
    for item, line in zip(items, lines, strict=True):
        if isinstance(item, Page) and item.body:
            assert item.content == line["text"]  # a JSON line's text is taken as given
            article = extract(item)
            assert article.text == line["text"]


@st.composite
def stories_of(draw: st.DrawFn) -> list[Article]:
    base = datetime(2024, 5, 15, tzinfo=UTC)
    articles = []
    for n in range(draw(st.integers(1, 4))):
        text = draw(prose) or "Quillport"
        articles.append(
            Article(
                id=f"{n:064d}",
                source=f"gen-{n}",
                outlet=draw(st.sampled_from(["Harbour Times", "Eastvale Post", None])),
                published=draw(st.sampled_from([None, base, base + timedelta(days=n)])),
                title=draw(st.one_of(st.none(), words)),
                text=text,
                analysis=analyze(text, base),
            )
        )
    return articles


@settings(max_examples=30, deadline=timedelta(seconds=30), suppress_health_check=[HealthCheck.too_slow])
@given(stories_of())
def test_stories_and_comparison_of_any_articles(articles: list[Article]) -> None:
    assignment = cluster(articles, {})
    assert set(assignment) == {a.id for a in articles}  # every article in a story
    by_id = {a.id: a for a in articles}
    for story_id in sorted(set(assignment.values())):
        members = [a for a in articles if assignment[a.id] == story_id]
        story = compare(story_id, members, find_origins(members))
        for span in spans_in(json.loads(story.model_dump_json(exclude={"articles"}))):
            if span.get("article") in by_id:
                text = by_id[span["article"]].text
                assert text[span["start"] : span["end"]] == span["text"], span
