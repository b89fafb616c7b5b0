"""The runner: every method on every document, error rows, resume, refusal, --force, full disk."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.bench.datasets import load_dataset
from summarize.bench.runner import BenchConfig, BenchmarkRun, MethodSpec
from summarize.errors import ResultsConflictError, ResultsWriteError, WorkerError
from summarize.summarizers.base import Budget
from tests.bench.conftest import write_dataset


def config(dataset_path: Path, *methods: str, sentences: int = 2, **params) -> BenchConfig:
    return BenchConfig(
        datasets=(load_dataset(dataset_path),),
        methods=tuple(MethodSpec(m, params.get(m, {})) for m in methods),
        budget=Budget(sentences=sentences),
    )


def run(cfg, out, registry, **options):
    bench = BenchmarkRun(cfg, out, registry=registry, plot=False, workers=1, **options)
    plan = bench.prepare()
    return plan, bench.execute()


def lines(out: Path) -> list[dict]:
    text = (out / "results.jsonl").read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def comparable(rows: list[dict]) -> set[str]:
    """Rows without their timing, as sortable strings."""
    return {
        json.dumps({k: v for k, v in r.items() if k != "seconds"}, sort_keys=True) for r in rows
    }


def test_every_method_on_every_document_with_scores_and_run_record(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 4)
    plan, outcome = run(config(data, "lead", "textrank"), tmp_path / "out", registry)
    assert (plan.total_rows, plan.done_rows) == (8, 0)
    rows = lines(tmp_path / "out")
    assert len(rows) == 8 and outcome.rows_written == 8
    assert {(r["id"], r["method"]) for r in rows} == {
        (f"doc-{i}", m) for i in range(4) for m in ("lead", "textrank")
    }
    lead0 = next(r for r in rows if r["id"] == "doc-0" and r["method"] == "lead")
    assert lead0["status"] == "ok" and lead0["sentences"] == 2
    assert lead0["summary"].startswith("The council of Arden approved a new bridge")
    assert 0 < lead0["rouge"]["rouge1"] <= 1 and lead0["seconds"] > 0
    no_refs = [r for r in rows if r["id"] == "doc-3"]
    assert all(r["rouge"] is None and r["references"] == 0 for r in no_refs)
    record = json.loads((tmp_path / "out" / "run.json").read_text())
    assert record["status"] == "finished" and record["finished"]
    assert [m["name"] for m in record["methods"]] == ["lead", "textrank"]
    assert record["datasets"][0]["sha256"] == load_dataset(data).sha256
    assert record["budget"] == {"sentences": 2}
    standing = {s.method: s for s in outcome.leaderboard.standings}["lead"]
    assert standing.documents == 4 and standing.no_refs == 1
    usual = (tmp_path / "out" / "results.jsonl").stat().st_mode & 0o777
    for name in ("leaderboard.md", "leaderboard.csv", "leaderboard.json", "run.json"):
        # Written atomically, yet with the permissions of any other file (not private 0600).
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == usual


def test_a_method_that_raises_gives_an_error_row_and_the_run_goes_on(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 3, boom_at=1)
    _, outcome = run(config(data, "lead", "boom"), tmp_path / "out", registry)
    rows = {(r["id"], r["method"]): r for r in lines(tmp_path / "out")}
    failed = rows[("doc-1", "boom")]
    assert failed["status"] == "error" and "cannot handle BOOM" in failed["error"]
    assert failed["rouge"] is None and failed["summary"] == ""
    assert rows[("doc-2", "boom")]["status"] == "ok" and rows[("doc-1", "lead")]["status"] == "ok"
    same_summary = {
        k: v for k, v in rows[("doc-2", "boom")].items() if k not in ("method", "seconds")
    }
    assert same_summary == {
        k: v for k, v in rows[("doc-2", "lead")].items() if k not in ("method", "seconds")
    }
    assert outcome.errors_written == 1
    board = {s.method: s for s in outcome.leaderboard.standings}
    assert board["boom"].failures == 1 and board["lead"].failures == 0


def test_rerunning_skips_finished_rows_and_a_cut_short_last_line_is_redone(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 3)
    out = tmp_path / "out"
    run(config(data, "lead", "textrank"), out, registry)
    complete = lines(out)
    results = out / "results.jsonl"
    text = results.read_text(encoding="utf-8")
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    results.write_text(text[: len(text) - len(last) // 2 - 1], encoding="utf-8")  # killed mid-row
    plan, outcome = run(config(data, "lead", "textrank"), out, registry)
    assert plan.repaired_bytes > 0 and plan.done_rows == 5 and outcome.rows_written == 1
    assert comparable(lines(out)) == comparable(complete) and len(lines(out)) == 6
    plan, outcome = run(config(data, "lead", "textrank"), out, registry)
    assert plan.done_rows == 6 and outcome.rows_written == 0 and len(lines(out)) == 6


def test_a_folder_with_another_configuration_is_refused_and_force_backs_it_up(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    run(config(data, "lead"), out, registry)
    before = (out / "results.jsonl").read_bytes()
    for other in (
        config(data, "lead", "textrank"),
        config(data, "lead", sentences=3),
        config(write_dataset(tmp_path / "towns.jsonl", 3), "lead"),
    ):
        with pytest.raises(ResultsConflictError, match="another configuration.*force=True"):
            BenchmarkRun(other, out, registry=registry, plot=False).prepare()
    assert (out / "results.jsonl").read_bytes() == before  # nothing mixed, nothing lost
    plan, _ = run(config(data, "lead", "textrank"), out, registry, force=True)
    assert plan.backup is not None and plan.backup.parent == out
    assert (plan.backup / "results.jsonl").read_bytes() == before
    assert {r["method"] for r in lines(out)} == {"lead", "textrank"}


def test_other_parameters_are_another_configuration(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    run(config(data, "slow-lead", **{"slow-lead": {"delay": 0.0}}), out, registry)
    with pytest.raises(ResultsConflictError, match="different methods"):
        run(config(data, "slow-lead", **{"slow-lead": {"delay": 0.001}}), out, registry)


def test_results_without_a_run_record_are_refused(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.jsonl").write_text('{"dataset": "x"}\n', encoding="utf-8")
    with pytest.raises(ResultsConflictError, match="unknown configuration"):
        run(config(data, "lead"), out, registry)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_a_clear_error(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.jsonl").symlink_to("/dev/full")  # every write: "No space left on device"
    with pytest.raises(ResultsWriteError, match="No space left on device.*rerun the same command"):
        run(config(data, "lead"), out, registry)


FILL_UP_SCRIPT = """
import resource, signal, sys
from summarize.bench.results import ResultsLog
log = ResultsLog(__import__("pathlib").Path(sys.argv[1]))
rows = log.load()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
size = log.path.stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 40, size + 40))  # room for half a row
try:
    log.append(rows[0])
