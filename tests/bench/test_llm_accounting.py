"""LLM accounting in the benchmark: per-row ``usage`` in results.jsonl, summed in the leaderboard.

The end-to-end tests run ``summarize bench`` with ``lead`` and ``llm`` against the loopback fake
OpenAI-compatible server of ``tests/llm`` (real HTTP, no patched client); the cache goes to a
temporary folder (the autouse ``llm_env`` fixture of ``tests/llm/conftest.py``, imported here).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.bench.leaderboard import build_leaderboard, write_leaderboard
from summarize.bench.results import ResultRow, ResultsLog
from summarize.cli import app
from summarize.llm.usage import USAGE_KEYS, Usage
from tests.llm.conftest import llm_env as llm_env  # noqa: F401 - autouse: no key, tmp cache
from tests.llm.fake_openai_server import FakeOpenAIServer

REPO = Path(__file__).resolve().parents[2]
DATASET = REPO / "benchmarks" / "modi_putin" / "dataset.jsonl"
SHOWN = ("tokens in", "tokens out", "calls", "retries")


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    """The fake OpenAI-compatible server of ``tests/llm`` on an ephemeral loopback port."""
    with FakeOpenAIServer() as running:
        yield running


def bench(server: FakeOpenAIServer, out: Path, methods: str = "lead,llm"):
    result = CliRunner().invoke(
        app,
        [
            "bench", str(DATASET), "--methods", methods, "--out", str(out),
            "--param", f"llm.base_url={server.base_url}", "--param", "llm.model=fake",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


def results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


def standings(out: Path) -> dict[str, dict]:
    board = json.loads((out / "leaderboard.json").read_text())
    return {s["method"]: s for s in board["standings"]}


def csv_rows(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "leaderboard.csv").read_text()
    return {r["method"]: r for r in csv.DictReader(io.StringIO(text))}


def summed(rows: list[dict], method: str) -> dict[str, float]:
    totals: dict[str, float] = {}
    for row in rows:
        if row["method"] == method and row["usage"] is not None:
            for key, value in row["usage"].items():
                totals[key] = totals.get(key, 0) + value
    return totals


def test_bench_records_llm_usage_per_row_and_sums_it_in_the_leaderboard(server, tmp_path):
    out = tmp_path / "run"
    bench(server, out)
    rows = results(out)
    assert {r["method"] for r in rows} == {"lead", "llm"}
    assert all(r["status"] == "ok" for r in rows)
    by_method = {r["method"]: r for r in rows}
    assert by_method["lead"]["usage"] is None
    usage = by_method["llm"]["usage"]
    assert set(usage) == set(USAGE_KEYS)
    assert usage["calls"] >= 1 and usage["tokens_in"] > 0 and usage["tokens_out"] > 0
    assert usage["calls"] == len(server.requests)  # one request per call, none from the cache

    board = standings(out)
    assert board["lead"]["usage_totals"] is None
    assert board["llm"]["usage_totals"] == summed(rows, "llm")

    table = csv_rows(out)
    assert all(table["lead"][key] == "" for key in USAGE_KEYS)
    for key in USAGE_KEYS:
        assert float(table["llm"][key]) == board["llm"]["usage_totals"][key]

    markdown = (out / "leaderboard.md").read_text()
    header = next(line for line in markdown.splitlines() if line.startswith("| method"))
    assert header.endswith("| " + " | ".join(SHOWN) + " |")
    llm_line = next(line for line in markdown.splitlines() if line.startswith("| llm |"))
    cells = [c.strip() for c in llm_line.strip("|").split("|")]
    totals = board["llm"]["usage_totals"]
    assert cells[-4:] == [f"{totals[k]:,}" for k in ("tokens_in", "tokens_out", "calls", "retries")]
    lead_line = next(line for line in markdown.splitlines() if line.startswith("| **lead** |"))
    assert lead_line.endswith("| – | – | – | – |")


def test_resumed_runs_read_usage_back_and_cached_reruns_count_cache_hits(server, tmp_path):
    out = tmp_path / "run"
    bench(server, out)
    first = {r["method"]: r for r in results(out)}
    asked = len(server.requests)

    for name in ("leaderboard.md", "leaderboard.csv", "leaderboard.json"):
        (out / name).unlink()
    bench(server, out)  # resume: the rows are read back from results.jsonl, not redone
    assert len(server.requests) == asked
    rows = results(out)
    assert len(rows) == 2
    assert {r["method"]: r["usage"] for r in rows}["llm"] == first["llm"]["usage"]
    board = standings(out)
    assert board["llm"]["usage_totals"] == first["llm"]["usage"]
    assert board["lead"]["usage_totals"] is None
    assert "| tokens in | tokens out | calls | retries |" in (out / "leaderboard.md").read_text()

    again = tmp_path / "again"  # a fresh run of the same prompts is answered from the cache
    bench(server, again)
    assert len(server.requests) == asked
    usage = {r["method"]: r["usage"] for r in results(again)}["llm"]
    assert usage["calls"] == 0 and usage["cache_hits"] >= 1
    assert standings(again)["llm"]["usage_totals"]["cache_hits"] == usage["cache_hits"]
    assert any((tmp_path / "cache").iterdir())  # the answers were cached in the tmp folder


def row(method: str, doc: int, usage: dict | None, *, status: str = "ok") -> dict:
    """A results.jsonl line; ``usage`` ``...`` leaves the key out (a row from an older run)."""
    line = {
        "dataset": "d", "id": f"doc-{doc}", "method": method, "status": status,
        "error": None if status == "ok" else "LLMError: boom", "summary": "A summary.",
        "seconds": 0.5, "sentences": 1, "words": 2, "references": 1,
        "rouge": {"rouge1": 0.5, "rouge2": 0.25, "rougeL": 0.4, "rougeLsum": 0.45},
        "factuality": {"score": 1.0, "label": True, "unsupported_sentences": 0},
        "extractiveness": {"coverage": 1.0, "density": 5.0, "compression": 4.0,
                           "novel_ngrams": {"2": 0.0}},
    }  # fmt: skip
    if usage is not ...:
        line["usage"] = usage
    return line


def test_hand_made_results_sum_per_dataset_and_method_and_old_rows_still_read(tmp_path):
    llm = [
        {"tokens_in": 500, "tokens_out": 90, "calls": 1, "retries": 0, "cache_hits": 0,
         "llm_seconds": 0.25},
        {"tokens_in": 1200, "tokens_out": 150, "calls": 3, "retries": 2, "cache_hits": 0,
         "llm_seconds": 1.5},
        {"tokens_in": 0, "tokens_out": 0, "calls": 0, "retries": 0, "cache_hits": 1,
         "llm_seconds": 0.0},
    ]  # fmt: skip
    lines = [row("llm", i, usage) for i, usage in enumerate(llm)]
    lines.append(row("llm", 3, None, status="error"))
    lines += [row("lead", i, ...) for i in range(4)]  # written before `usage` existed
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))

    rows = ResultsLog(path).load()
    assert len(rows) == 8
    assert all(r.usage is None for r in rows if r.method == "lead")
    read = [r for r in rows if r.method == "llm" and r.ok]
    assert [r.usage.to_dict() for r in read] == llm
    assert isinstance(read[1].usage.calls, int)  # counts stay integers through the file

    board = build_leaderboard(rows, resamples=50)
    by_method = {s.method: s for s in board.standings}
    assert by_method["lead"].usage_totals is None
    assert by_method["llm"].usage_totals.to_dict() == {
        "tokens_in": 1700, "tokens_out": 240, "calls": 4, "retries": 2, "cache_hits": 1,
        "llm_seconds": 1.75,
    }  # fmt: skip
    assert by_method["llm"].documents == 4 and by_method["llm"].failures == 1

    write_leaderboard(board, tmp_path)
    markdown = (tmp_path / "leaderboard.md").read_text()
    assert "| 1,700 | 240 | 4 | 2 |" in markdown
    saved = json.loads((tmp_path / "leaderboard.json").read_text())
    assert {s["method"]: s["usage_totals"] for s in saved["standings"]}["llm"]["calls"] == 4


def test_an_extractive_only_leaderboard_has_no_accounting_columns(tmp_path):
    rows = [ResultRow.from_dict(row(m, i, None)) for m in ("lead", "textrank") for i in range(3)]
    markdown = build_leaderboard(rows, resamples=50).to_markdown()
    header = next(line for line in markdown.splitlines() if line.startswith("| method"))
    assert header.endswith("| s/doc (median) |")
    assert not any(column in markdown for column in ("tokens in", "calls", "retries"))

    mixed = [*rows, ResultRow.from_dict(row("llm", 0, {"calls": 2, "tokens_in": 10}))]
    mixed_header = next(
        line
        for line in build_leaderboard(mixed, resamples=50).to_markdown().splitlines()
        if line.startswith("| method")
    )
    assert mixed_header.endswith("| tokens in | tokens out | calls | retries |")


def test_usage_is_taken_from_the_numeric_accounting_keys_of_the_metadata_only():
    metadata = {
        "model": "fake", "strategy": "stuff", "guard": "flag", "flagged": 1, "chunks": 3,
        "calls": 2, "retries": 1, "tokens_in": 800, "tokens_out": 120, "cache_hits": 0,
        "llm_seconds": 0.4, "repaired": True,
    }  # fmt: skip
    assert Usage.from_metadata(metadata).to_dict() == {
        "tokens_in": 800, "tokens_out": 120, "calls": 2, "retries": 1, "cache_hits": 0,
        "llm_seconds": 0.4,
    }  # fmt: skip
    assert Usage.from_metadata({}) is None
    assert Usage.from_metadata({"model": "x", "calls": "2", "retries": True}) is None
