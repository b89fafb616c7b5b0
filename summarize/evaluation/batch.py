"""Score a whole evaluation file: rows in, scored rows out in input order, corpus means with CIs.

The one scoring loop behind ``summarize eval FILE.jsonl`` (and anything else that scores a
file of summaries): :func:`score_lines` parses and scores rows, on several processes when
asked (each row is scored alone, so the scores do not depend on ``workers``), and
:class:`CorpusReport` holds the corpus means with their bootstrap intervals.

>>> rows = [(1, '{"summary": "Modi called Putin.", "references": ["Modi phoned Putin."]}')]
>>> [round(s.evaluation.rouge["rouge1"].fmeasure, 3) for s in score_lines(rows, Evaluator())]
[0.667]
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from summarize.errors import BadRowError, ParameterError, SummarizeError
from summarize.evaluation.evaluator import CorpusStatistics, Evaluation, Evaluator, MetricSummary
from summarize.evaluation.rows import parse_row

__all__ = [
    "BootstrapSettings",
    "CorpusReport",
    "ScoredChunk",
    "ScoredRow",
    "available_workers",
    "score_chunks",
    "score_lines",
    "summarize_corpus",
]

T = TypeVar("T")

CHUNK_ROWS = 400
"""Rows a worker process scores per task: large enough that sending them costs little."""


@dataclass(frozen=True, slots=True)
class BootstrapSettings:
    """How the corpus means' confidence intervals are computed (percentile bootstrap)."""

    confidence: float = 0.95
    resamples: int = 1000
    seed: int = 0


@dataclass(frozen=True, slots=True)
class ScoredRow:
    """One row of an evaluation file and its scores."""

    line: int
    id: str | int
    evaluation: Evaluation

    def to_dict(self) -> dict[str, Any]:
        """The JSON line written per row: ``{"id": ..., "rouge": ..., ...}``."""
        return {"id": self.id, **self.evaluation.to_dict()}


@dataclass(frozen=True, slots=True)
class ScoredChunk:
    """Consecutive rows scored together, ready to write and to add up.

    ``json_lines`` holds :meth:`ScoredRow.to_dict` of every scored row as one JSON line each
    (``\\n``-terminated, in input order); ``statistics`` their metrics; ``bad`` the rows that
    could not be scored. Rendering and counting happen where the rows were scored, so a pool
    of workers sends back compact text and numbers instead of every row's objects.
    """

    scored: int
    json_lines: str
    statistics: CorpusStatistics
    bad: tuple[BadRowError, ...]


