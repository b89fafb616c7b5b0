"""The benchmark runner: every method on every document, resumable, rows written one by one.

An output folder holds ``results.jsonl`` (one row per dataset x document x method, appended
and flushed row by row), ``run.json`` (the configuration, command, versions, dataset hashes,
times, and who held the folder), and once the run completes the leaderboard (``.md``,
``.csv``, ``.json``) and its plot (``leaderboard.png``).

Running the same configuration into the same folder again resumes: finished rows are kept and
skipped, a line cut short by a killed process is dropped and redone. A folder that holds results
of another configuration (methods, their parameters, the budget, the datasets' contents) is
refused with :class:`~summarize.errors.ResultsConflictError`; with ``force`` the old files are
moved into a ``backup-<UTC time>`` sub-folder and the run starts over.

This module plans and drives a run; :mod:`summarize.bench.folder` owns the folder (lock,
``run.json``), :mod:`summarize.bench.pool` the worker processes.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import platform
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.bench.config import BenchConfig, MethodSpec, offline_methods
from summarize.bench.folder import (
    RUN_FILE_NAME,
    LockHolder,
    ResultsFolder,
    conflict_message,
    now,
)
from summarize.bench.leaderboard import Leaderboard, build_leaderboard, write_leaderboard
from summarize.bench.pool import WorkerPool, WorkerSetup
from summarize.bench.results import (
    RESULTS_FILE_NAME,
    RESULTS_SCHEMA_VERSION,
    ResultRow,
    ResultsLog,
    RowKey,
)
from summarize.bench.schedule import SKIPPED, Scheduler, is_io_bound
from summarize.bench.scoring import DEFAULT_SCORING, DocumentTask
from summarize.errors import ParameterError, ResultsConflictError, WorkerError
from summarize.evaluation.rouge import ROUGE_TYPES
from summarize.registry import Registry, default_registry
from summarize.summarizers.base import ProgressCallback, Summarizer

__all__ = [
    "RUN_FILE_NAME",
    "BenchConfig",
    "BenchmarkRun",
    "MethodSpec",
    "Plan",
    "RunOutcome",
    "offline_methods",
    "run_benchmark",
]

RUN_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Plan:
    """What a run will do: how many rows exist, are done, and which documents are pending."""

    out_dir: Path
    total_rows: int
    done_rows: int
    pending: tuple[DocumentTask, ...]
    repaired_bytes: int = 0
    """Bytes of a cut-short last line dropped from ``results.jsonl`` (a killed run)."""
    backup: Path | None = None
    """Where ``force`` moved the previous run's files."""
    taken_over: LockHolder | None = None
    """The process of an earlier session that died without finishing (killed), if any."""

    @property
    def pending_rows(self) -> int:
        """Rows still to compute."""
        return sum(len(task.methods) for task in self.pending)


@dataclass(frozen=True)
class RunOutcome:
    """What a finished run wrote."""

    plan: Plan
    rows_written: int
    errors_written: int
    leaderboard: Leaderboard
    files: tuple[Path, ...]
    seconds: float
    unfetched: int = 0
    """Rows not made because an LLM server could not be reached or refused; a rerun tries them."""
    problem: str | None = None
    """Why (the server's last such error), when ``unfetched``."""


