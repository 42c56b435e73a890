"""Names, canonical entities, aliases and roles."""

from __future__ import annotations

from corroborate.language import analyze
from corroborate.model import Analysis


def _entities(a: Analysis) -> dict[str, tuple[str, str, list[str], list[str]]]:
    return {e.key: (e.name, e.label, e.aliases, e.roles) for e in a.entities}


TEXT = (
    "Veltrian Prime Minister Arno Keskil met U.N. spokesperson Dana Morrow in Oslo on Monday.\n\n"
    "Keskil said the talks went well. Morrow agreed.\n\n"
    "The Tribunal of Maritime Claims (TMC) will rule next month. The TMC declined to comment."
)


def test_people_with_roles_and_surnames_linked() -> None:
    a = analyze(TEXT)
    ents = _entities(a)
    assert ents["person:arno-keskil"] == ("Arno Keskil", "PERSON", ["Keskil"], ["Veltrian Prime Minister"])
    assert ents["person:dana-morrow"] == ("Dana Morrow", "PERSON", ["Morrow"], ["U.N. spokesperson"])
    linked = {m.text: m.entity for m in a.mentions}
    assert linked["Keskil"] == "person:arno-keskil"
    assert linked["U.N."] == "org:united-nations"
    assert linked["Oslo"] == "gpe:oslo"


def test_acronym_defined_in_parentheses_is_the_same_entity() -> None:
    a = analyze(TEXT)
    tmc = [m for m in a.mentions if m.entity == "org:tribunal-of-maritime-claims"]
    assert [m.text for m in tmc] == ["Tribunal of Maritime Claims", "TMC", "TMC"]


def test_sentence_initial_common_words_are_not_entities() -> None:
    a = analyze("Refugees crossed the border. Officials said refugees were tired. Nobody knew more.")
    assert a.entities == []


def test_stated_alias_and_shipped_table_give_one_entity() -> None:
    a = analyze(
        "The Harbour Board, formally known as the Port Authority of Quent, met on Monday.\n\n"
        "The World Court ruled. Later the International Court of Justice (ICJ) said more. "
        "Karabakh and Nagorno-Karabakh are one place; so are the UN and the United Nations."
    )
    ents = _entities(a)
    assert ents["org:port-authority-of-quent"][2] == ["Harbour Board"]
    assert ents["org:international-court-of-justice"][2] == ["World Court", "ICJ"]
    assert ents["gpe:nagorno-karabakh"][2] == ["Karabakh"]
    assert ents["org:united-nations"][2] == ["UN"]


def test_appositive_role_and_government_of_a_country() -> None:
    a = analyze(
        "Ilse Varga, chief negotiator for the Belgian delegation, arrived late.\n\n"
        "Belgium's government said the talks would continue. The Dutch foreign ministry agreed."
    )
    ents = _entities(a)
    assert ents["person:ilse-varga"][3] == ["chief negotiator for the Belgian delegation"]
    assert ents["org:government-of-belgium"][:2] == ("Government of Belgium", "ORG")
    assert ents["org:foreign-ministry-of-netherlands"][2] == ["Dutch foreign ministry"]
    assert ents["norp:belgian"][1] == "NORP"


def test_mention_text_matches_offsets() -> None:
    a = analyze(TEXT)
    assert a.mentions
    assert all(TEXT[m.start : m.end] == m.text for m in a.mentions)
    keys = {e.key for e in a.entities}
    assert all(m.entity in keys for m in a.mentions)


def _names_of(a: Analysis) -> dict[str, tuple[str, list[str]]]:
    return {e.name: (e.label, [m.text for m in a.mentions if m.entity == e.key]) for e in a.entities}


def test_white_house_and_the_house_stay_two_entities() -> None:
    a = analyze(
        "The White House said on Monday that the bill would pass. The House voted 220 to 210 on "
        "Tuesday. A White House spokeswoman declined to comment."
    )
    names = _names_of(a)
    assert names["White House"] == ("ORG", ["White House", "White House"])
    assert names["House"][1] == ["House"]


def test_a_son_of_the_same_name_is_not_his_father() -> None:
    a = analyze(
        "Marten Vosk Jr. spoke at the rally in Dunmore. His father, Marten Vosk, arrived later. "
        "Vosk Jr. said the crowd was large. Vosk said nothing."
    )
    names = _names_of(a)
    assert names["Marten Vosk Jr."] == ("PERSON", ["Marten Vosk Jr.", "Vosk Jr."])
    assert names["Marten Vosk"] == ("PERSON", ["Marten Vosk", "Vosk"])


def test_a_bare_surname_is_the_first_named_of_two_people_sharing_it() -> None:
    a = analyze(
        "Senator Paul Greer and his son, Mark Greer, toured the flooded farms near Dunmore on Monday. "
        'Mark Greer runs one of the farms. "We will rebuild every barn," Greer said.'
    )
    names = _names_of(a)
    assert "Greer" in names["Paul Greer"][1]
    assert "Greer" not in names["Mark Greer"][1]
    [quote] = a.quotes
    assert quote.speaker_entity == next(e.key for e in a.entities if e.name == "Paul Greer")


def test_a_hyphenated_company_is_one_name() -> None:
    a = analyze("Shares of Halvorsen-Braak fell 3 percent on Monday. Halvorsen-Braak said it would cut jobs.")
    parts = [m.text for m in a.mentions if "Halvorsen" in m.text or "Braak" in m.text]
    assert parts and set(parts) == {"Halvorsen-Braak"}


def test_an_honorific_names_a_person_not_a_place() -> None:
    a = analyze(
        "Ilse Varga, the mayor, spoke first. Ms. Varga said the plan would work.\n\n"
        "Ms. Kadri met the minister in Tallinn on Friday."
    )
    names = _names_of(a)
    assert names["Ilse Varga"] == ("PERSON", ["Ilse Varga", "Varga"])
    assert names["Kadri"] == ("PERSON", ["Kadri"])


def test_one_judge_under_all_her_names_is_one_entity() -> None:
    a = analyze(
        "Judge Elena Marsh Okafor ruled on Friday. U.S. District Judge Elena Marsh Okafor said the case "
        "had merit. Okafor wrote that the law was clear. Judge Okafor added a note. Ms. Okafor, who was "
        "appointed in 2011, declined to comment. Marsh Okafor did not elaborate."
    )
    people = [e for e in a.entities if e.label == "PERSON"]
    assert [e.name for e in people] == ["Elena Marsh Okafor"]
    judge = [m.text for m in a.mentions if m.entity == people[0].key]
    assert judge == ["Elena Marsh Okafor"] * 2 + ["Okafor"] * 3 + ["Marsh Okafor"]


def test_a_title_opening_the_text_is_the_persons_role() -> None:
    # "prime minister" is written in lowercase later on: that must not cut "Prime" off the title.
    a = analyze('Prime Minister Ivo Marsh met farmers in Dunmore. "We will help," the prime minister said.')
    [quote] = a.quotes
    assert quote.speaker_entity == next(e.key for e in a.entities if e.name == "Ivo Marsh")


def test_a_title_of_two_words_stays_off_the_name() -> None:
    a = analyze("Chief Justice Ann Lowe said the court would rule within two weeks.")
    [person] = [e for e in a.entities if e.label == "PERSON"]
    assert (person.name, person.roles) == ("Ann Lowe", ["Chief Justice"])
