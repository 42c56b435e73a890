"""The static HTML report: escaping, evidence highlights and links, figures in words, the index, a browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from corroborate.compare import compare
from corroborate.model import (
    Analysis,
    Article,
    Claim,
    Entity,
    Evidence,
    Figure,
    FigureBound,
    FigureComparison,
    FigureReport,
    Quote,
    QuoteKind,
    RemovedBlock,
    SharedQuote,
    Span,
    Story,
    StoryEntity,
    TimelineEvent,
)
from corroborate.text.wording import figure_in_words as format_figure
from corroborate.views.highlight import ArticleMarks, article_keys, format_date, safe_href
from corroborate.views.report import render_story, story_filename, summary, write_reports

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
CHROMIUM = Path("/usr/bin/chromium")

A1 = "a1" + "0" * 62
A2 = "b2" + "1" * 62
A3 = "c3" + "2" * 62

TEXT1 = (
    "VELMAR, March 4 (Reuters) - More than 12,000 residents have been evacuated from the Velmar valley "
    "after a dam upstream partially collapsed on Sunday, regional officials said.\n"
    '"The water is still rising and we cannot promise anyone they will be home this week," '
    "regional governor Ilse Marten told reporters on Monday.\n"
    "The Velmar Water Authority said about 40 villages lay in the flood path. "
    "It said engineers had reinforced the remaining wall overnight.\n"
    "The dam, built in 1968, had been flagged for repairs in a 2021 inspection report, "
    "according to documents seen by Reuters."
)
TEXT2 = (
    "VELMAR, March 4 (Reuters) - More than 12,000 residents have been evacuated from the Velmar valley "
    "after a dam upstream partially collapsed on Sunday, regional officials said.\n"
    '"The water is still rising and we cannot promise anyone they\'ll be home this week," '
    "regional governor Ilse Marten told reporters on Monday.\n"
    "The Velmar Water Authority said about 40 villages lay in the flood path."
)
TEXT3 = (
    "At least 15,500 people have now left their homes in the Velmar valley, the civil protection agency "
    "said on Tuesday, up from the 12,000 reported on Monday.\n"
    'Governor Ilse Marten said the evacuation would continue "until engineers tell us the wall will hold".\n'
    "The dam partially collapsed on Sunday after three days of heavy rain, the agency said.\n"
    "Local farmers said roughly 2,000 head of cattle had been moved to higher ground.\n"
    "The agency said about 35 villages lay in the flood path."
)


def ev(article: str, text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(article=article, start=start, end=start + len(needle), text=needle)


def line(article: str, text: str, needle: str) -> Evidence:
    """The whole paragraph (line) that contains the needle."""
    at = text.index(needle)
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    return Evidence(article=article, start=start, end=end, text=text[start:end])


def quote(text: str, needle: str, kind: QuoteKind, speaker: str | None, entity: str | None = None) -> Quote:
    e = ev("", text, needle)
    return Quote(start=e.start, end=e.end, text=needle, kind=kind, speaker=speaker, speaker_entity=entity)


def figure(
    text: str, needle: str, value: float, bound: FigureBound, counted: str, as_of: str | None = None
) -> Figure:
    e = ev("", text, needle)
    return Figure(
        start=e.start, end=e.end, text=needle, value=value, bound=bound, counted=counted, as_of=as_of
    )


MARTEN = "person:ilse-marten"
WATER_QUOTE = "The water is still rising and we cannot promise anyone they will be home this week"
WATER_QUOTE2 = "The water is still rising and we cannot promise anyone they'll be home this week"


def realistic_story() -> Story:
    marten = Entity(key=MARTEN, name="Ilse Marten", label="PERSON", roles=["regional governor"])
    a1 = Article(
        id=A1,
        source="reuters.html",
        url="https://www.reuters.com/world/velmar-dam-2024-03-04/",
        title="Thousands evacuated as dam partially collapses in Velmar valley",
        outlet="Reuters",
        origin="Reuters",
        authors=["Jana Holt"],
        published=datetime(2024, 3, 4, 9, 12, tzinfo=UTC),
        dateline="VELMAR",
        language="en",
        text=TEXT1,
        analysis=Analysis(
            entities=[marten],
            quotes=[
                quote(TEXT1, WATER_QUOTE, "direct", "Ilse Marten", MARTEN),
                quote(TEXT1, "about 40 villages lay in the flood path", "indirect", "Velmar Water Authority"),
            ],
            figures=[
                figure(
                    TEXT1, "More than 12,000", 12000, "more_than", "residents evacuated", as_of="2024-03-04"
                ),
                figure(TEXT1, "about 40", 40, "approximate", "villages in the flood path"),
            ],
        ),
    )
    a2 = Article(
        id=A2,
        source="marketpulse.html",
        url="https://marketpulse.example/news/velmar-dam",
        title="Thousands evacuated as dam partially collapses in Velmar valley",
        outlet="MarketPulse",
        origin="Reuters",
        published=datetime(2024, 3, 4, 10, 40, tzinfo=UTC),
        dateline="VELMAR",
        language="en",
        text=TEXT2,
        removed=[
            RemovedBlock(kind="advertisement", text="Trade commodities with zero commission. Start now."),
            RemovedBlock(kind="disclaimer", text="MarketPulse does not give investment advice."),
        ],
        analysis=Analysis(
            quotes=[quote(TEXT2, WATER_QUOTE2, "direct", "Ilse Marten", MARTEN)],
            figures=[figure(TEXT2, "More than 12,000", 12000, "more_than", "residents evacuated")],
        ),
    )
    a3 = Article(
        id=A3,
        source="gazette.html",
        url="https://harbourgazette.example/2024/03/05/velmar",
        title="Velmar evacuation passes 15,000 as rain eases",
        outlet="The Harbour Gazette",
        published=datetime(2024, 3, 5, 16, 0, tzinfo=UTC),
        updated=datetime(2024, 3, 5, 18, 30, tzinfo=UTC),
        language="en",
        text=TEXT3,
        removed=[RemovedBlock(kind="newsletter", text="Sign up for the Morning Harbour briefing.")],
        analysis=Analysis(
            quotes=[
                quote(TEXT3, "until engineers tell us the wall will hold", "mixed", "Ilse Marten", MARTEN)
            ],
            figures=[
                figure(TEXT3, "At least 15,500", 15500, "at_least", "people evacuated", as_of="2024-03-05"),
                figure(TEXT3, "roughly 2,000", 2000, "approximate", "head of cattle"),
            ],
        ),
    )

    def report(
        art: Article, needle: str, value: float, bound: FigureBound, as_of: str | None, who: str | None
    ) -> FigureReport:
        return FigureReport(
            article=art.id,
            outlet=art.outlet,
            origin=art.origin or art.outlet or "",
            value=value,
            bound=bound,
            unit=None,
            counted="residents evacuated",
            speaker=who,
            as_of=as_of,
            evidence=ev(art.id, art.text, needle),
        )

    collapse = [line(A1, TEXT1, "partially collapsed"), line(A2, TEXT2, "partially collapsed")]
    return Story(
        id="velmar-dam-2024",
        title="Dam partially collapses in the Velmar valley; thousands evacuated",
        articles=[a1, a2, a3],
        origins={A1: "Reuters", A2: "Reuters", A3: "The Harbour Gazette"},
        entities=[
            StoryEntity(
                key=MARTEN,
                name="Ilse Marten",
                label="PERSON",
                aliases=["Marten", "Governor Ilse Marten"],
                roles=["regional governor"],
                mentions=[
                    ev(A1, TEXT1, "Ilse Marten"),
                    ev(A2, TEXT2, "Ilse Marten"),
                    ev(A3, TEXT3, "Ilse Marten"),
                ],
            ),
            StoryEntity(
                key="loc:velmar-valley",
                name="Velmar valley",
                label="LOC",
                mentions=[ev(A1, TEXT1, "Velmar valley"), ev(A3, TEXT3, "Velmar valley")],
            ),
            StoryEntity(
                key="org:velmar-water-authority",
                name="Velmar Water Authority",
                label="ORG",
                mentions=[ev(A1, TEXT1, "Velmar Water Authority")],
            ),
        ],
        claims=[
            Claim(
                text="A dam upstream of the Velmar valley partially collapsed on Sunday.",
                articles=[A1, A2, A3],
                origins=["Reuters", "The Harbour Gazette"],
                corroborated=True,
                evidence=[*collapse, line(A3, TEXT3, "partially collapsed")],
            ),
            Claim(
                text="About 40 villages lay in the flood path.",
                articles=[A1, A2, A3],
                origins=["Reuters"],
                corroborated=False,
                evidence=[
                    line(A1, TEXT1, "40 villages"),
                    line(A2, TEXT2, "40 villages"),
                    line(A3, TEXT3, "35 villages"),
                ],
                differs=[A3],
            ),
            Claim(
                text="The dam had been flagged for repairs in a 2021 inspection report.",
                articles=[A1],
                origins=["Reuters"],
                corroborated=False,
                evidence=[line(A1, TEXT1, "flagged for repairs")],
            ),
            Claim(
                text="About 2,000 head of cattle were moved to higher ground.",
                articles=[A3],
                origins=["The Harbour Gazette"],
                corroborated=False,
                evidence=[line(A3, TEXT3, "head of cattle")],
            ),
        ],
        figures=[
            FigureComparison(
                counted="residents evacuated",
                unit=None,
                reports=[
                    report(a1, "More than 12,000", 12000, "more_than", "2024-03-04", "regional officials"),
                    report(a2, "More than 12,000", 12000, "more_than", None, "regional officials"),
                    report(a3, "At least 15,500", 15500, "at_least", "2024-03-05", "civil protection agency"),
                ],
                verdict="differ_explained",
                explanation="The higher figure is a day later (5 March, not 4 March); evacuations went on.",
            ),
            FigureComparison(
                counted="villages in the flood path",
                unit=None,
                reports=[
                    report(a1, "about 40", 40, "approximate", None, "Velmar Water Authority"),
                    report(a2, "about 40", 40, "approximate", None, "Velmar Water Authority"),
                ],
                verdict="agree",
                explanation="Both carry the same Reuters figure.",
            ),
        ],
        quotes=[
            SharedQuote(
                speaker=MARTEN,
                text=WATER_QUOTE,
                articles=[A1, A2],
                origins=["Reuters"],
                identical=False,
                evidence=[ev(A1, TEXT1, WATER_QUOTE), ev(A2, TEXT2, WATER_QUOTE2)],
            )
        ],
        timeline=[
            TimelineEvent(
                date="2024-03-05",
                grain="day",
                text=line(A3, TEXT3, "At least 15,500").text,
                articles=[A3],
                evidence=[line(A3, TEXT3, "At least 15,500")],
            ),
            TimelineEvent(
                date="2024-03-03",
                grain="day",
                text=collapse[0].text,
                articles=[A1, A2, A3],
                evidence=[*collapse, line(A3, TEXT3, "partially collapsed")],
            ),
            TimelineEvent(
                date="2021",
                grain="year",
                text=line(A1, TEXT1, "2021 inspection").text,
                articles=[A1],
                evidence=[line(A1, TEXT1, "2021 inspection")],
            ),
        ],
    )


HOSTILE_TEXT = (
    f"Officials said {SCRIPT} was found.\nA reader wrote {IMG} in the comments. More than 98,500 left."
)
H1 = "d4" + "3" * 62


def hostile_story() -> Story:
    speaker = f"<b onmouseover=alert(1)>Evil{IMG}</b>"
    art = Article(
        id=H1,
        source=IMG,
        url=JS_URL,
        title=SCRIPT + " title",
        outlet=IMG,
        origin=SCRIPT,
        dateline=SCRIPT,
        text=HOSTILE_TEXT,
        removed=[RemovedBlock(kind="comments", text=f"<iframe src={JS_URL}></iframe>")],
        analysis=Analysis(
            quotes=[quote(HOSTILE_TEXT, SCRIPT, "direct", speaker)],
            figures=[
                figure(HOSTILE_TEXT, "More than 98,500", 98500, "more_than", IMG).model_copy(
                    update={"speaker": speaker}
                )
            ],
        ),
    )
    return Story(
        id="../../evil<x>",
        title=SCRIPT + " storm",
        articles=[art],
        origins={H1: SCRIPT},
        claims=[
            Claim(
                text=IMG,
                articles=[H1],
                origins=[SCRIPT],
                corroborated=False,
                evidence=[line(H1, HOSTILE_TEXT, "A reader wrote")],
            )
        ],
        timeline=[
            TimelineEvent(
                date="2024-01-01",
                grain="day",
                text=SCRIPT,
                articles=[H1],
                evidence=[ev(H1, HOSTILE_TEXT, SCRIPT)],
            )
        ],
    )


def many_outlet_story(n: int = 12) -> Story:
    """One claim carried by every other outlet of n, with long outlet names: a wide matrix."""
    text = "The ferry Aurelia ran aground off Quillport on Friday; all 212 passengers were brought ashore."
    arts = [
        Article(
            id=f"m{i:02d}" + "0" * 62,
            source=f"m{i}.html",
            outlet=f"The Very Long Name of Coastal Outlet Number {i}",
            title="Ferry aground",
            text=text,
        )
        for i in range(n)
    ]
    carried = [a.id for a in arts[::2]]
    claim = Claim(
        text="The ferry Aurelia ran aground off Quillport on Friday.",
        articles=carried,
        origins=[a.outlet or "" for a in arts[::2]],
        corroborated=True,
        evidence=[line(aid, text, "ran aground") for aid in carried],
    )
    return Story(id="ferry", title="Ferry aground off Quillport", articles=arts, claims=[claim])


class Page(HTMLParser):
    """Tags, attributes and each id'd element's text, as a browser would parse them."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "wbr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.by_id: dict[str, tuple[str, dict[str, str | None], str]] = {}
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        self._open: list[tuple[str, dict[str, str | None], int]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self._open.append((tag, dict(attrs), len(self.chunks)))

    def handle_endtag(self, tag: str) -> None:
        open_tag, attrs, at = self._open.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        self.elements.append((tag, attrs, "".join(self.chunks[at:])))
        if attrs.get("id"):
            assert attrs["id"] not in self.by_id, f"duplicate id {attrs['id']}"
            self.by_id[attrs["id"] or ""] = (tag, attrs, "".join(self.chunks[at:]))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    def hrefs(self) -> list[str]:
        return [a["href"] or "" for t, a in self.tags if t == "a" and "href" in a]


def test_hostile_strings_are_escaped_and_never_linked() -> None:
    html = render_story(hostile_story())
    page = Page(html)
    assert SCRIPT not in html and "<img" not in html and "<iframe" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    allowed = "html head meta title style body header p a h1 h2 h3 span dl div dt dd nav main section table"
    allowed += " thead tbody tr th td em ul li ol blockquote time article mark details summary footer"
    assert {t for t, _ in page.tags} <= set(allowed.split())
    assert not [(t, k) for t, attrs in page.tags for k in attrs if k.startswith("on")]
    assert all(h.startswith(("#", "https://", "http://", "index.html")) for h in page.hrefs())
    # The hostile strings still show, as text.
    text = "".join(page.chunks)
    assert SCRIPT in text and IMG in text and JS_URL in text


def test_only_web_urls_become_links() -> None:
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        JS_URL,
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:x",
        "data:text/html,x",
        None,
    ):
        assert safe_href(bad) is None


