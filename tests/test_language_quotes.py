"""Who said what: direct, indirect and mixed quotes with resolved speakers."""

from __future__ import annotations

from corroborate.language import analyze
from corroborate.model import Quote

TEXT = "\n\n".join(
    [
        "Harbour master Ines Dovra said the port would reopen on Monday.",
        '"We lost two cranes," Dovra told reporters. "The rest is fine."',
        '"Nobody was hurt," she added.',
        '"Insurance will cover most of it, and the ferries run as usual."',
        "She said the damage was \u201cfar worse than the storm of 1990.\u201d",
        "The port authority, in a statement carried by Coastal Radio, "
        "said the damage came to 4 million euros.",
        "Repairs will start in May, the port authority said.",
        "According to the Quent Weather Office, the gusts reached 140 km per hour.",
        "Mayor Tobin Ashe said: \u201cThe town stands with the dockworkers.\u201d",
    ]
)


def _quotes() -> list[Quote]:
    return analyze(TEXT).quotes


def _by_snippet(snippet: str) -> Quote:
    found = [q for q in _quotes() if snippet in q.text]
    assert len(found) == 1, [q.text for q in _quotes()]
    return found[0]


def test_indirect_quote_with_role_before_the_name() -> None:
    q = _by_snippet("the port would reopen")
    assert (q.kind, q.text, q.cue, q.speaker, q.speaker_entity) == (
        "indirect",
        "the port would reopen on Monday",
        "said",
        "Ines Dovra",
        "person:ines-dovra",
    )


def test_a_quotation_split_by_its_attribution_is_one_quote_of_two_pieces() -> None:
    q = _by_snippet("We lost two cranes")
    assert (q.kind, q.cue, q.speaker, q.speaker_entity) == ("direct", "told", "Dovra", "person:ines-dovra")
    # The record runs from the first quoted word to the last, exactly; its pieces are the quoted words.
    assert TEXT[q.start : q.end] == q.text == 'We lost two cranes," Dovra told reporters. "The rest is fine.'
    assert [TEXT[p.start : p.end] for p in q.pieces] == ["We lost two cranes", "The rest is fine."]
    assert q.quoted() == "We lost two cranes The rest is fine."
    assert [p for p in _quotes() if q.start <= p.start < q.end] == [q]


def test_split_by_a_mid_sentence_attribution_is_one_quote_and_an_unsplit_one_has_no_pieces() -> None:
    text = (
        '"We will rebuild," Mayor Tobin Ashe said, "and we will do it fast."\n\n'
        '"The money is there, and the workers are ready," he added.'
    )
    first, second = analyze(text).quotes
    assert [text[p.start : p.end] for p in first.spans()] == ["We will rebuild", "and we will do it fast."]
    assert first.speaker_entity == second.speaker_entity == "person:tobin-ashe"
    assert second.pieces == [] and [(s.start, s.end) for s in second.spans()] == [(second.start, second.end)]


def test_pronoun_and_quote_only_paragraph_continue_the_speaker() -> None:
    pronoun = _by_snippet("Nobody was hurt")
    alone = _by_snippet("Insurance will cover")
    assert (pronoun.speaker, pronoun.speaker_entity, pronoun.cue) == ("she", "person:ines-dovra", "added")
    assert (alone.kind, alone.cue, alone.speaker_entity) == ("direct", None, "person:ines-dovra")


def test_mixed_quote_with_curly_marks() -> None:
    q = _by_snippet("far worse")
    assert q.kind == "mixed"
    assert q.text == "the damage was \u201cfar worse than the storm of 1990.\u201d"
    assert q.speaker_entity == "person:ines-dovra"


def test_speaker_chain_with_channel_and_nominal_speaker() -> None:
    chained = _by_snippet("the damage came to 4 million")
    assert (chained.speaker, chained.channel, chained.cue) == ("The port authority", "Coastal Radio", "said")
    trailing = _by_snippet("Repairs will start")
    assert (trailing.kind, trailing.speaker, trailing.cue) == ("indirect", "the port authority", "said")


