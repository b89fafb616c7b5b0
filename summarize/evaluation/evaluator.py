"""One summary scored every way it can be: ROUGE against references, factuality and
extractiveness against its source; and the corpus means of many such scores with 95% CIs.

>>> result = evaluate("Modi called Putin.", references=["Modi phoned Putin on Tuesday."])
>>> round(result.rouge["rouge1"].fmeasure, 3)
0.5
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from summarize.errors import (
    EmptyDocumentError,
    InputError,
    ParameterError,
    PluginError,
    SummarizeError,
)
from summarize.evaluation.extractiveness import Extractiveness, extractiveness
from summarize.evaluation.factuality import FactualityChecker, FactualityResult
from summarize.evaluation.rouge import ROUGE_TYPES, RougeScorer, Score
from summarize.evaluation.stats import Interval, bootstrap_cis
from summarize.evaluation.tokenize import TOKENIZERS, UnicodeTokenizer, choose_tokenizer

if TYPE_CHECKING:
    from summarize.checkers import Checker, CheckResult

__all__ = [
    "DEFAULT_CHECKER",
    "CorpusStatistics",
    "Evaluation",
    "Evaluator",
    "MetricSummary",
    "evaluate",
]

DEFAULT_CHECKER = "rules"
"""The factuality checker used unless another is named: the offline rules."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The scores of one summary; a part is ``None`` when its input (references, source) is absent."""

    rouge: dict[str, Score] | None
    factuality: FactualityResult | CheckResult | None
    """The checker's verdict: a :class:`FactualityResult` from ``rules``, or whatever
    :class:`~summarize.checkers.CheckResult` another checker returns."""
    extractiveness: Extractiveness | None
    tokenizer: str | None = None
    """Which tokenizer ROUGE used: ``rouge-score`` or ``unicode`` (``None`` without ROUGE)."""
    checker: str | None = None
    """The name of the checker that judged factuality (``None`` without a source)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON form: only the parts that were computed (see ``docs/evaluation.md``).

        ``factuality`` holds ``checker`` (its name), ``score`` and ``label`` (true =
        consistent); from ``rules`` also ``threshold`` and ``unsupported``: the summary
        sentences judged unsupported, each with its offsets, score, evidence (source sentence
        indices and offsets) and issues; from any other checker, ``details``: its own
        ``to_dict()``.
        """
        result: dict[str, Any] = {}
        if self.rouge is not None:
            result["rouge"] = {name: score.to_dict() for name, score in self.rouge.items()}
            result["tokenizer"] = self.tokenizer
        if isinstance(self.factuality, FactualityResult):
            result["factuality"] = {
                "checker": self.checker or DEFAULT_CHECKER,
                "score": self.factuality.score,
                "label": self.factuality.label,
                "threshold": self.factuality.threshold,
                "unsupported": [
                    sentence.to_dict()
                    for sentence in self.factuality.sentences
                    if not sentence.supported
                ],
            }
        elif self.factuality is not None:
            result["factuality"] = {
                "checker": self.checker,
                "score": float(self.factuality.score),
                "label": bool(self.factuality.label),
                "details": self.factuality.to_dict(),
            }
        if self.extractiveness is not None:
            result["extractiveness"] = self.extractiveness.to_dict()
        return result

    def metrics(self) -> dict[str, float]:
        """Every number as a flat ``name -> value`` map (``rouge1.fmeasure``, ``factuality.score``...)."""
        values: dict[str, float] = {}
        if self.rouge is not None:
            for name, score in self.rouge.items():
                values[f"{name}.precision"] = score.precision
                values[f"{name}.recall"] = score.recall
                values[f"{name}.fmeasure"] = score.fmeasure
        if self.factuality is not None:
            values["factuality.score"] = self.factuality.score
            values["factuality.consistent"] = float(self.factuality.label)
        if self.extractiveness is not None:
            for name, value in self.extractiveness.metrics().items():
                values[f"extractiveness.{name}"] = value
        return values


