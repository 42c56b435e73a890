"""The desk in Debian's chromium (Playwright): search, open a story, follow an evidence link to its
sentence, sign in, mark a finding and see the mark after a reload, on a phone and a desk window;
hostile article text runs nothing. Screenshots go to $CORROBORATE_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from corroborate.serve.app import Limits
from tests.conftest import EXAMPLES
from tests.test_report import CHROMIUM
from tests.test_serve_api import HELD_BACK, Running, seed_store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
SIZES = {"phone": (390, 844), "desk": (1280, 900)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    tmp = tmp_path_factory.mktemp("desk-browser")
    db = str(tmp / "corroborate.db")
    token, _ = seed_store(db, tmp)
    with Running(db, Limits(live_poll_seconds=0.5)) as running:
        yield running.url, token


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def shoot(page: Page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("CORROBORATE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def fits(page: Page, width: int) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width)


@pytest.mark.parametrize("size", list(SIZES))
def test_search_read_follow_evidence_and_mark(
    served: tuple[str, str], browser: Browser, size: str, tmp_path: Path
) -> None:
    url, token = served
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "/")
    page.fill("#desk-q", "Varnholt bridge")
    page.press("#desk-q", "Enter")
    page.wait_for_url("**/?q=Varnholt*")
    link = page.locator("a.story-link").first
    assert "Marrowby bridge collapse" in link.inner_text()
    assert fits(page, width), "the story list is wider than the window"
    shoot(page, f"list-{size}", tmp_path)
    link.click()
    page.wait_for_url("**/stories/*")
    story_url = page.url
    assert page.locator("h1").first.is_visible()
    shoot(page, f"story-{size}", tmp_path)

    evidence = page.locator("a.claim-link").first
    target = evidence.get_attribute("href")
    assert target and target.startswith("#ev-")
    evidence.click()
    page.wait_for_function("location.hash.length > 1")
    landed = page.locator(":target")
    assert landed.count() == 1 and landed.get_attribute("id") == target[1:]
    # Smooth scrolling: the sentence comes into view, highlighted.
    page.wait_for_function(
        "() => { const r = document.querySelector(':target').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }",
        timeout=10_000,
    )
    assert landed.inner_text().strip()
    shoot(page, f"evidence-{size}", tmp_path)

    page.goto(f"{url}/login?next={story_url[len(url) :]}")
    page.fill("input[name=token]", token)
    page.click("form.login button")
    page.wait_for_url(story_url)
    assert page.locator(".desk-user").inner_text().startswith("Signed in as ann")
    finding = page.locator("li.finding").first
    key = finding.get_attribute("data-finding")
    finding.locator("details.mark-form summary").click()
    finding.locator("input[value=disputed]").check()
    note = f"checked on a {size}: the toll was 12 then"
    finding.locator("input[name=note]").fill(note)
    finding.locator("button[type=submit]").click()
    page.wait_for_url(story_url + "#f-*")
    page.reload()
    marked = page.locator(f'li.finding[data-finding="{key}"]')
    assert "status-disputed" in (marked.get_attribute("class") or "")
    assert note in marked.inner_text() and "by ann" in marked.inner_text()
    marked.scroll_into_view_if_needed()
    shoot(page, f"marked-{size}", tmp_path)
    assert not dialogs
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_entity_outlet_article_pages_fit_and_hostile_text_runs_nothing(
    served: tuple[str, str], browser: Browser, size: str, tmp_path: Path
) -> None:
    url, _ = served
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "/stories/s-hostile")
    page.hover("mark.quote")  # would fire an injected onmouseover
    assert page.locator("script").count() == 1  # the desk's own, from /static
    assert page.locator("img, iframe").count() == 0
    page.goto(url + "/?q=storm")
    page.locator("a.story-link").first.click()
    page.wait_for_url("**/stories/*")
    page.locator("a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("#findings li.finding").count() > 0
    assert fits(page, width)
    shoot(page, f"article-{size}", tmp_path)
    for path, name in (
        ("/entities/person:helen-okafor", "entity"),
        ("/outlets/Quillport%20Gazette", "outlet"),
    ):
        page.goto(url + path)
        assert page.locator("h1").first.is_visible(), path
        assert fits(page, width), path
        shoot(page, f"{name}-{size}", tmp_path)
    quote_link = page.goto(url + "/entities/person:helen-okafor") and page.locator("a.ev-link").first
    assert quote_link
    quote_link.click()
    page.wait_for_url("**/articles/*")
    assert page.locator(":target").count() == 1, "the quote link lands on its sentence"
    assert not dialogs
    page.close()


def test_an_open_story_page_says_when_a_run_changed_it(served: tuple[str, str], browser: Browser) -> None:
    import httpx

    url, token = served
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=300) as http:
        story = http.get("/api/search", params={"q": "Varnholt"}).json()["items"][0]["summary"]["id"]
        page.goto(f"{url}/stories/{story}")
        page.wait_for_timeout(1500)
        assert not page.locator("#live").is_visible()  # nothing changed yet
        assert "Riverside Radio" not in page.locator("main").first.inner_text()
        ran = http.post("/api/pages", content=(EXAMPLES / HELD_BACK).read_bytes())
        assert ran.status_code == 200 and story in ran.json()["stories"]
    page.locator("#live").wait_for(state="visible", timeout=20_000)
    page.locator("#live a").click()
    page.wait_for_load_state("load")
    assert "Riverside Radio" in page.locator("main").first.inner_text()
    assert not page.locator("#live").is_visible()
    page.close()
