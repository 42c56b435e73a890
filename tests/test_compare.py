"""The story file: entities, claims, figures, quotes and timeline, on invented coverage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corroborate.compare import compare
from corroborate.model import Article, Evidence, Figure, FigureBound, Story
from corroborate.pipeline import build_story
from corroborate.stories import find_origins
from corroborate.text.dates import date_in_words
from tests.builders import article, ent, fig, quote, when
from tests.quake_texts import quake_articles

WIRE_ID, REPUB_ID, LOCAL_ID = "wire0001aaaaaaaaaaaa", "repub002bbbbbbbbbbbb", "local003cccccccccccc"


@pytest.fixture(scope="module")
def story() -> Story:
    articles = quake_articles()
    return compare("s-quake", articles, find_origins(articles))


def all_evidence(story: Story) -> Iterator[Evidence]:
    for e in story.entities:
        yield from e.mentions
    for c in story.claims:
        yield from c.evidence
    for f in story.figures:
        yield from (r.evidence for r in f.reports)
    for q in story.quotes:
        yield from q.evidence
    for t in story.timeline:
        yield from t.evidence


def test_title_and_articles_in_publication_order(story: Story) -> None:
    # The title sharing most words with the others names the story.
    assert story.title == "Earthquake hits Kestrel Bay, at least 12 dead"
    assert [a.id for a in story.articles] == [WIRE_ID, REPUB_ID, LOCAL_ID]
    assert story.origins == {WIRE_ID: "Northwire", REPUB_ID: "Northwire", LOCAL_ID: "Marovia Times"}


def test_every_evidence_is_the_text_at_its_offsets(story: Story) -> None:
    texts = {a.id: a.text for a in story.articles}
    evidence = list(all_evidence(story))
    assert len(evidence) > 20
    for ev in evidence:
        assert ev.text and ev.text == texts[ev.article][ev.start : ev.end]


def test_a_surname_merges_into_the_full_name(story: Story) -> None:
    varga = next(e for e in story.entities if e.name == "Lena Varga")
    assert varga.aliases == ["Varga"]
    assert varga.roles == ["Interior Minister", "Minister"]
    assert {m.article for m in varga.mentions} == {WIRE_ID, REPUB_ID, LOCAL_ID}
    crescent = next(e for e in story.entities if e.key == "org:red-crescent" or "Red Crescent" in e.aliases)
    assert crescent.name == "Marovian Red Crescent"


def test_a_wire_and_its_republication_count_once(story: Story) -> None:
    survivors = next(c for c in story.claims if "find survivors" in c.text)
    assert survivors.articles == [WIRE_ID, REPUB_ID, LOCAL_ID]
    assert survivors.origins == ["Northwire", "Marovia Times"]
    assert survivors.corroborated
    assert len(survivors.evidence) == 3


def test_claims_said_in_other_words_are_corroborated(story: Story) -> None:
    first = next(
        c for c in story.claims if any(ev.text.startswith("Twelve people died") for ev in c.evidence)
    )
    assert first.corroborated
    assert first.origins == ["Northwire", "Marovia Times"]
    fled = next(c for c in story.claims if any("3,000 residents fled" in ev.text for ev in c.evidence))
    assert {ev.article for ev in fled.evidence} == {WIRE_ID, LOCAL_ID}


def test_a_sentence_only_the_wire_carries_is_single_source(story: Story) -> None:
    single = [c.text for c in story.single_source]
    assert single == ["The quake was the strongest to hit the region since 1998."]
    assert story.claims[-1].origins == ["Northwire"]


def test_wire_and_copy_alone_corroborate_nothing() -> None:
    wire, repub, _ = quake_articles()
    story = compare("s-copy", [repub, wire], find_origins([repub, wire]))
    assert story.corroborated == []
    assert story.claims
    assert all(c.origins == ["Northwire"] and c.articles == [WIRE_ID, REPUB_ID] for c in story.claims[:3])


def test_a_later_count_inside_an_earlier_bound_agrees(story: Story) -> None:
    # "at least 12" and a later 15 are both true: bounds are intervals, not estimates.
    killed = next(f for f in story.figures if "killed" in f.counted)
    assert [(r.article, r.value, r.bound, r.speaker) for r in killed.reports] == [
        (WIRE_ID, 12, "at_least", "Interior Ministry"),
        (REPUB_ID, 12, "at_least", "Interior Ministry"),
        (LOCAL_ID, 15, "exact", "Lena Varga"),
    ]
    assert killed.verdict == "agree"
    # Dates read as a person writes them; the story file keeps the ISO date in its own field.
    assert killed.explanation.startswith("the reports agree within their stated bounds: ")
    assert "15 (Lena Varga, as of 5 March 2031, Marovia Times)" in killed.explanation
    assert killed.reports[2].as_of == "2031-03-05"
    assert killed.counted == "people killed"


def test_about_and_more_than_the_same_number_agree(story: Story) -> None:
    fled = next(f for f in story.figures if "displaced" in f.counted)
    assert [(r.value, r.bound) for r in fled.reports] == [(3000, "approximate"), (3000, "more_than")]
    assert fled.verdict == "agree"


def _toll(
    aid: str, outlet: str, text: str, surface: str, value: float, bound: FigureBound = "exact"
) -> Article:
    figure: Figure = fig(text, surface, value, bound=bound, counted="people")
    return article(aid, text, outlet=outlet, published="2031-05-01T09:00:00+00:00", figures=[figure])


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        (("more than 12", 12, "more_than"), ("12", 12, "exact"), "agree"),
        (("12", 12, "exact"), ("16", 16, "exact"), "differ"),
        # Bounds are intervals: both "more than" figures can be true at once; 12 is more than 10.
        (("more than 12", 12, "more_than"), ("more than 15", 15, "more_than"), "agree"),
        (("more than 10", 10, "more_than"), ("12", 12, "exact"), "agree"),
        (("fewer than 10", 10, "less_than"), ("12", 12, "exact"), "differ"),
        (("about 20", 20, "approximate"), ("21", 21, "exact"), "agree"),
    ],
)
def test_figure_verdicts(
    first: tuple[str, float, FigureBound], second: tuple[str, float, FigureBound], verdict: str
) -> None:
    a = _toll("t1", "Coast Herald", f"A landslide killed {first[0]} people in Brannock.", *first)
    b = _toll("t2", "Inland Daily", f"In Brannock {second[0]} people were killed by a landslide.", *second)
    story = compare("s-slide", [a, b], find_origins([a, b]))
    assert [f.verdict for f in story.figures] == [verdict]
    # The two sentences tell one landslide: a difference is shown at full strength.
    assert all(f.confidence >= 0.6 for f in story.figures)


def test_a_difference_whose_sentences_share_only_the_figure_is_shown_weak() -> None:
    # "Sixteen killed, the worst toll in a decade" may count another time frame than the landslide's 12.
    a = _toll("t1", "Coast Herald", "A landslide killed 12 people in Brannock.", "12", 12)
    b = _toll("t2", "Inland Daily", "Sixteen people were killed, the worst toll in a decade.", "Sixteen", 16)
    [figure] = compare("s-toll", [a, b], find_origins([a, b])).figures
    assert figure.verdict == "differ"
    assert figure.confidence < 0.6 and "perhaps not one occasion" in figure.why


def test_different_speakers_explain_different_figures() -> None:
    police = ent("Brannock Police", "ORG")
    mayor = ent("Ida Holm", "PERSON")
    t1 = "Brannock Police said 12 people were killed in the landslide."
    t2 = "Mayor Ida Holm said 16 people died in the landslide."
    a = article(
        "t1",
        t1,
        outlet="Coast Herald",
        published="2031-05-01T09:00:00",
        entities=[police],
        figures=[fig(t1, "12", 12, counted="people", speaker=police)],
    )
    b = article(
        "t2",
        t2,
        outlet="Inland Daily",
        published="2031-05-01T10:00:00",
        entities=[mayor],
        figures=[fig(t2, "16", 16, counted="people", speaker=mayor)],
    )
    [figure] = compare("s-slide", [a, b], find_origins([a, b])).figures
    assert figure.verdict == "differ_explained"
    assert figure.explanation.startswith("figures from different sources")


def test_one_quote_in_two_wordings(story: Story) -> None:
    [survivors] = [q for q in story.quotes if "find survivors" in q.text]
    assert survivors.speaker == "Lena Varga"
    assert survivors.articles == [WIRE_ID, REPUB_ID, LOCAL_ID]
    assert survivors.origins == ["Northwire", "Marovia Times"]
    assert not survivors.identical


def test_timeline_in_date_order(story: Story) -> None:
    assert [(t.date, t.articles) for t in story.timeline] == [
        ("1998", [WIRE_ID]),
        ("2031-03-04", [WIRE_ID, REPUB_ID, LOCAL_ID]),
        ("2031-03-05", [LOCAL_ID]),
    ]
    assert story.timeline[2].text.startswith("On Wednesday, Minister Varga said 15 people")


def test_same_input_same_story() -> None:
    articles = quake_articles()
    one = compare("s-quake", articles, find_origins(articles))
    other = compare("s-quake", list(reversed(articles)), find_origins(articles))
    assert one.model_dump_json() == other.model_dump_json()


def test_a_part_of_a_whole_compares_with_the_same_part_in_other_words() -> None:
    council = ent("Valley Council", "ORG")
    ministry = ent("Dunmore Interior Ministry", "ORG")
    t1 = "The Valley Council said more than 9,000 of the valley's roughly 11,000 residents have fled."
    t2 = "The Dunmore Interior Ministry said 8,700 villagers had crossed the river by Friday."
    a = article(
        "v1",
        t1,
        outlet="Valley Voice",
        published="2031-06-03T09:00:00",
        entities=[council],
        figures=[
            fig(t1, "more than 9,000", 9000, bound="more_than", counted="residents", speaker=council),
            fig(t1, "roughly 11,000", 11000, bound="approximate", counted="residents"),
        ],
    )
    b = article(
        "v2",
        t2,
        outlet="Dunmore Today",
        published="2031-06-02T18:00:00",
        entities=[ministry],
        figures=[fig(t2, "8,700", 8700, counted="villagers", speaker=ministry, as_of="2031-06-02")],
    )
    [figure] = compare("s-valley", [a, b], find_origins([a, b])).figures
    # Two outlets name what they count differently, equally often: the plainer name, then the first.
    assert figure.counted == "villagers displaced"
    assert [(r.article, r.value) for r in figure.reports] == [("v2", 8700), ("v1", 9000)]
    assert figure.verdict == "differ_explained"
    assert figure.explanation.startswith("later figure (2 June 2031) from a different source")


def test_a_figure_group_is_named_by_what_most_reports_count() -> None:
    texts = {
        "n1": "Floods killed 31 people across the Ormsby valley, officials said.",
        "n2": "At least 31 people were killed by floods in the Ormsby valley.",
        "n3": "The council had put the death toll at 31 earlier in the day.",
    }
    counted = {"n1": "people", "n2": "people", "n3": "earlier"}
    outlets = {"n1": "Ormsby Echo", "n2": "Valley Standard", "n3": "Riverbank Daily"}
    arts = [
        article(
            aid,
            text,
            outlet=outlets[aid],
            published=f"2031-07-0{n}T09:00:00",
            figures=[fig(text, "31", 31, counted=counted[aid])],
        )
        for n, (aid, text) in enumerate(texts.items(), 1)
    ]
    [figure] = compare("s-flood", arts, find_origins(arts)).figures
    # One stray word read as what is counted does not make the heading "people / earlier (killed)".
    assert figure.counted == "people killed"
    assert [r.counted for r in figure.reports] == ["people", "people", "earlier"]


def test_a_figure_group_named_by_its_event_does_not_say_it_twice() -> None:
    texts = {
        "f1": "About 4,000 people who fled the fighting reached Tarvo, aid workers said.",
        "f2": "Some 4,000 people who fled the fighting have reached Tarvo, the mayor said.",
    }
    arts = [
        article(
            aid,
            text,
            outlet=f"Outlet {aid}",
            published="2031-08-01T09:00:00",
            figures=[
                fig(text, text.split(" people")[0], 4000, bound="approximate", counted="people who fled")
            ],
        )
        for aid, text in texts.items()
    ]
    [figure] = compare("s-tarvo", arts, find_origins(arts)).figures
    assert figure.counted == "people who fled"


@pytest.mark.parametrize(
    ("iso", "words"),
    [
        ("2024-05-15", "15 May 2024"),
        ("2024-03", "March 2024"),
        ("2024", "2024"),
        ("2024-W20", "the week of 13 May 2024"),
        ("1950/1959", "the 1950s"),
        ("2024-05-11/2024-05-12", "11 May 2024 to 12 May 2024"),
        ("2024-05-15T18:05", "15 May 2024, 18:05"),
        ("2024-02-30", "2024-02-30"),  # no such day: shown as written
    ],
)
def test_dates_in_findings_read_as_a_person_writes_them(iso: str, words: str) -> None:
    assert date_in_words(iso) == words


def test_articles_without_analysis_still_align_on_their_text() -> None:
    bare = [a.model_copy(update={"analysis": None}) for a in quake_articles()]
    story = compare("s-bare", bare, find_origins(bare))
    survivors = next(c for c in story.claims if "find survivors" in c.text)
    assert survivors.origins == ["Northwire", "Marovia Times"]
    assert (story.entities, story.figures, story.quotes, story.timeline) == ([], [], [], [])
    texts = {a.id: a.text for a in bare}
    assert all(ev.text == texts[ev.article][ev.start : ev.end] for c in story.claims for ev in c.evidence)


TOLL_TEXTS = {
    "toll-a": "Rescuers worked through the night. The death toll from the landslide in Pellham has risen "
    "to {toll}, officials said.",
    "toll-b": "The death toll from the Pellham landslide has risen to {toll}, local officials said on "
    "Tuesday. Schools stay closed.",
    "toll-c": "Officials said the landslide death toll in Pellham had risen to {toll}. A shelter opened "
    "in the town hall.",
}


def toll_article(aid: str, outlet: str, toll: str, hour: int) -> Article:
    text = TOLL_TEXTS[aid].format(toll=toll)
    return article(
        aid,
        text,
        outlet=outlet,
        published=f"2031-03-04T0{hour}:00:00+00:00",
        figures=[fig(text, toll, int(toll), counted="dead")],
    )


def test_sentences_that_disagree_on_a_number_are_one_claim_that_differs() -> None:
    a = toll_article("toll-a", "Coast Herald", "14", 6)
    b = toll_article("toll-b", "Riverside Radio", "12", 7)
    c = toll_article("toll-c", "Pellham Post", "14", 8)
    story = compare("s-toll", [a, b, c], find_origins([a, b, c]))
    [claim] = [c for c in story.claims if "death toll" in c.text]
    # All three carry it; the one with another number differs and does not corroborate.
    assert claim.articles == ["toll-a", "toll-b", "toll-c"]
    assert claim.differs == ["toll-b"]
    assert claim.origins == ["Coast Herald", "Pellham Post"] and claim.corroborated
    assert "14" in claim.text
    assert {ev.article for ev in claim.evidence} == {"toll-a", "toll-b", "toll-c"}


def test_two_outlets_that_disagree_on_a_number_corroborate_nothing() -> None:
    a = toll_article("toll-a", "Coast Herald", "14", 6)
    b = toll_article("toll-b", "Riverside Radio", "12", 7)
    story = compare("s-toll", [a, b], find_origins([a, b]))
    assert story.corroborated == []
    [claim] = story.claims
    assert claim.articles == ["toll-a", "toll-b"] and claim.differs == ["toll-b"]
    assert claim.origins == ["Coast Herald"]


def test_an_altered_quote_is_one_quote_whose_wording_differs() -> None:
    mayor = ent("Mayor Ana Brecht", "PERSON", "Brecht")
    t1 = (
        '"We will rebuild every home in Pellham before winter," Brecht said. '
        '"The school opens Monday," she added.'
    )
    t2 = 'Mayor Ana Brecht promised: "We will rebuild every house in Pellham before the winter."'
    a = article(
        "q1",
        t1,
        outlet="Coast Herald",
        published="2031-03-04T06:00:00+00:00",
        entities=[mayor],
        quotes=[
            quote(t1, "We will rebuild every home in Pellham before winter,", mayor),
            quote(t1, "The school opens Monday,", mayor),
        ],
    )
    b = article(
        "q2",
        t2,
        outlet="Riverside Radio",
        published="2031-03-04T07:00:00+00:00",
        entities=[mayor],
        quotes=[quote(t2, "We will rebuild every house in Pellham before the winter.", mayor)],
    )
    story = compare("s-quote", [a, b], find_origins([a, b]))
    [rebuild] = [q for q in story.quotes if "rebuild" in q.text]
    assert rebuild.articles == ["q1", "q2"] and not rebuild.identical
    assert [e.text for e in rebuild.evidence] == [
        "We will rebuild every home in Pellham before winter,",
        "We will rebuild every house in Pellham before the winter.",
    ]
    [school] = [q for q in story.quotes if "school" in q.text]
    assert school.articles == ["q1"] and school.identical


def test_a_sentence_with_two_dates_is_one_timeline_event() -> None:
    text = (
        "On Wednesday, March 5, officials said the landslide of March 3 buried four houses in Pellham. "
        "Roads reopened in April."
    )
    times = [
        when(text, "Wednesday, March 5", "2031-03-05"),
        when(text, "March 3", "2031-03-03"),
        when(text, "April", "2031-04", "month"),
    ]
    a = article("slide-a", text, outlet="Coast Herald", published="2031-03-05T08:00:00+00:00", times=times)
    story = compare("s-slide", [a], find_origins([a]))
    # The earliest day dates the sentence's event; its text is not listed twice.
    assert [t.date for t in story.timeline] == ["2031-03-03", "2031-04"]
    assert story.timeline[0].text.startswith("On Wednesday, March 5, officials said")
    assert len({t.text for t in story.timeline}) == len(story.timeline)


def _ferry_story(undated_text: str) -> Story:
    dated_text = (
        "On Tuesday the ferry Lorna ran aground off Pellham. "
        "Crews began towing the ferry Lorna to the Pellham shipyard on Thursday."
    )
    dated = article(
        "ferry-a",
        dated_text,
        outlet="Coast Herald",
        published="2031-06-12T09:00:00+00:00",
        times=[when(dated_text, "Tuesday", "2031-06-10"), when(dated_text, "Thursday", "2031-06-12")],
    )
    undated = article("ferry-b", undated_text, outlet="Inland Daily")
    return build_story("s-ferry", [dated, undated])  # as a run builds it: times inferred, then compared


def test_an_undated_article_is_read_against_the_story_dates() -> None:
    # The second page gives no date: its "June 9" and "today" are placed from the story's
    # latest date (12 June 2031), and marked as inferred from the story.
    story = _ferry_story(
        "Storm warnings went out on June 9. The ferry Lorna reached the Pellham shipyard today."
    )
    by_text = {t.text: t for t in story.timeline}
    warning = by_text["Storm warnings went out on June 9."]
    arrival = by_text["The ferry Lorna reached the Pellham shipyard today."]
    assert (warning.date, warning.inferred_from) == ("2031-06-09", "2031-06-12")
    assert (arrival.date, arrival.inferred_from) == ("2031-06-12", "2031-06-12")
    # The dated article's own dates are its own.
    assert by_text["On Tuesday the ferry Lorna ran aground off Pellham."].inferred_from is None
    # An inferred date does not make the arrival the same event as the towing on the same day;
    # it comes after the events the article dates itself.
    towing = by_text["Crews began towing the ferry Lorna to the Pellham shipyard on Thursday."]
    assert towing.articles == ["ferry-a"] and arrival.articles == ["ferry-b"]
    assert story.timeline.index(towing) < story.timeline.index(arrival)


def test_an_undated_article_alone_places_no_relative_dates() -> None:
    text = "The ferry Lorna reached the Pellham shipyard today."
    a = article("ferry-c", text, outlet="Inland Daily")
    assert build_story("s-one", [a]).timeline == []


def test_a_short_name_joins_a_longer_one_only_by_its_distinctive_word() -> None:
    """'the House' is not the White House; 'Halvik' is Halvik Shipping."""
    white_house, house = ent("White House", "ORG"), ent("House", "ORG")
    shipping, halvik = ent("Halvik Shipping", "ORG"), ent("Halvik", "ORG")
    t1 = "The White House said the bill would be signed. Halvik Shipping said its ships were safe."
    t2 = "The House voted on the bill on Tuesday. Halvik said its ships were safe."
    a = article("h1", t1, outlet="Coast Herald", entities=[white_house, shipping])
    b = article("h2", t2, outlet="Inland Daily", entities=[house, halvik])
    story = compare("s-bill", [a, b], find_origins([a, b]))
    groups = {e.name: {m.article for m in e.mentions} for e in story.entities}
    assert groups["White House"] == {"h1"} and groups["House"] == {"h2"}
    assert groups["Halvik Shipping"] == {"h1", "h2"}
