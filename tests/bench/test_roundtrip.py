"""Arbitrary text survives the dataset loader and results.jsonl unchanged (property tests)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.bench.datasets import load_dataset
from summarize.bench.results import FactualityScores, ResultRow, ResultsLog
from summarize.evaluation.extractiveness import Extractiveness

text = st.text(min_size=1, max_size=200).filter(lambda s: s.strip() != "")
probability = st.floats(min_value=0, max_value=1)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(text, st.lists(text, max_size=3)), min_size=1, max_size=4))
def test_any_text_loads_back_exactly(rows):
    lines = [
        json.dumps({"id": f"r{i}", "source": source, "references": references}, ensure_ascii=False)
        for i, (source, references) in enumerate(rows)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        dataset = load_dataset(path)
    assert [row.source for row in dataset.rows] == [source for source, _ in rows]
    assert [row.references for row in dataset.rows] == [
        tuple(r for r in references if r.strip()) for _, references in rows
    ]
    assert [row.line for row in dataset.rows] == list(range(1, len(rows) + 1))


@settings(max_examples=60, deadline=None)
@given(
    summaries=st.lists(st.text(max_size=200), min_size=1, max_size=4),
    scores=st.tuples(probability, probability, st.booleans()),
)
def test_any_summary_is_written_and_read_back(summaries, scores):
    rows = [
        ResultRow(
            dataset="d",
            id=f"doc-{i}",
            method="m",
            status="ok",
            summary=summary,
            seconds=0.5,
            rouge={"rouge1": round(scores[0], 6), "rouge2": round(scores[1], 6)},
            factuality=FactualityScores(round(scores[1], 6), scores[2], 0),
            extractiveness=Extractiveness(1.0, 2.5, 3.0, {1: 0.0, 2: 0.25}),
        )
        for i, summary in enumerate(summaries)
    ]
    with tempfile.TemporaryDirectory() as folder:
        log = ResultsLog(Path(folder) / "results.jsonl")
        for row in rows:
            log.append(row)
        log.close()
        assert ResultsLog(log.path).load() == rows
        assert log.repaired_bytes == 0