def test_quote_and_figure_highlights_land_on_exact_text() -> None:
    story = realistic_story()
    page = Page(render_story(story))
    for art in story.articles:
        assert art.analysis is not None
        spans: list[tuple[Quote | Figure, str]] = [(q, "quote") for q in art.analysis.quotes]
        spans += [(f, "figure") for f in art.analysis.figures]
        for found, kind in spans:
            tag, attrs, inner = page.by_id[f"ev-{art.id[:8]}-{found.start}-{found.end}"]
            assert tag == "mark" and kind in (attrs["class"] or "").split()
            assert inner == art.text[found.start : found.end] == found.text
    _, attrs, _ = page.by_id[
        f"ev-{A1[:8]}-{TEXT1.index(WATER_QUOTE)}-{TEXT1.index(WATER_QUOTE) + len(WATER_QUOTE)}"
    ]
    assert "Ilse Marten" in (attrs["title"] or "")


def test_one_of_the_is_not_highlighted_as_a_figure() -> None:
    text = "One of the two lifeboats capsized, and 12 crew members swam ashore near Pellham."
    one = Figure(start=0, end=3, text="One", value=1, bound="exact", counted="lifeboats", partitive=True)
    at = text.index("12")
    twelve = Figure(start=at, end=at + 2, text="12", value=12, bound="exact", counted="crew members")
    art = Article(id="b" * 64, source="boat.txt", text=text, analysis=Analysis(figures=[one, twelve]))
    page = Page(
        render_story(Story(id="s-boat", title="Lifeboat", articles=[art], origins={art.id: "Coast Herald"}))
    )
    assert f"ev-{art.id[:8]}-{at}-{at + 2}" in page.by_id  # the crew count is marked
    assert f"ev-{art.id[:8]}-0-3" not in page.by_id  # "One of the" counts nothing


