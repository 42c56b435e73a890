"""The trained name recogniser merged with the rules; the rules alone when the model is missing."""

from __future__ import annotations

import pytest

import corroborate.language as language
from corroborate.language import analyze, ner, split_sentences
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
