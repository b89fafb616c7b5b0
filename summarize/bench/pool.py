"""Worker processes that score documents, and that die the moment their parent dies.

A benchmark's CPU-bound work runs in ``workers`` processes: summarizing and scoring documents,
and scoring the answers that I/O-bound methods fetched on threads. Each worker builds its own
summarizers once, then takes work from a queue and sends the result rows back; the parent
writes them. A worker must never outlive the benchmark: when the parent is killed
(SIGKILL, the OOM killer, a closed terminal) the kernel kills the workers too
(``PR_SET_PDEATHSIG`` on Linux), and elsewhere a thread in each worker watches the parent and
exits when it is gone. Workers also close their copy of the results folder's lock at once, so
the lock is held by the parent alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from typing import Any

from summarize.bench.results import ResultRow
from summarize.bench.scoring import DEFAULT_SCORING, Scoring
from summarize.bench.work import WorkItem, do_work
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
    scoring: Scoring = DEFAULT_SCORING
    """Which factuality checker scores the summaries (built in each worker)."""
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


def _serve(setup: WorkerSetup, parent_pid: int, tasks: Any, results: Any) -> None:
    """A worker's life: follow the parent, build the summarizers, work until told to stop."""
    for fd in setup.close_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    die_with_parent(parent_pid)
    # Ctrl-C goes to the whole process group; only the parent handles it (and stops us).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    summarizers = {name: f(**params) for name, (f, params) in setup.factories.items()}
    while (item := tasks.get()) is not None:
        try:
            rows: list[ResultRow] | str = do_work(
                item, summarizers, setup.budget, clean=setup.clean, scoring=setup.scoring
            )
        except Exception:
            rows = traceback.format_exc(limit=3).strip().splitlines()[-1]
        results.put(rows)


class WorkerPool:
    """``workers`` processes doing :data:`~summarize.bench.work.WorkItem` s.

    Use as a context manager; :meth:`submit` work, :meth:`receive` each item's rows (in the
    order they finish).
    """

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

    def submit(self, item: WorkItem) -> None:
        """Queue ``item`` for the next free worker (returns at once)."""
        self._tasks.put(item)

    def receive(self, timeout: float = _POLL_SECONDS) -> list[ResultRow] | None:
        """The rows of the next finished item, or ``None`` if none finished within ``timeout``.

        Raises :class:`WorkerError` when a worker died (killed, out of memory) or failed.
        """
        try:
            rows: list[ResultRow] | str = self._results.get(timeout=timeout)
        except queue.Empty:
            dead = [p for p in self._processes if p.exitcode is not None]
            if dead:
                raise WorkerError(
                    f"a worker process died (exit code {dead[0].exitcode}: killed, or out of "
                    "memory?)"
                ) from None
            return None
        if isinstance(rows, str):
            raise WorkerError(f"a worker failed: {rows}")
        return rows

    def stop(self) -> None:
        """End the workers now (queued work is dropped)."""
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