def test_a_split_quotation_marks_each_piece_and_lists_its_words_escaped() -> None:
    text = '"We will <b>rebuild</b>," Ilse Marten said on Tuesday, "and we will do it fast."'
    first, second = text.index("We will"), text.index("and we will")
    pieces = [Span(start=first, end=text.index(',"')), Span(start=second, end=len(text) - 1)]
    q = Quote(start=first, end=pieces[1].end, text=text[first : pieces[1].end], kind="direct", pieces=pieces)
    art = Article(id="c" * 64, source="split.txt", text=text, analysis=Analysis(quotes=[q]))
    html = render_story(Story(id="s-split", title="Split", articles=[art], origins={art.id: "Ledger"}))
    page = Page(html)
    for p in pieces:  # each run of quoted words is marked on its own; the attribution is not
        tag, _, inner = page.by_id[f"ev-{art.id[:8]}-{p.start}-{p.end}"]
        assert tag == "mark" and inner == text[p.start : p.end]
    assert f"ev-{art.id[:8]}-{q.start}-{q.end}" not in page.by_id
    listed = html[html.index('id="quotes"') :]
    assert "We will &lt;b&gt;rebuild&lt;/b&gt; and we will do it fast." in listed
    assert "<b>rebuild" not in html


def test_every_finding_links_to_its_sentence() -> None:
    story = realistic_story()
    page = Page(render_story(story))
    texts = {a.id: a.text for a in story.articles}
    internal = [h for h in page.hrefs() if h.startswith("#ev-")]
    assert internal
    for href in internal:
        _, _, inner = page.by_id[href[1:]]  # every link resolves to an element on the page
        aid, start, end = href.removeprefix("#ev-").split("-")
        full = next(i for i in texts if i.startswith(aid))
        assert inner == texts[full][int(start) : int(end)]
    for claim in story.claims:
        for e in claim.evidence:
            assert f"#ev-{e.article[:8]}-{e.start}-{e.end}" in internal
    for event in story.timeline:
        for e in event.evidence:
            assert f"#ev-{e.article[:8]}-{e.start}-{e.end}" in internal


