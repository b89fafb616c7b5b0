"""Run the methods on one document and score each summary: the unit of work of a benchmark.

Scoring is :class:`~summarize.evaluation.evaluator.Evaluator`'s, the same as ``summarize eval``'s
(ROUGE against the best reference, factuality and extractiveness against the source).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from summarize.bench.results import FactualityScores, ResultRow
from summarize.document import Document
from summarize.errors import LLMAuthError, LLMConfigError, LLMConnectionError, LLMModelError
from summarize.evaluation.evaluator import DEFAULT_CHECKER, Evaluator
from summarize.llm.usage import Usage
from summarize.summarizers.base import Budget, Summarizer
from summarize.text import sentence_spans, words

__all__ = ["DEFAULT_SCORING", "DocumentTask", "Scoring", "score_document"]

_CHECKER_UNREACHABLE = (LLMConnectionError, LLMAuthError, LLMModelError, LLMConfigError)
"""A checker's server that cannot be reached or refuses: a failure of the run, not the row."""


@dataclass(frozen=True)
class Scoring:
    """How a benchmark judges factuality: the checker's name and its parameters."""

    checker: str = DEFAULT_CHECKER
    checker_params: Mapping[str, Any] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        """JSON form, as ``run.json`` records it; a parameter whose name says it is a secret
        (key, token, secret, password) is recorded as ``***``."""
        return {
            "checker": self.checker,
            "params": {
                name: "***" if _SECRET.search(name) else value
                for name, value in self.checker_params.items()
            },
        }


DEFAULT_SCORING = Scoring()
_SECRET = re.compile(r"key|token|secret|password", re.IGNORECASE)


@lru_cache(maxsize=4)
def _evaluator(checker: str, params_json: str) -> Evaluator:
    """One evaluator per process and checker: it caches the analysed references and the
    last source's checker."""
    return Evaluator(
        use_stemmer=True,
        aggregate="max",
        checker=checker,
        checker_params=json.loads(params_json),
    )


def evaluator_for(scoring: Scoring) -> Evaluator:
    """The process's evaluator for ``scoring`` (built on first use). Parameters are keyed by
    their JSON, so lists and objects (``--checker-param labels=[1,2]``) work too."""
    return _evaluator(scoring.checker, json.dumps(dict(scoring.checker_params), sort_keys=True))


@dataclass(frozen=True)
class DocumentTask:
    """One document of one dataset, and the methods still to run on it."""

    dataset: str
    id: str
    source: str
    references: tuple[str, ...]
    methods: tuple[str, ...]


def score_document(
    task: DocumentTask,
    summarizers: dict[str, Summarizer],
    budget: Budget,
    *,
    clean: bool = True,
    scoring: Scoring = DEFAULT_SCORING,
) -> list[ResultRow]:
    """Summarize ``task``'s document with each of its methods and score every summary.

    ROUGE is against the references (none: no ROUGE), factuality (by ``scoring.checker``) and
    extractiveness against the source. A method (or its scoring) that raises gives an
    ``error`` row; the others go on. A checker whose server cannot be reached or refuses
    (``--checker llm``) stops the run instead: an error row would be kept by a resumed run,
    and the summary never scored.
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
                _scored_row(task, method, summary, seconds, usage, scoring),
                provenance=provenance,
            )
            rows.append(scored[summary])
        except _CHECKER_UNREACHABLE:
            raise  # says nothing of the summary: stop; the rerun scores it (no error row kept)
        except Exception as exc:
            rows.append(_error_row(task, method, f"scoring failed: {type(exc).__name__}: {exc}"))
    return rows


def _scored_row(
    task: DocumentTask,
    method: str,
    summary: str,
    seconds: float,
    usage: Usage | None,
    scoring: Scoring,
) -> ResultRow:
    evaluation = evaluator_for(scoring).evaluate(summary, task.references, task.source)
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
        factuality=None if factuality is None else FactualityScores.of(factuality),
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
