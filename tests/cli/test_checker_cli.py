"""``summarize eval --checker`` and ``summarize bench --checker`` with a plugin installed
through the real entry-point path: a ``*.dist-info`` on the path of a real ``summarize``
process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENTRY_POINTS = """\
[summarize.checkers]
length = tests.plugins.checkers:LengthChecker
nan = tests.plugins.checkers:NotANumberChecker
raising = tests.plugins.checkers:RaisingChecker
opaque = tests.plugins.checkers:OpaqueDetailsChecker
"""
ARTICLE = (REPO / "benchmarks" / "modi_putin" / "article.txt").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder holding the metadata pip would write for a distribution with checkers."""
    folder = tmp_path / "site"
    dist = folder / "fake_checkers-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-checkers\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(ENTRY_POINTS)
    return folder


def summarize_cli(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    return subprocess.run(
        [str(Path(sys.executable).parent / "summarize"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def rows(tmp_path: Path) -> Path:
    path = tmp_path / "rows.jsonl"
    items = [
        {"id": "short", "summary": "Modi called Putin.", "source": ARTICLE},
        {"id": "long", "summary": ARTICLE + " And more.", "source": ARTICLE},
    ]
    path.write_text("".join(json.dumps(item) + "\n" for item in items))
    return path


def test_eval_scores_every_row_with_the_named_plugin(site: Path, rows: Path) -> None:
    done = summarize_cli(
        site, "eval", str(rows), "--checker", "length", "--output", "-", cwd=rows.parent
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["id"], r["factuality"]["label"]) for r in lines] == [
        ("short", True),
        ("long", False),
    ]
    assert all(r["factuality"]["checker"] == "length" for r in lines)
    assert lines[0]["factuality"]["details"] == {"score": 1.0, "label": True, "by": "length"}
    assert "extractiveness" in lines[0]  # the rest of the scoring is unchanged


def test_checker_parameters_reach_the_plugin(site: Path, rows: Path) -> None:
    args = ["eval", str(rows), "--checker", "length", "--output", "-"]
    done = summarize_cli(site, *args, "--checker-param", "ratio=0.0001", cwd=rows.parent)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["factuality"]["label"] for line in done.stdout.splitlines()] == [
        False,
        False,
    ]
    wrong = summarize_cli(site, *args, "--checker-param", "ration=2", cwd=rows.parent)
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert "'length' has no parameter 'ration' (did you mean 'ratio'?" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1


def test_an_unknown_checker_is_one_line_listing_the_installed_ones(site: Path, rows: Path) -> None:
    done = summarize_cli(site, "eval", str(rows), "--checker", "lenght", cwd=rows.parent)
    assert done.returncode != 0
    error = done.stderr.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    assert "unknown checker 'lenght'" in error and "did you mean 'length'?" in error
    assert "rules, llm" in error


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("nan", "returned score=nan"),
        ("raising", "model weights not found"),
        ("opaque", "returned details that are not JSON"),
    ],
)
def test_a_misbehaving_plugin_is_a_row_error_naming_it(
    site: Path, rows: Path, name: str, why: str
) -> None:
    stopped = summarize_cli(site, "eval", str(rows), "--checker", name, cwd=rows.parent)
    assert stopped.returncode != 0 and "Traceback" not in stopped.stderr
    assert f"checker '{name}'" in stopped.stderr and why in stopped.stderr
    skipped = summarize_cli(
        site, "eval", str(rows), "--checker", name, "--skip-bad", cwd=rows.parent
    )
    assert skipped.returncode != 0  # no row could be scored
    assert "skipped 2 bad row(s)" in skipped.stderr


def test_bench_scores_factuality_with_the_named_checker(site: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "tiny.jsonl"
    dataset.write_text(
        json.dumps({"id": "a", "source": ARTICLE, "references": ["Modi called Putin."]}) + "\n"
    )
    out = tmp_path / "run"
    args = ["bench", str(dataset), "--methods", "lead", "--out", str(out), "--workers", "1"]
    done = summarize_cli(site, *args, "--checker", "length", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    row = json.loads((out / "results.jsonl").read_text().splitlines()[0])
    assert row["factuality"]["score"] == 1.0  # a lead summary is shorter than its article
    run = json.loads((out / "run.json").read_text())
    assert run["config"]["factuality"] == {"checker": "length", "params": {}}
    assert "`length` checker" in (out / "leaderboard.md").read_text()
    page = tmp_path / "report.html"
    made = summarize_cli(site, "report", str(out), "-o", str(page), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "factuality checker" in page.read_text() and "length" in page.read_text()
    # The same folder scored by another checker is a different benchmark: refused, not mixed.
    other = summarize_cli(site, *args, cwd=tmp_path)
    assert other.returncode != 0 and "Traceback" not in other.stderr
    unknown = summarize_cli(site, *args, "--checker", "nope", cwd=tmp_path)
    assert unknown.returncode != 0 and "unknown checker 'nope'" in unknown.stderr


def test_eval_of_one_summary_names_the_checker_in_its_table(site: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text("Modi called Putin.")
    source = REPO / "benchmarks" / "modi_putin" / "article.txt"
    args = ["eval", "--summary", str(summary), "--source", str(source), "--checker", "length"]
    done = summarize_cli(site, *args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "factuality   1.0000 (consistent, checker length)" in done.stdout
