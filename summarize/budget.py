"""The length budget of a briefing: a number of sentences, a number of words, or a ratio."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from summarize.errors import BudgetError

__all__ = ["DEFAULT_SENTENCES", "Budget"]

DEFAULT_SENTENCES = 3


@dataclass(frozen=True)
class Budget:
    """How long a briefing may be: a number of sentences, a number of words, or a ratio.

    Exactly one of the three is set. ``words`` is a hard ceiling: sentences are taken in rank
    order while they fit, skipping any that would overflow; if not even one whole sentence fits,
    the best sentence is cut after ``words`` words (the cut is marked ``truncated``).
    ``ratio`` keeps ``round(ratio × sentences)`` sentences, at least one.
    """

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        given = {k: v for k, v in self.as_dict().items() if v is not None}
        if len(given) != 1:
            raise BudgetError(
                "give exactly one length budget: sentences, words or ratio"
                + (f" (got {', '.join(given)})" if given else "")
            )
        kind, value = next(iter(given.items()))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BudgetError(f"{kind} must be a number, got {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise BudgetError(f"{kind} must be a finite number, got {value}")
        if kind in ("sentences", "words") and (value != int(value) or value < 1):
            raise BudgetError(f"{kind} must be a whole number of at least 1, got {value}")
        if kind == "ratio" and not 0 < value <= 1:
            raise BudgetError(f"ratio must be more than 0 and at most 1, got {value}")

    @classmethod
    def of(
        cls, sentences: int | None = None, words: int | None = None, ratio: float | None = None
    ) -> Budget:
        """Build a budget; with nothing given, the default of 3 sentences."""
        if sentences is None and words is None and ratio is None:
            sentences = DEFAULT_SENTENCES
        return cls(sentences=sentences, words=words, ratio=ratio)

    def as_dict(self) -> dict[str, Any]:
        """Return ``{"sentences": …, "words": …, "ratio": …}``."""
        return {"sentences": self.sentences, "words": self.words, "ratio": self.ratio}

    def describe(self) -> dict[str, Any]:
        """Return only the budget that is set, e.g. ``{"sentences": 3}``."""
        return {k: v for k, v in self.as_dict().items() if v is not None}

    def sentence_count(self, available: int) -> int | None:
        """Sentences to keep out of ``available``, or ``None`` for a word budget."""
        if self.sentences is not None:
            return min(int(self.sentences), available)
        if self.ratio is not None:
            return min(available, max(1, round(self.ratio * available)))
        return None
