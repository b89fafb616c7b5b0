"""Third-party-style factuality checkers used by the checker tests, installed through a real
entry point (a ``*.dist-info/entry_points.txt`` on ``sys.path``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Verdict:
    """What a checker returns: score, label and JSON."""

    score: float
    label: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"score": self.score, "label": self.label, "by": "length"}


class LengthChecker:
    """Calls a summary consistent when it is shorter than its source (a toy NLI stand-in)."""

    description = "shorter than the source (test plugin)"

    def __init__(self, *, ratio: float = 1.0) -> None:
        self.ratio = ratio

    def check(self, summary: str, source: str) -> Verdict:
        """Score by relative length."""
        ok = len(summary) < self.ratio * len(str(source))
        return Verdict(1.0 if ok else 0.0, ok)


class NoCheckMethod:
    """A factory whose product cannot check anything."""


class NotANumberChecker:
    """Answers NaN: what a broken model wrapper might return."""

    description = "answers NaN (test plugin)"

    def check(self, summary: str, source: str) -> Verdict:
        """Score nothing."""
        return Verdict(float("nan"), True)


class RaisingChecker:
    """Raises on every summary, as a plugin with a bug would."""

    description = "raises (test plugin)"

    def check(self, summary: str, source: str) -> Verdict:
        """Fail."""
        raise RuntimeError("model weights not found")


@dataclass(frozen=True)
class _OpaqueVerdict(Verdict):
    """A verdict whose details hold an object JSON cannot write (a tensor, say)."""

    def to_dict(self) -> dict[str, Any]:
        """Details that are not JSON."""
        return {"score": self.score, "label": self.label, "logits": object()}


class OpaqueDetailsChecker:
    """Scores fine but returns details that are not JSON, as a careless model wrapper might."""

    description = "details that are not JSON (test plugin)"

    def check(self, summary: str, source: str) -> Verdict:
        """A valid score with unwritable details."""
        return _OpaqueVerdict(0.5, True)