def test_hostile_highlight_spans_escape_their_content() -> None:
    page = Page(render_story(hostile_story()))
    start = HOSTILE_TEXT.index(SCRIPT)
    tag, attrs, inner = page.by_id[f"ev-{H1[:8]}-{start}-{start + len(SCRIPT)}"]
    assert tag == "mark" and inner == SCRIPT and "<b onmouseover" in (attrs["title"] or "")


def test_crossing_spans_nest_or_leave_an_anchor() -> None:
    text = "alpha beta gamma delta\nepsilon <zeta> eta"
    marks = ArticleMarks("k", text)
    ids = [
        marks.add(0, 10, "quote", "A"),  # alpha beta
        marks.add(6, 16, "evidence"),  # beta gamma: crosses the quote
        marks.add(6, 10, "figure"),  # beta: nested in both
        marks.add(17, 31, "evidence"),  # delta\nepsilon: crosses a paragraph break
        marks.add(5, 5, "quote"),  # empty: refused
        marks.add(30, 99, "quote"),  # past the end: refused
    ]
    assert ids[4] is None and ids[5] is None
    html = "".join(f"<p>{p}</p>" for p in marks.paragraphs())
    page = Page(html)
    assert "".join(page.chunks) == text.replace("\n", "")
    for ident in ids[:4]:
        assert ident in page.by_id
    assert page.by_id["ev-k-0-10"][2] == "alpha beta"
    assert page.by_id["ev-k-6-10"][2] == "beta"
    # Crossing the quote, the evidence span keeps the part after it: a link still lands on marked text.
    assert page.by_id["ev-k-6-16"][0] == "span" and page.by_id["ev-k-6-16"][2] == " gamma"
    assert page.by_id["ev-k-17-31"][2] == "delta"  # id on the first piece
    assert "&lt;zeta&gt;" in html


