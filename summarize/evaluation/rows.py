"""Rows of an evaluation file (JSON Lines), read one line at a time so any size streams.

Each line is a JSON object with ``summary`` (text), ``id`` (text or number; the line number
when absent), and ``references`` (a list of texts) or ``source`` (text) or both: a row with
neither has nothing to be scored against, and is a bad row rather than an empty score.
Blank lines are skipped. The file must be UTF-8, as JSON requires (a BOM is allowed).
Every problem is a :class:`~summarize.errors.BadRowError` naming the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from summarize.errors import BadRowError

__all__ = ["EvaluationRow", "parse_row", "read_rows"]


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    """One summary to score, with its references and source when the row has them."""

    line: int
    id: str | int
    summary: str
    references: tuple[str, ...]
    source: str | None


def parse_row(raw: bytes | str, line: int) -> EvaluationRow:
    """Parse line number ``line`` of an evaluation file; raise :class:`BadRowError` if unusable."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if line == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise BadRowError(
                line, f"not UTF-8 (byte {exc.start + 1}); convert the file to UTF-8"
            ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadRowError(line, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise BadRowError(line, f"expected a JSON object, got {_json_type(data)}")
    if "summary" not in data:
        raise BadRowError(line, "no 'summary' field")
    summary = data["summary"]
    if not isinstance(summary, str):
        raise BadRowError(line, f"'summary' must be text, not {_json_type(summary)}")
    row_id = data.get("id", line)
    if not isinstance(row_id, (str, int)) or isinstance(row_id, bool):
        raise BadRowError(line, f"'id' must be text or a number, not {_json_type(row_id)}")
    references = data.get("references")
    if references is None:
        references = []
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise BadRowError(line, "'references' must be a list of texts")
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise BadRowError(line, f"'source' must be text, not {_json_type(source)}")
    if not references and source is None:
        raise BadRowError(
            line, "neither 'references' nor 'source': nothing to score the summary against"
        )
    return EvaluationRow(line, row_id, summary, tuple(references), source)


def read_rows(stream: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line number, raw line)`` for every non-blank line of ``stream``, lazily."""
    for number, raw in enumerate(stream, 1):
        if raw.strip():
            yield number, raw


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, (int, float)) else "text")
