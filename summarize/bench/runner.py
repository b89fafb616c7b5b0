"""The benchmark runner: every method on every document, in a worker pool, resumable.

An output folder holds ``results.jsonl`` (one row per dataset x document x method, appended
and flushed row by row), ``run.json`` (the configuration, command, versions, dataset hashes,
times), and once the run completes the leaderboard (``.md``, ``.csv``, ``.json``) and its plot
(``leaderboard.png``).

Running the same configuration into the same folder again resumes: finished rows are kept and
skipped, a line cut short by a killed process is dropped and redone. A folder that holds results
of another configuration (methods, their parameters, the budget, the datasets' contents) is
refused with :class:`~summarize.errors.ResultsConflictError`; with ``force`` the old files are
moved into a ``backup-<UTC time>`` sub-folder and the run starts over.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one run per folder is then up to the user
    fcntl = None  # type: ignore[assignment]

from summarize.bench.datasets import Dataset
from summarize.bench.leaderboard import Leaderboard, build_leaderboard, write_leaderboard
from summarize.bench.results import (
    RESULTS_FILE_NAME,
    RESULTS_SCHEMA_VERSION,
    ResultRow,
    ResultsLog,
    RowKey,
)
from summarize.bench.scoring import DocumentTask, score_document
from summarize.errors import ParameterError, ResultsConflictError, WorkerError
from summarize.evaluation.rouge import ROUGE_TYPES
from summarize.files import write_atomic
from summarize.registry import Registry, default_registry
from summarize.summarizers.base import Budget, ProgressCallback, Summarizer

__all__ = [
    "RUN_FILE_NAME",
    "BenchConfig",
    "BenchmarkRun",
    "MethodSpec",
    "Plan",
    "RunOutcome",
    "current_command",
    "offline_methods",
    "run_benchmark",
]

RUN_FILE_NAME = "run.json"
LOCK_FILE_NAME = ".lock"
RUN_SCHEMA_VERSION = 1
OUTPUT_FILE_NAMES = (
    RESULTS_FILE_NAME,
    RUN_FILE_NAME,
    "leaderboard.md",
    "leaderboard.csv",
    "leaderboard.json",
    "leaderboard.png",
)
"""Everything a run writes into its folder (and what ``force`` moves aside)."""


@dataclass(frozen=True)
class MethodSpec:
    """A method to benchmark: its registered name and the parameters to build it with."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BenchConfig:
    """What a benchmark runs: datasets, methods, length budget (and how many rows of each)."""

    datasets: tuple[Dataset, ...]
    methods: tuple[MethodSpec, ...]
    budget: Budget
    limit: int | None = None
    """Use only the first ``limit`` rows of each dataset (``None``: all)."""
    clean: bool = True
    """Set page chrome aside before summarizing, as ``summarize brief`` does."""

    def __post_init__(self) -> None:
        if not self.datasets:
            raise ParameterError("give at least one dataset")
        if not self.methods:
            raise ParameterError("give at least one method")
        names = [m.name for m in self.methods]
        if len(set(names)) != len(names):
            raise ParameterError(f"a method is listed twice: {', '.join(names)}")
        if len({d.name for d in self.datasets}) != len(self.datasets):
            raise ParameterError("two datasets share a name; rename one of the files")
        if self.limit is not None and self.limit < 1:
            raise ParameterError(f"limit must be at least 1, got {self.limit}")


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
    ) -> None:
        self.config = config
        self.out_dir = Path(out_dir)
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.force = force
        self.command = command
        self.plot = plot
        self._registry = registry or default_registry()
        self._log = ResultsLog(self.out_dir / RESULTS_FILE_NAME)
        self._summarizers = {
            spec.name: self._registry.get(spec.name, **dict(spec.params)) for spec in config.methods
        }
        self._plan: Plan | None = None
        self._lock_file: IO[str] | None = None
        self._started = ""
        self._previous: dict[str, Any] = {}

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
            "datasets": [{"name": d.name, "sha256": d.sha256} for d in self.config.datasets],
            "rouge": {"types": list(ROUGE_TYPES), "references": "max"},
        }

    def prepare(self) -> Plan:
        """Check the folder (resume, refuse, or move old results aside) and list pending work.

        From here until :meth:`execute` returns, the folder is locked against a second run.
        """
        self._lock()
        try:
            self._plan = self._prepare()
        except BaseException:
            self._unlock()
            raise
        return self._plan

    def _prepare(self) -> Plan:
        backup = None
        run_file = self.out_dir / RUN_FILE_NAME
        previous = _read_json(run_file)
        has_results = self._log.exists()
        same = previous is not None and previous.get("config") == self.fingerprint
        if has_results and (self.force or not same):
            if not self.force:
                raise ResultsConflictError(
                    _conflict_message(self.out_dir, previous, self.fingerprint)
                )
            backup = self._move_aside()
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
            for row in dataset.head(self.config.limit):
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
            self._unlock()

    def _execute(self, plan: Plan, progress: ProgressCallback | None) -> RunOutcome:
        clock = time.perf_counter()
        self._started = _now()
        self._write_run_file("running", None, 0)
        written = errors = 0
        status = "failed"
        try:
            for rows in self._results(plan.pending, progress):
                for row in rows:
                    self._log.append(row)
                    written += 1
                    errors += not row.ok
            status = "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            self._log.close()
            try:
                self._write_run_file(status, _now(), written)
            except OSError:
                if status == "finished":
                    raise
        leaderboard = build_leaderboard(self._selected_rows())
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
        )

    def _lock(self) -> None:
        """Hold ``.lock`` in the folder: two runs appending to one results.jsonl would mix."""
        if fcntl is None or self._lock_file is not None:
            return
        self.out_dir.mkdir(parents=True, exist_ok=True)
        handle = (self.out_dir / LOCK_FILE_NAME).open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise ResultsConflictError(
                f"another summarize bench is writing into {self.out_dir}; "
                "wait for it to finish, or use another --out"
            ) from None
        self._lock_file = handle

    def _unlock(self) -> None:
        if self._lock_file is not None:
            handle, self._lock_file = self._lock_file, None
            handle.close()

    def _results(
        self, tasks: Sequence[DocumentTask], progress: ProgressCallback | None
    ) -> Iterator[list[ResultRow]]:
        total = len(tasks)
        workers = min(self.workers, total)
        if workers <= 1:
            if progress:
                progress(0, total)
            for done, task in enumerate(tasks, start=1):
                yield score_document(
                    task, self._summarizers, self.config.budget, clean=self.config.clean
                )
                if progress:
                    progress(done, total)
            return
        factories = {
            spec.name: (self._registry.factory(spec.name), dict(spec.params))
            for spec in self.config.methods
        }
        # fork on Linux: fast start, and summarizers registered at run time reach the workers;
        # elsewhere the platform default (spawn), with the factories pickled by reference.
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        executor = ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(factories, self.config.budget, self.config.clean),
        )
        try:
            futures = [executor.submit(_work, task) for task in tasks]
            if progress:
                progress(0, total)
            for done, future in enumerate(as_completed(futures), start=1):
                try:
                    rows = future.result()
                except BrokenProcessPool as exc:
                    raise WorkerError(
                        "a worker process died (killed, or out of memory?); the finished rows "
                        f"are kept in {self._log.path}: rerun the same command to resume "
                        "(with fewer --workers if memory is short)"
                    ) from exc
                yield rows
                if progress:
                    progress(done, total)
        except BaseException:
            _stop_now(executor)
            raise
        executor.shutdown(wait=True)

    def _selected_rows(self) -> list[ResultRow]:
        wanted = {
            (dataset.name, row.id)
            for dataset in self.config.datasets
            for row in dataset.head(self.config.limit)
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

    def _move_aside(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup = self.out_dir / f"backup-{stamp}"
        suffix = 1
        while backup.exists():
            suffix += 1
            backup = self.out_dir / f"backup-{stamp}-{suffix}"
        backup.mkdir(parents=True)
        for name in OUTPUT_FILE_NAMES:
            if (self.out_dir / name).exists():
                shutil.move(str(self.out_dir / name), str(backup / name))
        return backup

    def _write_run_file(self, status: str, finished: str | None, written: int) -> None:
        from summarize import __version__

        sessions = [s for s in self._previous.get("sessions", []) if isinstance(s, dict)]
        sessions.append(
            {
                "command": self.command,
                "started": self._started,
                "finished": finished,
                "status": status,
                "workers": self.workers,
                "rows_written": written,
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
                    "rows_used": len(d.head(self.config.limit)),
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
        write_atomic(self.out_dir / RUN_FILE_NAME, json.dumps(record, indent=2) + "\n")


def run_benchmark(
    config: BenchConfig,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    force: bool = False,
    command: str = "",
    registry: Registry | None = None,
    progress: ProgressCallback | None = None,
) -> RunOutcome:
    """Prepare and execute a benchmark run (see :class:`BenchmarkRun`)."""
    run = BenchmarkRun(
        config, out_dir, workers=workers, force=force, command=command, registry=registry
    )
    run.prepare()
    return run.execute(progress)


_WORKER: dict[str, Any] = {}


def _stop_now(executor: ProcessPoolExecutor) -> None:
    """Stop the workers at once (Ctrl-C, an error): drop queued documents, end running ones."""
    # ProcessPoolExecutor has no public way to end running work before Python 3.14.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _start_worker(
    factories: Mapping[str, tuple[Callable[..., Summarizer], dict[str, Any]]],
    budget: Budget,
    clean: bool,
) -> None:
    # Ctrl-C goes to the whole process group; only the parent handles it (and stops us).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["summarizers"] = {name: f(**params) for name, (f, params) in factories.items()}
    _WORKER["budget"] = budget
    _WORKER["clean"] = clean


def _work(task: DocumentTask) -> list[ResultRow]:
    return score_document(task, _WORKER["summarizers"], _WORKER["budget"], clean=_WORKER["clean"])


def _params_of(summarizer: Summarizer) -> Mapping[str, Any]:
    params = getattr(summarizer, "params", {})
    return params if isinstance(params, Mapping) else {}


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=repr, sort_keys=True))


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _conflict_message(
    out_dir: Path, previous: Mapping[str, Any] | None, wanted: Mapping[str, Any]
) -> str:
    if previous is None:
        what = "results of an unknown configuration (no readable run.json)"
    else:
        old = previous.get("config")
        old = old if isinstance(old, dict) else {}
        differs = sorted(k for k in set(old) | set(wanted) if old.get(k) != wanted.get(k))
        what = (
            f"results of another configuration (different {', '.join(differs)}; "
            f"made by: {previous.get('command') or '?'})"
        )
    return (
        f"{out_dir} holds {what}; refusing to mix them: use another --out, "
        "or --force to move the old results into a backup folder and start over"
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def current_command() -> str:
    """The command line of this process, quoted so it can be pasted back into a shell."""
    import shlex

    return shlex.join([Path(sys.argv[0]).name, *sys.argv[1:]])


def offline_methods(registry: Registry | None = None) -> list[str]:
    """Every registered method of the ``extractive`` family (they run offline), ``lead`` first."""
    infos = (registry or default_registry()).methods()
    names = [info.name for info in infos if info.family == "extractive"]
    return sorted(names, key=lambda name: (name != "lead", name))
