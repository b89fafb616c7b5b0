"""Benchmark datasets as users have them: JSONL, CSV/TSV, Parquet, or a Hugging Face dataset.

Every row needs an id, an article and (optionally) reference summaries. By default they are read
from the fields ``id``, ``source`` and ``references``, our JSONL format::

    {"id": "modi-1", "source": "Prime Minister ...", "references": ["Modi called ...", "..."]}

A :class:`FieldMap` reads other names (``--id-field``, ``--text-field``, ``--reference-field``):
CNN/DailyMail's ``article``/``highlights``, XSum's ``document``/``summary``. A reference field
holds one summary (text) or a list of them; several reference fields may be given and are
joined. A table (CSV, Parquet, HF) without an ``id`` column has its rows numbered from 1.

- ``id``: a non-empty string (or integer), unique in the dataset;
- the article: non-empty text;
- references: may be empty or missing, and then the row is scored on factuality and
  extractiveness only;
- ``text_format`` (optional): ``ptb_tokenized...`` marks Penn-Treebank-tokenized text
  (``team 's``, `` .``, ``-lrb-``). Such rows are detokenized with
  :func:`summarize.evaluation.rouge.normalize_ptb` (article and references alike) before
  anything else, so summarizers, ROUGE and factuality all see ordinary text.

Other fields are ignored. A dataset argument is one of:

- a ``.jsonl`` file (one JSON object a line), or a folder holding ``dataset.jsonl`` (the folder's
  name is then the dataset's name, e.g. ``benchmarks/modi_putin``);
- a ``.csv`` or ``.tsv`` file with a header row (a reference cell holding a JSON list of strings
  is read as several references);
- a ``.parquet`` file (needs the ``parquet`` extra: ``pip install 'summarize[parquet]'``);
- ``hf:NAME[:CONFIG[:SPLIT]]``: a Hugging Face dataset through the ``datasets`` library (the
  ``hf`` extra), e.g. ``hf:cnn_dailymail:3.0.0:test``; NAME may be a folder written by
  ``save_to_disk`` (``hf:/data/cnndm::test``), which is read offline.

The same rows give the same :class:`DatasetRow` values, hence the same scores, in every format.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarize.errors import DatasetError
from summarize.evaluation.rouge import normalize_ptb

__all__ = [
    "DATASET_FILE_NAME",
    "HF_PREFIX",
    "Dataset",
    "DatasetRow",
    "FieldMap",
    "load_dataset",
    "resolve_dataset_path",
]

DATASET_FILE_NAME = "dataset.jsonl"
"""The file a dataset folder holds (``benchmarks/modi_putin/dataset.jsonl``)."""
HF_PREFIX = "hf:"
"""What starts a Hugging Face dataset argument (``hf:cnn_dailymail:3.0.0:test``)."""

PTB_FORMAT_PREFIX = "ptb_tokenized"
_CSV_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
_PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class FieldMap:
    """Which fields (columns) hold a row's id, article and reference summaries."""

    id: str | None = None
    """``None``: ``id``; a CSV, Parquet or HF dataset without that column numbers its rows from 1."""
    text: str | None = None
    """``None``: ``source``."""
    references: tuple[str, ...] = ()
    """Empty: ``references``, when the data has it (rows without it have no references)."""

    @property
    def text_field(self) -> str:
        """The field holding the article."""
        return self.text or "source"

    @property
    def reference_fields(self) -> tuple[str, ...]:
        """The fields holding reference summaries."""
        return self.references or ("references",)

    @property
    def is_default(self) -> bool:
        """Whether this is our JSONL format's mapping (nothing given)."""
        return self == FieldMap()

    def describe(self) -> dict[str, Any]:
        """The mapping as recorded in ``run.json``."""
        return {
            "id": self.id,
            "text": self.text_field,
            "references": list(self.reference_fields),
        }

    def check_columns(self, columns: Sequence[str], where: str) -> None:
        """Refuse a mapping that names a column the data does not have, listing those it has."""
        wanted: list[tuple[str, str]] = [(self.text_field, "--text-field")]
        if self.id is not None:
            wanted.append((self.id, "--id-field"))
        if self.references:
            wanted.extend((name, "--reference-field") for name in self.references)
        for name, option in wanted:
            if name not in columns:
                raise DatasetError(_missing_column(name, option, columns, where))


