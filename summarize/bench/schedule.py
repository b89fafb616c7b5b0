"""Which work runs where: CPU-bound methods in worker processes, I/O-bound ones on threads.

A benchmark mixes methods that compute (extractive ones: as many processes as cores helps) and
methods that wait (``llm``: a server answers in seconds, and takes dozens of requests at once).
Each document is split into its CPU part, which goes to the :class:`~summarize.bench.pool.WorkerPool`
(or runs here when there is one worker), and its I/O part, which runs on up to ``concurrency``
threads of this process. Rows come back as each part finishes, in whatever order, and the caller
writes them one by one.

A method that cannot reach its server (refused key, unknown model, rate-limited or down even
after the client's retries) gives no row: that says nothing of the method, and the document is
fetched again when the run is resumed. The run gives up on the server at once for a key or a
model the server refuses, and after ``concurrency`` (at least 3) documents in a row that could
not get through otherwise; :attr:`Scheduler.unfetched` and :attr:`Scheduler.problem` say why.

A summarizer is I/O-bound when its class says ``io_bound = True``. Its answers are scored
(ROUGE, factuality, extractiveness) by the worker processes when there are any, else here under
one lock, since the scorers cache text analyses and are not made for several threads; waiting
for the server is what runs in parallel.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from summarize.bench.pool import WorkerPool
from summarize.bench.results import ResultRow
from summarize.bench.scoring import DEFAULT_SCORING, DocumentTask, Scoring
from summarize.bench.work import Answer, ScoringTask, do_work
from summarize.document import Document
from summarize.errors import LLMAuthError, LLMConfigError, LLMConnectionError, LLMModelError
from summarize.summarizers.base import Budget, Summarizer

__all__ = ["SKIPPED", "Scheduler", "is_io_bound"]

_POLL_SECONDS = 0.1


def is_io_bound(summarizer: object) -> bool:
    """Whether a summarizer (or its class) spends its time waiting, e.g. on an LLM server."""
    return getattr(summarizer, "io_bound", False) is True


_NOT_THE_METHODS_FAULT = (LLMConnectionError, LLMAuthError, LLMModelError, LLMConfigError)
"""Failures of the server or its settings: no result row, the document is tried again later."""
_GIVE_UP_AT_ONCE = (LLMAuthError, LLMModelError, LLMConfigError)
"""Failures every other document would meet too."""

_Finished = list[ResultRow] | ScoringTask | BaseException
"""What the producers hand the caller's thread: rows, answers to score, or a failure."""


