"""LLM requests in flight across documents (``--concurrency``), against the loopback server.

The server takes a fixed time per answer; what is asserted is what a user relies on and the
server can count (how many requests it was answering at once, every row written once), never
a wall-clock time: speed is measured by ``benchmarks/llm_concurrency.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.bench.conftest import write_dataset
from tests.llm.conftest import llm_env as llm_env  # noqa: F401 - autouse: no key, tmp cache
from tests.llm.fake_openai_server import FakeOpenAIServer

DOCUMENTS = 12
REPO = Path(__file__).resolve().parents[2]


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
    tokens_in = sum(r["usage"]["tokens_in"] for r in llm)
    assert f"note: LLM: {DOCUMENTS} requests, {tokens_in:,} tokens in, " in done.stderr


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


def test_a_server_that_answers_429_to_everything_is_a_clear_error_and_a_rerun_fetches_the_rest(
    tmp_path,
):
    data = write_dataset(tmp_path / "towns.jsonl", 16)
    out = tmp_path / "out"
    with FakeOpenAIServer(overloaded=True, retry_after="0.05") as server:
        refused = bench(server, data, out, "--concurrency", "4")
        assert refused.exit_code == 1
        last = refused.stderr.strip().splitlines()[-1]
        assert last.startswith("error: 16 LLM summaries could not be fetched: the server at ")
        assert "is rate-limiting requests (HTTP 429) (3 tries)" in last
        assert last.endswith("rerun the same command to fetch the rest")
        assert "Traceback" not in refused.output
        # It gave up after a few documents in a row failed, not after hammering all sixteen.
        assert len(server.requests) <= 8 * 3
        written = rows(out)
        assert {r["method"] for r in written} == {"lead"} and len(written) == 16  # kept
        assert json.loads((out / "run.json").read_text())["status"] == "incomplete"

        server.state.overloaded = False  # the rate limit is over
        resumed = bench(server, data, out, "--concurrency", "4")
        assert resumed.exit_code == 0, resumed.output
        assert "resuming: 16 of 32 rows already done" in resumed.stderr
    written = rows(out)
    assert sorted((r["id"], r["method"]) for r in written) == sorted(
        (f"doc-{i}", m) for i in range(16) for m in ("lead", "llm")
    )
    assert all(r["status"] == "ok" for r in written)


def test_an_unknown_model_stops_the_llm_part_at_once(slow_server, tmp_path):
    data = write_dataset(tmp_path / "towns.jsonl", 10)
    done = bench(slow_server, data, tmp_path / "out", "--concurrency", "2", model="no-such-model")
    assert done.exit_code == 1
    last = done.stderr.strip().splitlines()[-1]
    assert "model 'no-such-model' not found" in last and "could not be fetched" in last
    assert len(slow_server.requests) <= 2  # the documents in flight when the 404 came back
    assert {r["method"] for r in rows(tmp_path / "out")} == {"lead"}


@pytest.mark.skipif(sys.platform == "win32", reason="process groups")
def test_ctrl_c_does_not_wait_for_requests_in_flight(tmp_path):
    data = write_dataset(tmp_path / "towns.jsonl", 6)
    out = tmp_path / "out"
    with FakeOpenAIServer(delay=60.0) as server:  # answers that would take a minute
        process = subprocess.Popen(
            [
                sys.executable, "-m", "tests.bench.launch", "bench", str(data),
                "--methods", "lead,llm", "--out", str(out), "--workers", "1", "-c", "3",
                "--param", f"llm.base_url={server.base_url}", "--param", "llm.model=fake",
                "--param", "llm.cache=false",
            ],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True, env=os.environ | {"SUMMARIZE_TIMEOUT": "120"},
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while server.state.in_flight < 3:  # the llm requests are waiting on the server
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=20)  # far less than the minute in flight
    assert process.returncode == 130, stderr
    assert "run the same command again to resume" in stderr and "Traceback" not in stderr
    assert json.loads((out / "run.json").read_text())["status"] == "interrupted"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_failed_documents_tokens_are_still_counted(slow_server, tmp_path, workers):
    data = write_dataset(tmp_path / "towns.jsonl", 3)
    out = tmp_path / "out"
    done = bench(slow_server, data, out, "-c", "3", "-j", workers, model="fake-length")
    assert done.exit_code == 0, done.output  # the method's failure, not the server's
    failed = [r for r in rows(out) if r["method"] == "llm"]
    assert len(failed) == 3 and all(r["status"] == "error" for r in failed)
    assert all("cut off at max_tokens=" in r["error"] for r in failed)
    for row in failed:  # the answer, then once more with twice the room: both paid for
        assert row["usage"]["calls"] == 2 and row["usage"]["retries"] == 1
        assert row["usage"]["tokens_in"] > 0 and row["usage"]["tokens_out"] > 0
    board = json.loads((out / "leaderboard.json").read_text())
    totals = {s["method"]: s["usage_totals"] for s in board["standings"]}["llm"]
    assert totals["calls"] == 6 and totals["tokens_in"] == sum(
        r["usage"]["tokens_in"] for r in failed
    )
