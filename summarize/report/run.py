"""Read a benchmark run folder for the report: settings, result rows and the datasets they used.

A run folder is what ``summarize bench`` writes (see :mod:`summarize.bench.runner`):
``results.jsonl`` (required), ``run.json`` (settings, versions, dataset paths; optional for old or
hand-made folders) and the leaderboard files (recomputed here from the rows, so a half-finished
run gets one too). Everything is read defensively: fields a newer or older summarize may or may
not write are optional, and whatever cannot be used becomes a note shown in the report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarize.bench.datasets import Dataset, load_dataset
from summarize.bench.results import RESULTS_FILE_NAME, RESULTS_SCHEMA_VERSION, ResultRow, RowKey
from summarize.errors import DatasetError, ReportError

__all__ = ["RUN_SCHEMA_VERSION", "RunFolder", "load_run"]

RUN_FILE_NAME = "run.json"
RUN_SCHEMA_VERSION = 1
"""The ``run_schema`` of ``run.json`` this version reads."""
_REQUIRED_ROW_KEYS = ("dataset", "id", "method", "status")


@dataclass(frozen=True)
class RunFolder:
    """A benchmark run as the report sees it."""

    path: Path
    settings: Mapping[str, Any]
    """``run.json`` as written (empty when the folder has none)."""
    rows: tuple[ResultRow, ...]
    raw_rows: Mapping[RowKey, Mapping[str, Any]]
    """Each row's JSON object, for optional fields :class:`ResultRow` does not keep."""
    datasets: Mapping[str, Dataset]
    """The datasets found on disk, by name (a missing one leaves its articles out)."""
    methods: tuple[str, ...]
    """In the order of the command line (``run.json``), else of first appearance."""
    dataset_order: tuple[str, ...]
    expected_rows: int | None
    """How many rows a complete run has (``None`` when ``run.json`` does not say)."""
    notes: tuple[str, ...] = field(default=())
    """Problems the reader should know about (a dataset not found, a cut-short line)."""

    @property
    def status(self) -> str:
        """``finished``, ``running``, ``interrupted``, ``failed``, or ``unknown`` (no run.json)."""
        status = self.settings.get("status")
        return status if isinstance(status, str) else "unknown"

    @property
    def partial(self) -> bool:
        """Whether the run did not finish, or finished without every row it planned."""
        if self.status in ("running", "interrupted", "failed"):
            return True
        return self.expected_rows is not None and len(self.rows) < self.expected_rows


def load_run(path: str | Path, dataset_paths: Sequence[str | Path] = ()) -> RunFolder:
    """Read a run folder; raise :class:`ReportError` when there is nothing to report.

    ``dataset_paths`` name dataset files (or folders) to use instead of the paths in
    ``run.json``, e.g. when the run was made on another machine.
    """
    folder = Path(path)
    if not folder.is_dir():
        hint = " (give the folder, not the file)" if folder.is_file() else ""
        raise ReportError(f"no run folder at {folder}{hint}; make one with: summarize bench")
    settings = _read_settings(folder / RUN_FILE_NAME)
    notes: list[str] = []
    rows, raw_rows = _read_rows(folder / RESULTS_FILE_NAME, notes)
    dataset_order = _names(settings.get("datasets"), [r.dataset for r in rows])
    methods = _names(settings.get("methods"), [r.method for r in rows])
    datasets = _find_datasets(folder, settings, dataset_order, dataset_paths, notes)
    return RunFolder(
        path=folder,
        settings=settings,
        rows=tuple(rows),
        raw_rows=raw_rows,
        datasets=datasets,
        methods=tuple(methods),
        dataset_order=tuple(dataset_order),
        expected_rows=_expected_rows(settings, len(methods)),
        notes=tuple(notes),
    )


def _read_settings(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path} is not readable JSON ({exc}); was it edited by hand?") from exc
    if not isinstance(value, dict):
        raise ReportError(f"{path} is not a run description (expected a JSON object)")
    schema = value.get("run_schema")
    results_schema = (value.get("config") or {}).get("results_schema", RESULTS_SCHEMA_VERSION)
    if schema != RUN_SCHEMA_VERSION or results_schema != RESULTS_SCHEMA_VERSION:
        newer = isinstance(schema, int) and schema > RUN_SCHEMA_VERSION
        advice = (
            "upgrade summarize to report on it"
            if newer
            else "rerun the benchmark with this version (summarize bench ... --force)"
        )
        raise ReportError(
            f"{path} has run schema {schema!r} and results schema {results_schema!r}; this "
            f"version reads run schema {RUN_SCHEMA_VERSION} with results schema "
            f"{RESULTS_SCHEMA_VERSION}: {advice}"
        )
    return value


