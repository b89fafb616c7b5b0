"""The file-scoring loop: input order, bad rows as values, scores independent of the workers."""

import json

import pytest

from summarize.errors import BadRowError, ParameterError
from summarize.evaluation.batch import (
    BootstrapSettings,
    score_chunks,
    score_lines,
    summarize_corpus,
)
from summarize.evaluation.evaluator import CorpusStatistics, Evaluator


def lines(count: int) -> list[tuple[int, bytes]]:
    rows = []
    for i in range(count):
        if i % 7 == 3:
            raw = b'{"summary": 3}'  # a bad row among good ones
        else:
            row = {"id": f"d{i}", "summary": f"Modi called Putin {i} times.",
                   "references": [f"Modi phoned Putin on day {i % 5}."]}  # fmt: skip
            raw = json.dumps(row).encode()
        rows.append((i + 1, raw))
    return rows


def outcome(result):
    if isinstance(result, BadRowError):
        return ("bad", result.line, result.problem)
    return (result.line, result.to_dict())


def test_rows_come_back_in_input_order_with_bad_rows_as_values():
    results = list(score_lines(lines(30), Evaluator(), chunk_rows=4))
    assert [r.line for r in results] == list(range(1, 31))
    bad = [r for r in results if isinstance(r, BadRowError)]
    assert [r.line for r in bad] == [4, 11, 18, 25]
    assert "'summary' must be text" in str(bad[0])
    assert results[0].to_dict()["id"] == "d0"


def test_scores_do_not_depend_on_the_number_of_worker_processes():
    serial = [outcome(r) for r in score_lines(lines(45), Evaluator())]
    pooled = [outcome(r) for r in score_lines(lines(45), Evaluator(), workers=2, chunk_rows=4)]
    assert pooled == serial


def test_workers_and_chunks_must_be_positive():
    with pytest.raises(ParameterError, match="workers"):
        list(score_lines(lines(2), Evaluator(), workers=0))
    with pytest.raises(ParameterError, match="chunk_rows"):
        list(score_lines(lines(2), Evaluator(), chunk_rows=0))


def test_the_corpus_report_carries_its_bootstrap_settings():
    statistics = CorpusStatistics()
    good = [r for r in score_lines(lines(10), Evaluator()) if not isinstance(r, BadRowError)]
    statistics.extend(r.evaluation for r in good)
    settings = BootstrapSettings(confidence=0.9, resamples=200, seed=7)
    report = summarize_corpus(
        statistics, Evaluator(), rows=len(good), skipped=1, bootstrap=settings
    )
    data = report.to_dict()
    assert data["settings"] == {"use_stemmer": True, "tokenizer": "auto", "references_mode": "max",
                                "checker": "rules", "confidence": 0.9, "bootstrap_resamples": 200,
                                "seed": 7}  # fmt: skip
    assert data["rows"] == 9 and data["skipped"] == 1
    f1 = data["metrics"]["rouge1.fmeasure"]
    assert f1["count"] == 9 and f1["low"] <= f1["mean"] <= f1["high"]


def test_chunks_carry_the_same_lines_and_metrics_as_row_by_row_scoring():
    rows = [r for r in score_lines(lines(45), Evaluator()) if not isinstance(r, BadRowError)]
    expected = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)
    alone = CorpusStatistics()
    alone.extend(r.evaluation for r in rows)
    for workers in (1, 2):
        chunks = list(score_chunks(lines(45), Evaluator(), workers=workers, chunk_rows=4))
        assert "".join(c.json_lines for c in chunks) == expected
        assert sum(c.scored for c in chunks) == len(rows)
        assert [b.line for c in chunks for b in c.bad] == [4, 11, 18, 25, 32, 39]
        merged = CorpusStatistics()
        for chunk in chunks:
            merged.merge(chunk.statistics)
        assert merged.summary(resamples=50) == alone.summary(resamples=50)