@dataclass(frozen=True)
class DatasetRow:
    """One article of a dataset, with its reference summaries (already detokenized if PTB)."""

    id: str
    source: str
    references: tuple[str, ...]
    line: int = field(default=0, compare=False)
    """The line of the file (or the row number) the row came from (1-based); not compared."""


@dataclass(frozen=True)
class Dataset:
    """A named, validated dataset and the SHA-256 of what it was read from."""

    name: str
    path: Path
    rows: tuple[DatasetRow, ...]
    sha256: str
    ptb_rows: int = 0
    """How many rows were PTB-tokenized and detokenized on loading."""
    fields: FieldMap = field(default_factory=FieldMap)
    format: str = "jsonl"
    """``jsonl``, ``csv``, ``tsv``, ``parquet`` or ``hf``."""

    def __len__(self) -> int:
        return len(self.rows)

    def head(self, limit: int | None) -> tuple[DatasetRow, ...]:
        """The first ``limit`` rows (all of them for ``None``)."""
        return self.rows if limit is None else self.rows[:limit]

    def select(
        self, limit: int | None = None, sample: int | None = None, seed: int = 0
    ) -> tuple[DatasetRow, ...]:
        """The rows a run uses: the first ``limit``, then ``sample`` of them drawn with ``seed``.

        A sample keeps the dataset's order, and the same seed draws the same rows every time.
        """
        rows = self.head(limit)
        if sample is None or sample >= len(rows):
            return rows
        chosen = sorted(random.Random(seed).sample(range(len(rows)), sample))
        return tuple(rows[i] for i in chosen)

    def fingerprint(self) -> dict[str, Any]:
        """What a results folder records about this dataset (and compares on resume)."""
        value: dict[str, Any] = {"name": self.name, "sha256": self.sha256}
        if not self.fields.is_default:
            value["fields"] = self.fields.describe()
        return value


def resolve_dataset_path(path: str | Path) -> tuple[str, Path]:
    """Return ``(name, file)`` for a dataset file argument, or a folder with ``dataset.jsonl``."""
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


