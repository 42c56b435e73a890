"""The trained name recogniser merged with the rules; the rules alone when the model is missing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import corroborate.language as language
from corroborate.language import analyze, headlines, ner, split_sentences
from corroborate.language.entities import find_candidates
from corroborate.language.linking import link
from corroborate.language.ner import ModelEntity, merge

TEXT = "Prime Minister Nikol Pashinyan spoke to the Washington Post in Yerevan. Pashinyan left."


def _span(text: str, name: str, label: str, nth: int = 0) -> ModelEntity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return ModelEntity(start, start + len(name), label)


def test_merge_keeps_titles_and_lets_longer_names_win() -> None:
    rules = find_candidates(TEXT, split_sentences(TEXT))
    found = [
        _span(TEXT, "Minister Nikol Pashinyan", "PER"),
        _span(TEXT, "Washington Post", "ORG"),
        _span(TEXT, "Yerevan", "LOC"),
        _span(TEXT, "Pashinyan", "ORG", nth=1),
    ]
    merged = {(TEXT[c.start : c.end], c.label, c.role) for c in merge(TEXT, rules, found)}
    assert ("Nikol Pashinyan", "PERSON", "Prime Minister") in merged
    assert ("Washington Post", "ORG", None) in merged
    assert ("Yerevan", "GPE", None) in merged
    assert ("Pashinyan", "PERSON", None) in merged  # a surname is its person, whatever the model said
    assert not any(name == "Washington" for name, _, _ in merged)


def test_misc_spans_are_dropped_but_do_not_hide_rule_names() -> None:
    text = "Dana Morrow arrived. Morrow agreed."
    rules = find_candidates(text, split_sentences(text))
    found = [_span(text, "Dana Morrow", "PER"), _span(text, "Morrow", "MISC", nth=1)]
    ents = link(text, merge(text, rules, found))[0]
    assert [(e.name, e.aliases) for e in ents] == [("Dana Morrow", ["Morrow"])]


def test_rules_alone_when_the_model_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "model_entities", lambda text: None)
    a = analyze("The World Court, formally known as the International Court of Justice, ruled.")
    assert [e.name for e in a.entities] == ["International Court of Justice"]


def test_the_shipped_model_loads_when_present() -> None:
    if not ner.available():
        pytest.skip("no model in corroborate/data/ner (run `make model`)")
    text = "Angela Merkel flew to Paris on Monday."
    found = ner.model_entities(text)
    assert found is not None
    assert {("Angela Merkel", "PER"), ("Paris", "LOC")} <= {(text[m.start : m.end], m.label) for m in found}


def test_the_capitals_opening_a_dateline_are_a_place() -> None:
    text = "Harbour cranes sold\nMARROWBY, Kestland Aug 29 (Wire) - The port sold two cranes."
    rules = find_candidates(text, split_sentences(text))
    found = [_span(text, "MARROWBY", "ORG"), _span(text, "Kestland", "LOC")]
    merged = {(text[c.start : c.end], c.label) for c in merge(text, rules, found)}
    assert ("MARROWBY", "GPE") in merged


def test_a_word_before_a_role_at_a_sentence_start_is_no_person_unless_named_again() -> None:
    for text, kept in [
        ("Harbour master Ines Dovra said the port was shut.", False),
        ("Okafor adviser Ines Dovra said the port was shut. Okafor did not comment.", True),
    ]:
        rules = find_candidates(text, split_sentences(text))
        found = [_span(text, text.split()[0], "PER"), _span(text, "Ines Dovra", "PER")]
        merged = {(text[c.start : c.end], c.label) for c in merge(text, rules, found)}
        assert ((text.split()[0], "PERSON") in merged) is kept, merged


class _FakeModel:
    """Stands in for the spaCy pipeline: the spans a model might find, whatever it would find today."""

    def __init__(self, spans: list[tuple[str, str]]) -> None:
        self.spans = spans

    def __call__(self, text: str) -> SimpleNamespace:
        found = [(s, label) for s, label in self.spans if s in text]
        ents = [SimpleNamespace(text=s, start_char=text.index(s), label_=label) for s, label in found]
        return SimpleNamespace(ents=ents)


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        (
            "Smoke rose from Fenwick Bible Chapel Friday evening.",
            "Fenwick Bible Chapel Friday",
            "Fenwick Bible Chapel",
        ),
        ("The minister landed in Helsinki Tuesday night.", "Helsinki Tuesday", "Helsinki"),
        ("Voters in Ada County March 3 pick a mayor.", "Ada County March", "Ada County"),
        ("Fans of the Harrow Rovers on April 3 cheered.", "Harrow Rovers on April", "Harrow Rovers"),
        ("Early Friday, crews reached the town.", "Early Friday", None),  # only a time: no name at all
        # A month with no date after it may be a name; days named by a weekday are names.
        ("Theresa May spoke in Leeds.", "Theresa May", "Theresa May"),
        ("Talks broke down before Good Friday.", "Good Friday", "Good Friday"),
    ],
)
def test_a_weekday_or_dated_month_after_a_name_is_not_part_of_it(
    monkeypatch: pytest.MonkeyPatch, text: str, span: str, name: str | None
) -> None:
    monkeypatch.setattr(ner, "_pipeline", lambda: _FakeModel([(span, "LOC")]))
    found = ner.model_entities(text)
    assert found is not None
    assert [text[m.start : m.end] for m in found] == ([name] if name else [])


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Ferry halted\nMarch 3, 2024, 8:24 AM PDT\nThe ferry stopped.", "AM PDT", None),
        ("Ferry halted\nUpdated 3/3/2024 1:00pm CST\nThe ferry stopped.", "CST", None),
        ("Posted 10:30 BST Updated Thu\nThe ferry stopped.", "Updated Thu", None),
        ("Last Updated: 7:35 AM\nThe ferry stopped.", "Last Updated", None),
        ("Filed at 9:12 a.m. ET KESTWICK, Ore. - The ferry stopped.", "ET KESTWICK", "KESTWICK"),
        ("Filed at noon\nThe ferry stopped.", "Filed", None),
        # Without a time before them, such letters may well be a name.
        ("She hosted ET Canada for years.", "ET Canada", "ET Canada"),
    ],
)
def test_a_timestamp_is_not_a_name(
    monkeypatch: pytest.MonkeyPatch, text: str, span: str, name: str | None
) -> None:
    monkeypatch.setattr(ner, "_pipeline", lambda: _FakeModel([(span, "ORG")]))
    found = ner.model_entities(text)
    assert found is not None
    assert [text[m.start : m.end] for m in found] == ([name] if name else [])


def test_the_shipped_model_leaves_the_weekday_out_of_a_name() -> None:
    if not ner.available():
        pytest.skip("no model in corroborate/data/ner (run `make model`)")
    text = "Smoke rose from the Fenwick Bible Chapel Friday evening as crews arrived."
    assert [e.name for e in analyze(text).entities] == ["Fenwick Bible Chapel"]


def test_one_name_one_type_across_the_text() -> None:
    # The model read the coach's full name once as a person, once as a place, and his bare
    # surname as a miscellaneous name: every mention is still the one person.
    text = (
        "The club named Mo Blanks head coach. Maurice Blanks played here for years. "
        "Blanks said he was ready. Fans cheered Blanks on Friday."
    )
    found = [
        _span(text, "Mo Blanks", "PER"),
        _span(text, "Maurice Blanks", "LOC"),
        _span(text, "Blanks", "MISC", nth=2),
        _span(text, "Blanks", "MISC", nth=3),
    ]
    cands = merge(text, find_candidates(text, split_sentences(text)), found)
    entities, mentions = link(text, cands)
    blanks = {e.key: e.label for e in entities if e.name.endswith("Blanks")}
    assert set(blanks.values()) == {"PERSON"}
    assert sum(m.entity in blanks for m in mentions) == 4


def test_headlines_in_capitals_or_title_case_go_to_the_headline_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "KESKIL WINS VOTE IN VELTRIA\n"
        "Keskil Wins Vote After Long Count In Veltria\n"
        "Angela Merkel flew to Paris on Monday."
    )
    assert [text[s:e] for s, e in headlines.headline_lines(text)] == text.split("\n")[:2]
    monkeypatch.setattr(ner, "_pipeline", lambda: _FakeModel([("Angela Merkel", "PER"), ("VELTRIA", "ORG")]))
    monkeypatch.setattr(ner, "_caps_pipeline", lambda: _FakeModel([("Keskil", "PER"), ("KESKIL", "PER")]))
    found = ner.model_entities(text)
    assert found is not None
    assert [(text[m.start : m.end], m.label) for m in found] == [
        ("KESKIL", "PER"),
        ("Keskil", "PER"),
        ("Angela Merkel", "PER"),
    ]


def test_a_family_name_read_as_an_organisation_is_the_family_member() -> None:
    text = "Hunter Vosk testified on Thursday. His father, Aldo Vosk, did not attend."
    found = [_span(text, "Hunter Vosk", "ORG"), _span(text, "Aldo Vosk", "PER")]
    entities, _ = link(text, merge(text, find_candidates(text, split_sentences(text)), found))
    assert {(e.name, e.label) for e in entities} == {("Hunter Vosk", "PERSON"), ("Aldo Vosk", "PERSON")}
    # An organisation named after a family keeps its type.
    text = "Vosk Holdings bought the mill. Aldo Vosk, its founder, was pleased."
    found = [_span(text, "Vosk Holdings", "ORG"), _span(text, "Aldo Vosk", "PER")]
    entities, _ = link(text, merge(text, find_candidates(text, split_sentences(text)), found))
    assert ("Vosk Holdings", "ORG") in {(e.name, e.label) for e in entities}


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # A sentence's first word read as a company, which English writes in lowercase, is no name.
        ("Smoke rose from Fenwick Bible Chapel Friday evening.", [("Smoke", "ORG")], []),
        ("Smoke rose over the city.", [("Smoke", "LOC")], []),
        # A person's first word stays, and so does a word the tables know as a place.
        ("Brown said the plan would work.", [("Brown", "PER")], [("Brown", "PER")]),
        ("Jordan said the border would open.", [("Jordan", "LOC")], [("Jordan", "LOC")]),
        # An opening conjunction is no part of a name, and alone it is none.
        ("The senator was late. Plus Okonkwo was in town.", [("Plus Okonkwo", "PER")], [("Okonkwo", "PER")]),
        ("Plus, the mayor came.", [("Plus", "ORG")], []),
        # A generation inside the model's own span names a person, whatever type the model gave it.
        ("Marten Vosk Jr. spoke first.", [("Marten Vosk Jr.", "ORG")], [("Marten Vosk Jr.", "PER")]),
        ("Later Vosk Jr. spoke.", [("Vosk Jr.", "LOC")], [("Vosk Jr.", "PER")]),
    ],
)
def test_sentence_capitals_openers_and_generations_at_the_edges_of_a_model_name(
    monkeypatch: pytest.MonkeyPatch, text: str, spans: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    monkeypatch.setattr(ner, "_pipeline", lambda: _FakeModel(spans))
    found = ner.model_entities(text)
    assert found is not None
    assert [(text[m.start : m.end], m.label) for m in found] == expected


def test_a_bare_surname_read_as_a_place_is_the_person_of_that_surname() -> None:
    text = "Marten Vosk spoke at the rally in Dunmore. Vosk said the crowd was large."
    rules = find_candidates(text, split_sentences(text))
    found = [_span(text, "Marten Vosk", "PER"), _span(text, "Dunmore", "LOC")]
    found.append(_span(text, "Vosk", "LOC", nth=1))
    merged = {(text[c.start : c.end], c.label) for c in merge(text, rules, found)}
    assert {("Marten Vosk", "PERSON"), ("Vosk", "PERSON"), ("Dunmore", "GPE")} <= merged