def _read_rows(
    path: Path, notes: list[str]
) -> tuple[list[ResultRow], dict[RowKey, Mapping[str, Any]]]:
    if not path.is_file() or path.stat().st_size == 0:
        raise ReportError(
            f"{path.parent} holds no results ({path.name} is missing or empty); "
            "run summarize bench into it first"
        )
    lines = path.read_bytes().split(b"\n")
    rows: list[ResultRow] = []
    raw_rows: dict[RowKey, Mapping[str, Any]] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        last = number == len(lines)
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            if last:  # a killed run leaves its last line without the newline
                notes.append(f"{path.name}: the last line was cut short (a killed run?); skipped")
                continue
            raise ReportError(
                f"{path}:{number} is not JSON; the file was edited or mixed"
            ) from None
        row = _row(value, path, number)
        if row.key not in raw_rows:
            rows.append(row)
            raw_rows[row.key] = value
    if not rows:
        raise ReportError(f"{path} holds no complete result rows; run summarize bench again")
    return rows, raw_rows


def _row(value: Any, path: Path, number: int) -> ResultRow:
    missing = (
        [k for k in _REQUIRED_ROW_KEYS if k not in value]
        if isinstance(value, dict)
        else list(_REQUIRED_ROW_KEYS)
    )
    if missing:
        raise ReportError(
            f"{path}:{number} is not a results row of schema {RESULTS_SCHEMA_VERSION} (no "
            f"{', '.join(repr(k) for k in missing)}); it may come from an older summarize: "
            "rerun the benchmark with this version (summarize bench ... --force)"
        )
    try:
        return ResultRow.from_dict(value)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ReportError(
            f"{path}:{number}: a results row with a field this version cannot read ({exc!r}); "
            "rerun the benchmark with this version (summarize bench ... --force)"
        ) from None


def _names(described: Any, seen: Sequence[str]) -> list[str]:
    """Names in run.json's order, then any the rows have that run.json does not list."""
    names = []
    if isinstance(described, list):
        names = [str(d["name"]) for d in described if isinstance(d, dict) and "name" in d]
    return list(dict.fromkeys([*names, *seen]))


def _expected_rows(settings: Mapping[str, Any], methods: int) -> int | None:
    datasets = settings.get("datasets")
    if not isinstance(datasets, list) or not datasets:
        return None
    used = [d.get("rows_used") for d in datasets if isinstance(d, dict)]
    counts = [n for n in used if isinstance(n, int)]
    if not counts or len(counts) != len(datasets):
        return None
    return sum(counts) * methods


def _find_datasets(
    folder: Path,
    settings: Mapping[str, Any],
    names: Sequence[str],
    given: Sequence[str | Path],
    notes: list[str],
) -> dict[str, Dataset]:
    described = {
        str(d["name"]): d
        for d in settings.get("datasets") or []
        if isinstance(d, dict) and "name" in d
    }
    explicit = [load_dataset(path) for path in given]
    found: dict[str, Dataset] = {}
    for name in names:
        info = described.get(name, {})
        # A file given by hand is matched by content first, so its name does not matter.
        chosen = next((d for d in explicit if d.sha256 == info.get("sha256")), None) or next(
            (d for d in explicit if d.name == name), None
        )
        if chosen is not None:
            if info.get("sha256") not in (None, chosen.sha256):
                notes.append(
                    f"dataset '{name}' at {chosen.path} is not the file the run used (SHA-256 "
                    "differs): articles and highlights may not match the summaries"
                )
            found[name] = chosen
            continue
        if isinstance(info.get("path"), str):
            recorded = Path(info["path"])
            candidates = [recorded] if recorded.is_absolute() else [recorded, folder / recorded]
        else:
            notes.append(
                f"dataset '{name}': run.json does not say where it is, so its articles and "
                "references are left out (give it with --dataset)"
            )
            continue
        dataset = _first_loadable(candidates)
        if dataset is None:
            notes.append(
                f"dataset '{name}' not found at {candidates[0]}: its articles and references "
                "are left out (give the file with --dataset)"
            )
            continue
        if info.get("sha256") not in (None, dataset.sha256):
            notes.append(
                f"dataset '{name}' at {dataset.path} changed since the run (its SHA-256 "
                "differs): its articles are left out (give it with --dataset to use it anyway)"
            )
            continue
        found[name] = dataset
    return found


def _first_loadable(candidates: Sequence[Path]) -> Dataset | None:
    for candidate in candidates:
        if candidate.exists():
            try:
                return load_dataset(candidate)
            except DatasetError:
                return None
    return None
