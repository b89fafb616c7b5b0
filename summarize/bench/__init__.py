"""Benchmarks: datasets, the resumable runner, the leaderboard and its plot.

>>> from summarize.bench import BenchConfig, MethodSpec, load_dataset, run_benchmark
>>> from summarize import Budget
>>> config = BenchConfig((load_dataset("benchmarks/modi_putin"),),
...                      (MethodSpec("lead"), MethodSpec("textrank")), Budget(sentences=3))
>>> outcome = run_benchmark(config, "results/modi_putin")
>>> print(outcome.leaderboard.to_markdown())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarize._lazy import lazy_exports

if TYPE_CHECKING:
    from summarize.bench.datasets import Dataset, DatasetRow, load_dataset
    from summarize.bench.leaderboard import Leaderboard, MethodStanding, build_leaderboard
    from summarize.bench.results import ResultRow, ResultsLog
    from summarize.bench.runner import (
        BenchConfig,
        BenchmarkRun,
        MethodSpec,
        RunOutcome,
        run_benchmark,
    )

__all__ = [
    "BenchConfig",
    "BenchmarkRun",
    "Dataset",
    "DatasetRow",
    "Leaderboard",
    "MethodSpec",
    "MethodStanding",
    "ResultRow",
    "ResultsLog",
    "RunOutcome",
    "build_leaderboard",
    "load_dataset",
    "run_benchmark",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    globals(),
    {
        "BenchConfig": "summarize.bench.runner",
        "BenchmarkRun": "summarize.bench.runner",
        "Dataset": "summarize.bench.datasets",
        "DatasetRow": "summarize.bench.datasets",
        "Leaderboard": "summarize.bench.leaderboard",
        "MethodSpec": "summarize.bench.runner",
        "MethodStanding": "summarize.bench.leaderboard",
        "ResultRow": "summarize.bench.results",
        "ResultsLog": "summarize.bench.results",
        "RunOutcome": "summarize.bench.runner",
        "build_leaderboard": "summarize.bench.leaderboard",
        "load_dataset": "summarize.bench.datasets",
        "run_benchmark": "summarize.bench.runner",
    },
)
