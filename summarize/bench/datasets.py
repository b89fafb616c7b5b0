"""Benchmark datasets: JSONL files of articles with reference summaries, validated row by row.

The format, one JSON object a line (blank lines are skipped)::

    {"id": "modi-1", "source": "Prime Minister ...", "references": ["Modi called ...", "..."]}

- ``id``: a non-empty string (or integer), unique in the file;
- ``source``: the article, non-empty text;
- ``references``: a list of reference summaries (strings); it may be empty or missing, and then
  the row is scored on factuality and extractiveness only;
- ``text_format`` (optional): ``ptb_tokenized...`` marks Penn-Treebank-tokenized text
  (``team 's``, `` .``, ``-lrb-``). Such rows are detokenized with
  :func:`summarize.evaluation.rouge.normalize_ptb` (source and references alike) before
  anything else, so summarizers, ROUGE and factuality all see ordinary text and both sides of
  every comparison are normalized the same way.

Other keys are ignored. A dataset argument is a ``.jsonl`` file, or a folder holding
``dataset.jsonl`` (the folder's name is then the dataset's name, e.g. ``benchmarks/modi_putin``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.errors import DatasetError
from summarize.evaluation.rouge import normalize_ptb

__all__ = ["DATASET_FILE_NAME", "Dataset", "DatasetRow", "load_dataset", "resolve_dataset_path"]

DATASET_FILE_NAME = "dataset.jsonl"
"""The file a dataset folder holds (``benchmarks/modi_putin/dataset.jsonl``)."""

PTB_FORMAT_PREFIX = "ptb_tokenized"


@dataclass(frozen=True)
class DatasetRow:
    """One article of a dataset, with its reference summaries (already detokenized if PTB)."""

    id: str
    source: str
    references: tuple[str, ...]
    line: int
    """The line of the file the row came from (1-based)."""


@dataclass(frozen=True)
class Dataset:
    """A named, validated dataset and the SHA-256 of the file it was read from."""

    name: str
    path: Path
    rows: tuple[DatasetRow, ...]
    sha256: str
    ptb_rows: int = 0
    """How many rows were PTB-tokenized and detokenized on loading."""

    def __len__(self) -> int:
        return len(self.rows)

    def head(self, limit: int | None) -> tuple[DatasetRow, ...]:
        """The first ``limit`` rows (all of them for ``None``)."""
        return self.rows if limit is None else self.rows[:limit]


def resolve_dataset_path(path: str | Path) -> tuple[str, Path]:
    """Return ``(name, file)`` for a dataset argument: a JSONL file, or a folder with ``dataset.jsonl``."""
    given = Path(path)
    if given.is_dir():
        candidate = given / DATASET_FILE_NAME
        if not candidate.is_file():
            raise DatasetError(
                f"{given} is a folder without a {DATASET_FILE_NAME} "
                "(a dataset folder holds its rows in that file)"
            )
        return given.resolve().name, candidate
    if not given.exists():
        raise DatasetError(f"dataset not found: {given}")
    return given.stem, given


def load_dataset(path: str | Path) -> Dataset:
    """Read and validate a dataset; raise :class:`DatasetError` naming the first bad line."""
    name, file = resolve_dataset_path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read dataset {file}: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{file} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    rows: list[DatasetRow] = []
    first_line_of: dict[str, int] = {}
    ptb_rows = 0
    # Split at "\n" only: str.splitlines() would also split inside a row at U+2028 and kin,
    # which JSON allows unescaped in strings.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        row, was_ptb = _parse_row(line, f"{file}:{number}", number)
        if row.id in first_line_of:
            raise DatasetError(
                f"{file}:{number}: duplicate id '{row.id}' (first on line {first_line_of[row.id]})"
            )
        first_line_of[row.id] = number
        rows.append(row)
        ptb_rows += was_ptb
    if not rows:
        raise DatasetError(f"{file} holds no rows (expected one JSON object a line)")
    return Dataset(name, file, tuple(rows), hashlib.sha256(data).hexdigest(), ptb_rows)


def _parse_row(line: str, where: str, number: int) -> tuple[DatasetRow, bool]:
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(value, dict):
        raise DatasetError(f"{where}: expected a JSON object, got {type(value).__name__}")
    row_id = value.get("id")
    if isinstance(row_id, bool) or not isinstance(row_id, (str, int)) or str(row_id).strip() == "":
        raise DatasetError(f"{where}: 'id' must be a non-empty string, got {row_id!r}")
    source = value.get("source")
    if not isinstance(source, str) or not source.strip():
        raise DatasetError(f"{where}: 'source' must be non-empty text (id '{row_id}')")
    references = value.get("references", [])
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise DatasetError(f"{where}: 'references' must be a list of strings (id '{row_id}')")
    text_format = value.get("text_format")
    ptb = isinstance(text_format, str) and text_format.startswith(PTB_FORMAT_PREFIX)
    if ptb:
        source = normalize_ptb(source)
        references = [normalize_ptb(r) for r in references]
    kept = tuple(r for r in references if r.strip())
    return DatasetRow(str(row_id), source, kept, number), ptb