@dataclass(frozen=True, slots=True)
class CorpusReport:
    """The corpus means of every metric, with the settings that produced them."""

    rows: int
    skipped: int
    use_stemmer: bool
    references_mode: str
    bootstrap: BootstrapSettings
    metrics: tuple[MetricSummary, ...]
    tokenizer: str = "auto"
    """The ROUGE tokenizer setting: ``auto``, ``rouge-score`` or ``unicode``."""
    checker: str = "rules"
    """The factuality checker that judged the rows with a source."""

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``rows``, ``skipped``, ``settings`` and ``metrics`` (name -> mean, CI, n)."""
        return {
            "rows": self.rows,
            "skipped": self.skipped,
            "settings": {
                "use_stemmer": self.use_stemmer,
                "tokenizer": self.tokenizer,
                "references_mode": self.references_mode,
                "checker": self.checker,
                "confidence": self.bootstrap.confidence,
                "bootstrap_resamples": self.bootstrap.resamples,
                "seed": self.bootstrap.seed,
            },
            "metrics": {m.name: m.to_dict() for m in self.metrics},
        }


def summarize_corpus(
    statistics: CorpusStatistics,
    evaluator: Evaluator,
    *,
    rows: int,
    skipped: int = 0,
    bootstrap: BootstrapSettings = BootstrapSettings(),
) -> CorpusReport:
    """The :class:`CorpusReport` of the documents recorded in ``statistics``."""
    metrics = statistics.summary(
        confidence=bootstrap.confidence, resamples=bootstrap.resamples, seed=bootstrap.seed
    )
    return CorpusReport(
        rows=rows,
        skipped=skipped,
        use_stemmer=evaluator.scorer.use_stemmer,
        references_mode=evaluator.aggregate,
        bootstrap=bootstrap,
        metrics=tuple(metrics),
        tokenizer=evaluator.tokenizer,
        checker=evaluator.checker,
    )


def available_workers() -> int:
    """The CPU cores this process may run on (the default number of scoring processes)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def score_lines(
    lines: Iterable[tuple[int, bytes | str]],
    evaluator: Evaluator,
    *,
    workers: int = 1,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[ScoredRow | BadRowError]:
    """Parse and score ``(line number, raw JSON line)`` pairs, yielding results in input order.

    A row that cannot be parsed or scored comes out as a :class:`BadRowError` value (not
    raised), so the caller decides whether to skip it or stop. With ``workers > 1`` chunks of
    ``chunk_rows`` rows are scored on that many processes, at most two chunks per process in
    flight, so memory stays bounded for any file size; a file of one chunk is scored here.
    """
    for results in _map_chunks(_score_chunk, lines, evaluator, workers, chunk_rows):
        yield from results


def score_chunks(
    lines: Iterable[tuple[int, bytes | str]],
    evaluator: Evaluator,
    *,
    workers: int = 1,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[ScoredChunk]:
    """:func:`score_lines` in :class:`ScoredChunk` form: the fast path for whole files."""
    yield from _map_chunks(_summarize_chunk, lines, evaluator, workers, chunk_rows)


def _map_chunks(
    function: Callable[[Evaluator, Sequence[tuple[int, bytes | str]]], T],
    lines: Iterable[tuple[int, bytes | str]],
    evaluator: Evaluator,
    workers: int,
    chunk_rows: int,
) -> Iterator[T]:
    """``function(evaluator, chunk)`` of every chunk of ``lines``, in order, here or on a pool."""
    if workers < 1:
        raise ParameterError(f"workers must be at least 1, not {workers}")
    if chunk_rows < 1:
        raise ParameterError(f"chunk_rows must be at least 1, not {chunk_rows}")
    source = iter(lines)
    first = list(islice(source, chunk_rows))
    if workers == 1 or len(first) < chunk_rows:
        for chunk in _chunks(source, chunk_rows, first):
            yield function(evaluator, chunk)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(evaluator,)
    ) as pool:
        pending: deque[Future[T]] = deque()
        try:
            for chunk in _chunks(source, chunk_rows, first):
                pending.append(pool.submit(_in_worker, function, chunk))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _chunks(
    source: Iterator[tuple[int, bytes | str]],
    size: int,
    first: list[tuple[int, bytes | str]] | None = None,
) -> Iterator[list[tuple[int, bytes | str]]]:
    if first:
        yield first
    while chunk := list(islice(source, size)):
        yield chunk


def _score_chunk(
    evaluator: Evaluator, chunk: Sequence[tuple[int, bytes | str]]
) -> list[ScoredRow | BadRowError]:
    results: list[ScoredRow | BadRowError] = []
    for number, raw in chunk:
        try:
            row = parse_row(raw, number)
            evaluation = evaluator.evaluate(row.summary, row.references, row.source)
        except BadRowError as problem:
            results.append(problem)
            continue
        except SummarizeError as problem:
            results.append(BadRowError(number, str(problem)))
            continue
        results.append(ScoredRow(number, row.id, evaluation))
    return results


def _summarize_chunk(evaluator: Evaluator, chunk: Sequence[tuple[int, bytes | str]]) -> ScoredChunk:
    statistics = CorpusStatistics()
    lines: list[str] = []
    bad: list[BadRowError] = []
    for result in _score_chunk(evaluator, chunk):
        if isinstance(result, BadRowError):
            bad.append(result)
            continue
        statistics.add(result.evaluation)
        lines.append(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    return ScoredChunk(len(lines), "".join(lines), statistics, tuple(bad))


_worker_evaluator: Evaluator | None = None
"""The evaluator of a worker process, set once when the process starts."""


def _start_worker(evaluator: Evaluator) -> None:
    global _worker_evaluator
    _worker_evaluator = evaluator


def _in_worker(
    function: Callable[[Evaluator, Sequence[tuple[int, bytes | str]]], T],
    chunk: list[tuple[int, bytes | str]],
) -> T:
    if _worker_evaluator is None:
        raise RuntimeError("a scoring worker started without its evaluator")
    return function(_worker_evaluator, chunk)
