"""Run the methods on one document and score each summary: the unit of work of a benchmark.

Scoring is :class:`~summarize.evaluation.evaluator.Evaluator`'s, the same as ``summarize eval``'s
(ROUGE against the best reference, factuality and extractiveness against the source), with the
factuality checker the task names; each process builds its own checker by name.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace

from summarize.bench.results import FactualityScores, ResultRow
from summarize.checkers import CheckerSpec
from summarize.document import Document
from summarize.errors import LLMAuthError, LLMConfigError, LLMConnectionError, LLMModelError
from summarize.evaluation.evaluator import Evaluator
from summarize.llm.usage import Usage
from summarize.summarizers.base import Budget, Summarizer
from summarize.text import sentence_spans, words

__all__ = ["DocumentTask", "evaluator_for", "score_document"]

_CHECKER_UNREACHABLE = (LLMConnectionError, LLMAuthError, LLMModelError, LLMConfigError)

_EVALUATORS: dict[str, Evaluator] = {}
"""One evaluator per checker and process: it caches the analysed references and last source."""


def evaluator_for(checker: CheckerSpec) -> Evaluator:
    """This process's evaluator for ``checker`` (built on first use, so a bad name fails here)."""
    key = json.dumps(checker.to_dict(), sort_keys=True)
    evaluator = _EVALUATORS.get(key)
    if evaluator is None:
        evaluator = Evaluator(
            use_stemmer=True, aggregate="max", checker=checker.name, checker_params=checker.params
        )
        _EVALUATORS[key] = evaluator
    return evaluator


@dataclass(frozen=True)
class DocumentTask:
    """One document of one dataset, and the methods still to run on it."""

    dataset: str
    id: str
    source: str
    references: tuple[str, ...]
    methods: tuple[str, ...]
    checker: CheckerSpec = field(default_factory=CheckerSpec)
    """The factuality checker the summaries are scored with."""


def score_document(
    task: DocumentTask,
    summarizers: dict[str, Summarizer],
    budget: Budget,
    *,
    clean: bool = True,
) -> list[ResultRow]:
    """Summarize ``task``'s document with each of its methods and score every summary.

    ROUGE is against the references (none: no ROUGE), factuality and extractiveness against the
    source. A method (or its scoring) that raises gives an ``error`` row; the others go on.
    A checker whose server cannot be reached or refuses (``--checker llm``) stops the run
    instead: an error row would be kept, and the summary never scored when the run resumes.
    """
    try:
        document = Document.from_string(task.source, clean=clean)
    except Exception as exc:
        return [
            _error_row(task, method, f"cannot read the source: {exc}") for method in task.methods
        ]
    scored: dict[str, ResultRow] = {}  # methods often agree (a port and its original): score once
    rows = []
    for method in task.methods:
        started = time.perf_counter()
        try:
            briefing = summarizers[method].summarize(document, budget)
        except Exception as exc:
            error = _error_row(task, method, f"{type(exc).__name__}: {exc}")
            # A failed LLM call still cost tokens: keep them in the row's accounting.
            rows.append(replace(error, usage=getattr(exc, "usage", None)))
            continue
        seconds = time.perf_counter() - started
        summary = briefing.text
        usage = Usage.from_metadata(briefing.metadata)
        provenance = tuple(tuple(s.source_sentences) for s in briefing.sentences)
        if summary in scored:
            rows.append(
                replace(
                    scored[summary],
                    method=method,
                    seconds=seconds,
                    usage=usage,
                    provenance=provenance,
                )
            )
            continue
        try:
            scored[summary] = replace(
                _scored_row(task, method, summary, seconds, usage), provenance=provenance
            )
            rows.append(scored[summary])
        except _CHECKER_UNREACHABLE:
            raise  # says nothing of the summary: stop, keep the rows, and score it on resume
        except Exception as exc:
            rows.append(_error_row(task, method, f"scoring failed: {type(exc).__name__}: {exc}"))
    return rows


def _scored_row(
    task: DocumentTask, method: str, summary: str, seconds: float, usage: Usage | None
) -> ResultRow:
    evaluation = evaluator_for(task.checker).evaluate(summary, task.references, task.source)
    rouge = None
    if evaluation.rouge is not None:
        rouge = {kind: score.fmeasure for kind, score in evaluation.rouge.items()}
    factuality = evaluation.factuality
    return ResultRow(
        dataset=task.dataset,
        id=task.id,
        method=method,
        status="ok",
        summary=summary,
        seconds=seconds,
        sentences=len(sentence_spans(summary)),
        words=len(words(summary)),
        references=len(task.references),
        rouge=rouge,
        factuality=None
        if factuality is None
        else FactualityScores.of(factuality, evaluation.checker or task.checker.name),
        extractiveness=evaluation.extractiveness,
        usage=usage,
    )


def _error_row(task: DocumentTask, method: str, message: str) -> ResultRow:
    return ResultRow(
        dataset=task.dataset,
        id=task.id,
        method=method,
        status="error",
        references=len(task.references),
        error=message,
    )
