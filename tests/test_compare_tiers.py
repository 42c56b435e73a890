"""Corroborated only with confidence: loose alignments are "possibly elsewhere", chains do not merge facts."""

from __future__ import annotations

import csv
import io

from corroborate.compare import claims as claims_mod
from corroborate.compare import compare
from corroborate.compare.tiers import star_groups, union_groups
from corroborate.model import Quote, Story
from corroborate.settings import CompareSettings
from corroborate.stories import find_origins
from corroborate.views.export import write_csv
from corroborate.views.report import render_story
from corroborate.views.story_parts import claim_group
from tests.builders import article, ent

CITY = ent("Marrowby", "GPE")
A = (
    "Police said the Marrowby bridge collapsed after heavy rain on Tuesday evening, trapping two lorries. "
    "The council will meet on Friday to discuss a temporary ferry for commuters."
)
B = (
    "The Marrowby bridge collapsed after heavy rain on Tuesday evening, trapping two lorries, police said. "
    "Local shop owners fear months of lost trade while the river crossing stays closed."
)


def _story(a: str = A, b: str = B, settings: CompareSettings | None = None) -> Story:
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[CITY]),
        article("b", b, outlet="Eastvale Post", entities=[CITY]),
    ]
    return compare("s", arts, find_origins(arts), settings=settings)


def _claim(story: Story, needle: str) -> claims_mod.Claim:
    return next(c for c in story.claims if needle in c.text)


def test_the_same_fact_in_two_outlets_is_corroborated() -> None:
    c = _claim(_story(), "bridge collapsed")
    assert c.corroborated and not c.possibly_elsewhere
    assert set(c.origins) == {"Daily Ledger", "Eastvale Post"}


def test_an_alignment_below_the_confident_threshold_is_possibly_elsewhere() -> None:
    story = _story(settings=CompareSettings(corroborate=1.5))  # above any score
    c = _claim(story, "bridge collapsed")
    assert not c.corroborated
    assert c.possibly_elsewhere and len(c.origins) == 1
    # Shown as weak, naming the other outlet's sentence that came close.
    assert c.confidence <= 0.5 and "closest in Eastvale Post" in c.why
    html = render_story(story)
    section = html[html.index('id="claims-possibly"') :]
    assert "bridge collapsed" in section[: section.index("</tbody>")]
    assert 'id="single-source"' not in html  # not labelled "reported by one outlet only"
    out = io.StringIO()
    write_csv([story], out)
    assert "possibly_elsewhere" in out.getvalue() and "single_source" not in out.getvalue()


def test_vague_speakers_do_not_keep_one_statement_apart() -> None:
    arts = [
        article("a", A, outlet="Daily Ledger", entities=[CITY]),
        article("b", B, outlet="Eastvale Post", entities=[CITY]),
    ]
    # The language stage reads "Police" and "police" as the speakers: nobody in particular.
    for art, speaker in ((arts[0], "The"), (arts[1], "Police")):
        start = art.text.index("the Marrowby") if art.id == "a" else 0
        q = Quote(
            start=start, end=start + 40, text=art.text[start : start + 40], kind="indirect", speaker=speaker
        )
        art.analysis.quotes.append(q)  # type: ignore[union-attr]
    story = compare("s", arts, find_origins(arts))
    assert _claim(story, "bridge collapsed").corroborated


def test_different_named_speakers_do_not_corroborate_each_other() -> None:
    okafor, brandt = ent("Helen Okafor", "PERSON"), ent("Tomas Brandt", "PERSON")
    a = "Helen Okafor said the Marrowby bridge collapsed after heavy rain on Tuesday evening."
    b = "Tomas Brandt said the Marrowby bridge collapsed after heavy rain on Tuesday evening."
    arts = [
        article("a", a, outlet="Daily Ledger", entities=[CITY, okafor]),
        article("b", b, outlet="Eastvale Post", entities=[CITY, brandt]),
    ]
    for art, who in ((arts[0], okafor), (arts[1], brandt)):
        start = art.text.index("the Marrowby")
        q = Quote(
            start=start,
            end=len(art.text) - 1,
            text=art.text[start:-1],
            kind="indirect",
            speaker=who.name,
            speaker_entity=who.key,
        )
        art.analysis.quotes.append(q)  # type: ignore[union-attr]
    story = compare("s", arts, find_origins(arts))
    assert not any(c.corroborated for c in story.claims)


def test_a_chain_of_loose_alignments_does_not_make_one_claim() -> None:
    # 0~1 strongly, 1~2 loosely, 2~3 strongly: two facts, not one.
    edges = {(0, 1): 0.9, (1, 2): 0.35, (2, 3): 0.9}
    centrality = {0: 0.9, 1: 1.25, 2: 1.25, 3: 0.9}
    assert union_groups(4, edges) == [[0, 1, 2, 3]]
    groups = star_groups(4, edges, centrality)
    assert len(groups) == 2 and [0, 1] in [g[:2] for g in groups]


def test_the_csv_names_each_claim_as_the_page_groups_it() -> None:
    # One outlet says the toll has risen to 14, the other to 12: disputed on the page and in the CSV.
    from tests.test_compare import toll_article

    arts = [
        toll_article("toll-a", "Coast Herald", "14", 6),
        toll_article("toll-b", "Riverside Radio", "12", 7),
    ]
    story = compare("s-toll", arts, find_origins(arts))
    out = io.StringIO()
    write_csv([story], out)
    kinds = {r["text"]: r["finding"] for r in csv.DictReader(io.StringIO(out.getvalue()))}
    page_names = {"corroborated": "corroborated", "disputed": "disputed", "possibly": "possibly_elsewhere"}
    for claim in story.claims:
        assert kinds[claim.text] == page_names.get(claim_group(claim), "single_source")
    assert "disputed" in kinds.values()


def test_the_terminal_counts_as_single_source_what_the_page_lists_as_single_source() -> None:
    # A possibly-elsewhere claim and a disputed one are not "reported by one outlet only" in the
    # run's table either: its 1src column counts the page's single-source rows.
    from corroborate.views.summary import story_line
    from tests.test_compare import toll_article

    weak = _story(settings=CompareSettings(corroborate=1.5))
    arts = [
        toll_article("toll-a", "Coast Herald", "14", 6),
        toll_article("toll-b", "Riverside Radio", "12", 7),
    ]
    disputed = compare("s-toll", arts, find_origins(arts))
    for story in (weak, disputed):
        shown = [c for c in story.claims if claim_group(c) == "single"]
        assert story.single_source == shown
        assert story_line(story).counts[6] == len(shown)
    assert any(claim_group(c) == "possibly" for c in weak.claims)
    assert any(claim_group(c) == "disputed" for c in disputed.claims)
