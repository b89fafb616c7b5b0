"""TEMPORARY shim: the evaluation functions the benchmark uses, until summarize.evaluation lands.

Every name here comes from ``summarize.evaluation`` when that package is installed; the
fallbacks below exist only while it is being written, and this module is deleted then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

try:
    from summarize.evaluation.rouge import normalize_ptb
except ImportError:  # pragma: no cover - temporary
    _PTB_BRACKETS = {
        "-lrb-": "(",
        "-rrb-": ")",
        "-lsb-": "[",
        "-rsb-": "]",
        "-lcb-": "{",
        "-rcb-": "}",
    }

    def normalize_ptb(text: str) -> str:
        """Undo the commonest PTB tokenization artefacts."""
        for token, char in _PTB_BRACKETS.items():
            text = re.sub(re.escape(token), char, text, flags=re.IGNORECASE)
        text = text.replace("``", '"').replace("''", '"')
        text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text, flags=re.IGNORECASE)
        text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
        text = re.sub(r"([(\[{$]) ", r"\1", text)
        return text


@dataclass(frozen=True)
class FallbackScore:
    """precision / recall / fmeasure, as in rouge_score."""

    precision: float
    recall: float
    fmeasure: float


class _CachingTokenizer:
    """rouge_score's default tokenizer, remembering texts (references recur for every method)."""

    def __init__(self) -> None:
        from functools import lru_cache

        from rouge_score import tokenizers

        self._tokenize = lru_cache(maxsize=8192)(tokenizers.DefaultTokenizer(True).tokenize)

    def tokenize(self, text: str) -> list[str]:
        return self._tokenize(text)


_SCORER = None


def rouge_max(references: Sequence[str], summary: str) -> dict[str, FallbackScore]:
    """ROUGE-1/2/L/Lsum F1 against the best reference per type (rouge_score fallback)."""
    global _SCORER
    from rouge_score import rouge_scorer

    from summarize.text import sentence_spans

    if _SCORER is None:
        _SCORER = rouge_scorer.RougeScorer(
            ["rouge1", "rouge2", "rougeL", "rougeLsum"], tokenizer=_CachingTokenizer()
        )

    def lines(text: str) -> str:
        return "\n".join(text[s:e] for s, e in sentence_spans(text))

    best: dict[str, FallbackScore] = {}
    for reference in references:
        for kind, score in _SCORER.score(lines(reference), lines(summary)).items():
            if kind not in best or score.fmeasure > best[kind].fmeasure:
                best[kind] = FallbackScore(score.precision, score.recall, score.fmeasure)
    return best


try:
    from summarize.evaluation.stats import bootstrap_ci, paired_test
except ImportError:  # pragma: no cover - temporary
    import numpy as np

    @dataclass(frozen=True)
    class FallbackInterval:
        """mean with a percentile-bootstrap interval."""

        mean: float
        low: float
        high: float

    def bootstrap_ci(values, *, confidence=0.95, resamples=1000, seed=0):  # type: ignore[no-untyped-def]
        """Percentile bootstrap of the mean."""
        data = np.asarray(list(values), dtype=float)
        if data.size == 0:
            return FallbackInterval(0.0, 0.0, 0.0)
        rng = np.random.default_rng(seed)
        means = data[rng.integers(0, data.size, (resamples, data.size))].mean(axis=1)
        tail = (1 - confidence) / 2 * 100
        low, high = np.percentile(means, [tail, 100 - tail])
        return FallbackInterval(float(data.mean()), float(low), float(high))

    def paired_test(a, b, *, resamples=10000, seed=0):  # type: ignore[no-untyped-def]
        """Two-sided paired permutation (sign-flip) test."""
        diff = np.asarray(list(a), dtype=float) - np.asarray(list(b), dtype=float)
        if diff.size == 0 or not np.any(diff):
            return 1.0
        rng = np.random.default_rng(seed)
        signs = rng.choice([-1.0, 1.0], size=(resamples, diff.size))
        observed = abs(diff.mean())
        extreme = np.sum(np.abs((signs * diff).mean(axis=1)) >= observed - 1e-12)
        return float((extreme + 1) / (resamples + 1))


def rouge_f1(references: Sequence[str], summary: str) -> dict[str, float]:
    """F1 per ROUGE type against the best reference (the one function to swap for RougeScorer)."""
    try:
        from summarize.evaluation.rouge import RougeScorer
    except ImportError:  # pragma: no cover - temporary
        return {kind: score.fmeasure for kind, score in rouge_max(references, summary).items()}
    scores = RougeScorer(use_stemmer=True).score_multi(references, summary, aggregate="max")
    return {kind: score.fmeasure for kind, score in scores.items()}


def factuality_checker(source: str):  # type: ignore[no-untyped-def]
    """A FactualityChecker for ``source``, or None while the module is missing."""
    try:
        from summarize.evaluation.factuality import FactualityChecker
    except ImportError:  # pragma: no cover - temporary
        return None
    return FactualityChecker(source)


def extractiveness(summary: str, source: str):  # type: ignore[no-untyped-def]
    """Extractiveness of ``summary``, or None while the module is missing."""
    try:
        from summarize.evaluation.extractiveness import extractiveness as measure
    except ImportError:  # pragma: no cover - temporary
        return None
    return measure(summary, source)
