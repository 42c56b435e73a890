"""The records every stage reads and writes.

Plain typed data (pydantic v2). Nothing else passes between stages. Offsets
are character offsets into `Article.text` (or into the text given to
`language.analyze`), end exclusive.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.3"  # 1.1: Claim.differs; 1.2: TimelineEvent.inferred_from
# 1.3: findings carry why and confidence; SharedQuote speakers, speakers_differ, altered, attributions;
# Story.conflicts; the story file holds every single-source claim (the page says "N of M")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- pages: what sources read ------------------------------------------------

PageFormat = Literal["html", "text"]


class Page(Record):
    """One page as read from a source, decoded, before extraction."""

    id: str = Field(description="sha256 of the raw bytes: the page's identity")
    source: str = Field(description="where it was read from: path, path:line, URL or '-'")
    format: PageFormat
    content: str = Field(description="the page decoded to text (HTML or plain text)")
    encoding: str | None = None
    url: str | None = None
    title: str | None = Field(default=None, description="given by the source (JSON lines)")
    published: datetime | None = Field(default=None, description="given by the source")
    fetched: datetime | None = Field(default=None, description="when it was fetched (a WARC's date)")
    body: bool = Field(
        default=False,
        description="the content is the article's body as given (a JSON line's text): kept whole",
    )
    size: int | None = Field(
        default=None,
        description="the content's length when the content is not carried here (a cluster's worker read it)",
    )


class PageError(Record):
    """A page that could not be read or extracted; the run goes on."""

    source: str
    page_id: str | None = None
    stage: str
    message: str


class StoryError(Record):
    """A story that could not be clustered, built or written; it is tried again by the next run."""

    story: str = Field(description="the story's id, or '' when clustering itself failed")
    stage: str = Field(description="cluster | compare | render")
    message: str


# --- articles: what extraction makes ------------------------------------------

RemovedKind = Literal[
    "navigation",
    "advertisement",
    "donation",
    "newsletter",
    "caption",
    "credit",
    "related",
    "comments",
    "disclaimer",
    "metadata",
    "byline",
    "title",
    "cookie",
    "share",
    "other",
]


class RemovedBlock(Record):
    """A block set aside as boilerplate, kept so a person can audit it."""

    kind: RemovedKind
    text: str


class Span(Record):
    start: int
    end: int


EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP"]


class Mention(Record):
    start: int
    end: int
    text: str
    label: EntityLabel
    entity: str = Field(description="key of the Entity this mention refers to")


class Entity(Record):
    key: str = Field(description="stable key, e.g. 'person:nikol-pashinyan'")
    name: str = Field(description="canonical name")
    label: EntityLabel
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)


QuoteKind = Literal["direct", "indirect", "mixed"]


class Quote(Record):
    start: int = Field(description="start of the quoted content")
    end: int
    text: str
    kind: QuoteKind
    cue: str | None = Field(default=None, description="the speech verb or phrase: said, told, according to")
    cue_span: Span | None = None
    speaker: str | None = Field(default=None, description="the speaker as written: 'he', 'Hadjiev'")
    speaker_span: Span | None = None
    speaker_entity: str | None = Field(default=None, description="Entity key the speaker resolves to")
    channel: str | None = Field(default=None, description="who relayed it: 'Russian news agencies'")
    pieces: list[Span] = Field(
        default_factory=list,
        description='a quotation split by its attribution (\'"A," he said. "B."\'): each run of quoted '
        "words; start/end then run from the first to the last and hold the attribution. Empty: one run",
    )

    def spans(self) -> list[Span]:
        """The runs of quoted words: the pieces, or the whole span when the quote is one run."""
        return list(self.pieces) if self.pieces else [Span(start=self.start, end=self.end)]

    def quoted(self) -> str:
        """The quoted words without the attribution between pieces: 'A B.' for '"A," he said. "B."'."""
        return " ".join(self.text[s.start - self.start : s.end - self.start] for s in self.spans())


FigureBound = Literal["exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range"]


class Figure(Record):
    start: int
    end: int
    text: str
    value: float
    high: float | None = Field(default=None, description="upper end of a range")
    bound: FigureBound = "exact"
    unit: str | None = None
    counted: str | None = Field(default=None, description="what is counted: 'residents', 'ethnic Armenians'")
    counted_span: Span | None = Field(default=None, description="where the counted words stand")
    speaker_entity: str | None = None
    speaker: str | None = None
    speaker_span: Span | None = Field(
        default=None,
        description="where the speaker is named: a quote's speaker, 'according to X', 'a poll found'",
    )
    as_of: str | None = Field(default=None, description="ISO date the figure stands as of, when stated")
    as_of_span: Span | None = Field(default=None, description="the time expression as_of is read from")
    change: Literal["up", "down"] | None = Field(
        default=None, description="the figure is a change: 'rose 5%' up, 'down 16 percent' down"
    )
    partitive: bool = Field(
        default=False,
        description="'one of the victims': a member of a group, read as the quantity 1; not compared",
    )


TimeGrain = Literal["instant", "day", "weekend", "week", "month", "year", "decade", "interval"]


class TimeExpression(Record):
    start: int
    end: int
    text: str
    value: str = Field(description="ISO date (2023-09-29), month (2023-09), year, or interval a/b")
    grain: TimeGrain


class Analysis(Record):
    """What the language stage finds in one text."""

    language: str | None = None
    sentences: list[Span] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)


class Article(Record):
    id: str = Field(description="the page id it was extracted from")
    source: str
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    outlet: str | None = Field(default=None, description="who published the page")
    origin: str | None = Field(default=None, description="who wrote it, when republished: Reuters, AP, AFP")
    authors: list[str] = Field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    dateline: str | None = None
    language: str | None = None
    text: str
    removed: list[RemovedBlock] = Field(default_factory=list)
    analysis: Analysis | None = None


# --- stories and findings: what compare makes ---------------------------------


class Evidence(Record):
    """A span of one article's text that a finding stands on."""

    article: str = Field(description="Article id")
    start: int
    end: int
    text: str


