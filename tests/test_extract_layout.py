"""Round-4 layout cases: table columns in text dumps, pasted documents, short-line picks."""

from __future__ import annotations

from corroborate.extract import extract
from corroborate.extract.boilerplate import Block
from corroborate.extract.html import _mostly_short
from corroborate.extract.region import mark_outside
from corroborate.extract.text import text_blocks
from corroborate.model import Page

_PARAS = [
    "The council voted on Tuesday to close the old river bridge for repairs, the mayor said.",
    "Engineers found cracks in two of its piers during a routine inspection in the autumn.",
    "The bridge will reopen in March, when the repairs are done, officials said on Wednesday.",
]
_MENU = ["Home", "Sport", "Weather"]
_SIDE = ["Snow expected", "Fair opens", "Road works"]


def test_table_layout_dump_is_read_column_by_column() -> None:
    # A converter that pads table cells puts a menu, a paragraph and a teaser on one line.
    rows = [f"    {m:<12}    {p}    {s}" for m, p, s in zip(_MENU, _PARAS, _SIDE, strict=True)]
    texts = [b.text for b in text_blocks("Riverside Post\n" + "\n".join(rows) + "\nContact us\n")]
    assert texts[0] == "Riverside Post" and texts[-1] == "Contact us"
    start = texts.index(_PARAS[0])
    assert texts[start : start + 3] == _PARAS
    assert texts.index("Home") < start < texts.index("Snow expected")


def test_one_padded_line_is_only_split_at_its_gaps() -> None:
    texts = [b.text for b in text_blocks(f"Jobs      {_PARAS[0]}\n{_PARAS[1]}\n")]
    assert texts == ["Jobs", _PARAS[0], _PARAS[1]]


def _html(body: str) -> str:
    return f"<html><head><title>Bridge to close</title></head><body>{body}</body></html>"


def test_article_in_a_second_pasted_document_is_found() -> None:
    menu = "".join(f"<p><a href='/{i}'>Section {i}</a></p>" for i in range(150))
    article = "<h1>Bridge to close</h1>" + "".join(f"<p>{p}</p>" for p in _PARAS * 10)
    page = Page(id="p1", source="test", format="html", content=_html(menu) + "\n" + _html(article))
    assert _PARAS[1] in extract(page).text


def test_mostly_short_blocks() -> None:
    links = [Block(f"Story number {i} in the list") for i in range(6)]
    assert _mostly_short(links)
    assert not _mostly_short([Block(p) for p in _PARAS] + links[:2])


def test_the_region_does_not_open_with_a_promo_bridged_over_the_menu() -> None:
    promo = "Win two tickets to the harbour festival and a dinner for four at the pier restaurant."
    menu = [Block(m, i) for i, m in enumerate(["Vote", "Yes", "No"])]
    story = [Block(p, 10 + i) for i, p in enumerate(_PARAS * 2)]
    blocks = [Block("Competitions", 0), Block(promo, 1), *menu, *story]
    start = mark_outside(blocks)
    assert start == blocks.index(story[0])
    assert blocks[1].kind == "navigation" and all(b.kind is None for b in story)


_COMMENTS = [
    "I have crossed that bridge every morning for twenty years and it was never safe for anyone.",
    "The council should have fixed the piers years ago instead of painting the railings again.",
    "My father worked on the original construction and he always said the piers were weak.",
]


def _dump(title: str) -> str:
    lines = [
        title,
        *_MENU,
        "Bridge to close for repairs",
        *_PARAS,
        *_PARAS,
        *(_MENU * 12),
        *(_COMMENTS * 3),
        "Contact us",
    ]
    return "\n".join(lines) + "\n"


def test_the_heading_the_window_title_names_opens_the_article_over_a_longer_thread() -> None:
    article = extract(
        Page(id="d1", source="test", format="text", content=_dump("Bridge to close for repairs - Post"))
    )
    assert article.title == "Bridge to close for repairs"
    assert article.text.split("\n\n") == _PARAS * 2


def test_without_a_window_title_the_longest_run_of_prose_wins() -> None:
    article = extract(Page(id="d2", source="test", format="text", content=_dump("Riverside Post")))
    assert _COMMENTS[0] in article.text and _PARAS[0] not in article.text


def test_a_copyright_notice_under_the_story_ends_it() -> None:
    teasers = [
        "Harbour festival returns with a parade of boats and fireworks over the water, organisers said.",
        "Snow is expected on the hills on Thursday, and drivers were told to take care on the roads.",
    ]
    lines = ["Bridge to close", *(_PARAS * 3), "© 2024 Riverside Post", "More news", *teasers]
    article = extract(Page(id="c1", source="test", format="text", content="\n".join(lines)))
    assert article.text.split("\n\n") == _PARAS * 3


def test_a_copyright_notice_above_the_story_does_not_end_it() -> None:
    lines = ["Bridge to close", "© 2024 Riverside Post", *(_PARAS * 3)]
    article = extract(Page(id="c2", source="test", format="text", content="\n".join(lines)))
    assert article.text.split("\n\n") == _PARAS * 3


def test_headlines_under_the_story_paid_back_by_a_poll_are_cut() -> None:
    headlines = [
        f"Council to debate new parking rules {n}" for n in ("today", "again", "soon", "later", "now")
    ]
    poll = (
        "Readers were asked last week whether the old river bridge should be rebuilt in stone or in steel, "
        "and whether the town should pay for it with a new tax on parking in the old centre of town."
    )
    lines = ["Bridge to close", *(_PARAS * 2), *headlines, poll]
    article = extract(Page(id="h1", source="test", format="text", content="\n".join(lines)))
    assert article.text.split("\n\n") == _PARAS * 2


