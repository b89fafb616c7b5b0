"""How much a summary copies from its source: coverage, density, compression, novel n-grams.

Coverage, density and compression follow Grusky, Naaman and Artzi (2018), "Newsroom": the
summary is matched greedily against the source into *extractive fragments*, the longest
shared token runs, read left to right through the summary.

* coverage: share of summary tokens inside some fragment (0 = nothing copied, 1 = all)
* density: mean squared fragment length per summary token (how long the copied runs are)
* compression: source tokens per summary token

Novel n-gram ratios: for n = 1..4, the share of the summary's n-grams that never occur in
the source. Tokens are the lower-cased runs of letters and digits (any script), so
punctuation and case do not count. An empty summary gets 0 for every measure.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["NOVEL_NGRAM_SIZES", "Extractiveness", "extractiveness", "fragments"]

NOVEL_NGRAM_SIZES = (1, 2, 3, 4)
"""The n of the novel n-gram ratios."""

_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Extractiveness:
    """Coverage, density, compression and novel n-gram ratios of a summary against its source."""

    coverage: float
    density: float
    compression: float
    novel_ngrams: dict[int, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form, the same in ``summarize eval`` output and ``results.jsonl``.

        ``{"coverage": ..., "density": ..., "compression": ...,
        "novel_ngrams": {"1": ratio, ..., "4": ratio}}`` (JSON keys are text, so n is too).
        """
        return {
            "coverage": self.coverage,
            "density": self.density,
            "compression": self.compression,
            "novel_ngrams": {str(n): ratio for n, ratio in sorted(self.novel_ngrams.items())},
        }

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Extractiveness:
        """Read the JSON form of :meth:`to_dict` (raises ``KeyError``/``ValueError`` if malformed)."""
        return cls(
            float(value["coverage"]),
            float(value["density"]),
            float(value["compression"]),
            {int(n): float(r) for n, r in (value.get("novel_ngrams") or {}).items()},
        )

    def metrics(self) -> dict[str, float]:
        """Flat ``name -> value``: ``coverage``, ``density``, ``compression``, ``novel_1grams``.."""
        values = {"coverage": self.coverage, "density": self.density}
        values["compression"] = self.compression
        for n, ratio in sorted(self.novel_ngrams.items()):
            values[f"novel_{n}grams"] = ratio
        return values


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def fragments(summary: list[str], source: list[str]) -> list[tuple[int, int]]:
    """Grusky et al.'s greedy extractive fragments as ``(start, length)`` in ``summary``.

    At each summary position the longest token run shared with the source is taken
    (the first one found on ties, scanning the source left to right and resuming after
    each match, as the Newsroom code does); positions with no match are skipped.
    """
    positions: dict[str, list[int]] = defaultdict(list)
    for j, token in enumerate(source):
        positions[token].append(j)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(summary):
        best = 0
        resume = 0
        for j in positions.get(summary[i], ()):
            if j < resume:
                continue
            length = 0
            while (
                i + length < len(summary)
                and j + length < len(source)
                and summary[i + length] == source[j + length]
            ):
                length += 1
            best = max(best, length)
            resume = j + length
        if best:
            found.append((i, best))
        i += max(best, 1)
    return found


def _ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    return list(zip(*(tokens[i:] for i in range(n)), strict=False))


def extractiveness(summary: str, source: str) -> Extractiveness:
    """Measure how extractive ``summary`` is with respect to ``source``."""
    summary_tokens = _tokens(summary)
    source_tokens = _tokens(source)
    if not summary_tokens:
        return Extractiveness(0.0, 0.0, 0.0, {n: 0.0 for n in NOVEL_NGRAM_SIZES})
    lengths = [length for _, length in fragments(summary_tokens, source_tokens)]
    size = len(summary_tokens)
    novel: dict[int, float] = {}
    for n in NOVEL_NGRAM_SIZES:
        grams = _ngrams(summary_tokens, n)
        if not grams:
            novel[n] = 0.0
            continue
        known = set(_ngrams(source_tokens, n))
        novel[n] = sum(1 for gram in grams if gram not in known) / len(grams)
    return Extractiveness(
        coverage=sum(lengths) / size,
        density=sum(length * length for length in lengths) / size,
        compression=len(source_tokens) / size,
        novel_ngrams=novel,
    )