class Evaluator:
    """Scores many summaries with one set of settings, reusing tokenization caches.

    ``aggregate`` combines several references: ``"max"`` (best reference per ROUGE type by
    F1, as rouge-score's ``score_multi``) or ``"mean"``.

    ``tokenizer`` is ``"auto"`` (rouge-score's rules whenever they can tokenize the summary
    and its references, else the Unicode tokenizer; see
    :func:`~summarize.evaluation.tokenize.choose_tokenizer`), ``"rouge-score"`` or ``"unicode"``.

    ``checker`` names the factuality checker (``summarize checkers`` lists them: ``rules``,
    ``llm``, and any plugin of the ``summarize.checkers`` entry-point group), built with
    ``checker_params``. An unknown name raises
    :class:`~summarize.errors.UnknownCheckerError` here, not at the first summary. The
    checker itself is built on first use in each process, so an Evaluator can be sent to
    worker processes whatever the checker holds (a network client, a model).
    """

    def __init__(
        self,
        *,
        use_stemmer: bool = True,
        aggregate: str = "max",
        rouge_types: Sequence[str] = ROUGE_TYPES,
        tokenizer: str = "auto",
        checker: str = DEFAULT_CHECKER,
        checker_params: Mapping[str, Any] | None = None,
    ) -> None:
        if tokenizer not in TOKENIZERS:
            raise ParameterError(
                f"unknown tokenizer {tokenizer!r} (choose from {', '.join(TOKENIZERS)})"
            )
        self.tokenizer = tokenizer
        self.scorer = RougeScorer(rouge_types, use_stemmer=use_stemmer)
        self.unicode_scorer = RougeScorer(
            rouge_types, use_stemmer=use_stemmer, tokenizer=UnicodeTokenizer(use_stemmer)
        )
        self.aggregate = aggregate
        # Fail now, not at the first summary with references.
        self.scorer.score_multi([], "", aggregate=aggregate)
        self._checker: tuple[str, FactualityChecker] | None = None
        """The last source's checker: several summaries of one source analyse it once."""
        self.checker = checker
        self.checker_params = dict(checker_params or {})
        self._plugin: Checker | None = None
        # An unknown name or parameter fails now; the checker is built where it is used.
        from summarize.checkers import RulesChecker, default_checkers
        from summarize.parameters import check_parameters

        # The built-in default needs no plugin discovery (an entry-point scan per process).
        factory = (
            RulesChecker if checker == DEFAULT_CHECKER else default_checkers().factory(checker)
        )
        check_parameters(checker, factory, self.checker_params, see="summarize checkers")
        if checker == DEFAULT_CHECKER:
            FactualityChecker("x", **self.checker_params)  # and a threshold outside [0, 1]

    def evaluate(
        self, summary: str, references: Sequence[str] = (), source: str | None = None
    ) -> Evaluation:
        """Score ``summary``: ROUGE if there are ``references``, the rest if there is a ``source``.

        Empty summaries and references score 0; an empty (blank) source is an
        :class:`~summarize.errors.EmptyDocumentError`.
        """
        if not isinstance(summary, str):
            raise InputError(f"the summary must be text, not {type(summary).__name__}")
        if isinstance(references, str) or not all(isinstance(r, str) for r in references):
            raise InputError("references must be a list of texts")
        rouge = None
        tokenizer = None
        if references:
            tokenizer = self.tokenizer
            if tokenizer == "auto":
                tokenizer = choose_tokenizer([summary, *references])
            scorer = self.unicode_scorer if tokenizer == "unicode" else self.scorer
            rouge = scorer.score_multi(references, summary, aggregate=self.aggregate)
        factuality: FactualityResult | CheckResult | None = None
        extractive = None
        if source is not None:
            if not isinstance(source, str):
                raise InputError(f"the source must be text, not {type(source).__name__}")
            if not source.strip():
                raise EmptyDocumentError("the source is empty (leave it out to skip its checks)")
            if self.checker == DEFAULT_CHECKER:
                factuality = self._checker_for(source).check(summary)
            else:
                factuality = self._check_with_plugin(summary, source)
            extractive = extractiveness(summary, source)
        checker = self.checker if source is not None else None
        return Evaluation(rouge, factuality, extractive, tokenizer, checker)

    def _checker_for(self, source: str) -> FactualityChecker:
        if self._checker is None or self._checker[0] != source:
            self._checker = (source, FactualityChecker(source, **self.checker_params))
        return self._checker[1]

    def _check_with_plugin(self, summary: str, source: str) -> CheckResult:
        """Another checker's verdict, checked: a score in [0, 1], a label and JSON details
        (``to_dict()``), or a PluginError naming the checker."""
        if self._plugin is None:
            from summarize.checkers import default_checkers

            self._plugin = default_checkers().get(self.checker, **self.checker_params)
        try:
            result = self._plugin.check(summary, source)
            score = float(result.score)
            label = result.label
        except SummarizeError:
            raise
        except Exception as exc:  # a plugin's bug is a row error, not a crash
            raise PluginError(
                f"checker '{self.checker}' failed: {type(exc).__name__}: {exc}"
            ) from exc
        if not math.isfinite(score) or not 0.0 <= score <= 1.0 or not isinstance(label, bool):
            raise PluginError(
                f"checker '{self.checker}' returned score={result.score!r}, "
                f"label={label!r}; expected a score in [0, 1] and a True/False label"
            )
        try:  # the details go into every scored row's JSON: refuse what cannot be written
            details = result.to_dict()
            json.dumps(details, allow_nan=False)
        except Exception as exc:
            raise PluginError(
                f"checker '{self.checker}' returned details that are not JSON: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if not isinstance(details, dict):
            raise PluginError(
                f"checker '{self.checker}' returned details that are not a JSON object "
                f"(to_dict() gave {type(details).__name__})"
            )
        return result

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes without the built checker (it may hold a network client).
        state = dict(self.__dict__)
        state["_plugin"] = None
        state["_checker"] = None
        return state


@lru_cache(maxsize=4)
def _evaluator(use_stemmer: bool, aggregate: str, tokenizer: str, checker: str) -> Evaluator:
    return Evaluator(
        use_stemmer=use_stemmer, aggregate=aggregate, tokenizer=tokenizer, checker=checker
    )


def evaluate(
    summary: str,
    references: Sequence[str] = (),
    source: str | None = None,
    *,
    use_stemmer: bool = True,
    aggregate: str = "max",
    tokenizer: str = "auto",
    checker: str = DEFAULT_CHECKER,
) -> Evaluation:
    """Score one summary against its references (ROUGE) and its source (factuality, judged
    by ``checker``, and extractiveness); see :class:`Evaluator` for many summaries."""
    return _evaluator(use_stemmer, aggregate, tokenizer, checker).evaluate(
        summary, references, source
    )


@dataclass(frozen=True, slots=True)
class MetricSummary:
    """The corpus mean of one metric, its 95% bootstrap interval, and how many documents had it."""

    name: str
    count: int
    interval: Interval

    def to_dict(self) -> dict[str, Any]:
        """``{"count": ..., "mean": ..., "low": ..., "high": ...}`` for JSON."""
        return {"count": self.count, **self.interval.to_dict()}


class CorpusStatistics:
    """Collects per-document metrics (8 bytes per number) and summarises them with CIs."""

    def __init__(self) -> None:
        self._values: dict[str, array[float]] = {}

    def add(self, evaluation: Evaluation) -> None:
        """Record the metrics of one document."""
        for name, value in evaluation.metrics().items():
            self._values.setdefault(name, array("d")).append(value)

    def merge(self, other: CorpusStatistics) -> None:
        """Record every document ``other`` recorded, after the ones here."""
        for name, values in other._values.items():
            self._values.setdefault(name, array("d")).extend(values)

    def extend(self, evaluations: Iterable[Evaluation]) -> None:
        """Record several documents."""
        for evaluation in evaluations:
            self.add(evaluation)

    def summary(
        self, *, confidence: float = 0.95, resamples: int = 1000, seed: int = 0
    ) -> list[MetricSummary]:
        """Mean and percentile-bootstrap interval of every metric seen, in first-seen order.

        Metrics seen on the same number of documents share their resamples (one pass each).
        """
        by_count: dict[int, list[str]] = {}
        for name, values in self._values.items():
            by_count.setdefault(len(values), []).append(name)
        intervals: dict[str, Interval] = {}
        for names in by_count.values():
            found = bootstrap_cis(
                [self._values[name] for name in names],
                confidence=confidence,
                resamples=resamples,
                seed=seed,
            )
            intervals.update(zip(names, found, strict=True))
        return [
            MetricSummary(name, len(values), intervals[name])
            for name, values in self._values.items()
        ]