def _thread_dump(signed_below: bool) -> str:
    story = "\n\n".join(_PARAS * 3)
    comments = [
        "Great news for the town, the old bridge was a disgrace and everyone knew it for years.",
        "About time the council did something useful with our money instead of more studies.",
        "My grandfather helped build that bridge and he would be proud to see it repaired now.",
    ]
    names = ["Sam", "Jo", "Kit"]
    parts = [
        f"{c}\n\nPosted by: {n} | Jan 10, 2024 4:49 PM" if signed_below else f"{n} (2 days ago)\n\n{c}"
        for c, n in zip(comments, names, strict=True)
    ]
    return f"Home | News | Sport\n\nBridge to close for repairs\n\n{story}\n\n" + "\n\n".join(parts) + "\n"


def test_a_thread_of_signed_comments_without_a_header_is_not_the_article() -> None:
    for signed_below in (True, False):
        article = extract(Page(id="t", source="test", format="text", content=_thread_dump(signed_below)))
        assert article.text.startswith(_PARAS[0]) and article.text.endswith(_PARAS[2])
        assert "grandfather" not in article.text and "Great news" not in article.text


def test_a_bare_list_of_headlines_inside_the_story_is_dropped_and_the_story_goes_on() -> None:
    heads = [
        "Ferry fares to rise in spring",
        "Harbour master retires after forty years",
        "New cycle lane opens on the quay",
        "School roof repaired before winter",
        "Market hall to host food festival",
    ]
    closing = "Drivers were told to use the ring road until the work is finished, the council said."
    dump = "\n\n".join(["Bridge to close for repairs", *(_PARAS * 2), "\n".join(heads), closing, *_PARAS])
    article = extract(Page(id="h", source="test", format="text", content=dump))
    assert closing in article.text and article.text.endswith(_PARAS[2])
    assert not any(head in article.text for head in heads)


def test_a_fragment_broken_off_at_a_link_goes_back_on_its_sentence() -> None:
    # Some converters end a line at an inline element: the comma after a link opens the next line.
    dump = "The council thanked the Harbour Trust\n, which paid for half of the repairs.\nHome\n.Net jobs"
    texts = [b.text for b in text_blocks(dump)]
    assert texts == [
        "The council thanked the Harbour Trust, which paid for half of the repairs.",
        "Home",
        ".Net jobs",
    ]


def test_nested_bullets_and_leftover_markup_are_not_article_text() -> None:
    # A converter prints nested list items as 'o Item'; joined as wrapped lines they read as a paragraph.
    menu = "\n".join(f"    o Weather forecast for the coast and the hills, day {i}" for i in range(20))
    script = "<SCRIPT LANGUAGE='JavaScript'>document.write('<IMG SRC=/ad.gif>');</SCRIPT>"
    dump = f"  * Home\n{menu}\n\nBridge to close\n\n{_PARAS[0]}\n\n{script}\n\n{_PARAS[1]}\n\n{_PARAS[2]}\n"
    blocks = text_blocks(dump)
    assert blocks[1].text == "Weather forecast for the coast and the hills, day 0" and blocks[1].tag == "item"
    text = extract(Page(id="m", source="test", format="text", content=dump)).text
    assert text == "\n\n".join(_PARAS)


_STORY = [
    f"Paragraph {i} of the story: the council met on Tuesday and voted to close the bridge, the mayor said."
    for i in range(20)
]


def test_an_article_wrapper_named_paywall_is_kept_beside_a_large_inline_script() -> None:
    # Modern pages carry far more script than text, and mark the story's second half 'paywall'.
    script = "<script>window.__DATA__ = " + '{"k": "' + "x" * 80_000 + '"};</script>'
    free = "".join(f"<p>{p}</p>" for p in _STORY[:3])
    locked = "".join(f"<p>{p}</p>" for p in _STORY[3:])
    body = f"{script}<h1>Bridge to close</h1><div class='body'>{free}</div>"
    body += f"<div class='paywall'>{locked}</div>"
    text = extract(Page(id="p2", source="test", format="html", content=_html(body))).text
    assert _STORY[-1] in text and _STORY[5] in text


def test_a_small_donation_box_inside_the_story_is_still_cut() -> None:
    appeal = "<div class='support-box'><p>Support our journalism: give what you can today.</p></div>"
    body = "<h1>Bridge to close</h1><div>" + "".join(f"<p>{p}</p>" for p in _STORY[:6]) + appeal + "</div>"
    text = extract(Page(id="p3", source="test", format="html", content=_html(body))).text
    assert _STORY[5] in text and "Support our journalism" not in text


def test_a_data_table_between_the_story_paragraphs_is_kept() -> None:
    rows = "".join(
        f"<tr><td>District {d}</td><td>{n} votes</td></tr>" for d, n in [("North", 4120), ("South", 3986)]
    )
    paras = [f"<p>{p}</p>" for p in _STORY[:8]]
    body = (
        "<h1>Bridge to close</h1><div>" + "".join(paras[:4]) + f"<table>{rows}</table>" + "".join(paras[4:])
    )
    text = extract(Page(id="p4", source="test", format="html", content=_html(body + "</div>"))).text
    assert "District North" in text and "3986 votes" in text
    assert text.index(_STORY[3]) < text.index("District North") < text.index(_STORY[4])