def test_according_to_and_colon() -> None:
    according = _by_snippet("gusts reached")
    assert (according.cue, according.speaker, according.speaker_entity) == (
        "According to",
        "Quent Weather Office",
        "org:quent-weather-office",
    )
    colon = _by_snippet("stands with the dockworkers")
    assert (colon.kind, colon.speaker, colon.speaker_entity) == ("direct", "Tobin Ashe", "person:tobin-ashe")


def test_scare_quotes_are_not_quotes() -> None:
    a = analyze('The so-called "peace plan" was published on Friday.')
    assert a.quotes == []


def test_continued_quotation_keeps_its_cue() -> None:
    a = analyze('"We are ready," Tomas Brandt said. "We start at dawn."')
    assert [(q.quoted(), q.cue, q.speaker, len(q.pieces)) for q in a.quotes] == [
        ("We are ready We start at dawn.", "said", "Tomas Brandt", 2),
    ]


def test_age_aside_and_double_apostrophe_marks() -> None:
    a = analyze("''We will not stop,'' Quina Jones, 25, said on Sunday.")
    assert [(q.text, q.speaker) for q in a.quotes] == [("We will not stop", "Quina Jones")]


def test_named_subject_quoting_words_is_a_mixed_quote() -> None:
    a = analyze('Harry Reid has gone after Trump as a "con artist" this week.')
    assert [(q.kind, q.speaker, q.cue) for q in a.quotes] == [("mixed", "Harry Reid", "gone")]


def test_a_title_in_quotation_marks_is_not_speech() -> None:
    text = (
        'On Sunday\'s broadcast of "Harbour Talk Tonight," Mayor Tobin Ashe said the ferries would run again.'
    )
    quotes = analyze(text).quotes
    assert all("Harbour Talk" not in q.text for q in quotes), [q.text for q in quotes]
    assert any(q.text.startswith("the ferries would run") and q.speaker == "Tobin Ashe" for q in quotes)


def test_a_that_clause_after_any_verb_is_attributed_to_its_subject() -> None:
    quotes = analyze("Ines Dovra charges that the council hid the cost of the crane repairs.").quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the council hid the cost of the crane repairs", "Ines Dovra")
    ]


def test_a_common_verb_that_news_seldom_uses_for_speech_is_no_attribution() -> None:
    # "served" is frequent in news and rarely reports what anyone says.
    quotes = analyze("Ines Dovra served as director of the regional water board for six years.").quotes
    assert quotes == []


def test_a_relative_clause_speaks_for_its_antecedent() -> None:
    quotes = analyze("The council met an engineer who said the cranes had been unsafe for years.").quotes
    assert [(q.text, q.speaker) for q in quotes] == [("the cranes had been unsafe for years", "an engineer")]


def test_a_short_subject_before_the_aside_belongs_to_the_content() -> None:
    quotes = analyze("The bridge, Ines Dovra said, would reopen to lorries in May.").quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The bridge, Ines Dovra said, would reopen to lorries in May", "Ines Dovra")
    ]


def test_the_subject_of_a_clause_joined_to_the_cue_speaks() -> None:
    quotes = analyze("Dovra laughed and said that the cranes were older than the town itself.").quotes
    assert [(q.text, q.speaker) for q in quotes] == [("the cranes were older than the town itself", "Dovra")]


def test_a_participle_cue_after_a_comma_speaks_for_the_sentence_subject() -> None:
    text = (
        "Ines Dovra criticised the harbour board on Friday, saying the cranes had been neglected for years."
    )
    quotes = [q for q in analyze(text).quotes if q.cue == "saying"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the cranes had been neglected for years", "Ines Dovra")
    ]


def _only(text: str) -> Quote:
    quotes = analyze(text).quotes
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes]
    return quotes[0]


def test_a_title_with_a_period_and_initials_stay_in_the_speakers_name() -> None:
    q = _only("\u201cThe bridge is safe,\u201d said Rep. T.J. Varga (D-Ore.), head of the transport panel.")
    assert q.speaker == "T.J. Varga"
    assert (q.speaker_entity or "").endswith(":t-j-varga")  # not "Rep", the title before the name


