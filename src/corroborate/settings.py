"""The knobs a person may turn, in one place: each stage's settings with its default and one line of help.

`ingest(..., settings)` passes them down (`assign_stories(..., settings.stories)`,
`compare(..., settings.compare)`, `write_output(..., settings.pages)`); `corroborate settings`
lists them; `--setting stories.threshold=0.45` overrides one for a run; benchmarks sweep
through them (`CompareSettings(corroborate=0.5)`) instead of editing module globals. Values learnt from data
(the pair scorer's weights, the quote filter) live in `data/` beside their models;
a knob here may override what such a model chose (a `None` default means: the model's own).

Imports nothing heavy: `corroborate --help` reads this module.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields
from typing import Any


def knob(default: Any, help: str) -> Any:
    """A setting: its default and the one line `corroborate settings` shows."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ExtractSettings:
    template_pages: int = knob(3, "a paragraph is a site's template once this many of its articles carry it")
    template_share: float = knob(0.5, "... and at least this share of them (wire copy in two updates is not)")


@dataclass(frozen=True)
class StorySettings:
    threshold: float | None = knob(
        None,
        "how likely two articles must be to report one event to join a story (None: the learnt scorer's own)",
    )
    chunk_days: float = knob(
        14.0, "a run's new articles are clustered this many days of publication at a time"
    )
    copy_containment: float = knob(
        0.5, "share of the shorter text's 5-word runs found in the longer that makes it a copy of one origin"
    )


@dataclass(frozen=True)
class CompareSettings:
    # Chosen by cross-validation over the annotated stories (benchmarks/compare.md).
    align: float = knob(0.3, "similarity at which two outlets' sentences are grouped as telling one claim")
    corroborate: float = knob(0.35, "similarity at which another outlet's sentence corroborates a claim")
    near: float = knob(0.15, "similarity where another outlet may tell the same fact ('possibly elsewhere')")
    star: bool = knob(True, "group sentences around central ones (true) or along chains of alignments")
    figures_same_value: float = knob(0.005, "relative difference under which two figures are the same value")
    figures_approximate: float = knob(0.1, "an 'about' figure covers this share either side of its value")
    figures_max_ratio: float = knob(1.5, "figures more than this many times apart are different quantities")
    quote_same_wording: float = knob(80.0, "fuzzy match of the words (0-100) that makes two quotes one")
    timeline_same_event: float = knob(0.5, "word overlap at which two dated sentences are one timeline event")


@dataclass(frozen=True)
class PageSettings:
    weak_below: float = knob(0.6, "findings of lower confidence are shown dimmed, as weak")
    single_source_shown: int = knob(
        50, "the story page lists this many single-source claims and says 'N of M' (the story file holds all)"
    )


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    compare: CompareSettings = field(default_factory=CompareSettings)
    pages: PageSettings = field(default_factory=PageSettings)


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


class SettingError(ValueError):
    """A --setting that names no setting, or gives a value of the wrong kind."""


@dataclass(frozen=True)
class Knob:
    name: str  # "stories.threshold"
    value: Any
    default: Any
    help: str
    kind: str  # "float", "int", "float | None"


def knobs(settings: Settings | None = None) -> list[Knob]:
    """Every setting, in the order `corroborate settings` lists them, with its current value."""
    settings = settings or Settings()
    out: list[Knob] = []
    for stage in fields(Settings):
        part = getattr(settings, stage.name)
        default = type(part)()
        for f in fields(part):
            out.append(
                Knob(
                    name=f"{stage.name}.{f.name}",
                    value=getattr(part, f.name),
                    default=getattr(default, f.name),
                    help=f.metadata["help"],
                    kind=str(f.type),
                )
            )
    return out


def parse_settings(assignments: list[str], base: Settings | None = None) -> Settings:
    """`["stories.threshold=0.45", "compare.near=0.2"]` applied to `base` (the defaults)."""
    settings = base or Settings()
    known = {k.name: k for k in knobs(settings)}
    for assignment in assignments:
        name, sep, text = assignment.partition("=")
        name = name.strip()
        if not sep:
            raise SettingError(f"--setting {assignment!r}: write NAME=VALUE, e.g. stories.threshold=0.45")
        if name not in known:
            raise SettingError(f"--setting {name!r}: no such setting (`corroborate settings` lists them)")
        stage, _, knob_name = name.partition(".")
        part = dataclasses.replace(getattr(settings, stage), **{knob_name: _value(known[name], text.strip())})
        settings = dataclasses.replace(settings, **{stage: part})
    return settings


def _value(k: Knob, text: str) -> Any:
    if "None" in k.kind and text.lower() in ("none", "default", ""):
        return None
    if k.kind == "bool":
        if text.lower() not in _BOOLEANS:
            raise SettingError(f"--setting {k.name}={text!r}: not true or false")
        return _BOOLEANS[text.lower()]
    number = int if k.kind.startswith("int") else float
    try:
        return number(text)
    except ValueError:
        raise SettingError(f"--setting {k.name}={text!r}: not a number ({k.kind})") from None
