"""Figure candidates: rules name a kind, a learnt filter (when shipped) decides, "one of" is partitive."""

from __future__ import annotations

from corroborate.language import analyze
from corroborate.language.figure_filter import Candidate, keep_candidates
from corroborate.language.figures import figure_candidates


def _candidates(text: str) -> list[Candidate]:
    a = analyze(text)
    return figure_candidates(text, a.sentences, a.quotes, a.times, a.mentions)


def test_one_of_is_kept_as_a_partitive_figure_that_comparisons_skip() -> None:
    text = "One of the victims was a nurse. Only one of those positions is open. Three of the men fled."
    figures = analyze(text).figures
    partitive = [(f.text, f.value) for f in figures if f.partitive]
    counts = [(f.text, f.value) for f in figures if not f.partitive]
    assert partitive == [("One", 1.0)]
    assert ("one", 1.0) in counts  # "only one of those positions" is a count


def test_rules_name_the_kind_of_non_figure() -> None:
    text = "Jim Palmer, 34, told the 11 staff that Illinois went 13-47."
    kinds = {c.figure.text: c.rule for c in _candidates(text)}
    assert kinds.get("34") == "age"
    assert kinds.get("11") is None
    assert "13-47" not in kinds or kinds["13-47"] == "score"


def test_a_model_decides_over_the_rules() -> None:
    cands = _candidates("Jim Palmer, 34, said 11 staff left.")
    assert [f.text for f in keep_candidates(cands, None)] == ["11"]
    drop_all = ({"bias": -20.0}, 0.5, 1.0)
    assert keep_candidates(cands, drop_all) == []
    keep_all = ({"bias": 20.0}, 0.5, 0.5)
    assert {f.text for f in keep_candidates(cands, keep_all)} == {"34", "11"}
