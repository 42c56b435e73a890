"""A bounded load test on loopback: 20 readers on the desk while a run ingests into the same
PostgreSQL store. No request fails, the run finishes, and its stories reach the list.
(benchmarks/serve.py runs the full size: 30 s while 500 pages are ingested.)"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import ROOT
from tests.test_serve_api import empty_postgres


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("serve_bench", ROOT / "benchmarks" / "serve.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.postgres
def test_readers_get_every_page_while_a_run_writes(postgres_url: str) -> None:
    empty_postgres(postgres_url)
    figures = bench().load(postgres_url, readers=20, seconds=8, pages=40, wait=600)
    assert figures["n_errors"] == 0, figures["errors"]
    assert figures["run_exit"] in (0, 1), figures["run_log"]  # 1: some pages were not articles, recorded
    for kind in ("list", "story", "search"):
        assert figures[kind]["requests"] > 0, kind  # type: ignore[index]
    assert figures["stories_after"] > figures["stories_before"]
