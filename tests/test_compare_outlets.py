"""Outlets are publishers: subdomains of one publisher are one origin; names read as the publisher's."""

from __future__ import annotations

from corroborate.model import Article
from corroborate.stories import find_origins
from corroborate.summaries import outlet_of
from corroborate.text.outlets import publisher, registered_domain


def _page(aid: str, url: str | None, outlet: str | None = None, text: str = "") -> Article:
    return Article(id=aid, source=aid, url=url, outlet=outlet, text=text or f"Different text number {aid}.")


def test_registered_domain_reads_multi_part_suffixes_offline() -> None:
    assert registered_domain("https://news.bbc.co.uk/2/hi/world.stm") == "bbc.co.uk"
    assert registered_domain("https://edition.cnn.com/2024/05/14/x") == "cnn.com"
    assert registered_domain("not a url") is None


def test_subdomains_of_one_publisher_are_one_origin() -> None:
    a = _page(
        "a", "https://edition.cnn.com/2024/x", text="The bridge collapsed on Tuesday evening after the storm."
    )
    b = _page(
        "b", "https://money.cnn.com/2024/y", text="Shares of the builder fell sharply after the collapse."
    )
    origins = find_origins([a, b])
    assert origins["a"] == origins["b"] == "CNN"


def test_bare_domains_are_not_shown_as_title_cased_names() -> None:
    page = _page("a", None, outlet="nytimes.com")
    assert outlet_of(page) == "The New York Times"
    unknown = _page("b", "https://www.marrowby-courier.example/story", outlet=None)
    assert outlet_of(unknown) == "marrowby-courier.example"
    assert find_origins([unknown])["b"] == "marrowby-courier.example"


def test_the_site_name_from_metadata_is_mapped_through_known_spellings() -> None:
    assert publisher(_page("a", None, outlet="Guardian Unlimited")) == "The Guardian"
    assert publisher(_page("b", None, outlet="Eastvale Post")) == "Eastvale Post"
