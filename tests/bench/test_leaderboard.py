"""The leaderboard computed from a small hand-made results file."""

from __future__ import annotations

import csv
import io
import json
import random
import statistics

import pytest

from summarize.bench.leaderboard import build_leaderboard, write_leaderboard
from summarize.bench.results import ResultsLog

LEAD_R2 = [0.10, 0.20, 0.15, 0.30, 0.25, 0.05, 0.12, 0.18, 0.22, 0.08]


def row(method, i, r2, *, seconds=0.01, status="ok", refs=True, factual=(0.9, True)):
    rouge = {"rouge1": r2 + 0.2, "rouge2": r2, "rougeL": r2 + 0.1, "rougeLsum": r2 + 0.15}
    return {
        "dataset": "d",
        "id": f"doc-{i}",
        "method": method,
        "status": status,
        "error": None if status == "ok" else "RuntimeError: no",
        "summary": "A summary." if status == "ok" else "",
        "seconds": seconds,
        "sentences": 1,
        "words": 2,
        "references": 2 if refs else 0,
        "rouge": rouge if (refs and status == "ok") else None,
        "factuality": {"score": factual[0], "label": factual[1], "unsupported_sentences": 0}
        if status == "ok"
        else None,
        "extractiveness": {"coverage": 1.0, "density": 5.0, "compression": 4.0,
                           "novel_ngrams": {"2": 0.0}} if status == "ok" else None,
    }  # fmt: skip


@pytest.fixture
def rows(tmp_path):
    lines = []
    for i, r2 in enumerate(LEAD_R2):
        lines.append(row("lead", i, r2, seconds=0.001 * (i + 1)))
        lines.append(row("better", i, r2 + 0.1, factual=(0.5, i % 2 == 0)))
        lines.append(row("same", i, r2 + (0.01 if i % 2 else -0.01)))
        if i == 3:
            lines.append(row("flaky", i, 0.0, status="error"))
        else:
            lines.append(row("flaky", i, r2, refs=i != 5))
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return ResultsLog(path).load()


def test_means_cis_failures_and_times_per_method(rows):
    board = {s.method: s for s in build_leaderboard(rows).standings}
    lead = board["lead"]
    assert lead.documents == 10 and lead.failures == 0 and lead.no_refs == 0
    assert lead.rouge["rouge2"].mean == pytest.approx(statistics.fmean(LEAD_R2))
    assert lead.rouge["rouge1"].mean == pytest.approx(statistics.fmean(LEAD_R2) + 0.2)
    interval = lead.rouge["rouge2"]
    assert min(LEAD_R2) < interval.low < interval.mean < interval.high < max(LEAD_R2)
    assert lead.median_seconds == pytest.approx(0.0055)
    assert lead.factuality == pytest.approx(0.9) and lead.consistent == 1.0
    assert board["better"].factuality == pytest.approx(0.5)
    assert board["better"].consistent == pytest.approx(0.5)
    flaky = board["flaky"]
    assert flaky.documents == 10 and flaky.failures == 1 and flaky.no_refs == 1
    kept = [r2 for i, r2 in enumerate(LEAD_R2) if i not in (3, 5)]
    assert flaky.rouge["rouge2"].mean == pytest.approx(statistics.fmean(kept))
    assert flaky.coverage == 1.0 and flaky.density == 5.0 and flaky.novel_bigrams == 0.0


def test_paired_comparison_with_lead(rows):
    board = {s.method: s for s in build_leaderboard(rows).standings}
    assert board["lead"].versus_baseline == {}
    better = board["better"].versus_baseline["rouge2"]
    assert better.delta == pytest.approx(0.1) and better.documents == 10
    assert better.p_value < 0.05 and better.verdict == "better"
    same = board["same"].versus_baseline["rouge2"]
    assert same.delta == pytest.approx(0.0, abs=1e-12) and same.verdict == "same"
    assert board["flaky"].versus_baseline["rouge2"].documents == 8  # paired on shared docs only


def test_best_rouge2_first_and_all_three_files_agree(rows, tmp_path):
    leaderboard = build_leaderboard(rows)
    assert [s.method for s in leaderboard.standings][0] == "better"
    paths = write_leaderboard(leaderboard, tmp_path)
    assert [p.name for p in paths] == ["leaderboard.md", "leaderboard.csv", "leaderboard.json"]
    markdown = paths[0].read_text(encoding="utf-8")
    assert "| better | 10 | 0 | 0 |" in markdown and "better (+10.00" in markdown
    table = {r["method"]: r for r in csv.DictReader(io.StringIO(paths[1].read_text()))}
    assert float(table["better"]["rouge2"]) == pytest.approx(
        (statistics.fmean(LEAD_R2) + 0.1) * 100, abs=1e-3
    )
    assert table["flaky"]["failures"] == "1"
    document = json.loads(paths[2].read_text())
    assert document["baseline"] == "lead"
    assert {s["method"] for s in document["standings"]} == {"lead", "better", "same", "flaky"}


def test_the_order_rows_finished_in_does_not_change_the_numbers(rows):
    shuffled = list(rows)
    random.Random(0).shuffle(shuffled)
    assert shuffled != rows
    assert build_leaderboard(shuffled).to_dict() == build_leaderboard(rows).to_dict()
