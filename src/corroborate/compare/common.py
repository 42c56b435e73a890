"""What every comparison step shares: the story's articles in order, origins, sentences, evidence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from corroborate.model import Article, Evidence, Span
from corroborate.terms import split_sentences

# Lines a person would not call a statement of the story: credits, page furniture, disclaimers.
_BOILERPLATE = re.compile(
    r"©|\ball rights reserved\b|\bclick here\b|\bsubscribe\b|\bnewsletter\b|\bcookies?\b|"
    r"\badvertisement\b|^\s*(published|updated|posted)\b|\bphoto\s*:|\bread more\b|\bsign up\b|"
    r"\bdear reader\b|\bREUTERS/|\bfile photo\b|\blatest comments\b|\brisk disclosure\b",
    re.IGNORECASE,
)


def is_boilerplate(text: str) -> bool:
    return bool(_BOILERPLATE.search(text))


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_ISO_DECADE = re.compile(r"(\d{3})0/(\d{3})9")
# Our own names, not strftime's: those follow the process locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_in_words(iso: str) -> str:
    """An ISO date as a person writes it in a sentence: '15 May 2024', 'May 2024', '2024', 'the 1950s'.

    The story file keeps the ISO value in its structured fields; this is only for text a reader reads.
    Anything not understood is given as it is.
    """
    try:
        return _date_in_words(iso)
    except ValueError:  # "2024-02-30", week 53 of a 52-week year: shown as written
        return iso


def _date_in_words(iso: str) -> str:
    if (decade := _ISO_DECADE.fullmatch(iso)) and decade[1] == decade[2]:
        return f"the {decade[1]}0s"
    if "/" in iso:
        first, last = iso.split("/", 1)
        if last == "..":
            return f"since {date_in_words(first)}"
        return f"{date_in_words(first)} to {date_in_words(last)}"
    if week := _ISO_WEEK.fullmatch(iso):
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return f"the week of {_day_in_words(monday)}"
    day, _, clock = iso.partition("T")
    if _ISO_DAY.fullmatch(day):
        text = _day_in_words(date.fromisoformat(day))
        return f"{text}, {clock[:5]}" if clock else text
    if month := _ISO_MONTH.fullmatch(iso):
        return f"{_MONTHS[date(int(month[1]), int(month[2]), 1).month - 1]} {month[1]}"
    return iso  # a year, or a form we do not know


def _day_in_words(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def evidence(article: Article, start: int, end: int) -> Evidence:
    """Evidence for a span, clamped to the text and trimmed of surrounding white space."""
    text = article.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(article=article.id, start=start, end=end, text=text[start:end])


def publication_key(article: Article) -> tuple[datetime, str]:
    published = article.published or datetime.max
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return (published, article.id)


@dataclass
class StoryContext:
    """The story's articles, earliest first, with their origins and sentence spans."""

    articles: list[Article]
    origins: dict[str, str]
    sentences: dict[str, list[Span]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: Sequence[Article], origins: Mapping[str, str]) -> StoryContext:
        ordered = sorted(articles, key=publication_key)
        ctx = cls(articles=ordered, origins={})
        for i, a in enumerate(ordered):
            # Without a stated origin an article stands for its outlet (or itself).
            ctx.origins[a.id] = origins.get(a.id) or a.outlet or a.id
            ctx.rank[a.id] = i
            spans = a.analysis.sentences if a.analysis and a.analysis.sentences else split_sentences(a.text)
            ctx.sentences[a.id] = sorted(spans, key=lambda s: (s.start, s.end))
            ctx._starts[a.id] = [s.start for s in ctx.sentences[a.id]]
        return ctx

    def by_id(self, article_id: str) -> Article:
        return self.articles[self.rank[article_id]]

    def sentence_at(self, article_id: str, offset: int) -> Span | None:
        """The sentence of the article that contains `offset`."""
        spans = self.sentences[article_id]
        i = bisect.bisect_right(self._starts[article_id], offset) - 1
        if i >= 0 and spans[i].start <= offset < max(spans[i].end, spans[i].start + 1):
            return spans[i]
        return None

    def origin_list(self, article_ids: Sequence[str]) -> list[str]:
        """Distinct origins of the articles, in story order."""
        seen: list[str] = []
        for aid in sorted(set(article_ids), key=lambda x: self.rank[x]):
            if self.origins[aid] not in seen:
                seen.append(self.origins[aid])
        return seen
