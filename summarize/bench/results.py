"""Result rows and ``results.jsonl``: one line per (dataset, document, method), append-only.

Each line is a JSON object (schema version :data:`RESULTS_SCHEMA_VERSION`)::

    {"dataset": "modi_putin", "id": "modi-putin-1", "method": "lead", "status": "ok",
     "error": null, "summary": "...", "seconds": 0.0009, "sentences": 3, "words": 74,
     "references": 3,
     "rouge": {"rouge1": 0.51, "rouge2": 0.30, "rougeL": 0.41, "rougeLsum": 0.47},
     "factuality": {"score": 0.98, "label": true, "unsupported_sentences": 0},
     "extractiveness": {"coverage": 1.0, "density": 24.3, "compression": 4.9,
                        "novel_ngrams": {"1": 0.0, "2": 0.0, "3": 0.0}},
     "usage": null}

``rouge`` holds F1 (0–1) against the best-matching reference per ROUGE type and is ``null`` when
the row has no references; ``status`` is ``error`` when the method raised, and then ``error``
holds its message and the scores are ``null``. The file is flushed after every row; a line cut
short by a killed process is dropped (and redone) when the run resumes.

``extractiveness`` is :meth:`Extractiveness.to_dict
<summarize.evaluation.extractiveness.Extractiveness.to_dict>`, the same shape ``summarize eval``
writes. ``usage`` is the LLM accounting a method reports in its briefing's metadata (the ``llm``
method: ``tokens_in``, ``tokens_out``, ``calls``, ``retries``, ``cache_hits``, ``llm_seconds``;
see :class:`~summarize.llm.usage.Usage`) and ``null`` for methods that report none. Rows written
before the field existed read back with ``usage`` ``None``. ``provenance`` lists, per line of
``summary``, the source sentences that line comes from (indices into the cleaned source
document's sentences, as the briefing recorded them; ``null`` in older rows): what
``summarize report`` highlights.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from summarize.errors import ResultsConflictError, ResultsWriteError
from summarize.evaluation.extractiveness import Extractiveness
from summarize.evaluation.factuality import FactualityResult
from summarize.llm.usage import Usage

if TYPE_CHECKING:
    from summarize.checkers import CheckResult

__all__ = [
    "RESULTS_FILE_NAME",
    "RESULTS_SCHEMA_VERSION",
    "FactualityScores",
    "ResultRow",
    "ResultsLog",
    "RowKey",
]

RESULTS_FILE_NAME = "results.jsonl"
RESULTS_SCHEMA_VERSION = 1

RowKey = tuple[str, str, str]
"""``(dataset, document id, method)``: what makes a result row unique."""


@dataclass(frozen=True)
class FactualityScores:
    """The per-row summary of a :class:`~summarize.evaluation.factuality.FactualityResult`."""

    score: float
    label: bool
    """True when the checker judged the whole summary consistent."""
    unsupported_sentences: int

    @classmethod
    def of(cls, result: FactualityResult | CheckResult) -> FactualityScores:
        """Score, label and the count of unsupported sentences of a checker's ``result``
        (0 for a checker that does not judge sentences one by one)."""
        sentences = getattr(result, "sentences", ())
        return cls(
            score=float(result.score),
            label=bool(result.label),
            unsupported_sentences=sum(
                1 for s in sentences if getattr(s, "supported", True) is False
            ),
        )


@dataclass(frozen=True)
class ResultRow:
    """The outcome of one method on one document: the summary, its scores and its time."""

    dataset: str
    id: str
    method: str
    status: str
    """``ok``, or ``error`` when the method (or scoring) raised."""
    summary: str = ""
    seconds: float = 0.0
    """Wall time of the summarizer on this document (scoring not included)."""
    sentences: int = 0
    words: int = 0
    references: int = 0
    rouge: Mapping[str, float] | None = None
    """F1 per ROUGE type (``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum``), 0–1."""
    factuality: FactualityScores | None = None
    extractiveness: Extractiveness | None = None
    error: str | None = None
    usage: Usage | None = None
    """LLM accounting of the briefing; ``None`` for methods that report none."""
    provenance: tuple[tuple[int, ...], ...] | None = None
    """Per summary line, the source sentences it comes from (indices into the cleaned source
    ``Document.sentences``: an extractive sentence's own, an abstractive one's citations);
    ``None`` in rows written before the field existed."""

    @property
    def key(self) -> RowKey:
        """``(dataset, id, method)``."""
        return (self.dataset, self.id, self.method)

    @property
    def ok(self) -> bool:
        """Whether the method produced a summary that was scored."""
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The row as the JSON object written to ``results.jsonl``."""
        extractive = self.extractiveness
        return {
            "dataset": self.dataset,
            "id": self.id,
            "method": self.method,
            "status": self.status,
            "error": self.error,
            "summary": self.summary,
            "seconds": round(self.seconds, 6),
            "sentences": self.sentences,
            "words": self.words,
            "references": self.references,
            "rouge": None
            if self.rouge is None
            else {k: round(v, 6) for k, v in self.rouge.items()},
            "factuality": None
            if self.factuality is None
            else {
                "score": round(self.factuality.score, 6),
                "label": self.factuality.label,
                "unsupported_sentences": self.factuality.unsupported_sentences,
            },
            "extractiveness": None if extractive is None else _rounded(extractive.to_dict()),
            "usage": None if self.usage is None else self.usage.to_dict(),
            "provenance": None
            if self.provenance is None
            else [list(sources) for sources in self.provenance],
        }

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> ResultRow:
        """Read a row written by :meth:`to_dict` (raises ``KeyError``/``TypeError`` if malformed)."""
        factuality = value.get("factuality")
        extractive = value.get("extractiveness")
        rouge = value.get("rouge")
        return cls(
            dataset=str(value["dataset"]),
            id=str(value["id"]),
            method=str(value["method"]),
            status=str(value["status"]),
            summary=str(value.get("summary") or ""),
            seconds=float(value.get("seconds") or 0.0),
            sentences=int(value.get("sentences") or 0),
            words=int(value.get("words") or 0),
            references=int(value.get("references") or 0),
            rouge=None if rouge is None else {str(k): float(v) for k, v in rouge.items()},
            factuality=None
            if factuality is None
            else FactualityScores(
                float(factuality["score"]),
                bool(factuality["label"]),
                int(factuality.get("unsupported_sentences") or 0),
            ),
            extractiveness=None if extractive is None else Extractiveness.from_dict(extractive),
            error=value.get("error"),
            usage=None if value.get("usage") is None else Usage.from_dict(value["usage"]),
            provenance=_provenance(value.get("provenance")),
        )