def test_hostile_outlet_names_stay_inside_attributes() -> None:
    story = many_outlet_story(7)
    story.articles[0] = story.articles[0].model_copy(update={"outlet": IMG, "origin": 'x" onclick="alert(1)'})
    page = Page(render_story(story))
    headers = [a for t, a in page.tags if t == "th" and "art-col" in (a.get("class") or "")]
    assert headers[0]["title"] == f'A1 {IMG} via x" onclick="alert(1)'
    assert not [k for _, attrs in page.tags for k in attrs if k.startswith("on")]


def test_differing_figure_values_are_marked() -> None:
    page = Page(render_story(realistic_story()))
    values = {
        text.strip(): (attrs.get("class") or "").split()
        for tag, attrs, text in page.elements
        if tag == "td" and "value" in (attrs.get("class") or "").split()
    }
    # Two reports say more than 12,000, one says at least 15,500: the odd one out is marked.
    assert "differs" in values["≠ at least 15,500 (differs)"]
    assert "differs" not in values["more than 12,000"]
    assert "differs" not in values["about 40"]  # that comparison agrees


def test_timeline_puts_events_of_one_date_under_one_heading_in_date_order() -> None:
    story = realistic_story()
    extra = TimelineEvent(
        date="2024-03-03",
        grain="day",
        text="Sirens sounded in three villages.",
        articles=[A3],
        evidence=[line(A3, TEXT3, "three days of heavy rain")],
    )
    week = extra.model_copy(update={"date": "2024-W09", "grain": "week", "text": "Rain all week."})
    story = story.model_copy(update={"timeline": [*story.timeline, extra, week]})
    html = render_story(story)
    timeline = html[html.index('id="timeline"') : html.index('id="entities"')]
    headings = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', timeline)
    assert headings == [
        ("2021", "2021"),
        ("2024-W09", "week of Mon 26 Feb 2024"),
        ("2024-03-03", "Sun 3 Mar 2024"),
        ("2024-03-05", "Tue 5 Mar 2024"),
    ]
    sunday = timeline[timeline.index("Sun 3 Mar 2024") : timeline.index("Tue 5 Mar 2024")]
    assert "partially collapsed" in sunday and "Sirens sounded" in sunday


def test_dates_read_as_a_person_says_them() -> None:
    assert format_date("2024-03-03") == "Sun 3 Mar 2024"
    assert format_date("2024-03") == "Mar 2024"
    assert format_date("2008-01-12/2008-01-13") == "Sat 12 Jan 2008 – Sun 13 Jan 2008"
    assert format_date("1950/1959") == "1950s"
    assert format_date("2008-01-15T02:04") == "Tue 15 Jan 2008, 02:04"
    assert format_date("2009-W53") == "week of Mon 28 Dec 2009"
    assert format_date("2008-W53") == "2008-W53"  # 2008 has 52 weeks: shown as given, not guessed
    assert format_date("2024-02-30") == "2024-02-30"