class StoryEntity(Record):
    key: str
    name: str
    label: EntityLabel
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: list[Evidence] = Field(default_factory=list)


class Claim(Record):
    """A statement, aligned across the story's articles."""

    text: str = Field(description="a representative wording")
    articles: list[str] = Field(description="ids of the articles that carry it")
    origins: list[str] = Field(description="independent origins that carry it")
    corroborated: bool = Field(description="carried by two or more independent origins that agree")
    evidence: list[Evidence]
    differs: list[str] = Field(
        default_factory=list,
        description=(
            "ids of articles (among `articles`) whose aligned sentence disagrees on a figure "
            '("risen to 14" against "risen to 12"); they are not counted in `origins`'
        ),
    )
    confidence: float = Field(
        default=1.0,
        description=(
            "0..1: for a claim several articles carry, how well they align; for one carried by one "
            "origin, how sure it is that no other outlet reports it in other words"
        ),
    )
    why: str = Field(default="", description="the words, names, numbers it aligned on, or the nearest miss")
    possibly_elsewhere: list[str] = Field(
        default_factory=list,
        description=(
            "ids of articles of other origins with a sentence close to it but not aligned with confidence: "
            "it may be the same fact in other words, so it is neither corroborated nor single-source"
        ),
    )


class FigureReport(Record):
    article: str
    outlet: str | None
    origin: str
    value: float
    high: float | None = None
    bound: FigureBound
    unit: str | None
    counted: str | None
    speaker: str | None
    as_of: str | None
    evidence: Evidence


FigureVerdict = Literal["agree", "differ", "differ_explained"]


