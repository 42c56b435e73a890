"""Terminal views: the run summary table and one story in brief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from corroborate.model import PageError, Story, StoryError
from corroborate.text.wording import figure_in_words


def outlets(story: Story) -> list[str]:
    return sorted({a.outlet or a.source for a in story.articles})


def quote_count(story: Story) -> int:
    return sum(len(a.analysis.quotes) for a in story.articles if a.analysis)


def figure_count(story: Story) -> int:
    return sum(1 for a in story.articles if a.analysis for f in a.analysis.figures if not f.partitive)


@dataclass(frozen=True)
class StoryLine:
    """A story's row in the run's table, without the story: a run may change thousands of them."""

    id: str
    title: str
    counts: tuple[int, ...]  # the table's columns after the title, in order


def story_line(story: Story) -> StoryLine:
    differing = sum(1 for f in story.figures if f.verdict != "agree")
    counts = (
        len(story.articles),
        len(outlets(story)),
        len(set(story.origins.values())),
        quote_count(story),
        figure_count(story),
        len(story.corroborated),
        len(story.single_source),
        differing,
    )
    return StoryLine(story.id, story.title, counts)


def stories_table(stories: Sequence[Story | StoryLine], *, title: str = "Stories", others: int = 0) -> Table:
    """One row per story; `others` counts the stories left out (a run lists those it changed)."""
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True
    )
    table.add_column("story", ratio=1, min_width=20)
    # Short headers keep the table readable in an 80-column terminal; the caption spells them out.
    for name in ("arts", "outl", "orig", "quot", "figs", "corr", "1src", "diff"):
        table.add_column(name, justify="right", no_wrap=True)
    table.caption = (
        "arts: articles, outl: outlets, orig: independent origins, quot: quotes, figs: figures, "
        "corr: corroborated claims, 1src: reported by one origin only, diff: figures that differ"
    )
    table.caption_justify = "left"
    for story in stories:
        line = story if isinstance(story, StoryLine) else story_line(story)
        label = Text(line.title)
        label.append(f"\n{line.id}", style="dim")
        table.add_row(label, *(str(n) for n in line.counts))
    if others:
        table.add_row(Text(f"and {others} other {'story' if others == 1 else 'stories'}", style="dim"))
    return table


def errors_table(errors: Sequence[PageError]) -> Table:
    table = Table(title="Pages not taken", title_justify="left")
    table.add_column("source")
    table.add_column("stage")
    table.add_column("why")
    for error in errors:
        table.add_row(Text(error.source), error.stage, Text(error.message))
    return table


def story_errors_table(errors: Sequence[StoryError]) -> Table:
    table = Table(title="Stories not built (each is tried again by the next run)", title_justify="left")
    table.add_column("story")
    table.add_column("stage")
    table.add_column("why")
    for error in errors:
        table.add_row(Text(error.story or "(clustering)"), error.stage, Text(error.message))
    return table


def story_view(story: Story) -> RenderableType:
    """One story in brief: articles, corroborated claims, figures, quotes, timeline."""
    parts: list[RenderableType] = [Text(story.title, style="bold"), Text(f"story {story.id}", style="dim")]
    articles = Table(title="Articles", title_justify="left")
    for column in ("outlet", "origin", "published", "title"):
        articles.add_column(column)
    for article in story.articles:
        published = article.published.isoformat() if article.published else ""
        origin = story.origins.get(article.id, article.origin or "")
        articles.add_row(
            Text(article.outlet or article.source), Text(origin), published, Text(article.title or "")
        )
    parts.append(articles)
    claims = Table(title="Claims", title_justify="left")
    claims.add_column("origins", justify="right")
    claims.add_column("claim")
    for claim in sorted(story.claims, key=lambda c: -len(c.origins)):
        claims.add_row(str(len(claim.origins)), Text(claim.text))
    parts.append(claims)
    if story.figures:
        figures = Table(title="Figures", title_justify="left")
        for column in ("counted", "value", "speaker", "as of", "outlet", "verdict"):
            figures.add_column(column)
        for comparison in story.figures:
            for report in comparison.reports:
                figures.add_row(
                    Text(comparison.counted),
                    figure_in_words(report.value, report.bound, report.high),
                    Text(report.speaker or ""),
                    report.as_of or "",
                    Text(report.outlet or ""),
                    comparison.verdict,
                )
        parts.append(figures)
    if story.timeline:
        timeline = Table(title="Timeline", title_justify="left")
        timeline.add_column("date")
        timeline.add_column("event")
        for event in story.timeline:
            timeline.add_row(event.date, Text(event.text))
        parts.append(timeline)
    return Group(*parts)
