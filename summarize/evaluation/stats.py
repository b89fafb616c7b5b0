"""Corpus statistics over per-document scores: bootstrap confidence intervals and paired tests.

Both are seeded (``seed``), so the same scores give the same interval and p-value every run.

* :func:`bootstrap_ci` is the percentile bootstrap of the mean: resample the documents with
  replacement ``resamples`` times, take the mean of each resample, and report the
  ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of those means.
* :func:`paired_test` is a paired permutation (sign-flip) test of "systems A and B score the
  same on average": under that hypothesis each document's difference ``a[i] - b[i]`` is as
  likely to have either sign, so the p-value is the share of random sign flips whose mean
  difference is at least as far from 0 as the observed one, counted as
  ``(hits + 1) / (resamples + 1)`` so it is never 0 (Phipson and Smyth 2010). Two-sided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarize.errors import ParameterError

__all__ = ["Interval", "bootstrap_ci", "bootstrap_cis", "paired_test"]

_CHUNK_CELLS = 4_000_000  # resamples x documents per numpy block, to bound memory


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean and its confidence interval ``[low, high]``."""

    mean: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        """``{"mean": ..., "low": ..., "high": ...}`` for JSON."""
        return {"mean": self.mean, "low": self.low, "high": self.high}


def _as_array(values: Sequence[float], name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ParameterError(f"{name} must be a flat sequence of numbers")
    if not np.all(np.isfinite(array)):
        raise ParameterError(f"{name} holds a value that is not a finite number")
    return array


def _check_resamples(resamples: int) -> None:
    if resamples < 1:
        raise ParameterError(f"resamples must be at least 1, not {resamples}")


def bootstrap_ci(
    values: Sequence[float], *, confidence: float = 0.95, resamples: int = 1000, seed: int = 0
) -> Interval:
    """The mean of ``values`` with its percentile-bootstrap confidence interval.

    ``confidence`` is in [0, 1], as in rouge-score's ``BootstrapAggregator``: 0 gives the
    zero-width interval ``low = mean = high``, 1 the lowest and highest resampled means. One
    value gives a zero-width interval; no values is a :class:`ParameterError`.
    """
    array = _as_array(values, "values")
    if array.size == 0:
        raise ParameterError("no values to average")
    if isinstance(confidence, bool) or not 0 <= confidence <= 1:
        raise ParameterError(f"confidence must be from 0 to 1, not {confidence}")
    _check_resamples(resamples)
    mean = float(array.mean())
    if array.size == 1 or confidence == 0:
        return Interval(mean, mean, mean)
    rng = np.random.default_rng(seed)
    means = np.empty(resamples)
    step = max(1, _CHUNK_CELLS // array.size)
    for start in range(0, resamples, step):
        stop = min(start + step, resamples)
        picks = rng.integers(0, array.size, size=(stop - start, array.size))
        means[start:stop] = array[picks].mean(axis=1)
    tail = (1 - confidence) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    # A mean of identical values must not drift out of its own interval by rounding.
    return Interval(mean, min(float(low), mean), max(float(high), mean))


def paired_test(
    a: Sequence[float], b: Sequence[float], *, resamples: int = 10000, seed: int = 0
) -> float:
    """Two-sided p-value that systems A and B (scored on the same documents) are equally good."""
    first = _as_array(a, "a")
    second = _as_array(b, "b")
    if first.size != second.size:
        raise ParameterError(
            f"paired scores need the same documents: {first.size} scores for a, {second.size} for b"
        )
    if first.size == 0:
        raise ParameterError("no paired scores to compare")
    _check_resamples(resamples)
    differences = first - second
    observed = abs(differences.mean())
    if observed == 0:
        return 1.0
    rng = np.random.default_rng(seed)
    # Means of flipped differences that differ from |observed| by rounding only count as ties.
    threshold = observed * (1 - 1e-12)
    hits = 0
    step = max(1, _CHUNK_CELLS // differences.size)
    for start in range(0, resamples, step):
        count = min(step, resamples - start)
        signs = rng.integers(0, 2, size=(count, differences.size)) * 2 - 1
        flipped = np.abs(signs @ differences) / differences.size
        hits += int(np.count_nonzero(flipped >= threshold))
    return (hits + 1) / (resamples + 1)


def bootstrap_cis(
    columns: Sequence[Sequence[float]],
    *,
    confidence: float = 0.95,
    resamples: int = 1000,
    seed: int = 0,
) -> list[Interval]:
    """:func:`bootstrap_ci` of several metrics measured on the same documents, in one pass.

    Every column is resampled with the very same document picks as :func:`bootstrap_ci`
    would draw for it alone (same ``seed``), so the intervals agree with it up to the
    rounding of a sum; drawing the picks once and weighting all columns with one matrix
    product makes a corpus of many metrics several times faster.
    """
    if not columns:
        return []
    table = np.stack([_as_array(column, "values") for column in columns], axis=1)
    size = table.shape[0]
    if size == 0:
        raise ParameterError("no values to average")
    if isinstance(confidence, bool) or not 0 <= confidence <= 1:
        raise ParameterError(f"confidence must be from 0 to 1, not {confidence}")
    _check_resamples(resamples)
    means_of_columns = table.mean(axis=0)
    if size == 1 or confidence == 0:
        return [Interval(float(m), float(m), float(m)) for m in means_of_columns]
    rng = np.random.default_rng(seed)
    means = np.empty((resamples, table.shape[1]))
    step = max(1, _CHUNK_CELLS // size)
    for start in range(0, resamples, step):
        stop = min(start + step, resamples)
        picks = rng.integers(0, size, size=(stop - start, size))
        offsets = (picks + np.arange(stop - start)[:, None] * size).ravel()
        weights = np.bincount(offsets, minlength=(stop - start) * size).reshape(-1, size)
        means[start:stop] = (weights @ table) / size
    tail = (1 - confidence) / 2
    lows, highs = np.quantile(means, [tail, 1 - tail], axis=0)
    intervals = []
    for mean, low, high in zip(means_of_columns, lows, highs, strict=True):
        mean = float(mean)
        intervals.append(Interval(mean, min(float(low), mean), max(float(high), mean)))
    return intervals
