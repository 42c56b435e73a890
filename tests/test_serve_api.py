"""The desk's JSON API and pages through httpx against the running app (uvicorn on loopback), on
SQLite and, when CORROBORATE_TEST_PG is set, PostgreSQL: search, filters, marks with tokens that
survive a later run, ingest limits, CSRF, and hostile article text inert in every response."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import create_engine, text

from corroborate.model import Page
from corroborate.pipeline import ingest
from corroborate.serve.app import Limits, create_app
from corroborate.store import Store
from corroborate.store.desk import Desk
from tests.conftest import EXAMPLES
from tests.test_report import H1, HOSTILE_TEXT, IMG, JS_URL, SCRIPT, hostile_story

HELD_BACK = "riverside-radio_bridge.txt"  # ingested later, through the API, to grow the bridge story
HOSTILE_LINE = {
    "id": "hostile-1",
    "url": JS_URL,
    "title": SCRIPT + " Storm hits the coast",
    "published": "2024-05-20T08:00:00Z",
    "text": (
        f"Officials said {SCRIPT} was found on the beach on Monday.\n\n"
        f'"{IMG} is what we saw," the harbour master Jon Ekberg told reporters.\n\n'
        f'A reader wrote <a href="{JS_URL}">click</a> in the comments. More than 98,500 people left.'
    ),
}


@dataclass
class Desk_:
    url: str
    db: str
    token: str
    other_token: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed_store(db: str, tmp: Path) -> tuple[str, str]:
    """The bundled examples (less one page), a hostile JSON line, and a hostile hand-made story."""
    hostile_file = tmp / f"{IMG.replace('/', '')}.jsonl"
    hostile_file.write_text(json.dumps(HOSTILE_LINE) + "\n", encoding="utf-8")
    paths = [
        str(p) for p in sorted(EXAMPLES.iterdir()) if p.name not in (HELD_BACK, "README.md", "expected.json")
    ]
    with Store(db) as store:
        ingest(store, [*paths, str(hostile_file)], workers=1)
        story = hostile_story().model_copy(update={"id": "s-hostile"})
        run = store.start_run(["hostile"])
        page = Page(id=H1, source=IMG, format="text", content=HOSTILE_TEXT, url=JS_URL)
        store.save_article(run, page, story.articles[0])
        store.assign({H1: story.id})
        store.save_story(story)
        desk = Desk(store.engine)
        return desk.add_user("ann"), desk.add_user("bo")


class Running:
    """The desk app served by uvicorn in a thread on a free loopback port."""

    def __init__(self, db: str, limits: Limits | None = None) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, limits=limits), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="on")  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Running:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the desk did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk_]:
    tmp = tmp_path_factory.mktemp("desk")
    if request.param == "postgres":
        db = os.environ.get("CORROBORATE_TEST_PG", "")
        if not db:
            pytest.skip("CORROBORATE_TEST_PG is not set (source .ci/postgres.sh)")
        empty_postgres(db)
    else:
        db = str(tmp / "corroborate.db")
    token, other = seed_store(db, tmp)
    with Running(db) as running:
        yield Desk_(running.url, db, token, other)


def client(desk: Desk_, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=desk.url, headers=headers, timeout=120)


def bridge_id(http: httpx.Client) -> str:
    found = http.get("/api/search", params={"q": "Varnholt bridge"}).json()["items"]
    return str(found[0]["summary"]["id"])


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object", "embed"), (tag, attrs)
        if tag == "script":
            assert attrs == {"src": "/static/desk.js", "defer": None}, attrs
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)


def test_stories_newest_first_with_search_and_filters(desk: Desk_) -> None:
    with client(desk) as http:
        listed = http.get("/api/stories").json()
        assert listed["total"] == 4  # bridge, museum, the hostile JSON line, the hostile story
        last = [
            item["summary"]["last_published"] for item in listed["items"] if item["summary"]["last_published"]
        ]
        assert last == sorted(last, reverse=True)
        museum = http.get("/api/search", params={"q": "renovations"}).json()  # stemmed: "renovation"
        assert museum["items"][0]["summary"]["title"].startswith("Halden Maritime Museum")
        assert http.get("/api/search", params={"q": "zzzunknownword"}).json()["total"] == 0
        differ = http.get("/api/stories", params={"figures_differ": "true"}).json()
        assert [i["summary"]["id"] for i in differ["items"]] == [bridge_id(http)]
        by_person = http.get("/api/stories", params={"entity": "Helen Okafor"}).json()
        assert [i["summary"]["id"] for i in by_person["items"]] == [bridge_id(http)]
        by_outlet = http.get("/api/stories", params={"outlet": "Quillport Gazette"}).json()
        assert by_outlet["total"] == 1 and "Museum" in by_outlet["items"][0]["summary"]["title"]
        paged = http.get("/api/stories", params={"limit": 1, "offset": 1}).json()
        assert paged["items"][0]["summary"]["id"] == listed["items"][1]["summary"]["id"]
        before = http.get("/api/stories", params={"until": "2024-05-12"}).json()
        assert [i["summary"]["title"][:6] for i in before["items"]] == ["Halden"]
        page = http.get("/", params={"q": "bridge"})
        assert page.status_code == 200 and "Marrowby bridge collapse" in page.text


def test_entities_quotes_outlets_and_articles(desk: Desk_) -> None:
    with client(desk) as http:
        people = http.get("/api/entities", params={"q": "okafor"}).json()
        key = people[0]["entity"]
        assert people[0]["name"] == "Helen Okafor"
        said = http.get("/api/quotes", params={"entity": key}).json()
        assert said["total"] >= 3 and {q["outlet"] for q in said["items"]} >= {"Eastvale Post"}
        assert (
            http.get("/api/quotes", params={"entity": key, "since": "2030-01-01T00:00:00Z"}).json()["total"]
            == 0
        )
        assert http.get(f"/api/entities/{quote(key, safe='')}").json()["stories"]["total"] == 1
        page = http.get(f"/entities/{quote(key, safe='')}")
        assert page.status_code == 200 and "What Helen Okafor said" in page.text
        carried = http.get("/api/outlets/Quillport%20Gazette").json()
        assert len(carried) == 1 and carried[0]["articles"] and carried[0]["only_here"]
        assert "Only here" in http.get("/outlets/Quillport%20Gazette").text
        # A split quotation ('"A," Okafor said. "B."') is listed by its quoted words, and its link lands
        # on the article page's mark of its first piece.
        for item in said["items"]:
            assert '," ' not in item["text"] and '." ' not in item["text"]
            shown = http.get(f"/articles/{item['article']}").text
            assert f'-{item["start"]}-{item["end"]}"' in shown
        article = said["items"][0]["article"]
        record = http.get(f"/api/articles/{article}").json()
        assert record["id"] == article and record["text"]
        shown = http.get(f"/articles/{article}").text
        assert "Removed as boilerplate" in shown and "Findings that stand on it" in shown
        assert http.get("/api/articles/" + "0" * 64).status_code == 404
        assert http.get("/stories/s-nothing-here").status_code == 404


def test_openapi_describes_every_endpoint(desk: Desk_) -> None:
    with client(desk) as http:
        api = http.get("/openapi.json").json()
        for path in ("/api/stories", "/api/search", "/api/stories/{story_id}", "/api/articles/{article_id}",
                     "/api/entities", "/api/quotes", "/api/marks", "/api/pages", "/api/outlets"):  # fmt: skip
            assert path in api["paths"], path
        assert "post" in api["paths"]["/api/marks"] and "post" in api["paths"]["/api/pages"]
        docs = http.get("/docs")
        assert docs.status_code == 200 and "GET /api/stories" in docs.text and "POST /api/pages" in docs.text


def test_marks_need_a_token_and_survive_a_later_run(desk: Desk_) -> None:
    with client(desk) as http:
        story = bridge_id(http)
        detail = http.get(f"/api/stories/{story}").json()
        claim = next(f for f in detail["findings"] if f["kind"] == "claim")
        body = {
            "story": story,
            "finding": claim["key"],
            "status": "verified",
            "note": "checked with the mayor's office",
        }
        assert http.post("/api/marks", json=body).status_code == 401
        assert http.post("/api/marks", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
        bad = http.post("/api/marks", json=body | {"finding": "claim:abc:1-2"}, headers=_auth(desk.token))
        assert bad.status_code == 422
    with client(desk, desk.token) as ann, client(desk, desk.other_token) as bo:
        made = ann.post("/api/marks", json=body)
        assert made.status_code == 201 and made.json()["user"] == "ann"
        assert bo.post("/api/marks", json=body | {"status": "disputed", "note": ""}).status_code == 201
        marks = ann.get(f"/api/stories/{story}/findings").json()
        marked = next(f for f in marks if f["key"] == claim["key"])
        assert marked["status"] == "disputed" and [m["user"] for m in marked["marks"]] == ["ann", "bo"]
        n_before = len(detail["story"]["articles"])
        assert "Riverside Radio" not in ann.get(f"/stories/{story}").text  # rendered, and kept to serve again
        # A later run: the held-back page joins the story, which is rebuilt with its new article.
        page = (EXAMPLES / HELD_BACK).read_bytes()
        ran = ann.post("/api/pages", content=page, headers={"Content-Type": "text/plain"})
        assert ran.status_code == 200, ran.text
        assert ran.json()["stored"] == 1 and story in ran.json()["stories"]
        after = ann.get(f"/api/stories/{story}").json()
        assert len(after["story"]["articles"]) == n_before + 1
        kept = next(f for f in after["findings"] if f["key"] == claim["key"])
        assert [m["status"] for m in kept["marks"]] == ["verified", "disputed"] and not after[
            "unmatched_marks"
        ]
        assert [m["note"] for m in ann.get("/api/marks").json()][:1] == ["checked with the mayor's office"]
        shown = ann.get(f"/stories/{story}").text
        assert "Riverside Radio" in shown  # the story changed: its page is rendered again
        assert "checked with the mayor&#39;s office" in shown and 'by <b class="mark-user">bo</b>' in shown
        assert ann.post("/api/pages", content=page).json()["unchanged"] == 1  # the same page: stored once


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_forms_need_the_csrf_token_and_a_signed_in_user(desk: Desk_) -> None:
    with client(desk) as http:
        story = bridge_id(http)
        key = http.get(f"/api/stories/{story}/findings").json()[0]["key"]
        http.get("/login")  # sets the browser's CSRF cookie
        csrf = http.cookies["desk_csrf"]
        form = {"finding": key, "status": "wrong", "csrf": csrf}
        assert http.post(f"/stories/{story}/marks", data=form).status_code == 401  # not signed in
        assert http.post("/login", data={"token": "nope", "csrf": csrf}).status_code == 401
        assert http.post("/login", data={"token": desk.token, "csrf": "forged"}).status_code == 403
        signed = http.post("/login", data={"token": desk.token, "csrf": csrf, "next": "//evil.example/"})
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        assert http.post(f"/stories/{story}/marks", data=form | {"csrf": "forged"}).status_code == 403
        cross = http.post(f"/stories/{story}/marks", data=form, headers={"Origin": "http://evil.example"})
        assert cross.status_code == 403
        done = http.post(f"/stories/{story}/marks", data=form | {"note": "sign says 12"})
        assert done.status_code == 303 and done.headers["location"].startswith(f"/stories/{story}#f-")
        assert "sign says 12" in http.get(f"/stories/{story}").text


def test_ingest_is_limited_in_size_and_rate(desk: Desk_, tmp_path: Path) -> None:
    limits = Limits(ingest_bytes=2000, ingest_per_minute=1, sync_seconds=5)
    with (
        Running(desk.db, limits) as small,
        httpx.Client(base_url=small.url, headers=_auth(desk.token)) as http,
    ):
        assert http.post("/api/pages", content=b"x" * 3000).status_code == 413
        assert http.post("/api/pages", content=b"   ").status_code == 422
        limited = http.post("/api/pages", content=b"{}")
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
        assert http.post("/api/pages", content=b"{}", headers={"Authorization": ""}).status_code == 401


def test_hostile_text_is_inert_in_every_page_and_response(desk: Desk_) -> None:
    with client(desk) as http:
        listed = http.get("/api/stories").json()["items"]
        hostile = [i["summary"]["id"] for i in listed if SCRIPT in i["summary"]["title"]]
        assert len(hostile) == 2 and "s-hostile" in hostile
        urls = ["/", "/?q=storm", "/docs", "/login"]
        for story in hostile:
            record = http.get(f"/api/stories/{story}").json()
            urls += [f"/stories/{story}", f"/api/stories/{story}", f"/api/stories/{story}/findings"]
            for art in record["story"]["articles"]:
                urls += [f"/articles/{art['id']}", f"/api/articles/{art['id']}"]
            urls += [f"/entities/{quote(e['key'], safe='')}" for e in record["story"]["entities"]]
        for name, _ in http.get("/api/outlets").json():
            urls += [f"/api/outlets/{quote(name, safe='')}", f"/outlets/{quote(name, safe='')}"]
        seen_text = False
        for url in urls:
            response = http.get(url)
            assert response.status_code in (200, 404), url
            assert "default-src 'none'" in response.headers["content-security-policy"]
            assert response.headers["x-content-type-options"] == "nosniff"
            if response.headers["content-type"].startswith("application/json"):
                assert "<" not in response.text and ">" not in response.text, url
                seen_text = seen_text or SCRIPT in json.dumps(response.json())
            else:
                assert_inert(response.text)
                assert "<script>alert" not in response.text, url
        assert seen_text  # the hostile text is there, as data
