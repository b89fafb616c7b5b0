"""The calibrated factuality model: a logistic regression over the features of
:mod:`summarize.evaluation.features`, fitted by ``benchmarks/fit_factuality.py`` and shipped
as package data (``factuality_model.json``).

The coefficients apply to standardized features; everything is plain numpy, so scoring a
summary costs a dot product.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from summarize.errors import ParameterError

__all__ = ["MODEL_PATH", "LogisticModel", "default_model", "fit_logistic"]

MODEL_PATH = Path(__file__).with_name("factuality_model.json")
"""Where the shipped coefficients live (package data)."""


@dataclass(frozen=True)
class LogisticModel:
    """P(consistent) = sigmoid(intercept + coefficients . (x - mean) / scale)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float
    """Scores at or above this are labelled consistent (picked on pooled dev data)."""
    provenance: dict[str, Any] = field(default_factory=dict)
    """How it was fitted: seed, data, settings and the leave-one-source-out table."""

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(consistent) for each row of ``x`` (columns in the order of :attr:`features`)."""
        z = (np.asarray(x, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = z @ np.asarray(self.coefficients) + self.intercept
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        return probabilities

    def probability(self, values: Sequence[float]) -> float:
        """P(consistent) for one feature vector."""
        return float(self.probabilities(np.asarray([values], dtype=float))[0])

    def to_dict(self) -> dict[str, Any]:
        """JSON form (what ``factuality_model.json`` holds)."""
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coefficients": list(self.coefficients),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "provenance": self.provenance,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogisticModel:
        """Read the JSON form back; a malformed file is a :class:`ParameterError`."""
        try:
            features = tuple(str(f) for f in data["features"])
            model = cls(
                features,
                tuple(float(v) for v in data["mean"]),
                tuple(float(v) for v in data["scale"]),
                tuple(float(v) for v in data["coefficients"]),
                float(data["intercept"]),
                float(data["threshold"]),
                dict(data.get("provenance", {})),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ParameterError(f"malformed factuality model: {error}") from error
        if not len(model.mean) == len(model.scale) == len(model.coefficients) == len(features):
            raise ParameterError("malformed factuality model: lengths differ")
        return model


@lru_cache(maxsize=1)
def default_model() -> LogisticModel:
    """The shipped model (read once)."""
    return LogisticModel.from_dict(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def fit_logistic(
    x: np.ndarray,
    labels: np.ndarray,
    weights: np.ndarray,
    features: Sequence[str],
    *,
    l2: float = 1.0,
    iterations: int = 50,
) -> LogisticModel:
    """Weighted, L2-regularised logistic regression by Newton's method on standardized ``x``."""
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    y = np.asarray(labels, dtype=float)
    w = np.asarray(weights, dtype=float)
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30.0, 30.0)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return LogisticModel(
        tuple(features),
        tuple(float(v) for v in mean),
        tuple(float(v) for v in scale),
        tuple(float(v) for v in beta[1:]),
        float(beta[0]),
        0.5,
    )
