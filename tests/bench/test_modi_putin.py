"""The running example: ``summarize bench benchmarks/modi_putin`` and its planted factual errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.bench.datasets import load_dataset
from summarize.cli import app

FOLDER = Path(__file__).resolve().parents[2] / "benchmarks" / "modi_putin"
PLANTED = [
    json.loads(line)
    for line in (FOLDER / "planted_errors.jsonl").read_text(encoding="utf-8").splitlines()
]


def test_the_planted_set_covers_every_kind_of_error_and_a_correct_summary():
    kinds = {row["error"] for row in PLANTED}
    assert {"date", "number", "entity", "quote", None} <= kinds
    article = (FOLDER / "article.txt").read_text(encoding="utf-8")
    for row in PLANTED:
        if row["wrong"] is not None:
            assert row["wrong"] in row["summary"] and row["wrong"] not in article


def test_bench_runs_out_of_the_box_on_the_running_example(tmp_path):
    out = tmp_path / "modi"
    result = CliRunner().invoke(
        app, ["bench", str(FOLDER), "--methods", "lead,textrank", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "| **lead** | 1 | 0 | 0 |" in result.stdout
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert {r["method"] for r in rows} == {"lead", "textrank"}
    assert all(r["status"] == "ok" and r["references"] == 3 for r in rows)
    for name in ("leaderboard.md", "leaderboard.csv", "leaderboard.json", "leaderboard.png"):
        assert (out / name).stat().st_size > 0
    assert (out / "leaderboard.png").read_bytes().startswith(b"\x89PNG")
    record = json.loads((out / "run.json").read_text())
    assert record["datasets"][0]["name"] == "modi_putin"


@pytest.fixture(scope="module")
def checker():
    """The factuality checker on the article (these tests skip only if its module is absent)."""
    factuality = pytest.importorskip("summarize.evaluation.factuality")
    return factuality.FactualityChecker((FOLDER / "article.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("planted", PLANTED, ids=[row["id"] for row in PLANTED])
def test_the_factuality_check_gives_the_expected_verdict(checker, planted):
    result = checker.check(planted["summary"])
    assert result.label is planted["expected_consistent"], result.to_dict()
    if planted["wrong"] is not None:
        spans = [issue.span for s in result.sentences for issue in s.issues]
        assert any(span in planted["wrong"] or planted["wrong"] in span for span in spans), spans


def test_the_team_references_have_no_factual_issue(checker):
    # Every fact of the references was checked against the article: no wrong name, number,
    # date or quote may be flagged (how closely a paraphrase is judged to follow the
    # source is the checker's calibration, not a fact).
    (row,) = load_dataset(FOLDER).rows
    for reference in row.references:
        issues = [i for s in checker.check(reference).sentences for i in s.issues]
        assert issues == [], (reference, issues)
