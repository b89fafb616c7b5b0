"""One summary scored every way it can be: ROUGE against references, factuality and
extractiveness against its source; and the corpus means of many such scores with 95% CIs.

>>> result = evaluate("Modi called Putin.", references=["Modi phoned Putin on Tuesday."])
>>> round(result.rouge["rouge1"].fmeasure, 3)
0.5
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from summarize.checkers import Checker, CheckerSpec, CheckResult, run_check
from summarize.errors import EmptyDocumentError, InputError, ParameterError
from summarize.evaluation.extractiveness import Extractiveness, extractiveness
from summarize.evaluation.factuality import FactualityResult
from summarize.evaluation.rouge import ROUGE_TYPES, RougeScorer, Score
from summarize.evaluation.stats import Interval, bootstrap_cis
from summarize.evaluation.tokenize import TOKENIZERS, UnicodeTokenizer, choose_tokenizer

__all__ = ["CorpusStatistics", "Evaluation", "Evaluator", "MetricSummary", "evaluate"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The scores of one summary; a part is ``None`` when its input (references, source) is absent."""

    rouge: dict[str, Score] | None
    factuality: CheckResult | None
    """What the checker returned: a :class:`~summarize.evaluation.factuality.FactualityResult`
    for ``rules``, whatever :class:`~summarize.checkers.CheckResult` another checker gives."""
    extractiveness: Extractiveness | None
    tokenizer: str | None = None
    """Which tokenizer ROUGE used: ``rouge-score`` or ``unicode`` (``None`` without ROUGE)."""
    checker: str | None = None
    """The name of the checker that produced ``factuality`` (``None`` without it)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON form: only the parts that were computed (see ``docs/evaluation.md``).

        ``factuality`` holds ``checker`` (its name), ``score`` and ``label`` (true =
        consistent). From ``rules`` also ``threshold`` and ``unsupported``: the summary
        sentences judged unsupported, each with its offsets, score, evidence (source sentence
        indices and offsets) and issues. From any other checker ``details``: its own
        ``to_dict()``.
        """
        result: dict[str, Any] = {}
        if self.rouge is not None:
            result["rouge"] = {name: score.to_dict() for name, score in self.rouge.items()}
            result["tokenizer"] = self.tokenizer
        if self.factuality is not None:
            result["factuality"] = _factuality_dict(self.checker, self.factuality)
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
            values["factuality.score"] = float(self.factuality.score)
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

    ``checker`` judges factuality: the name of an installed checker (``"rules"``, the offline
    default; ``"llm"``; a plugin's, see ``summarize checkers``) built with ``checker_params``,
    or a ready object with ``check(summary, source)``. A checker given by name is not pickled:
    a copy of the evaluator (e.g. in a worker process) builds its own by name.
    """

    def __init__(
        self,
        *,
        use_stemmer: bool = True,
        aggregate: str = "max",
        rouge_types: Sequence[str] = ROUGE_TYPES,
        tokenizer: str = "auto",
        checker: str | Checker = "rules",
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
        self.checker_spec: CheckerSpec | None = None
        """The checker's name and parameters when it was given by name."""
        if isinstance(checker, str):
            self.checker_spec = CheckerSpec(checker, dict(checker_params or {}))
            self.checker_name = checker
            # Built now so that a bad name or parameter fails before any row is scored.
            self._checker: Checker | None = self.checker_spec.build()
        else:
            if checker_params:
                raise ParameterError("checker_params go with a checker name, not a ready checker")
            if not callable(getattr(checker, "check", None)):
                raise ParameterError("checker must be a name or have check(summary, source)")
            self.checker_name = str(getattr(checker, "name", None) or type(checker).__name__)
            self._checker = checker

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
        factuality = None
        extractive = None
        if source is not None:
            if not isinstance(source, str):
                raise InputError(f"the source must be text, not {type(source).__name__}")
            if not source.strip():
                raise EmptyDocumentError("the source is empty (leave it out to skip its checks)")
            factuality = run_check(self.checker_name, self.checker, summary, source)
            extractive = extractiveness(summary, source)
        checker = self.checker_name if factuality is not None else None
        return Evaluation(rouge, factuality, extractive, tokenizer, checker)

    @property
    def checker(self) -> Checker:
        """The factuality checker (``rules`` reuses its analysis of the last source)."""
        if self._checker is None:  # a copy made by pickling: build ours by name
            if self.checker_spec is None:
                raise RuntimeError("an evaluator without its checker")
            self._checker = self.checker_spec.build()
        return self._checker

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if self.checker_spec is not None:
            state["_checker"] = None  # never a live client or a cached analysis
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _factuality_dict(checker: str | None, result: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "checker": checker,
        "score": float(result.score),
        "label": bool(result.label),
    }
    if isinstance(result, FactualityResult):
        data["threshold"] = result.threshold
        data["unsupported"] = [s.to_dict() for s in result.sentences if not s.supported]
    else:
        data["details"] = result.to_dict()
    return data


@lru_cache(maxsize=4)
def _evaluator(use_stemmer: bool, aggregate: str, tokenizer: str) -> Evaluator:
    return Evaluator(use_stemmer=use_stemmer, aggregate=aggregate, tokenizer=tokenizer)


def evaluate(
    summary: str,
    references: Sequence[str] = (),
    source: str | None = None,
    *,
    use_stemmer: bool = True,
    aggregate: str = "max",
    tokenizer: str = "auto",
) -> Evaluation:
    """Score one summary against its references (ROUGE) and its source (factuality,
    extractiveness); see :class:`Evaluator` for many summaries."""
    return _evaluator(use_stemmer, aggregate, tokenizer).evaluate(summary, references, source)


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
