"""A story's articles come back from the store earliest first, whatever their clocks' zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from corroborate.model import Article, Page, Story
from corroborate.store import Store


def _article(n: int, published: datetime | None) -> tuple[Page, Article]:
    page = Page(id=f"{n:064x}", source=f"page{n}.html", format="html", content=f"<p>page {n}</p>")
    article = Article(id=page.id, source=page.source, title=f"Report {n}", published=published, text="Text.")
    return page, article


def test_articles_are_in_publication_order_across_zones(tmp_path: Path) -> None:
    # 18:20 in Oslo is 16:20 UTC: earlier than 16:45 UTC, though its clock reads later.
    oslo = _article(1, datetime(2024, 5, 11, 18, 20, tzinfo=timezone(timedelta(hours=2))))
    london = _article(2, datetime(2024, 5, 11, 16, 45, tzinfo=UTC))
    undated = _article(0, None)
    with Store(str(tmp_path / "c.db")) as store:
        run = store.start_run(["pages"])
        for page, article in (london, undated, oslo):
            store.save_article(run, page, article)
        store.assign({a.id: "s-1" for _, a in (london, undated, oslo)})
        store.save_story(Story(id="s-1", title="Reports", articles=[oslo[1], london[1], undated[1]]))
        (story,) = store.stories(["s-1"])
    assert [a.title for a in story.articles] == ["Report 1", "Report 2", "Report 0"]
