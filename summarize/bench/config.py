"""What a benchmark runs: datasets, methods with their parameters, the length budget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from summarize.bench.datasets import Dataset, DatasetRow
from summarize.bench.scoring import DEFAULT_SCORING, Scoring
from summarize.errors import ParameterError
from summarize.registry import Registry, default_registry
from summarize.summarizers.base import Budget

__all__ = ["BenchConfig", "MethodSpec", "offline_methods"]


@dataclass(frozen=True)
class MethodSpec:
    """A method to benchmark: its registered name and the parameters to build it with."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BenchConfig:
    """What a benchmark runs: datasets, methods, length budget (and how many rows of each)."""

    datasets: tuple[Dataset, ...]
    methods: tuple[MethodSpec, ...]
    budget: Budget
    limit: int | None = None
    """Use only the first ``limit`` rows of each dataset (``None``: all)."""
    sample: int | None = None
    """Then use only ``sample`` of those rows, drawn at random with ``seed`` (``None``: all)."""
    seed: int = 0
    clean: bool = True
    """Set page chrome aside before summarizing, as ``summarize brief`` does."""
    scoring: Scoring = DEFAULT_SCORING
    """Which factuality checker judges the summaries (``rules`` unless named)."""

    def __post_init__(self) -> None:
        if not self.datasets:
            raise ParameterError("give at least one dataset")
        if not self.methods:
            raise ParameterError("give at least one method")
        names = [m.name for m in self.methods]
        if len(set(names)) != len(names):
            raise ParameterError(f"a method is listed twice: {', '.join(names)}")
        if len({d.name for d in self.datasets}) != len(self.datasets):
            raise ParameterError("two datasets share a name; rename one of the files")
        if self.limit is not None and self.limit < 1:
            raise ParameterError(f"limit must be at least 1, got {self.limit}")
        if self.sample is not None and self.sample < 1:
            raise ParameterError(f"sample must be at least 1, got {self.sample}")

    def rows_of(self, dataset: Dataset) -> tuple[DatasetRow, ...]:
        """The rows of ``dataset`` this benchmark uses (``limit``, then ``sample``)."""
        return dataset.select(self.limit, self.sample, self.seed)


def offline_methods(registry: Registry | None = None) -> list[str]:
    """Every registered method of the ``extractive`` family (they run offline), ``lead`` first."""
    infos = (registry or default_registry()).methods()
    names = [info.name for info in infos if info.family == "extractive"]
    return sorted(names, key=lambda name: (name != "lead", name))