def load_dataset(path: str | Path, fields: FieldMap | None = None) -> Dataset:
    """Read and validate a dataset; raise :class:`DatasetError` naming the first bad row.

    ``path`` is a JSONL, CSV, TSV or Parquet file, a folder holding ``dataset.jsonl``, or
    ``hf:NAME[:CONFIG[:SPLIT]]`` (see the module's documentation).
    """
    fields = fields or FieldMap()
    if isinstance(path, str) and path.startswith(HF_PREFIX):
        return _load_hf(path, fields)
    name, file = resolve_dataset_path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot read dataset {file}: {exc.strerror or exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    suffix = file.suffix.lower()
    columns: Sequence[str] | None = None  # JSONL has no header: every row must have its id
    if suffix in _PARQUET_SUFFIXES:
        columns, records = _parquet_records(file, fields)
        kind = "parquet"
    elif suffix in _CSV_SUFFIXES:
        columns, records = _csv_records(file, _decode(data, file), _CSV_SUFFIXES[suffix], fields)
        kind = suffix.lstrip(".").replace("tab", "tsv")
    else:
        records = _jsonl_records(file, _decode(data, file))
        kind = "jsonl"
    number_ids = fields.id is None and columns is not None and "id" not in columns
    rows, ptb_rows = _build_rows(records, fields, file, number_ids=number_ids)
    return Dataset(name, file, rows, digest, ptb_rows, fields, kind)


class _CsvRow(dict[str, Any]):
    """A CSV record: its cells are text, so a reference cell may hold a JSON list."""


_Record = tuple[str, int, Mapping[str, Any]]
"""Where a row is (for messages), its line or row number, and its fields."""


def _decode(data: bytes, file: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{file} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _jsonl_records(file: Path, text: str) -> Iterator[_Record]:
    # Split at "\n" only: str.splitlines() would also split inside a row at U+2028 and kin,
    # which JSON allows unescaped in strings.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{file}:{number}"
        try:
            value: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
        if not isinstance(value, dict):
            raise DatasetError(f"{where}: expected a JSON object, got {type(value).__name__}")
        yield where, number, value


def _csv_records(
    file: Path, text: str, delimiter: str, fields: FieldMap
) -> tuple[list[str], Iterator[_Record]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are longer than 128 KiB at times
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = list(reader.fieldnames or [])
    except csv.Error as exc:
        raise DatasetError(f"{file}: not valid CSV ({exc})") from exc
    if not columns:
        raise DatasetError(f"{file} holds no rows (expected a header row, then one row a line)")
    fields.check_columns(columns, str(file))

    def records() -> Iterator[_Record]:
        try:
            for record in reader:
                yield f"{file}:{reader.line_num}", reader.line_num, _CsvRow(record)
        except csv.Error as exc:
            raise DatasetError(f"{file}:{reader.line_num}: not valid CSV ({exc})") from exc

    return columns, records()


def _parquet_records(file: Path, fields: FieldMap) -> tuple[list[str], Iterator[_Record]]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise DatasetError(
            f"reading {file} needs pyarrow, which comes with the 'parquet' extra: "
            "pip install 'summarize[parquet]'"
        ) from None
    try:
        parquet = pyarrow.parquet.ParquetFile(file)
    except (pyarrow.ArrowException, OSError) as exc:
        detail = " ".join(str(exc).split())
        raise DatasetError(f"{file} is not a Parquet file ({detail})") from None
    columns = list(parquet.schema_arrow.names)
    fields.check_columns(columns, str(file))

    def records() -> Iterator[_Record]:
        number = 0
        for batch in parquet.iter_batches():
            for record in batch.to_pylist():
                number += 1
                yield f"{file} row {number}", number, record

    return columns, records()


def _load_hf(spec: str, fields: FieldMap) -> Dataset:
    name, config, split = _parse_hf(spec)
    try:
        import datasets
    except ImportError:
        raise DatasetError(
            f"reading {spec} needs the Hugging Face 'datasets' library, which comes with the "
            "'hf' extra: pip install 'summarize[hf]'"
        ) from None
    local = Path(name).expanduser()
    try:
        if local.is_dir():
            if config:
                raise DatasetError(
                    f"{spec}: a folder written by save_to_disk has no config; "
                    f"write hf:{name}::{split or 'SPLIT'}"
                )
            loaded: Any = datasets.load_from_disk(str(local))
        else:
            loaded = datasets.load_dataset(name, config or None, split=split or None)
    except DatasetError:
        raise
    except Exception as exc:  # the library raises many types (network, missing config, ...)
        detail = " ".join(str(exc).split())[:300]
        raise DatasetError(f"cannot load {spec}: {type(exc).__name__}: {detail}") from None
    if isinstance(loaded, datasets.DatasetDict):
        splits = list(loaded)
        if not split and len(splits) == 1:
            split = splits[0]
        if split not in loaded:
            raise DatasetError(
                f"{spec}: {'no split ' + repr(split) if split else 'say which split'}; "
                f"the dataset has: {', '.join(splits)} (write hf:NAME:CONFIG:SPLIT)"
            )
        loaded = loaded[split]
    columns = list(loaded.column_names)
    fields.check_columns(columns, spec)
    records = ((f"{spec} row {i}", i, record) for i, record in enumerate(loaded, start=1))
    number_ids = fields.id is None and "id" not in columns
    rows, ptb_rows = _build_rows(records, fields, Path(name), number_ids=number_ids)
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps([row.id, row.source, row.references]).encode("utf-8"))
        digest.update(b"\n")
    label = "-".join(
        part for part in (local.name if local.is_dir() else name, config, split) if part
    )
    return Dataset(
        label.replace("/", "_"), Path(name), rows, digest.hexdigest(), ptb_rows, fields, "hf"
    )


def _parse_hf(spec: str) -> tuple[str, str, str]:
    parts = spec[len(HF_PREFIX) :].split(":")
    if not parts[0] or len(parts) > 3:
        raise DatasetError(
            f"'{spec}' is not a Hugging Face dataset name; write hf:NAME[:CONFIG[:SPLIT]], "
            "e.g. hf:cnn_dailymail:3.0.0:test"
        )
    name, config, split = (*parts, "", "")[:3]
    return name, config, split


def _build_rows(
    records: Iterable[_Record], fields: FieldMap, file: Path, *, number_ids: bool
) -> tuple[tuple[DatasetRow, ...], int]:
    rows: list[DatasetRow] = []
    first_seen: dict[str, str] = {}
    ptb_rows = 0
    for ordinal, (where, number, record) in enumerate(records, start=1):
        row, was_ptb = _parse_row(record, fields, where, number, ordinal if number_ids else None)
        if row.id in first_seen:
            raise DatasetError(f"{where}: duplicate id '{row.id}' (first at {first_seen[row.id]})")
        first_seen[row.id] = f"line {number}" if where.endswith(f":{number}") else f"row {number}"
        rows.append(row)
        ptb_rows += was_ptb
    if not rows:
        raise DatasetError(f"{file} holds no rows")
    return tuple(rows), ptb_rows


def _parse_row(
    record: Mapping[str, Any], fields: FieldMap, where: str, number: int, ordinal: int | None
) -> tuple[DatasetRow, bool]:
    if ordinal is not None:
        row_id: Any = ordinal
    elif fields.id is not None:
        row_id = _field(record, fields.id, "--id-field", where)
    else:
        row_id = record.get("id")
    if isinstance(row_id, bool) or not isinstance(row_id, (str, int)) or str(row_id).strip() == "":
        raise DatasetError(
            f"{where}: '{fields.id or 'id'}' must be a non-empty string, got {row_id!r}"
        )
    text_field = fields.text_field
    source = _field(record, text_field, "--text-field", where)
    if not isinstance(source, str) or not source.strip():
        raise DatasetError(f"{where}: '{text_field}' must be non-empty text (id '{row_id}')")
    references: list[str] = []
    for name in fields.reference_fields:
        if fields.references:
            value = _field(record, name, "--reference-field", where)
        else:
            value = record.get(name)
        references.extend(_references(value, name, where, row_id, isinstance(record, _CsvRow)))
    text_format = record.get("text_format")
    ptb = isinstance(text_format, str) and text_format.startswith(PTB_FORMAT_PREFIX)
    if ptb:
        source = normalize_ptb(source)
        references = [normalize_ptb(r) for r in references]
    kept = tuple(r for r in references if r.strip())
    return DatasetRow(str(row_id), source, kept, number), ptb


def _field(record: Mapping[str, Any], name: str, option: str, where: str) -> Any:
    if name not in record:
        raise DatasetError(_missing_column(name, option, list(record), where))
    return record[name]


def _references(value: Any, name: str, where: str, row_id: object, cell: bool) -> list[str]:
    """A reference field's summaries: text, a list of texts, or nothing (null, empty cell)."""
    if value is None:
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if cell and stripped.startswith("[") and stripped.endswith("]"):  # a list in a cell
            try:
                listed = json.loads(stripped)
            except ValueError:
                return [value]
            if isinstance(listed, list) and all(isinstance(r, str) for r in listed):
                return listed
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(r, str) for r in value):
        return list(value)
    raise DatasetError(
        f"{where}: '{name}' must be a reference summary or a list of them (id '{row_id}')"
    )


def _missing_column(name: str, option: str, columns: Sequence[str], where: str) -> str:
    shown = ", ".join(str(c) for c in columns) or "none"
    hint = ""
    for text, reference in (("article", "highlights"), ("document", "summary")):
        if text in columns and name in ("source", "references"):
            hint = f" (for this data: --text-field {text} --reference-field {reference})"
    return f"{where}: no column '{name}' ({option}); the columns are: {shown}{hint}"