def test_a_single_article_story_says_there_is_nothing_to_compare_yet() -> None:
    story = realistic_story()
    one = story.model_copy(update={"articles": story.articles[:1], "claims": story.claims[2:3]})
    assert "Only one article so far" in render_story(one)
    assert "Only one article so far" not in render_story(story)


def test_article_keys_stay_distinct_and_id_safe() -> None:
    keys = article_keys(["article-1", "article-2", A1, 'x"><y'])
    assert keys[A1] == A1[:8]
    assert len(set(keys.values())) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", k) for k in keys.values())


def test_sparse_and_empty_stories_render() -> None:
    assert "No claims were aligned" in render_story(Story(id="empty", title="Nothing yet", articles=[]))
    bare = Article(id="p1", source="-", url="http://[::1", text="One line.\n\n  \nAnother line.")
    page = Page(render_story(Story(id="bare", title="Bare", articles=[bare])))
    assert "Unknown outlet (-)" in "".join(page.chunks)
    assert "One line." in page.chunks and "Another line." in page.chunks


def test_pages_that_name_no_outlet_are_counted_as_different_outlets() -> None:
    first = Article(id="p1", source="pages/first.txt", text="A ferry ran aground.")
    second = Article(id="p2", source="pages/second.txt", text="A ferry ran aground off Quillport.")
    story = Story(id="two", title="Ferry aground", articles=[first, second])
    assert summary(story)["n_outlets"] == 2
    page = "".join(Page(render_story(story)).chunks)
    assert "Unknown outlet (first.txt)" in page and "Unknown outlet (second.txt)" in page


def test_figures_render_bounds_as_words() -> None:
    assert format_figure(98500, "more_than") == "more than 98,500"
    assert format_figure(120000, "approximate") == "about 120,000"
    assert format_figure(12, "at_least") == "at least 12"
    assert format_figure(30, "range", 40) == "30–40"
    assert format_figure(4.5, "at_most", unit="%") == "at most 4.5%"
    assert format_figure(1_250_000.0, "exact", unit="USD") == "1,250,000 USD"
    html = render_story(realistic_story())
    figures = html[html.index('id="figures"') : html.index('id="quotes"')]
    assert "more than 12,000" in figures and "at least 15,500" in figures and "about 40" in figures
    assert "differ, explained" in figures and "a day later" in figures
    assert "civil protection agency" in figures and "2024-03-05" in figures


def test_matrix_quotes_timeline_and_entities() -> None:
    html = render_story(realistic_story())
    matrix = html[html.index('id="claims"') : html.index('id="figures"')]
    assert matrix.count('class="art-col"') == 3
    assert "via Reuters" in matrix and "via The Harbour Gazette" not in matrix
    assert matrix.index("partially collapsed on Sunday") < matrix.index("Reported by one outlet only")
    assert matrix.count('"sr"> carried by MarketPulse') == 2 and matrix.count("not carried by Reuters") == 1
    quotes = html[html.index('id="quotes"') : html.index('id="timeline"')]
    assert "Ilse Marten" in quotes and "wording differs" in quotes and "partial quote" in quotes
    # Both wordings of the altered quote are shown, each with its outlet.
    variants = quotes[quotes.index('class="variants"') :]
    assert "they will be home this week" in variants and "they&#39;ll be home this week" in variants
    assert "Velmar Water Authority" in quotes
    timeline = html[html.index('id="timeline"') : html.index('id="entities"')]
    assert timeline.index("2021") < timeline.index("2024-03-03") < timeline.index("2024-03-05")
    entities = html[html.index('id="entities"') : html.index('id="articles"')]
    assert "Governor Ilse Marten" in entities and "regional governor" in entities
    assert "Removed as boilerplate (2)" in html and "advertisement" in html


def test_an_outlet_that_differs_on_a_figure_gets_its_own_mark() -> None:
    page = Page(render_story(realistic_story()))
    _, _, disputed = page.by_id["claims-disputed"]
    assert "Outlets differ" in disputed and "40 villages" in disputed
    # Reuters and its republication carry it; the Gazette carries it with another number.
    assert "differs in The Harbour Gazette" in disputed and disputed.count("carried by") == 2
    [link] = [a for t, a in page.tags if t == "a" and "differs" in (a.get("class") or "").split()]
    _, _, sentence = page.by_id[(link["href"] or "#")[1:]]
    assert "about 35 villages" in sentence
    _, _, claims = page.by_id["claims"]
    assert "≠ differs" in claims  # the legend explains the symbol
    assert "40 villages" not in page.by_id["single-source"][2]