except Exception as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_a_write_cut_short_by_a_full_disk_leaves_only_whole_rows(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    run(config(data, "lead"), out, registry)
    before = (out / "results.jsonl").read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", FILL_UP_SCRIPT, str(out / "results.jsonl")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.startswith("ResultsWriteError could not write"), done.stdout + done.stderr
    assert (out / "results.jsonl").read_bytes() == before  # the half-written row was cut off
    plan, outcome = run(config(data, "lead"), out, registry)
    assert plan.done_rows == 2 and outcome.rows_written == 0


def test_workers_give_the_same_rows_as_one_process(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 4, boom_at=2)
    cfg = config(data, "lead", "boom", "textrank")
    run(cfg, tmp_path / "one", registry)
    pooled = BenchmarkRun(cfg, tmp_path / "two", registry=registry, plot=False, workers=2)
    pooled.prepare()
    pooled.execute()
    assert comparable(lines(tmp_path / "two")) == comparable(lines(tmp_path / "one"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_that_dies_is_a_clear_error_and_finished_rows_are_kept(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 6)
    text = data.read_text(encoding="utf-8").splitlines()
    text[5] = text[5].replace("Residents", "A CRASH was heard. Residents")
    data.write_text("\n".join(text) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    bench = BenchmarkRun(
        config(data, "lead", "crash"), out, registry=registry, plot=False, workers=2
    )
    bench.prepare()
    with pytest.raises(WorkerError, match="worker process died.*rerun the same command"):
        bench.execute()
    kept = lines(out)  # whole rows only, each of them valid
    assert len(kept) < 12 and all(r["status"] == "ok" for r in kept)
    assert json.loads((out / "run.json").read_text())["status"] == "failed"


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX")
def test_a_second_run_into_the_same_folder_is_refused_while_the_first_runs(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    first = BenchmarkRun(config(data, "lead"), out, registry=registry, plot=False, workers=1)
    first.prepare()
    second = BenchmarkRun(config(data, "lead"), out, registry=registry, plot=False, workers=1)
    with pytest.raises(ResultsConflictError, match="another summarize bench is writing") as err:
        second.prepare()
    assert f"pid {os.getpid()}" in str(err.value)  # says who holds the folder
    first.execute()
    plan, outcome = run(config(data, "lead"), out, registry)  # free again once it finished
    assert plan.done_rows == 2 and outcome.rows_written == 0


HOLD_LOCK = """
import fcntl, sys, time
handle = open(sys.argv[1], "a")
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks are POSIX")
def test_a_lock_left_to_a_stray_process_of_a_dead_run_says_what_to_do(tmp_path, registry):
    data = write_dataset(tmp_path / "towns.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)  # a process that has ended
    (out / ".lock").write_text(
        json.dumps(
            {"pid": dead_pid, "host": socket.gethostname(), "started": "then", "command": "x"}
        )
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out / ".lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ResultsConflictError) as err:
            BenchmarkRun(config(data, "lead"), out, registry=registry, plot=False).prepare()
        message = str(err.value)
        assert f"pid {dead_pid}" in message and "is gone, but a process it started" in message
        assert "fuser" in message
    finally:
        holder.kill()
        holder.wait()
    plan, _ = run(config(data, "lead"), out, registry)  # free once the stray process ended
    assert plan.total_rows == 2


def test_checker_settings_keep_secrets_out_of_run_json_and_take_lists() -> None:
    from summarize.bench.scoring import Scoring, evaluator_for

    scoring = Scoring("rules", {"threshold": 0.5})
    assert evaluator_for(scoring).checker_params == {"threshold": 0.5}
    described = Scoring("llm", {"api_token": "s3cret", "labels": [1, 2]}).describe()
    assert described == {"checker": "llm", "params": {"api_token": "***", "labels": [1, 2]}}
    assert evaluator_for(Scoring("llm", {"labels": [1, 2]})).checker_params == {"labels": [1, 2]}
