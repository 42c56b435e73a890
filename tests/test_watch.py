"""`corroborate watch` on the local test web: polls that pick up new and changed articles, 304s for
the rest, a failed poll that does not stop the watch, Ctrl-C, and a restart that goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.fetch.web import WebInputs
from corroborate.store import Store
from corroborate.watch import Watcher, parse_interval, watch_loop
from tests.web_pages import GAZETTE, HERALD, HERALD_REVISED, LATE, article_html, atom, build_site
from tests.web_site import Web


def inputs(web: Web) -> WebInputs:
    return WebInputs(
        feeds=[web.outlets["herald"].url("/rss.xml"), web.outlets["gazette"].url("/atom.xml")],
        allow_hosts=["127.0.0.1"],
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