class Scheduler:
    """Run documents' methods where they fit; iterate :meth:`run` for each part's rows."""

    def __init__(
        self,
        summarizers: Mapping[str, Summarizer],
        budget: Budget,
        *,
        clean: bool = True,
        scoring: Scoring = DEFAULT_SCORING,
        concurrency: int = 1,
        pool: WorkerPool | None = None,
    ) -> None:
        self.summarizers = dict(summarizers)
        self.budget = budget
        self.clean = clean
        self.scoring = scoring
        self.concurrency = max(1, concurrency)
        self.pool = pool
        self.io_methods = frozenset(n for n, s in self.summarizers.items() if is_io_bound(s))
        self._scoring = threading.Lock()
        self._stopped = threading.Event()
        self._failures = threading.Lock()
        self._streak = 0
        self.unfetched = 0
        """Rows not made because the server could not be reached or refused (see module doc)."""
        self.problem: str | None = None
        """Why, in the server's words (the last such failure)."""
        self.gave_up = False

    def parts(self, task: DocumentTask) -> int:
        """Into how many parts (1 or 2) a document is split: its rows come in that many pieces."""
        io = sum(1 for m in task.methods if m in self.io_methods)
        return (io > 0) + (io < len(task.methods))

    def run(self, tasks: Sequence[DocumentTask]) -> Iterator[list[ResultRow]]:
        """Yield the rows of each document part as soon as it is done, in any order."""
        cpu_parts, io_parts = [], []
        for task in tasks:
            cpu = tuple(m for m in task.methods if m not in self.io_methods)
            io = tuple(m for m in task.methods if m in self.io_methods)
            if cpu:
                cpu_parts.append(replace(task, methods=cpu))
            if io:
                io_parts.append(replace(task, methods=io))
        finished: queue.Queue[_Finished] = queue.Queue()
        self._stopped.clear()
        waiting: queue.SimpleQueue[DocumentTask | None] = queue.SimpleQueue()
        try:
            if self.pool is not None:
                for part in cpu_parts:
                    self.pool.submit(part)
                threading.Thread(target=self._drain_pool, args=(finished,), daemon=True).start()
            elif cpu_parts:
                threading.Thread(
                    target=self._run_here, args=(cpu_parts, finished), daemon=True
                ).start()
            for part in io_parts:
                waiting.put(part)
            # Daemon threads, not an executor: after Ctrl-C the process must not wait for
            # requests in flight (and their retries) before it can exit.
            for _ in range(min(self.concurrency, len(io_parts))):
                waiting.put(None)
                threading.Thread(
                    target=self._fetch_all, args=(waiting, finished), daemon=True
                ).start()
            for _ in range(len(cpu_parts) + len(io_parts)):
                item = self._next(finished)
                while isinstance(item, ScoringTask):
                    if not item.answers:
                        item = [_no_row(item.task)]  # nothing fetched: no row for now
                    elif self.pool is not None:
                        self.pool.submit(item)  # scoring is CPU work: let a worker do it
                        item = self._next(finished)
                    else:
                        with self._scoring:
                            item = do_work(
                                item, {}, self.budget, clean=self.clean, scoring=self.scoring
                            )
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self._stopped.set()

    @staticmethod
    def _next(finished: queue.Queue[_Finished]) -> _Finished:
        while True:  # wait in short steps, so that Ctrl-C reaches this thread promptly
            try:
                return finished.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                continue

    def _drain_pool(self, finished: queue.Queue[_Finished]) -> None:
        pool = self.pool
        try:
            while pool is not None and not self._stopped.is_set():
                rows = pool.receive()
                if rows is not None:
                    finished.put(rows)
        except BaseException as exc:  # handed to the caller's thread, which raises it
            finished.put(exc)

    def _run_here(self, parts: Sequence[DocumentTask], finished: queue.Queue[_Finished]) -> None:
        try:
            for part in parts:
                if self._stopped.is_set():
                    return
                with self._scoring:
                    rows = do_work(
                        part,
                        self.summarizers,
                        self.budget,
                        clean=self.clean,
                        scoring=self.scoring,
                    )
                finished.put(rows)
        except BaseException as exc:  # handed to the caller's thread, which raises it
            finished.put(exc)

    def _fetch_all(
        self,
        waiting: queue.SimpleQueue[DocumentTask | None],
        finished: queue.Queue[_Finished],
    ) -> None:
        """Ask each I/O-bound method for its briefing of each document (scoring comes later)."""
        while (part := waiting.get()) is not None and not self._stopped.is_set():
            try:
                answers = self._answers(part)
                finished.put(ScoringTask(replace(part, methods=tuple(answers)), answers))
            except BaseException as exc:  # handed to the caller's thread, which raises it
                finished.put(exc)

    def _answers(self, part: DocumentTask) -> dict[str, Answer]:
        try:
            document = Document.from_string(part.source, clean=self.clean)
        except Exception:
            return {method: Answer(None, 0.0) for method in part.methods}  # scoring says why
        answers: dict[str, Answer] = {}
        for method in part.methods:
            if self.gave_up:
                self._count_unfetched(None)
                continue
            started = time.perf_counter()
            try:
                briefing = self.summarizers[method].summarize(document, self.budget)
            except _NOT_THE_METHODS_FAULT as exc:
                self._count_unfetched(exc)
            except Exception as exc:
                answers[method] = Answer.failed(exc, time.perf_counter() - started)
                self._count_unfetched(None, reached=True)
            else:
                answers[method] = Answer(briefing, time.perf_counter() - started)
                self._count_unfetched(None, reached=True)
        return answers

    def _count_unfetched(self, error: Exception | None, *, reached: bool = False) -> None:
        with self._failures:
            if reached:
                self._streak = 0
                return
            self.unfetched += 1
            if error is None:
                return
            self.problem = str(error)
            self._streak += 1
            if isinstance(error, _GIVE_UP_AT_ONCE) or self._streak >= max(3, self.concurrency):
                self.gave_up = True


def _no_row(task: DocumentTask) -> ResultRow:
    """A marker row that names the document but is not written (status ``skipped``)."""
    return ResultRow(dataset=task.dataset, id=task.id, method="", status=SKIPPED)


SKIPPED = "skipped"
"""The status of a marker row for a document whose methods gave no row (see module doc)."""