class BenchmarkRun:
    """One benchmark into one output folder: :meth:`prepare`, then :meth:`execute`."""

    def __init__(
        self,
        config: BenchConfig,
        out_dir: str | Path,
        *,
        workers: int | None = None,
        force: bool = False,
        command: str = "",
        registry: Registry | None = None,
        plot: bool = True,
        concurrency: int | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise ParameterError(f"workers must be at least 1, got {workers}")
        if concurrency is not None and concurrency < 1:
            raise ParameterError(
                f"concurrency must be at least 1 (requests in flight at once), got {concurrency}"
            )
        self.config = config
        self.out_dir = Path(out_dir)
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.force = force
        self.command = command
        self.plot = plot
        self._registry = registry or default_registry()
        self._folder = ResultsFolder(self.out_dir)
        self._log = ResultsLog(self.out_dir / RESULTS_FILE_NAME)
        factories = {spec.name: self._registry.factory(spec.name) for spec in config.methods}
        self._io_methods = frozenset(n for n, f in factories.items() if is_io_bound(f))
        self.concurrency = concurrency or (_default_concurrency() if self._io_methods else 1)
        self._summarizers = {
            spec.name: self._registry.get(spec.name, **self._params(spec, factories[spec.name]))
            for spec in config.methods
        }
        self._plan: Plan | None = None
        self._holder = LockHolder.this_process(command)
        self._started = ""
        self._previous: dict[str, Any] = {}
        self._unfetched = 0
        self._problem: str | None = None

    @property
    def io_methods(self) -> frozenset[str]:
        """The methods that wait on a server (run on ``concurrency`` threads, not processes)."""
        return self._io_methods

    def _params(self, spec: MethodSpec, factory: Callable[..., Summarizer]) -> dict[str, Any]:
        """The method's parameters; an I/O-bound one's server limit follows ``concurrency``."""
        params = dict(spec.params)
        if spec.name in self._io_methods and "concurrency" not in params:
            try:
                accepts = "concurrency" in inspect.signature(factory).parameters
            except (TypeError, ValueError):
                accepts = False
            if accepts:
                params["concurrency"] = self.concurrency
        return params

    @property
    def fingerprint(self) -> dict[str, Any]:
        """The configuration a results folder is tied to (compared on resume)."""
        return {
            "results_schema": RESULTS_SCHEMA_VERSION,
            "methods": [
                {"name": name, "params": _jsonable(_params_of(summarizer))}
                for name, summarizer in self._summarizers.items()
            ],
            "budget": self.config.budget.describe(),
            "clean": self.config.clean,
            "datasets": [d.fingerprint() for d in self.config.datasets],
            "rouge": {"types": list(ROUGE_TYPES), "references": "max"},
            # Only when not the default, so folders made before checkers could be chosen
            # still resume.
            **(
                {"factuality": self.config.scoring.describe()}
                if self.config.scoring != DEFAULT_SCORING
                else {}
            ),
        }

    def prepare(self) -> Plan:
        """Check the folder (resume, refuse, or move old results aside) and list pending work.

        From here until :meth:`execute` returns, the folder is locked against a second run.
        """
        taken_over = self._folder.lock(self._holder)
        try:
            self._plan = self._prepare(taken_over)
        except BaseException:
            self._folder.unlock()
            raise
        return self._plan

    def _prepare(self, taken_over: LockHolder | None) -> Plan:
        backup = None
        previous = self._folder.read_run()
        has_results = self._log.exists()
        same = previous is not None and previous.get("config") == self.fingerprint
        if has_results and (self.force or not same):
            if not self.force:
                raise ResultsConflictError(
                    conflict_message(self.out_dir, previous, self.fingerprint)
                )
            backup = self._folder.move_aside()
            previous = None
        elif not same:
            previous = None
        done: set[RowKey] = set()
        if backup is None:
            done = {row.key for row in self._log.load(repair=True)}
        self._previous = previous or {}
        pending = []
        total = 0
        methods = tuple(self._summarizers)
        for dataset in self.config.datasets:
            for row in self.config.rows_of(dataset):
                total += len(methods)
                todo = tuple(m for m in methods if (dataset.name, row.id, m) not in done)
                if todo:
                    pending.append(
                        DocumentTask(dataset.name, row.id, row.source, row.references, todo)
                    )
        pending_rows = sum(len(t.methods) for t in pending)
        return Plan(
            self.out_dir,
            total,
            total - pending_rows,
            tuple(pending),
            self._log.repaired_bytes,
            backup,
            taken_over,
        )

    def execute(self, progress: ProgressCallback | None = None) -> RunOutcome:
        """Run the pending documents, append every row, then write the leaderboard and plot.

        ``progress(done, total)`` counts documents. Ctrl-C stops the workers and re-raises
        ``KeyboardInterrupt``; every row written until then is kept for the next run.
        """
        plan = self._plan or self.prepare()
        try:
            return self._execute(plan, progress)
        finally:
            self._folder.unlock()

    def _execute(self, plan: Plan, progress: ProgressCallback | None) -> RunOutcome:
        clock = time.perf_counter()
        self._started = now()
        self._write_run_file("running", None, 0)
        written = errors = 0
        status = "failed"
        try:
            for rows in self._results(plan.pending, progress):
                for row in rows:
                    if row.status == SKIPPED:
                        continue
                    self._log.append(row)
                    written += 1
                    errors += not row.ok
            status = "incomplete" if self._unfetched else "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            self._log.close()
            try:
                self._write_run_file(status, now(), written)
            except OSError:
                if status == "finished":
                    raise
        leaderboard = build_leaderboard(self._selected_rows(), checker=self.config.scoring.checker)
        files = write_leaderboard(leaderboard, self.out_dir)
        if self.plot:
            from summarize.bench.plot import plot_leaderboard

            files.append(plot_leaderboard(leaderboard, self.out_dir / "leaderboard.png"))
        return RunOutcome(
            plan,
            written,
            errors,
            leaderboard,
            (self._log.path, self.out_dir / RUN_FILE_NAME, *files),
            time.perf_counter() - clock,
            self._unfetched,
            self._problem,
        )

    def _results(
        self, tasks: Sequence[DocumentTask], progress: ProgressCallback | None
    ) -> Iterator[list[ResultRow]]:
        total = len(tasks)
        cpu_methods = [name for name in self._summarizers if name not in self._io_methods]
        workers = min(self.workers, total)
        with contextlib.ExitStack() as stack:
            pool = None
            if workers > 1:  # started before any thread: forking a threaded process is fragile
                setup = WorkerSetup(
                    factories={
                        spec.name: (self._registry.factory(spec.name), dict(spec.params))
                        for spec in self.config.methods
                        if spec.name in cpu_methods
                    },
                    budget=self.config.budget,
                    clean=self.config.clean,
                    scoring=self.config.scoring,
                    close_fds=tuple(fd for fd in (self._folder.lock_fd,) if fd is not None),
                )
                pool = stack.enter_context(WorkerPool(workers, setup))
            scheduler = Scheduler(
                self._summarizers,
                self.config.budget,
                clean=self.config.clean,
                scoring=self.config.scoring,
                concurrency=self.concurrency,
                pool=pool,
            )
            remaining = {(t.dataset, t.id): scheduler.parts(t) for t in tasks}
            done = 0
            if progress:
                progress(0, total)
            try:
                for rows in scheduler.run(tasks):
                    yield rows
                    key = (rows[0].dataset, rows[0].id)
                    remaining[key] -= 1
                    if remaining[key] == 0:
                        done += 1
                        if progress:
                            progress(done, total)
            except WorkerError as exc:
                raise WorkerError(
                    f"{exc}; the finished rows are kept in {self._log.path}: rerun the same "
                    "command to resume (with fewer workers=N if memory is short)"
                ) from exc
            finally:
                self._unfetched, self._problem = scheduler.unfetched, scheduler.problem

    def _selected_rows(self) -> list[ResultRow]:
        wanted = {
            (dataset.name, row.id)
            for dataset in self.config.datasets
            for row in self.config.rows_of(dataset)
        }
        datasets = {dataset.name: i for i, dataset in enumerate(self.config.datasets)}
        methods = {name: i for i, name in enumerate(self._summarizers)}
        rows = [
            row
            for row in self._log.load(repair=False)
            if (row.dataset, row.id) in wanted and row.method in methods
        ]
        # In the order of the command line, not the order the workers finished in.
        return sorted(rows, key=lambda r: (datasets[r.dataset], methods[r.method], r.id))

    def _write_run_file(self, status: str, finished: str | None, written: int) -> None:
        from summarize import __version__

        sessions = [s for s in self._previous.get("sessions", []) if isinstance(s, dict)]
        taken = self._plan.taken_over if self._plan is not None else None
        if taken is not None and sessions and sessions[-1].get("finished") is None:
            sessions[-1] = {**sessions[-1], "status": "died"}  # killed: it could not say so
        sessions.append(
            {
                "command": self.command,
                "started": self._started,
                "finished": finished,
                "status": status,
                "workers": self.workers,
                "concurrency": self.concurrency,
                "rows_written": written,
                "holder": self._holder.to_dict(),
                **({"took_over_from": taken.to_dict()} if taken is not None else {}),
            }
        )
        record = {
            "run_schema": RUN_SCHEMA_VERSION,
            "config": self.fingerprint,
            "command": self.command,
            "summarize_version": __version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "workers": self.workers,
            "limit": self.config.limit,
            "sample": self.config.sample,
            "seed": self.config.seed,
            "methods": [
                {
                    "name": name,
                    "params": _jsonable(_params_of(summarizer)),
                    "family": getattr(summarizer, "family", "extractive"),
                    "origin": getattr(summarizer, "origin", "plugin"),
                }
                for name, summarizer in self._summarizers.items()
            ],
            "budget": self.config.budget.describe(),
            "datasets": [
                {
                    "name": d.name,
                    "path": str(d.path),
                    "sha256": d.sha256,
                    "rows": len(d),
                    "rows_used": len(self.config.rows_of(d)),
                    "format": d.format,
                    "fields": d.fields.describe(),
                    "ptb_rows_detokenized": d.ptb_rows,
                }
                for d in self.config.datasets
            ],
            "started": self._previous.get("started") or self._started,
            "finished": finished,
            "status": status,
            "sessions": sessions,
        }
        if status != "running":
            self._previous = {**record, "sessions": sessions}
        self._folder.write_run(record)


def run_benchmark(
    config: BenchConfig,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    force: bool = False,
    command: str = "",
    registry: Registry | None = None,
    progress: ProgressCallback | None = None,
    concurrency: int | None = None,
) -> RunOutcome:
    """Prepare and execute a benchmark run (see :class:`BenchmarkRun`)."""
    run = BenchmarkRun(
        config,
        out_dir,
        workers=workers,
        force=force,
        command=command,
        registry=registry,
        concurrency=concurrency,
    )
    run.prepare()
    return run.execute(progress)


def _default_concurrency() -> int:
    """The LLM ``concurrency`` setting (environment, config file, or its default)."""
    from summarize.llm.settings import resolve_settings

    return resolve_settings({}, require_server=False).concurrency


def _params_of(summarizer: Summarizer) -> Mapping[str, Any]:
    params = getattr(summarizer, "params", {})
    return params if isinstance(params, Mapping) else {}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=repr, sort_keys=True))
