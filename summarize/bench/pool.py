"""Worker processes that score documents, and that die the moment their parent dies.

A benchmark's CPU-bound methods run in ``workers`` processes. Each worker builds its own
summarizers once, then takes documents from a queue and sends their result rows back; the
parent writes them. A worker must never outlive the benchmark: when the parent is killed
(SIGKILL, the OOM killer, a closed terminal) the kernel kills the workers too
(``PR_SET_PDEATHSIG`` on Linux), and elsewhere a thread in each worker watches the parent and
exits when it is gone. Workers also close their copy of the results folder's lock at once, so
the lock is held by the parent alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import multiprocessing
import os
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from summarize.bench.results import ResultRow
from summarize.bench.scoring import DocumentTask, score_document
from summarize.errors import WorkerError
from summarize.summarizers.base import Budget, Summarizer

__all__ = ["WorkerPool", "WorkerSetup", "die_with_parent"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_POLL_SECONDS = 0.1


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker needs: how to build each method, the budget, and whether to clean."""

    factories: Mapping[str, tuple[Callable[..., Summarizer], Mapping[str, Any]]]
    budget: Budget
    clean: bool = True
    close_fds: tuple[int, ...] = ()
    """File descriptors the parent holds that a forked worker must not keep (the lock)."""


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit as soon as ``parent_pid`` (its parent) is gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl (unusual libc): the watcher thread below still works
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before we could ask to follow it
        os._exit(1)


def _exit_when_gone(parent: BaseProcess) -> None:
    parent.join()
    os._exit(1)


def _serve(
    setup: WorkerSetup,
    parent_pid: int,
    tasks: Any,
    results: Any,
) -> None:
    """A worker's life: follow the parent, build the summarizers, score until told to stop."""
    for fd in setup.close_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    die_with_parent(parent_pid)
    # Ctrl-C goes to the whole process group; only the parent handles it (and stops us).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    summarizers = {name: f(**params) for name, (f, params) in setup.factories.items()}
    while (task := tasks.get()) is not None:
        try:
            rows: list[ResultRow] | str = score_document(
                task, summarizers, setup.budget, clean=setup.clean
            )
        except Exception:
            rows = traceback.format_exc(limit=3).strip().splitlines()[-1]
        results.put(rows)


class WorkerPool:
    """``workers`` processes scoring documents; use as a context manager, then :meth:`run`."""

    def __init__(self, workers: int, setup: WorkerSetup) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self.setup = setup
        # fork on Linux: fast start, and summarizers registered at run time reach the workers;
        # elsewhere the platform default (spawn), with the factories pickled by reference.
        self._context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self._tasks: Any = self._context.Queue()
        self._results: Any = self._context.Queue()
        self._processes: list[BaseProcess] = []

    def __enter__(self) -> WorkerPool:
        for _ in range(self.workers):
            process = self._context.Process(
                target=_serve,
                args=(self.setup, os.getpid(), self._tasks, self._results),
                daemon=True,
            )
            process.start()
            self._processes.append(process)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def run(self, tasks: Sequence[DocumentTask]) -> Iterator[list[ResultRow]]:
        """Score ``tasks``, yielding each document's rows as soon as a worker finishes it.

        A few documents per worker are queued at a time, so a large dataset is not copied into
        the queue at once. Raises :class:`WorkerError` when a worker dies (killed, out of
        memory) or fails.
        """
        waiting = iter(tasks)
        queued = 0
        for task in itertools.islice(waiting, 2 * self.workers):
            self._tasks.put(task)
            queued += 1
        while queued:
            rows = self._next_result()
            queued -= 1
            following = next(waiting, None)
            if following is not None:
                self._tasks.put(following)
                queued += 1
            if isinstance(rows, str):
                raise WorkerError(f"a worker failed: {rows}")
            yield rows

    def stop(self) -> None:
        """End the workers now (queued documents are dropped)."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        self._processes.clear()
        for channel in (self._tasks, self._results):
            channel.cancel_join_thread()
            channel.close()

    def _next_result(self) -> list[ResultRow] | str:
        while True:
            try:
                result: list[ResultRow] | str = self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in self._processes if p.exitcode is not None]
                if dead:
                    raise WorkerError(
                        f"a worker process died (exit code {dead[0].exitcode}: killed, or out "
                        "of memory?)"
                    ) from None
                continue
            return result
