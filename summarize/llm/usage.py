"""What LLM calls cost, as one frozen value: written by the client, read by the benchmark.

A briefing of the ``llm`` method carries these counters in its metadata (flat keys, see
:data:`USAGE_KEYS`); :meth:`Usage.from_metadata` reads them back, so no other module needs
to know the key names. Importing this module does not import ``openai``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["USAGE_KEYS", "Usage"]


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens, requests, retries, cache hits and server time of some LLM work."""

    tokens_in: int = 0
    tokens_out: int = 0
    calls: int = 0
    """Requests sent to the server (retries included, cache hits not)."""
    retries: int = 0
    cache_hits: int = 0
    llm_seconds: float = 0.0
    """Time spent waiting for the server, including backoff."""

    def __add__(self, other: Usage) -> Usage:
        """The counters of both, summed."""
        return Usage(
            tokens_in=self.tokens_in + other.tokens_in,
            tokens_out=self.tokens_out + other.tokens_out,
            calls=self.calls + other.calls,
            retries=self.retries + other.retries,
            cache_hits=self.cache_hits + other.cache_hits,
            llm_seconds=self.llm_seconds + other.llm_seconds,
        )

    def to_dict(self) -> dict[str, int | float]:
        """JSON form: every counter under its name (:data:`USAGE_KEYS`), seconds rounded to 1 µs."""
        values: dict[str, int | float] = {key: getattr(self, key) for key in USAGE_KEYS}
        values["llm_seconds"] = round(self.llm_seconds, 6)
        return values

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Usage:
        """Read :meth:`to_dict`'s form; a missing counter is 0 (raises ``ValueError`` if not a number)."""
        return cls(
            tokens_in=int(value.get("tokens_in") or 0),
            tokens_out=int(value.get("tokens_out") or 0),
            calls=int(value.get("calls") or 0),
            retries=int(value.get("retries") or 0),
            cache_hits=int(value.get("cache_hits") or 0),
            llm_seconds=float(value.get("llm_seconds") or 0.0),
        )

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any]) -> Usage | None:
        """The counters in a briefing's metadata; ``None`` when it reports none (not an LLM)."""
        found = {
            key: metadata[key]
            for key in USAGE_KEYS
            if isinstance(metadata.get(key), int | float)
            and not isinstance(metadata.get(key), bool)
        }
        return cls.from_dict(found) if found else None


USAGE_KEYS: tuple[str, ...] = tuple(field.name for field in fields(Usage))
"""The counters' names, in the order of :class:`Usage`'s fields (and of the JSON objects)."""
