"""The position-aware method: better than lead-3 on the news dev sets, and sane on its own."""

from __future__ import annotations

import json

import numpy as np
import pytest
from rouge_score import rouge_scorer

from summarize.document import Document
from summarize.errors import ParameterError
from summarize.summarizers.base import Budget, select_sentences
from summarize.summarizers.lead import LeadSummarizer
from summarize.summarizers.position import PositionSummarizer
from tests.conftest import SHARED_DATA

SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


def mean_rouge(summarizer, rows) -> dict[str, float]:
    """Mean multi-reference (best reference) ROUGE F1 at 3 sentences."""
    totals = {"rouge1": 0.0, "rouge2": 0.0}
    for document, references in rows:
        briefing = summarizer.summarize(document, Budget(sentences=3))
        summary = "\n".join(s.text for s in briefing.sentences)
        scores = [SCORER.score(reference, summary) for reference in references]
        for key in totals:
            totals[key] += max(score[key].fmeasure for score in scores)
    return {key: value / len(rows) for key, value in totals.items()}


@pytest.mark.parametrize("name", ["cnndm_summeval_dev.jsonl", "news_writer_summaries.jsonl"])
def test_beats_lead_three_on_rouge_1_and_2(name):
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.fail(f"shared data not found at {path}; clone the repo beside ../shared")
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows.append((Document.from_text(row["source"]), row["references"]))
    lead = mean_rouge(LeadSummarizer(), rows)
    ours = mean_rouge(PositionSummarizer(), rows)
    assert ours["rouge1"] > lead["rouge1"]
    assert ours["rouge2"] > lead["rouge2"]


def test_a_repeat_of_the_lead_does_not_take_a_second_place():
    text = (
        "Floods closed the main bridge into the city on Friday morning. "
        "Floods closed the main bridge into the city on Friday, officials said. "
        "Schools in three districts will stay shut until the water recedes. "
        "The bridge carries forty thousand cars a day into the city centre. "
        "Engineers will inspect the bridge once the floods recede."
    )
    document = Document.from_text(text, clean=False)
    picked = PositionSummarizer().summarize(document, Budget(sentences=2)).sentences
    assert picked[0].source_sentences == (0,)
    assert picked[1].source_sentences != (1,)
    lead = LeadSummarizer().summarize(document, Budget(sentences=2)).sentences
    assert [s.source_sentences for s in lead] == [(0,), (1,)]


def test_the_budgeted_greedy_picks_what_the_full_ranking_picks(news_articles):
    method = PositionSummarizer()
    budgets = [Budget(sentences=1), Budget(sentences=4), Budget(words=25), Budget(words=90),
               Budget(ratio=0.3)]  # fmt: skip
    for document in news_articles[:10]:
        full = method.score(document)
        assert np.isfinite(full).all()
        for budget in budgets:
            expected = select_sentences(document, full, budget)
            got = method.summarize(document, budget)
            assert [(s.source_sentences[0], s.end) for s in got.sentences] == expected


@pytest.mark.parametrize(
    "params",
    [{"position_weight": -1}, {"position_decay": 0}, {"threshold": 1.0}, {"redundancy": "x"},
     {"position_weight": float("inf")}, {"threshold": True}],
)  # fmt: skip
def test_bad_parameters_are_parameter_errors(params):
    with pytest.raises(ParameterError):
        PositionSummarizer(**params)


def test_params_are_recorded_in_the_briefing():
    document = Document.from_text("One fact here. Another fact there. A third fact again.")
    briefing = PositionSummarizer(redundancy=0.5).summarize(document, Budget(sentences=2))
    assert briefing.method == "position"
    assert briefing.params["redundancy"] == 0.5
