"""Killing a real ``summarize bench`` process halfway, then rerunning, loses and repeats nothing.

The kill is SIGKILL of the parent alone, as the OOM killer or a closed terminal does: no
cleanup runs, and its workers must notice and die on their own, releasing the folder at once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bench.conftest import write_dataset

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = 8
METHODS = "lead,slow-lead"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses process groups")


def command(dataset: Path, out: Path) -> list[str]:
    """``summarize bench`` with the test summarizers registered (see launch.py)."""
    return [
        sys.executable, "-m", "tests.bench.launch", "bench", str(dataset),
        "--methods", METHODS, "--sentences", "2", "--workers", "2", "--out", str(out),
        "--param", "slow-lead.delay=0.15",
    ]  # fmt: skip


def start(dataset: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command(dataset, out),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so the workers can be killed with it
    )


def finish(dataset: Path, out: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(
        command(dataset, out), cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done


def rows_written(out: Path) -> int:
    path = out / "results.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def wait_for_rows(process: subprocess.Popen, out: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while rows_written(out) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run wrote no rows"
        time.sleep(0.02)


def worker_pids(parent: int) -> list[int]:
    """The processes whose parent is ``parent``, whichever of its threads started them (/proc)."""
    return [
        int(pid)
        for children in Path(f"/proc/{parent}/task").glob("*/children")
        for pid in children.read_text().split()
    ]


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def row_set(out: Path) -> tuple[int, set[str]]:
    """How many lines, and the rows without their timing."""
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    return len(lines), {
        json.dumps({k: v for k, v in r.items() if k != "seconds"}, sort_keys=True) for r in rows
    }


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("data") / "towns.jsonl", DOCUMENTS)


@pytest.fixture(scope="module")
def uninterrupted(dataset, tmp_path_factory) -> tuple[int, set[str]]:
    """The row set of a run that was left alone."""
    out = tmp_path_factory.mktemp("straight")
    finish(dataset, out)
    lines, rows = row_set(out)
    assert lines == len(rows) == 2 * DOCUMENTS
    return lines, rows


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_sigkill_of_the_parent_ends_its_workers_and_a_rerun_resumes_at_once(
    dataset, uninterrupted, tmp_path
):
    expected_lines, expected = uninterrupted
    out = tmp_path / "killed"

    process = start(dataset, out)
    wait_for_rows(process, out, 4)
    workers = worker_pids(process.pid)
    assert len(workers) >= 2, workers  # --workers 2 (plus any helper process)
    os.kill(process.pid, signal.SIGKILL)  # the parent only: no cleanup, no signal to the workers
    process.wait(timeout=30)
    time.sleep(1.0)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # do not leave them running if the assertion fails
        os.kill(pid, signal.SIGKILL)
    assert survivors == []  # none outlived its parent by 1 s
    process.communicate(timeout=30)
    assert 4 <= rows_written(out) < 2 * DOCUMENTS  # really halfway

    resumed = finish(dataset, out)  # at once: no lock left behind
    assert "resuming:" in resumed.stderr
    assert f"pid {process.pid}" in resumed.stderr and "taking its folder over" in resumed.stderr
    lines, rows = row_set(out)
    assert lines == expected_lines  # no duplicates
    assert rows == expected  # nothing lost, nothing different
    record = json.loads((out / "run.json").read_text())
    sessions = record["sessions"]
    assert [s["status"] for s in sessions] == ["died", "finished"]
    assert sessions[0]["holder"]["pid"] == process.pid
    assert sessions[1]["took_over_from"]["pid"] == process.pid
    assert record["command"].startswith("summarize bench ") and METHODS in record["command"]


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(dataset, uninterrupted, tmp_path):
    out = tmp_path / "out"
    process = start(dataset, out)
    wait_for_rows(process, out, 2)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "interrupted" in stderr and "run the same command again to resume" in stderr
    assert "Traceback" not in stderr
    assert json.loads((out / "run.json").read_text())["status"] == "interrupted"
    assert rows_written(out) < 2 * DOCUMENTS
    finish(dataset, out)
    assert row_set(out) == uninterrupted