class ResultsLog:
    """``results.jsonl`` in an output folder: read what is done, append rows, flushed one by one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stream: IO[bytes] | None = None
        self._good_size = 0
        self.repaired_bytes = 0
        """Bytes of a cut-short last line dropped by :meth:`load` (a killed run leaves one)."""

    def exists(self) -> bool:
        """Whether the file exists and holds anything."""
        return self.path.is_file() and self.path.stat().st_size > 0

    def load(self, *, repair: bool = True) -> list[ResultRow]:
        """Read every complete row (first occurrence of each key).

        A last line without its newline, or that is not valid JSON, is what a killed run
        leaves: with ``repair`` it is cut off the file so that the row is redone. A bad line
        anywhere else means the file was edited or mixed: :class:`ResultsConflictError`.
        """
        if not self.path.is_file():
            return []
        data = self.path.read_bytes()
        rows: dict[RowKey, ResultRow] = {}
        offset = 0
        lines = data.split(b"\n")
        for number, raw in enumerate(lines, start=1):
            is_last = number == len(lines)
            if is_last and raw == b"":
                break
            row = _parse_line(raw) if not is_last else None
            if row is None:
                if number >= len(lines) - 1:  # the last line, cut short
                    if repair:
                        self._truncate(offset)
                        self.repaired_bytes = len(data) - offset
                    break
                raise ResultsConflictError(
                    f"{self.path}:{number} is not a result row; the file was edited or mixed "
                    "(fix that line, or start over with force=True)"
                )
            rows.setdefault(row.key, row)
            offset += len(raw) + 1
        self._good_size = offset
        return list(rows.values())

    def append(self, row: ResultRow) -> None:
        """Write one row and flush it; on failure keep the file valid and raise ``ResultsWriteError``."""
        line = (json.dumps(row.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")
        try:
            if self._stream is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._stream = self.path.open("ab")
                self._good_size = self._stream.tell()
            self._stream.write(line)
            self._stream.flush()
            self._good_size = self._stream.tell()
        except OSError as exc:
            self._abandon()
            raise ResultsWriteError(
                f"could not write {self.path}: {exc.strerror or exc}; the rows written before "
                "are kept, so free some space and rerun the same command to resume"
            ) from exc

    def close(self) -> None:
        """Close the file (rows are already flushed)."""
        if self._stream is not None:
            stream, self._stream = self._stream, None
            try:
                stream.close()
            except OSError:
                pass

    def _abandon(self) -> None:
        """After a failed write: drop any half-written line so the file holds only whole rows."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass
        try:
            self._truncate(self._good_size)
        except OSError:
            pass  # the next run's load() drops the partial line instead

    def _truncate(self, size: int) -> None:
        if self.path.is_file() and self.path.stat().st_size > size:
            with self.path.open("r+b") as stream:
                stream.truncate(size)
                stream.flush()
                os.fsync(stream.fileno())


def _rounded(value: Any) -> Any:
    """Every float in a JSON value rounded to 6 digits (the file need not hold more)."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _parse_line(raw: bytes) -> ResultRow | None:
    try:
        return ResultRow.from_dict(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _provenance(value: Any) -> tuple[tuple[int, ...], ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(tuple(int(i) for i in sources) for sources in value)
