"""`corroborate watch` on the local test web: polls that pick up new and changed articles, 304s for
the rest, a failed poll that does not stop the watch, Ctrl-C, and a restart that goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.fetch.client import Settings
from corroborate.fetch.web import WebInputs
from corroborate.store import Store
from corroborate.watch import Watcher, parse_interval, watch_loop
from tests.web_pages import GAZETTE, HERALD, HERALD_REVISED, LATE, article_html, atom, build_site
from tests.web_site import Web


def inputs(web: Web, settings: Settings | None = None) -> WebInputs:
    return WebInputs(
        feeds=[web.outlets["herald"].url("/rss.xml"), web.outlets["gazette"].url("/atom.xml")],
        allow_hosts=["127.0.0.1"],
        settings=settings or Settings(),
    )


def test_three_polls_follow_the_site_as_it_changes(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    herald, gazette = s["herald"], s["gazette"]
    with Store(str(tmp_path / "c.db")) as store:
        watcher = Watcher(store, inputs(web), tmp_path / "out")
        first = watcher.poll()
        assert first.report.outcomes["fetched"] == 3 and len(first.new) == 3

        # The Herald edits its lead story; the Gazette publishes a new one.
        herald.put(HERALD[0].path, article_html("The Harwick Herald", HERALD_REVISED))
        gazette.put(LATE.path, article_html("Lowmere Gazette", LATE))
        gazette.put("/atom.xml", atom(gazette, "Lowmere Gazette", [*GAZETTE, LATE]))
        second = watcher.poll()
        assert second.report.outcomes["fetched"] == 2 and second.report.outcomes["unchanged"] == 2
        assert second.new == [LATE.title]
        assert [v.url for v in second.versions] == [herald.url(HERALD[0].path)]
        assert "headline" in {c.kind for c in second.versions[0].changes}
        assert second.stories  # the stories those pages belong to were rebuilt

        third = watcher.poll()
        assert third.report.outcomes["unchanged"] == 4 and third.report.outcomes["fetched"] == 0
        assert third.lines()[-1] == "  nothing new"
        assert store.count_articles() == 4  # the edited page is one article, not two
    for path in (HERALD[0].path, GAZETTE[0].path):
        statuses = [r.status for r in web.requests(path=path)]
        assert statuses[-1] == 304, (path, statuses)
    assert (tmp_path / "out" / "index.html").exists()


def test_a_restart_goes_on_where_the_last_watch_stopped(web: Web, tmp_path: Path) -> None:
    build_site(web)
    with Store(str(tmp_path / "c.db")) as store:
        Watcher(store, inputs(web), None).poll()
    with Store(str(tmp_path / "c.db")) as store:
        again = Watcher(store, inputs(web), None).poll()
    assert again.report.outcomes["fetched"] == 0 and again.report.outcomes["unchanged"] == 3


def test_a_poll_that_fails_is_reported_and_ctrl_c_stops_the_watch(web: Web, tmp_path: Path) -> None:
    build_site(web)
    said: list[str] = []
    naps: list[float] = []

    class Flaky(Watcher):
        def poll(self):  # type: ignore[no-untyped-def]
            if self.polls == 1:
                self.polls += 1
                raise OSError("network is unreachable")
            return super().poll()

    def nap(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 3:
            raise KeyboardInterrupt

    with Store(str(tmp_path / "c.db")) as store:
        made = watch_loop(Flaky(store, inputs(web), None), 0.5, None, said.append, sleep=nap)
        assert store.count_articles() == 3  # what the first poll stored is kept
    assert made == 3
    assert any("poll 2 failed: OSError: network is unreachable" in line for line in said)
    assert said[-1].startswith("stopped after 3 polls")


def test_a_host_that_drops_connections_costs_that_poll_its_pages_not_the_watch(
    web: Web, tmp_path: Path
) -> None:
    s = build_site(web)
    s["herald"].down = True  # every connection to the Herald dropped unanswered
    quick = Settings(gap=0.05, backoff=0.05)
    said: list[str] = []
    with Store(str(tmp_path / "c.db")) as store:
        watcher = Watcher(store, inputs(web, quick), None)
        watch_loop(watcher, 0.0, 1, said.append)
        assert store.count_articles() == 1  # the Gazette's article; the Herald could not be reached
        assert any("not taken: " + s["herald"].url("/rss.xml") in line for line in said), said
        s["herald"].down = False
        watch_loop(watcher, 0.0, 2, said.append)
        assert store.count_articles() == 3
    assert said[-1] != "  nothing new" and "2 fetched, 1 unchanged (304)" in " ".join(said)


def _wait(what: str, ok: Callable[[], bool], limit: float = 90.0) -> None:
    end = time.monotonic() + limit
    while not ok():
        assert time.monotonic() < end, f"waited {limit} s for {what}"
        time.sleep(0.05)


def test_ctrl_c_to_a_running_watch_loses_nothing_and_the_next_start_goes_on(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    herald, gazette = s["herald"], s["gazette"]
    slow = article_html("Lowmere Gazette", GAZETTE[0])
    gazette.put(GAZETTE[0].path, slow, delay=10.0)  # still being answered when Ctrl-C comes
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(herald.url("/rss.xml") + "\n" + gazette.url("/atom.xml") + "\n")
    db, out = str(tmp_path / "c.db"), str(tmp_path / "out")
    command = [sys.executable, "-c", "from corroborate.cli import app; app()", "watch", "--feeds", str(feeds)]
    command += ["--every", "10m", "--db", db, "--out", out, "--allow-host", "127.0.0.1"]
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        answered = lambda p: any(r.done for r in web.requests("herald", p))  # noqa: E731
        _wait("the Herald's pages", lambda: all(answered(x.path) for x in HERALD))
        _wait("the Gazette's page", lambda: bool(web.requests("gazette", GAZETTE[0].path)))
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)  # Ctrl-C, in the middle of the first poll
        output, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, output
    assert "stopped after 1 polls" in output
    assert not any(r.done for r in web.requests("gazette", GAZETTE[0].path))  # it was cut off mid-answer

    gazette.put(GAZETTE[0].path, slow)
    args = ["watch", "--feeds", str(feeds), "--polls", "1", "--db", db, "--out", out]
    result = CliRunner().invoke(app, [*args, "--allow-host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    # The Herald's pages read before Ctrl-C are not fetched again (304) and not lost (stored now).
    assert "1 fetched, 2 unchanged (304)" in result.output
    for story in HERALD:
        assert [r.status for r in web.requests("herald", story.path)] == [200, 304]
    with Store(db) as store:
        assert sorted(a.title or "" for a in store.articles()) == sorted(
            [x.title for x in HERALD] + [GAZETTE[0].title]
        )


def test_the_watch_command_polls_a_feeds_file(web: Web, tmp_path: Path) -> None:
    s = build_site(web)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(s["herald"].url("/rss.xml") + "\n# the Gazette\n" + s["gazette"].url("/atom.xml") + "\n")
    args = ["watch", "--feeds", str(feeds), "--every", "0.1s", "--polls", "2", "--db", str(tmp_path / "c.db")]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out"), "--allow-host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert "poll 1 at" in result.output and "3 fetched" in result.output
    assert "poll 2 at" in result.output and "3 unchanged (304)" in result.output


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("30s", 30), ("10m", 600), ("1h30m", 5400)])
def test_intervals_read_as_people_write_them(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_a_bad_interval_is_refused() -> None:
    with pytest.raises(Exception, match="not an interval"):
        parse_interval("soon")
