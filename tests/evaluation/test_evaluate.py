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


def test_the_default_checker_is_rules_and_is_recorded():
    evaluation = Evaluator().evaluate("Merkel met Macron in Berlin on Friday.", source=SOURCE)
    data = evaluation.to_dict()["factuality"]
    assert evaluation.checker == "rules" and data["checker"] == "rules"
    assert data["label"] is False and {"threshold", "unsupported"} <= set(data)
    assert Evaluator().evaluate("x", references=["x"]).checker is None  # no source, no checker


def test_a_plugin_checker_by_name_scores_factuality(checker_plugin):
    evaluator = Evaluator(checker="length", checker_params={"ratio": 0.5})
    long_summary = SOURCE[: len(SOURCE) // 2 + 10]
    short = evaluator.evaluate("Merkel met Macron.", source=SOURCE)
    long = evaluator.evaluate(long_summary, source=SOURCE)
    assert (short.factuality.score, short.factuality.label) == (1.0, True)
    assert (long.factuality.score, long.factuality.label) == (0.0, False)
    data = long.to_dict()["factuality"]
    assert data == {
        "checker": "length",
        "score": 0.0,
        "label": False,
        "details": {"score": 0.0, "label": False, "by": "length"},
    }
    assert long.metrics()["factuality.consistent"] == 0.0
    statistics = CorpusStatistics()
    statistics.extend([short, long])
    means = {m.name: m.interval.mean for m in statistics.summary(resamples=10)}
    assert means["factuality.score"] == 0.5
    json.dumps(long.to_dict())


def test_a_copy_of_the_evaluator_builds_its_own_checker_by_name(checker_plugin):
    import pickle

    evaluator = Evaluator(checker="length", checker_params={"ratio": 0.5})
    copy = pickle.loads(pickle.dumps(evaluator))
    assert copy.checker is not evaluator.checker
    assert type(copy.checker).__name__ == "LengthChecker" and copy.checker.ratio == 0.5
    assert (
        copy.evaluate("Merkel met Macron.", source=SOURCE).to_dict()
        == evaluator.evaluate("Merkel met Macron.", source=SOURCE).to_dict()
    )


def test_a_ready_checker_object_is_used_as_given():
    from tests.plugins.checkers import Verdict

    class Always:
        name = "always"

        def check(self, summary, source):
            return Verdict(1.0, True)

    evaluation = Evaluator(checker=Always()).evaluate("Anything at all.", source=SOURCE)
    assert evaluation.checker == "always" and evaluation.factuality == Verdict(1.0, True)
    with pytest.raises(ParameterError, match="checker_params go with a checker name"):
        Evaluator(checker=Always(), checker_params={"x": 1})


def test_an_unknown_checker_fails_before_any_scoring():
    with pytest.raises(summarize.UnknownCheckerError, match="did you mean 'rules'"):
        Evaluator(checker="rulez")
    with pytest.raises(ParameterError, match="bad parameters for checker 'rules'"):
        Evaluator(checker="rules", checker_params={"treshold": 0.5})


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("nan", "checker 'unruly' returned score nan; a score is in [0, 1]"),
        ("range", "checker 'unruly' returned score 1.5"),
        ("raise", "checker 'unruly' failed: ValueError: the model ran out of patience"),
        ("label", "checker 'unruly' returned no true/false label"),
        ("details", "checker 'unruly' returned details that are not JSON"),
    ],
)
def test_a_misbehaving_plugin_is_an_error_naming_it(checker_plugin, mode, message):
    evaluator = Evaluator(checker="unruly", checker_params={"mode": mode})
    with pytest.raises(summarize.PluginError) as error:
        evaluator.evaluate("Merkel met Macron.", source=SOURCE)
    assert message in str(error.value)


def test_a_copy_drops_the_live_checker_of_a_named_one_only():
    import copy

    named = Evaluator()
    assert copy.copy(named).checker is not named.checker
    given = Evaluator(checker=named.checker)
    assert copy.copy(given).checker is named.checker  # not ours to rebuild
