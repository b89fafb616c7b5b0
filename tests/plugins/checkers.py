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


class UnrulyChecker:
    """A checker that misbehaves as asked: ``mode`` nan, range, raise, label or details."""

    description = "misbehaves on purpose (test plugin)"

    def __init__(self, *, mode: str = "nan") -> None:
        self.mode = mode

    def check(self, summary: str, source: str) -> Any:
        """Misbehave."""
        if self.mode == "raise":
            raise ValueError("the model ran out of patience")
        if self.mode == "nan":
            return Verdict(float("nan"), True)
        if self.mode == "range":
            return Verdict(1.5, True)
        if self.mode == "label":
            return Verdict(0.5, "yes")  # type: ignore[arg-type]
        return _NotJSON(0.5, True)


@dataclass(frozen=True)
class _NotJSON(Verdict):
    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "label": self.label, "tensor": object()}
