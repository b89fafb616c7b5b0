"""Flagged claims of a briefing sentence: what kind, which words, why, and checked against what.

A claim comes from one of three places, best first: the result row itself (a newer ``summarize
bench`` may keep the checker's verdicts; any shape with ``kind``/``span``/``message`` per issue
is read), the briefing's own flags (``summarize brief``: an LLM's invalid citation), or the
offline checker run again at report time on the rows the benchmark scored as unsupported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarize.evaluation.factuality import FactualityChecker, SentenceVerdict

__all__ = ["Claim", "LineVerdict", "claims_from_row", "recheck_lines"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One flagged claim of a briefing sentence."""

    kind: str
    """``entity``, ``number``, ``date``, ``quote``, ``novel-content``, ``low-support``, or a
    briefing flag's kind (``invalid-citation`` ...)."""
    reason: str
    words: str | None = None
    """The words of the sentence at fault, when the claim is about some of them."""
    start: int | None = None
    end: int | None = None
    """Offsets of ``words`` in the sentence's text, when known."""
    evidence: tuple[int, ...] = ()
    """Source sentences (``Document.sentences`` indices) the claim was checked against."""


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The checker's verdict on one briefing sentence."""

    supported: bool
    score: float | None
    claims: tuple[Claim, ...]
    evidence: tuple[int, ...] = ()


def recheck_lines(
    checker: FactualityChecker, lines: Sequence[str], cited: Sequence[Sequence[int]]
) -> list[LineVerdict]:
    """Check each line against the source again, trying its aligned source sentences first."""
    return [
        _from_verdict(checker.check_sentence(line, evidence=tuple(sources)))
        for line, sources in zip(lines, cited, strict=True)
    ]


def _from_verdict(verdict: SentenceVerdict) -> LineVerdict:
    claims = [
        Claim(
            issue.kind,
            issue.message,
            issue.span,
            issue.start - verdict.start,
            issue.end - verdict.start,
            verdict.evidence,
        )
        for issue in verdict.issues
    ]
    if not verdict.supported and not claims:
        claims.append(
            Claim(
                "low-support",
                f"support score {verdict.score:.2f} is below the checker's threshold: "
                "too many words or word pairs the source does not have",
                evidence=verdict.evidence,
            )
        )
    return LineVerdict(verdict.supported, verdict.score, tuple(claims), verdict.evidence)


def claims_from_row(raw: Mapping[str, Any], lines: Sequence[str]) -> list[LineVerdict] | None:
    """Verdicts per line that a result row carries, or ``None`` when it carries none.

    Read from ``factuality.sentences`` or ``factuality.unsupported`` (lists of the checker's
    sentence verdicts), each going to the line that holds its text; or from a flat list of
    claims (``factuality.claims`` or ``claims``: ``kind``, ``span``/``words``, ``message``/
    ``reason``, ``evidence``, summary offsets), each going to the line that holds its words.
    """
    factuality = raw.get("factuality")
    factuality = factuality if isinstance(factuality, Mapping) else {}
    verdicts = factuality.get("sentences", factuality.get("unsupported"))
    starts = _line_starts(lines)
    if not isinstance(verdicts, list):
        flat = factuality.get("claims", raw.get("claims"))
        return _from_flat_claims(flat, lines, starts) if isinstance(flat, list) else None
    result: list[LineVerdict | None] = [None] * len(lines)
    for item in verdicts:
        if not isinstance(item, Mapping):
            continue
        line = _line_of(item, lines, starts)
        if line is None:
            continue
        # The checker's issue offsets index the whole summary; other shapes are found by words.
        claims = tuple(_claims(item, lines[line], starts[line]))
        supported = item.get("supported")
        supported = (not claims) if not isinstance(supported, bool) else supported
        if not supported and not claims:
            claims = (Claim("low-support", _low_support_reason(item.get("score"))),)
        result[line] = LineVerdict(
            supported,
            _as_float(item.get("score")),
            claims,
            _indices(item.get("evidence")),
        )
    return [v or LineVerdict(True, None, ()) for v in result]


def _from_flat_claims(
    flat: Sequence[Any], lines: Sequence[str], starts: Sequence[int]
) -> list[LineVerdict]:
    claims: list[list[Claim]] = [[] for _ in lines]
    for item in flat:
        if not isinstance(item, Mapping):
            continue
        words = item.get("span", item.get("words"))
        probe = {"text": words, "start": item.get("start")} if isinstance(words, str) else item
        line = _line_of(probe, lines, starts)
        if line is not None:
            claims[line].extend(_claims({"issues": [item]}, lines[line], starts[line]))
    return [LineVerdict(not found, None, tuple(found)) for found in claims]


def _claims(item: Mapping[str, Any], line: str, line_offset: int) -> Iterable[Claim]:
    evidence = _indices(item.get("evidence"))
    for issue in item.get("issues") or item.get("claims") or ():
        if not isinstance(issue, Mapping):
            continue
        words = issue.get("span", issue.get("words"))
        words = words if isinstance(words, str) and words else None
        start = _as_int(issue.get("start"))
        end = _as_int(issue.get("end"))
        if start is not None and end is not None:
            start, end = start - line_offset, end - line_offset
        if words is not None and (start is None or end is None or line[start:end] != words):
            found = line.find(words)
            start, end = (found, found + len(words)) if found >= 0 else (None, None)
        elif words is None and start is not None and end is not None and 0 <= start < end:
            words = line[start:end] or None
        reason = issue.get("message", issue.get("reason"))
        yield Claim(
            str(issue.get("kind") or "unsupported"),
            str(reason) if reason else "not supported by the source",
            words,
            start,
            end,
            _indices(issue.get("evidence")) or evidence,
        )


def _line_starts(lines: Sequence[str]) -> list[int]:
    """Where each line starts in the summary as results.jsonl writes it (joined by newlines)."""
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _line_of(item: Mapping[str, Any], lines: Sequence[str], starts: Sequence[int]) -> int | None:
    text = item.get("text")
    if isinstance(text, str):
        folded = " ".join(text.split())
        for number, line in enumerate(lines):
            if folded and (folded == line or folded in line):
                return number
    start = _as_int(item.get("start"))
    if start is not None:
        for number in range(len(lines) - 1, -1, -1):
            if starts[number] <= start:
                return number
    return None


def _low_support_reason(score: Any) -> str:
    value = _as_float(score)
    shown = f"support score {value:.2f}" if value is not None else "the support score"
    return f"{shown} is below the checker's threshold"


def _indices(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, int) and not isinstance(v, bool) and v >= 0)


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _as_float(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
