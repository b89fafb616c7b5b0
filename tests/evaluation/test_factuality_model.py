"""The calibrated score: the model fits and loads, the same pairs in two text styles get the
same verdict, and the Modi–Putin one-sentence summaries (tests/fixtures) are judged."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from summarize.errors import ParameterError
from summarize.evaluation.factuality import FactualityChecker
from summarize.evaluation.features import SUMMARY_FEATURES
from summarize.evaluation.model import LogisticModel, default_model, fit_logistic
from summarize.evaluation.style import detokenize, to_ptb

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "modi_putin_one_sentence.jsonl"


def test_fit_logistic_finds_the_separating_direction() -> None:
    generator = np.random.default_rng(0)
    x = generator.normal(size=(400, 2))
    labels = (x[:, 0] - 0.2 * x[:, 1] > 0).astype(int)
    model = fit_logistic(x, labels, np.ones(400), ("a", "b"), l2=0.1)
    assert model.coefficients[0] > 3 * abs(model.coefficients[1]) > 0  # true ratio: 5
    predicted = model.probabilities(x) >= 0.5
    assert np.mean(predicted == labels) > 0.95


def test_sample_weights_move_the_intercept() -> None:
    x = np.zeros((10, 1))
    labels = np.array([1] * 2 + [0] * 8)
    plain = fit_logistic(x, labels, np.ones(10), ("a",))
    balanced = fit_logistic(x, labels, np.where(labels == 1, 4.0, 1.0), ("a",))
    assert plain.probability([0.0]) == pytest.approx(0.2, abs=1e-3)
    assert balanced.probability([0.0]) == pytest.approx(0.5, abs=1e-3)


def test_model_round_trips_and_rejects_malformed_files() -> None:
    model = default_model()
    assert LogisticModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model
    with pytest.raises(ParameterError, match="malformed factuality model"):
        LogisticModel.from_dict({"features": ["a"], "mean": [0.0]})
    broken = {**model.to_dict(), "scale": [1.0]}
    with pytest.raises(ParameterError, match="lengths differ"):
        LogisticModel.from_dict(broken)


def test_shipped_model_is_documented_and_refittable() -> None:
    model = default_model()
    assert set(model.features) <= set(SUMMARY_FEATURES)
    assert 0.0 < model.threshold < 1.0
    provenance = model.provenance
    assert provenance["fitted_by"] == "benchmarks/fit_factuality.py"
    assert isinstance(provenance["seed"], int)
    held_out = {row["source"] for row in provenance["leave_one_source_out"]}
    assert held_out == {"FRANK-CNN/DM", "FRANK-XSum", "SummEval"}


def test_a_custom_model_replaces_the_shipped_one() -> None:
    model = default_model()
    always = LogisticModel(
        model.features, model.mean, model.scale, (0.0,) * len(model.features), 30.0, 0.5
    )
    result = FactualityChecker("Modi called Putin on Monday.", model=always).check(
        "Modi called Putin."
    )
    assert result.score == pytest.approx(1.0) and result.threshold == 0.5


# --- two text styles, one verdict ------------------------------------------------------------


def _restyled(text: str) -> str:
    tokenized = " 's " in text or " ." in text or "``" in text
    return detokenize(text) if tokenized else to_ptb(text)


def test_dev_pairs_get_the_same_verdict_in_both_styles(shared_data: Path) -> None:
    pairs = []
    for name in ("factuality_frank.jsonl", "factuality_summeval.jsonl"):
        with (shared_data / name).open(encoding="utf-8") as handle:
            pairs += [json.loads(line) for line in handle]
    with (shared_data / "news_writer_summaries.jsonl").open(encoding="utf-8") as handle:
        writers = [json.loads(line) for line in handle]
    sample = random.Random(7).sample(pairs, 60)
    cases = [(p["summary"], p["source"]) for p in sample]
    cases += [(w["references"][0], w["source"]) for w in writers[:30]]
    agree, change = [], []
    for summary, source in cases:
        first = FactualityChecker(source).check(summary)
        second = FactualityChecker(_restyled(source)).check(_restyled(summary))
        agree.append(first.label == second.label)
        change.append(abs(first.score - second.score))
    assert np.mean(agree) >= 0.95
    assert np.mean(change) <= 0.05


# --- the running example ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_rows() -> list[dict]:
    """26 one-sentence summaries of the Modi–Putin article: 16 planted errors, 10 faithful
    paraphrases (written for these tests from ../shared/data/modi_putin_call.txt)."""
    return [json.loads(line) for line in FIXTURE.open(encoding="utf-8")]


@pytest.fixture(scope="module")
def modi_checker(shared_data: Path) -> FactualityChecker:
    return FactualityChecker((shared_data / "modi_putin_call.txt").read_text(encoding="utf-8"))


def test_fixture_has_16_errors_and_10_paraphrases(fixture_rows: list[dict]) -> None:
    assert sum(not r["consistent"] for r in fixture_rows) == 16
    assert sum(r["consistent"] for r in fixture_rows) == 10


def test_rule_backed_planted_errors_are_caught_with_their_kind(
    fixture_rows: list[dict], modi_checker: FactualityChecker
) -> None:
    for row in fixture_rows:
        if row["kind"] in {"date", "number", "quote", "negation"} and not row["consistent"]:
            result = modi_checker.check(row["summary"])
            assert result.label is False, row["summary"]
            assert result.sentences[0].supported is False


def test_borrowed_date_names_its_evidence(modi_checker: FactualityChecker) -> None:
    result = modi_checker.check("Modi congratulated Putin on Monday on his re-election.")
    (issue,) = result.issues
    assert (issue.kind, issue.span) == ("date", "Monday")
    evidence = result.sentences[0].evidence_text[0]
    assert "Wednesday" in evidence and "Monday" not in evidence


def test_quote_in_the_wrong_mouth_is_an_attribution_error(
    modi_checker: FactualityChecker,
) -> None:
    result = modi_checker.check(
        'Putin said the two countries had agreed to "further deepen and expand the '
        'India-Russia Special & Privileged Strategic Partnership".'
    )
    assert [(i.kind, i.span) for i in result.issues] == [("attribution", "Putin")]
    assert result.label is False


def test_counts_on_the_running_example(
    fixture_rows: list[dict], modi_checker: FactualityChecker
) -> None:
    # The issue's floors (benchmarks/factuality.py prints the same counts; measured 13 and 10).
    caught = sum(
        not modi_checker.check(r["summary"]).label for r in fixture_rows if not r["consistent"]
    )
    passed = sum(modi_checker.check(r["summary"]).label for r in fixture_rows if r["consistent"])
    assert caught >= 13
    assert passed >= 8


def test_a_statement_given_to_another_speaker_of_the_source_is_an_attribution_error(
    modi_checker: FactualityChecker,
) -> None:
    # The source has the election commission announce the results and the Prime Minister's
    # Office state the agreement; swapping them is caught, the right one is not flagged.
    wrong = modi_checker.check(
        "The election commission stated that the two leaders agreed to remain in touch."
    )
    assert [(i.kind, i.span) for i in wrong.issues] == [("attribution", "election commission")]
    assert wrong.label is False
    right = modi_checker.check(
        "The Prime Minister's Office stated that the two leaders agreed to remain in touch."
    )
    assert right.issues == () and right.label is True


def test_one_sentence_summaries_are_marked_as_such_in_the_features(
    modi_checker: FactualityChecker,
) -> None:
    from summarize.evaluation.features import (
        SUMMARY_FEATURES,
        SourceIndex,
        analyse_sentence,
        summary_features,
    )

    index = SourceIndex(modi_checker.document)
    one = summary_features([analyse_sentence(index, "Modi called Putin.")])
    two = summary_features(
        [analyse_sentence(index, "Modi called Putin."), analyse_sentence(index, "They spoke.")]
    )
    single = SUMMARY_FEATURES.index("single_sentence")
    interaction = SUMMARY_FEATURES.index("single_novel_word")
    assert (one[single], two[single]) == (1.0, 0.0)
    assert two[interaction] == 0.0
