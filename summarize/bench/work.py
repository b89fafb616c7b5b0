"""The units of work of a benchmark, wherever they run: a document to summarize and score, or
answers already fetched (from an LLM server, on a thread) that only need scoring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from summarize.bench.results import ResultRow
from summarize.bench.scoring import DEFAULT_SCORING, DocumentTask, Scoring, score_document
from summarize.briefing import Briefing
from summarize.document import Document
from summarize.llm.usage import Usage
from summarize.summarizers.base import Budget, ProgressCallback, Summarizer

__all__ = ["Answer", "ScoringTask", "WorkItem", "do_work"]


@dataclass(frozen=True)
class Answer:
    """What one method made of one document: a briefing, or the error it raised; and the time.

    The error is kept as its type's name and message, so that it crosses to a worker process
    whatever the exception class is.
    """

    briefing: Briefing | None
    seconds: float
    error_type: str = ""
    error: str = ""
    usage: Usage | None = None
    """What a failed method had spent (an :class:`~summarize.errors.LLMError` knows)."""

    @classmethod
    def failed(cls, exc: Exception, seconds: float) -> Answer:
        """The answer of a method that raised ``exc``."""
        return cls(None, seconds, type(exc).__name__, str(exc), getattr(exc, "usage", None))


@dataclass(frozen=True)
class ScoringTask:
    """A document whose methods have answered already: score the answers, ask nothing."""

    task: DocumentTask
    answers: Mapping[str, Answer]


WorkItem = DocumentTask | ScoringTask


class _Answered:
    """A summarizer that hands back an answer already fetched, so it is scored as any other."""

    name = "answered"
    description = "an answer fetched beforehand"

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def summarize(
        self, document: Document, budget: Budget, *, progress: ProgressCallback | None = None
    ) -> Briefing:
        if self.answer.briefing is None:
            # Raised under the original class name: the error row reads as if raised here.
            raise type(self.answer.error_type or "Error", (Exception,), {})(self.answer.error)
        return self.answer.briefing


def do_work(
    item: WorkItem,
    summarizers: Mapping[str, Summarizer],
    budget: Budget,
    *,
    clean: bool,
    scoring: Scoring = DEFAULT_SCORING,
) -> list[ResultRow]:
    """Summarize and score a document, or score a document's fetched answers."""
    if isinstance(item, DocumentTask):
        return score_document(item, dict(summarizers), budget, clean=clean, scoring=scoring)
    answered: dict[str, Summarizer] = {m: _Answered(a) for m, a in item.answers.items()}
    rows = score_document(item.task, answered, budget, clean=clean, scoring=scoring)
    return [_with_answer(row, item.answers.get(row.method)) for row in rows]


def _with_answer(row: ResultRow, answer: Answer | None) -> ResultRow:
    """The row with the time its answer took (and, if it failed, what it spent)."""
    if answer is None:
        return row
    if row.status == "error" and answer.usage is not None:
        row = replace(row, usage=answer.usage)
    return replace(row, seconds=answer.seconds)
