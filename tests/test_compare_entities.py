"""Story entities: courtesy titles, a father and his son, two people of one surname."""

from __future__ import annotations

from corroborate.compare import compare
from corroborate.model import Story, StoryEntity
from corroborate.stories import find_origins
from tests.builders import article, ent


def _story(*texts_entities: tuple[str, list]) -> Story:  # type: ignore[type-arg]
    arts = [
        article(f"a{i}", text, outlet=f"Outlet {i}", entities=ents)
        for i, (text, ents) in enumerate(texts_entities)
    ]
    return compare("s", arts, find_origins(arts))


def _holding(story: Story, surface: str) -> list[StoryEntity]:
    return [e for e in story.entities if any(m.text == surface for m in e.mentions)]


def test_a_courtesy_title_and_surname_is_the_person_even_tagged_as_a_place() -> None:
    sanchez = ent("Linda Sanchez", "PERSON")
    ms = ent("Ms. Sanchez", "GPE")  # the tagger's mistake
    story = _story(
        ("Representative Linda Sanchez opened the hearing in Marrowby on Tuesday morning.", [sanchez]),
        ("The hearing in Marrowby opened on Tuesday morning, Ms. Sanchez told reporters.", [ms]),
    )
    (linda,) = _holding(story, "Linda Sanchez")
    assert _holding(story, "Ms. Sanchez") == [linda]
    assert linda.label == "PERSON" and linda.name == "Linda Sanchez"


def test_a_title_alone_joins_no_one_when_two_people_share_the_surname() -> None:
    father, son = ent("Jonas Keller Sr", "PERSON"), ent("Mika Keller", "PERSON")
    mr = ent("Mr. Keller", "PERSON")
    story = _story(
        ("Jonas Keller Sr founded the Marrowby mill, which his son Mika Keller now runs.", [father, son]),
        ("The mill in Marrowby will close next year, Mr. Keller said on Tuesday.", [mr]),
    )
    assert len(_holding(story, "Jonas Keller Sr")) == 1 and len(_holding(story, "Mika Keller")) == 1
    assert _holding(story, "Jonas Keller Sr") != _holding(story, "Mika Keller")
    # "Mr. Keller" could be either: it is its own entity, merged with neither.
    (mr_keller,) = _holding(story, "Mr. Keller")
    assert mr_keller not in _holding(story, "Mika Keller") + _holding(story, "Jonas Keller Sr")
