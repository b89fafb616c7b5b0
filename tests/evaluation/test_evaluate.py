"""summarize.evaluate: one call, every score its inputs allow, typed and JSON-ready."""

from __future__ import annotations

import json

import pytest

import summarize
from summarize.errors import EmptyDocumentError, InputError, ParameterError
from summarize.evaluation import CorpusStatistics, Evaluator, RougeScorer

SOURCE = (
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday. "
    "They discussed trade and the war in Ukraine."
)


def test_references_only_gives_rouge_only():
    result = summarize.evaluate("Merkel met Macron in Paris.", references=["Merkel met Macron."])
    assert isinstance(result, summarize.Evaluation)
    assert result.factuality is None and result.extractiveness is None
    assert isinstance(result.rouge["rouge1"], summarize.Score)
    assert result.rouge == RougeScorer().score_multi(
        ["Merkel met Macron."], "Merkel met Macron in Paris."
    )
    assert set(result.to_dict()) == {"rouge", "tokenizer"}


def test_source_gives_factuality_with_the_unsupported_spans():
    result = summarize.evaluate("Merkel met Macron in Berlin on Friday.", source=SOURCE)
    assert result.rouge is None
    assert result.factuality is not None and not result.factuality.label
    data = json.loads(json.dumps(result.to_dict()))
    unsupported = data["factuality"]["unsupported"]
    spans = {issue["span"] for sentence in unsupported for issue in sentence["issues"]}
    assert {"Berlin", "Friday"} <= spans
    assert unsupported[0]["evidence"] == [0]
    assert 0 < data["extractiveness"]["coverage"] < 1


def test_a_faithful_copy_is_consistent_and_fully_extractive():
    result = summarize.evaluate("Merkel met Macron in Paris on Monday.", [SOURCE], source=SOURCE)
    assert result.factuality.label
    assert result.to_dict()["factuality"]["unsupported"] == []
    assert result.extractiveness.coverage == 1.0
    assert result.rouge["rouge1"].precision == 1.0


def test_empty_summary_and_references_score_zero():
    result = summarize.evaluate("", references=["", "a reference"])
    assert all(score.fmeasure == 0.0 for score in result.rouge.values())
    assert summarize.evaluate("text", references=[""]).rouge["rougeL"].fmeasure == 0.0


def test_bad_input_raises_typed_errors():
    with pytest.raises(InputError, match="list"):
        summarize.evaluate("a", references="one string")
    with pytest.raises(EmptyDocumentError):
        summarize.evaluate("a", source="   ")
    with pytest.raises(ParameterError):
        Evaluator(aggregate="median")


def test_mean_over_references_and_no_stemming():
    references = ["the cats ran", "dogs barked loudly"]
    best = summarize.evaluate("the cats ran", references)
    mean = summarize.evaluate("the cats ran", references, aggregate="mean")
    assert best.rouge["rouge1"].fmeasure == 1.0
    assert mean.rouge["rouge1"].fmeasure == pytest.approx(0.5)
    stemmed = summarize.evaluate("the cat runs", ["the cats ran running"])
    plain = summarize.evaluate("the cat runs", ["the cats ran running"], use_stemmer=False)
    assert stemmed.rouge["rouge1"].fmeasure > plain.rouge["rouge1"].fmeasure


def test_corpus_statistics_give_means_with_intervals():
    statistics = CorpusStatistics()
    statistics.extend(
        summarize.evaluate(s, ["the cat sat on the mat"]) for s in ["the cat", "a mat", "sat on it"]
    )
    by_name = {m.name: m for m in statistics.summary()}
    f1 = by_name["rouge1.fmeasure"]
    assert f1.count == 3
    assert f1.interval.low <= f1.interval.mean <= f1.interval.high
    assert f1.to_dict()["count"] == 3
    assert "factuality.score" not in by_name
