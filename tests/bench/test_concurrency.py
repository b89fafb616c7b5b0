"""LLM requests in flight across documents (``--concurrency``), against the loopback server.

The server takes a fixed time per answer; what is asserted is what a user relies on and the
server can count (how many requests it was answering at once, every row written once), never
a wall-clock time: speed is measured by ``benchmarks/llm_concurrency.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.bench.conftest import write_dataset
from tests.llm.conftest import llm_env as llm_env  # noqa: F401 - autouse: no key, tmp cache
from tests.llm.fake_openai_server import FakeOpenAIServer

DOCUMENTS = 12


@pytest.fixture
def slow_server() -> Iterator[FakeOpenAIServer]:
    """The fake server, taking 0.3 s per answer."""
    with FakeOpenAIServer(delay=0.3) as running:
        yield running


def bench(server: FakeOpenAIServer, dataset: Path, out: Path, *extra: str, model: str = "fake"):
    return CliRunner().invoke(
        app,
        [
            "bench", str(dataset), "--methods", "lead,llm", "--out", str(out), "--workers", "1",
            "--param", f"llm.base_url={server.base_url}", "--param", f"llm.model={model}",
            "--param", "llm.cache=false", *extra,
        ],
    )  # fmt: skip


def rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


def test_many_documents_are_in_flight_at_once_and_every_row_is_written_once(slow_server, tmp_path):
    data = write_dataset(tmp_path / "towns.jsonl", DOCUMENTS)
    done = bench(slow_server, data, tmp_path / "out", "--concurrency", "8")
    assert done.exit_code == 0, done.output
    assert slow_server.state.max_in_flight == 8  # as many as asked, not one per CPU
    written = rows(tmp_path / "out")
    assert sorted((r["id"], r["method"]) for r in written) == sorted(
        (f"doc-{i}", m) for i in range(DOCUMENTS) for m in ("lead", "llm")
    )
    assert all(r["status"] == "ok" for r in written)
    llm = [r for r in written if r["method"] == "llm"]
    assert all(r["seconds"] >= 0.3 for r in llm)  # each row keeps its own request's time
    record = json.loads((tmp_path / "out" / "run.json").read_text())
    assert record["sessions"][-1]["concurrency"] == 8


def test_the_same_rows_whatever_the_concurrency(slow_server, tmp_path):
    data = write_dataset(tmp_path / "towns.jsonl", 4)
    for concurrency in ("1", "4"):
        assert bench(slow_server, data, tmp_path / concurrency, "-c", concurrency).exit_code == 0

    def comparable(out: Path) -> set[str]:
        return {
            json.dumps(
                {k: v for k, v in r.items() if k not in ("seconds", "usage")}, sort_keys=True
            )
            for r in rows(out)
        }

    assert comparable(tmp_path / "1") == comparable(tmp_path / "4")


def test_the_llm_methods_own_server_limit_still_holds(slow_server, tmp_path):
    data = write_dataset(tmp_path / "towns.jsonl", 6)
    done = bench(
        slow_server, data, tmp_path / "out", "--concurrency", "6", "--param", "llm.concurrency=2"
    )
    assert done.exit_code == 0, done.output
    assert slow_server.state.max_in_flight == 2


def test_a_concurrency_of_zero_is_a_one_line_error(slow_server, tmp_path):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    done = bench(slow_server, data, tmp_path / "out", "--concurrency", "0")
    assert done.exit_code == 1
    assert done.stderr.strip().splitlines() == [
        "error: --concurrency must be at least 1 (LLM requests in flight), got 0"
    ]
    assert not (tmp_path / "out").exists() and slow_server.requests == []