def test_a_compared_story_shows_who_differs() -> None:
    texts = {
        "m1": "Rescuers searched the mud at dawn. The landslide in Pellham has killed 14 people, "
        "officials said.",
        "m2": "Officials said the Pellham landslide had killed 12 people by Tuesday. Schools stay shut.",
        "m3": "The landslide in Pellham has now killed 14 people, local officials said. A shelter opened.",
    }
    outlets = {"m1": "Coast Herald", "m2": "Riverside Radio", "m3": "Pellham Post"}
    articles = [
        Article(
            id=k,
            source=k,
            outlet=outlets[k],
            title="Landslide",
            text=t,
            published=datetime(2031, 3, 4, i, tzinfo=UTC),
        )
        for i, (k, t) in enumerate(texts.items())
    ]
    story = compare("s-toll", articles, {a.id: outlets[a.id] for a in articles})
    page = Page(render_story(story))
    _, _, corroborated = page.by_id["claims-corroborated"]
    assert "killed 14 people" in corroborated
    assert "carried by Coast Herald" in corroborated and "carried by Pellham Post" in corroborated
    assert "differs in Riverside Radio" in corroborated


def test_index_links_to_each_story_page(tmp_path: Path) -> None:
    stories = [realistic_story(), hostile_story()]
    paths = write_reports(stories, tmp_path / "out")
    assert [p.name for p in paths][-1] == "index.html"
    assert all(p.parent == tmp_path / "out" and p.is_file() for p in paths)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    page = Page(index)
    for story in stories:
        assert story_filename(story) in page.hrefs()
    assert re.fullmatch(r"story-[A-Za-z0-9_-]+\.html", story_filename(hostile_story()))
    assert SCRIPT not in index and "&lt;script&gt;" in index
    assert "Dam partially collapses in the Velmar valley" in index


def test_index_and_story_page_date_the_events_alike_without_background_years(tmp_path: Path) -> None:
    story = realistic_story()
    week = TimelineEvent(
        date="2024-W10",
        grain="week",
        text="Repairs start this week.",
        articles=[A3],
        evidence=[line(A3, TEXT3, "three days of heavy rain")],
    )
    story = story.model_copy(update={"timeline": [*story.timeline, week]})
    assert "2021" in [e.date for e in story.timeline]  # the dam's last inspection: background
    write_reports([story], tmp_path)
    header, index = (
        " ".join("".join(Page((tmp_path / name).read_text(encoding="utf-8")).chunks).split())
        for name in (story_filename(story), "index.html")
    )
    # The week runs to its Sunday on both pages; the year of an old inspection dates no event.
    events = "Sun 3 Mar 2024 – Sun 10 Mar 2024"
    assert f"Events dated {events}" in header
    assert f"Events {events}" in index
    assert "2021 –" not in header and "2021 –" not in index


def test_only_changed_story_pages_are_rendered_again(tmp_path: Path) -> None:
    grown, untouched = realistic_story(), hostile_story()
    write_reports([grown, untouched], tmp_path)
    untouched_page = tmp_path / story_filename(untouched)
    untouched_page.write_text("kept as it was", encoding="utf-8")
    (tmp_path / story_filename(grown)).write_text("stale", encoding="utf-8")

    written = write_reports([grown, untouched], tmp_path, changed=[grown.id])

    assert untouched_page.read_text(encoding="utf-8") == "kept as it was"
    assert "Dam partially collapses" in (tmp_path / story_filename(grown)).read_text(encoding="utf-8")
    assert {p.name for p in written} == {story_filename(grown), "index.html"}


def test_missing_pages_are_written_and_pages_of_vanished_stories_removed(tmp_path: Path) -> None:
    kept, merged_away = realistic_story(), hostile_story()
    write_reports([kept, merged_away], tmp_path)
    (tmp_path / story_filename(kept)).unlink()

    write_reports([kept], tmp_path, changed=[])

    assert (tmp_path / story_filename(kept)).is_file()
    assert not (tmp_path / story_filename(merged_away)).exists()
    assert (
        story_filename(merged_away) not in Page((tmp_path / "index.html").read_text(encoding="utf-8")).hrefs()
    )