def test_the_person_named_after_the_quote_speaks_not_the_appositive() -> None:
    text = (
        "\u201cWe will appeal,\u201d Mara Quillen, the attorney general of Westmark, and one of the"
        " plaintiffs, said in a statement."
    )
    q = _only(text)
    assert (q.speaker, q.speaker_entity) == ("Mara Quillen", "person:mara-quillen")


def test_a_question_closing_the_quotation_is_attributed_by_the_next_sentence() -> None:
    text = 'Governor Ilse Brandt spoke on Monday.\n"Who pays for the dam? Nobody asks," Brandt said.'
    q = _only(text)
    assert (q.text, q.speaker, q.speaker_entity) == (
        "Who pays for the dam? Nobody asks",
        "Brandt",
        "person:ilse-brandt",
    )
    text = 'Governor Ilse Brandt spoke on Monday.\n"Who pays for the dam?" Brandt said.'
    q = _only(text)
    assert (q.text, q.speaker) == ("Who pays for the dam?", "Brandt")


def test_a_speaker_phrase_that_runs_into_its_verb_is_cut_to_its_subject() -> None:
    q = _only("The harbour board released a statement Wednesday saying the docks would stay shut all week.")
    assert q.speaker == "The harbour board"
    q = _only("He went on to say that the tolls would double by the spring.")
    assert q.speaker == "He"


NESTED = "\n\n".join(
    [
        "Former minister Karl Vostrin testified on Thursday before the ethics committee.",
        "Vostrin said Mara Lindqvist promised to bring the prime minister a letter about his case.",
        "He said the two did meet to discuss his situation, and that the meeting went well.",
        "This contradicts statements by Lindqvist, who said the case never came up.",
        '"It was a shock for me when Lindqvist said on television that she never heard of my letter."',
    ]
)


def test_a_speaker_reported_inside_another_quote_does_not_take_the_next_pronoun() -> None:
    quotes = analyze(NESTED).quotes
    he = next(q for q in quotes if q.text.startswith("the two did meet"))
    assert (he.speaker, he.speaker_entity) == ("He", "person:karl-vostrin")


def test_a_quotation_naming_the_last_speaker_goes_to_the_one_before() -> None:
    quotes = analyze(NESTED).quotes
    shock = next(q for q in quotes if q.text.startswith("It was a shock"))
    assert shock.speaker_entity == "person:karl-vostrin"


def test_every_speaker_mention_is_exact() -> None:
    for text in (TEXT, NESTED):
        for q in analyze(text).quotes:
            assert text[q.start : q.end] == q.text
            if q.speaker_span is not None:
                assert text[q.speaker_span.start : q.speaker_span.end] == q.speaker


def test_quoted_words_no_cue_attributes_go_to_the_name_before_them() -> None:
    text = (
        "The council met on Monday.\n\nFor Mayor Tobin Ashe, the new bridge plan is "
        '"a disaster for the town and for everyone who lives here."'
    )
    (q,) = analyze(text).quotes
    assert (q.kind, q.text, q.speaker_entity) == (
        "mixed",
        "a disaster for the town and for everyone who lives here.",
        "person:tobin-ashe",
    )


def test_an_institution_is_not_the_person_whose_role_names_it() -> None:
    text = (
        "Gen. Ergin Saygun met Lt. Gen. Nasier Abadi, deputy chief of staff for the Iraqi army, "
        "on Tuesday.\n\n"
        "They discussed possible military cooperation against the rebels, the army said."
    )
    army = next(q for q in analyze(text).quotes if q.speaker == "the army")
    assert army.speaker_entity != "person:nasier-abadi"


def test_a_dateline_and_an_opening_phrase_are_no_speaker() -> None:
    text = (
        "EMMETSBURG, IOWA -- At a campaign event in Emmetsburg, a voter opened the session saying that "
        "the senator would not have enough money to win."
    )
    (q,) = analyze(text).quotes
    assert (q.speaker, q.text) == ("a voter", "the senator would not have enough money to win")
