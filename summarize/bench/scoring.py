"""Run the methods on one document and score each summary: the unit of work of a benchmark."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from summarize.bench.results import (
    ExtractivenessScores,
    FactualityScores,
    ResultRow,
    usage_from_metadata,
)
from summarize.document import Document
from summarize.evaluation.extractiveness import extractiveness
from summarize.evaluation.factuality import FactualityChecker
from summarize.evaluation.rouge import RougeScorer
from summarize.summarizers.base import Budget, Summarizer
from summarize.text import sentence_spans, words

__all__ = ["DocumentTask", "score_document"]

_ROUGE = RougeScorer(use_stemmer=True)
"""One scorer per process: it caches the analysed references, shared by every method."""


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
) -> list[ResultRow]:
    """Summarize ``task``'s document with each of its methods and score every summary.

    ROUGE is against the references (none: no ROUGE), factuality and extractiveness against the
    source. A method (or its scoring) that raises gives an ``error`` row; the others go on.
    """
    try:
        document = Document.from_string(task.source, clean=clean)
    except Exception as exc:
        return [
            _error_row(task, method, f"cannot read the source: {exc}") for method in task.methods
        ]
    checker: FactualityChecker | None = None
    scored: dict[str, ResultRow] = {}  # methods often agree (a port and its original): score once
    rows = []
    for method in task.methods:
        started = time.perf_counter()
        try:
            briefing = summarizers[method].summarize(document, budget)
        except Exception as exc:
            rows.append(_error_row(task, method, f"{type(exc).__name__}: {exc}"))
            continue
        seconds = time.perf_counter() - started
        summary = briefing.text
        usage = usage_from_metadata(briefing.metadata)
        if summary in scored:
            rows.append(replace(scored[summary], method=method, seconds=seconds, usage=usage))
            continue
        try:
            if checker is None:
                checker = FactualityChecker(task.source)
            scored[summary] = replace(
                _scored_row(task, method, summary, seconds, checker), usage=usage
            )
            rows.append(scored[summary])
        except Exception as exc:
            rows.append(_error_row(task, method, f"scoring failed: {type(exc).__name__}: {exc}"))
    return rows


def _scored_row(
    task: DocumentTask, method: str, summary: str, seconds: float, checker: FactualityChecker
) -> ResultRow:
    rouge = None
    if task.references:
        scores = _ROUGE.score_multi(task.references, summary, aggregate="max")
        rouge = {kind: score.fmeasure for kind, score in scores.items()}
    result = checker.check(summary)
    factuality = FactualityScores(
        score=float(result.score),
        label=bool(result.label),
        unsupported_sentences=sum(1 for s in result.sentences if not s.supported),
    )
    measured = extractiveness(summary, task.source)
    extractive = ExtractivenessScores(
        coverage=measured.coverage,
        density=measured.density,
        compression=measured.compression,
        novel_ngrams=dict(measured.novel_ngrams),
    )
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
        factuality=factuality,
        extractiveness=extractive,
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