@pytest.mark.browser
def test_story_page_in_a_real_browser(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import Dialog, sync_playwright

    paths = write_reports([realistic_story(), hostile_story()], tmp_path)
    story_page, hostile_page = paths[0], paths[1]
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})

            def on_dialog(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.goto(hostile_page.as_uri())
            page.wait_for_load_state("load")
            page.hover("mark.quote")  # would fire an injected onmouseover
            assert page.title().startswith(SCRIPT)
            assert page.locator("script, img, iframe").count() == 0

            page.goto(story_page.as_uri())
            assert page.title().startswith("Dam partially collapses")
            assert page.locator("h1").is_visible()
            assert page.locator("table.matrix").is_visible()
            page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
            link = page.locator("a.claim-link").first
            target = link.get_attribute("href") or ""
            link.click()
            page.wait_for_function(f"location.hash === {target!r}")
            marked = page.locator(f"[id='{target[1:]}']")
            assert marked.is_visible() and marked.evaluate("e => e.matches(':target')")
            assert "partially collapsed on Sunday" in marked.inner_text()
            page.emulate_media(media="print")
            page.screenshot(path=str(tmp_path / "story-print.png"), full_page=True)
            page.pdf(path=str(tmp_path / "story.pdf"))
        finally:
            browser.close()
    assert dialogs == []
    assert (tmp_path / "story.png").stat().st_size > 10_000


@contextmanager
def _browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            yield browser
        finally:
            browser.close()


A4_WIDTH = 703  # px: 210 mm less the page's 12 mm margins, at 96 px per inch


@pytest.mark.browser
def test_pages_fit_a_phone_a_desk_and_paper(tmp_path: Path) -> None:
    pages = {}
    for name, story in (("few", realistic_story()), ("many", many_outlet_story(12))):
        pages[name] = tmp_path / f"{name}.html"
        pages[name].write_text(render_story(story), encoding="utf-8")
    width = "document.documentElement.scrollWidth"
    with _browser() as browser:
        for name, path in pages.items():
            for viewport in (390, 1280):
                page = browser.new_page(viewport={"width": viewport, "height": 800})
                page.goto(path.as_uri())
                # Nothing makes the page scroll sideways; a wide matrix scrolls inside its own box.
                assert page.evaluate(width) <= viewport, (name, viewport)
                page.close()
            page = browser.new_page(viewport={"width": A4_WIDTH, "height": 1000})
            page.goto(path.as_uri())
            page.emulate_media(media="print")
            assert page.evaluate(width) <= A4_WIDTH, name  # no table cut at the page's edge
            assert not page.locator("nav.toc").is_visible()
            assert not page.locator("a.claim-link").first.is_visible()
            assert page.locator("table.matrix tbody td.claim-col").first.is_visible()
            if name == "many":
                # Twelve columns do not fit a page: each claim prints as a line of A1 ●, A2 ○ ...
                assert not page.locator("table.matrix thead").is_visible()
                assert page.locator("td.cell .cell-label").first.is_visible()
            page.close()
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(pages["few"].as_uri())
        # On a phone each claim is a card: its text as wide as the screen, a labelled mark per article.
        claim = page.locator("table.matrix td.claim-col").first.bounding_box()
        assert claim is not None and claim["width"] > 300
        assert page.locator("td.cell .cell-label").first.inner_text() == "A1"
        assert page.locator("p.column-key").is_visible()


@pytest.mark.browser
def test_every_evidence_link_lands_on_highlighted_text(tmp_path: Path) -> None:
    story = realistic_story()
    # Evidence that starts inside a marked quote and runs past its end: the two cannot nest.
    crossing = Claim(
        text="The governor would not promise residents a return this week.",
        articles=[A1],
        origins=["Reuters"],
        corroborated=False,
        evidence=[ev(A1, TEXT1, 'cannot promise anyone they will be home this week," regional governor')],
    )
    story = story.model_copy(update={"claims": [*story.claims, crossing]})
    path = tmp_path / "story.html"
    path.write_text(render_story(story), encoding="utf-8")
    with _browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(path.as_uri())
        targets = sorted({h for h in Page(path.read_text(encoding="utf-8")).hrefs() if h.startswith("#ev-")})
        assert len(targets) > 10
        for href in targets:
            page.evaluate(f"location.hash = {href!r}")
            element = page.locator(f"[id='{href[1:]}']")
            assert element.evaluate("e => e.matches(':target')")
            assert element.inner_text().strip(), href  # lands on text, not an empty anchor
            assert element.is_visible() and element.evaluate("e => e.getBoundingClientRect().top >= 0")
            colour = element.evaluate("e => getComputedStyle(e).backgroundColor")
            assert colour == "rgb(255, 213, 74)", (href, colour)  # the --target highlight


@pytest.mark.browser
def test_index_reads_as_one_block_per_story_on_a_phone(tmp_path: Path) -> None:
    write_reports([realistic_story(), many_outlet_story(12)], tmp_path)
    with _browser() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto((tmp_path / "index.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # The title takes the width of the screen, not a column a word wide.
        title = page.locator("table.index td").first.bounding_box()
        assert title is not None and title["width"] > 300
        # Without the header row each count says what it counts.
        assert page.locator("table.index td .cell-label").first.inner_text().strip() == "Articles"
        page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto((tmp_path / "index.html").as_uri())
        assert page.locator("table.index thead").is_visible()
        assert not page.locator("table.index td .cell-label").first.is_visible()