class FigureComparison(Record):
    """The same quantity as reported by different articles."""

    counted: str
    unit: str | None
    reports: list[FigureReport]
    verdict: FigureVerdict
    explanation: str
    confidence: float = Field(default=1.0, description="0..1: how sure it is the reports count one quantity")
    why: str = Field(default="", description="what the reports share: counted thing, event, unit, occasion")


ConflictKind = Literal["figure", "year", "name", "number"]


class Conflict(Record):
    """One slot the story's outlets fill with different values: a count, a year, a name."""

    kind: ConflictKind
    slot: str = Field(description="what is in dispute, in words: 'people killed', 'the year'")
    values: list[str] = Field(description="the values the outlets give, one per side")
    articles: list[str]
    evidence: list[Evidence] = Field(description="the sentences, one for each side at least")
    why: str
    confidence: float


class SharedQuote(Record):
    """One quote as carried by one or more articles; wording may differ."""

    speaker: str | None
    text: str
    articles: list[str]
    origins: list[str]
    identical: bool = Field(description="every article carries the same wording")
    evidence: list[Evidence]
    speakers: list[str] = Field(default_factory=list, description="the speakers the articles name, distinct")
    speakers_differ: bool = Field(default=False, description="outlets give the quote to different speakers")
    altered: bool = Field(
        default=False,
        description=(
            "a direct quote whose words change between articles beyond elision, punctuation, case "
            "and a split by its attribution"
        ),
    )
    why: str = Field(default="", description="what linked the quotes and what differs")
    confidence: float = Field(default=1.0, description="0..1: how sure it is that these are one quote")
    attributions: list[Evidence] = Field(
        default_factory=list, description="per article, the sentence that names the speaker"
    )


class TimelineEvent(Record):
    date: str = Field(description="ISO date, month or year")
    grain: TimeGrain
    text: str = Field(description="the sentence that dates the event")
    articles: list[str]
    evidence: list[Evidence]
    inferred_from: str | None = Field(
        default=None,
        description=(
            "set when no article of the event gives its own publication date: the story date "
            "(ISO, the latest publication date of the story's other articles) that the event's "
            "date was read against; the date is then inferred from the story, not stated by the article"
        ),
    )


VersionChangeKind = Literal["headline", "figure", "quote", "text"]


class VersionChange(Record):
    """One thing an outlet changed on a page after it was first read."""

    kind: VersionChangeKind
    old: str | None = Field(description="as it was (None: added)")
    new: str | None = Field(description="as it is now (None: removed)")


class ArticleVersion(Record):
    """A page read again at the same URL that had changed: the earlier version is kept in the store."""

    url: str
    old_id: str = Field(description="id of the earlier version (no longer among the story's articles)")
    new_id: str = Field(description="id of the version that replaced it")
    seen: datetime = Field(description="when the change was first read")
    changes: list[VersionChange]


class Story(Record):
    """The story file: one event as covered by one or more articles."""

    schema_version: str = SCHEMA_VERSION
    id: str
    title: str
    articles: list[Article]
    origins: dict[str, str] = Field(
        default_factory=dict, description="article id -> independent origin (wire copies share one)"
    )
    entities: list[StoryEntity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[FigureComparison] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(
        default_factory=list, description="the same slot with different values, with both sentences"
    )
    quotes: list[SharedQuote] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    versions: list[ArticleVersion] = Field(
        default_factory=list, description="pages the outlets changed after publication, oldest first"
    )

    @property
    def corroborated(self) -> list[Claim]:
        return [c for c in self.claims if c.corroborated]

    @property
    def single_source(self) -> list[Claim]:
        """What the page lists as reported by one outlet only: not disputed, not possibly elsewhere."""
        return [c for c in self.claims if not (c.corroborated or c.differs or c.possibly_elsewhere)]


def story_schema() -> dict[str, Any]:
    """JSON schema of the story file, versioned."""
    schema = Story.model_json_schema()
    schema["$id"] = f"https://corroborate.invalid/schema/story-{SCHEMA_VERSION}.json"
    schema["version"] = SCHEMA_VERSION
    return schema
