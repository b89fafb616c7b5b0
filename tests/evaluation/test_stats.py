"""Bootstrap intervals and the paired permutation test: seeded, sensible, and total."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.errors import ParameterError
from summarize.evaluation.stats import Interval, bootstrap_ci, bootstrap_cis, paired_test


def test_interval_holds_the_mean_and_shrinks_with_more_documents():
    rng = np.random.default_rng(1)
    small = bootstrap_ci(rng.uniform(0, 1, 30))
    large = bootstrap_ci(rng.uniform(0, 1, 3000))
    assert small.low < small.mean < small.high
    assert (large.high - large.low) < (small.high - small.low) / 5
    assert large.low < 0.5 < large.high


def test_interval_is_reproducible_and_depends_on_the_seed():
    values = [0.1, 0.5, 0.3, 0.9, 0.2, 0.4]
    assert bootstrap_ci(values, seed=3) == bootstrap_ci(values, seed=3)
    assert bootstrap_ci(values, seed=3) != bootstrap_ci(values, seed=4)


def test_interval_covers_the_true_mean_about_95_percent_of_the_time():
    rng = np.random.default_rng(7)
    hits = 0
    for i in range(200):
        interval = bootstrap_ci(rng.normal(0.3, 0.1, 50), resamples=400, seed=i)
        hits += interval.low < 0.3 < interval.high
    assert 0.88 <= hits / 200 <= 0.99


def test_one_value_and_constant_values_give_a_point():
    assert bootstrap_ci([0.4]) == Interval(0.4, 0.4, 0.4)
    interval = bootstrap_ci([0.1] * 10)
    assert interval.low <= interval.mean <= interval.high
    assert interval.high - interval.low < 1e-12


@pytest.mark.parametrize(
    ("values", "kwargs"),
    [
        ([], {}),
        ([1.0, float("nan")], {}),
        ([1.0], {"confidence": 1.5}),
        ([1.0], {"confidence": -0.1}),
        ([1.0], {"resamples": 0}),
    ],
)
def test_bad_input_is_refused(values, kwargs):
    with pytest.raises(ParameterError):
        bootstrap_ci(values, **kwargs)


def test_a_clearly_better_system_gets_a_small_p_value():
    rng = np.random.default_rng(2)
    base = rng.uniform(0.2, 0.5, 200)
    better = base + rng.normal(0.03, 0.02, 200)
    p = paired_test(better, base)
    assert p < 0.001
    assert p == paired_test(base, better)  # two-sided


def test_systems_that_differ_by_noise_only_get_a_large_p_value():
    rng = np.random.default_rng(3)
    base = rng.uniform(0.2, 0.5, 200)
    same = base + rng.normal(0, 0.02, 200)
    assert paired_test(same - (same - base).mean(), base) > 0.5
    assert paired_test(base, base) == 1.0


def test_p_value_never_reaches_zero_and_is_seeded():
    a, b = [1.0] * 30, [0.0] * 30
    assert paired_test(a, b, resamples=99) == pytest.approx(1 / 100)
    assert paired_test([0.2, 0.5, 0.1], [0.1, 0.3, 0.3], seed=5) == paired_test(
        [0.2, 0.5, 0.1], [0.1, 0.3, 0.3], seed=5
    )


def test_paired_test_needs_the_same_documents():
    with pytest.raises(ParameterError, match="same documents"):
        paired_test([0.1, 0.2], [0.1])
    with pytest.raises(ParameterError):
        paired_test([], [])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=50))
def test_interval_stays_within_the_data(values):
    interval = bootstrap_ci(values, resamples=200)
    assert (
        min(values) - 1e-9 <= interval.low <= interval.mean <= interval.high <= max(values) + 1e-9
    )


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=40))
def test_p_value_is_a_probability(pairs):
    a, b = zip(*pairs, strict=True)
    assert 0 < paired_test(a, b, resamples=200) <= 1


def test_confidence_zero_and_one_work_as_in_rouge_score():
    from rouge_score.scoring import BootstrapAggregator, Score

    values = [0.1, 0.4, 0.35, 0.8, 0.2, 0.55]
    point = bootstrap_ci(values, confidence=0)
    assert point.low == point.mean == point.high == pytest.approx(np.mean(values))
    aggregator = BootstrapAggregator(confidence_interval=0)
    for value in values:
        aggregator.add_scores({"r": Score(value, value, value)})
    theirs = aggregator.aggregate()["r"]
    assert theirs.low.fmeasure == theirs.mid.fmeasure == theirs.high.fmeasure  # zero width too
    widest = bootstrap_ci(values, confidence=1)
    assert min(values) <= widest.low < point.mean < widest.high <= max(values)


@settings(max_examples=30, deadline=None)
@given(
    columns=st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(st.floats(0, 1), min_size=width, max_size=width), min_size=1, max_size=40
        )
    ),
    seed=st.integers(0, 100),
)
def test_many_columns_at_once_give_each_columns_own_interval(columns, seed):
    table = list(zip(*columns, strict=True))
    together = bootstrap_cis(table, resamples=120, seed=seed)
    for column, interval in zip(table, together, strict=True):
        alone = bootstrap_ci(column, resamples=120, seed=seed)
        assert interval.mean == pytest.approx(alone.mean, abs=1e-12)
        assert interval.low == pytest.approx(alone.low, abs=1e-12)
        assert interval.high == pytest.approx(alone.high, abs=1e-12)
