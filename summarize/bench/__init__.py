"""Benchmarks: datasets, the resumable runner, the leaderboard and its plot.

>>> from summarize.bench import BenchConfig, MethodSpec, load_dataset, run_benchmark
>>> from summarize import Budget
>>> config = BenchConfig((load_dataset("benchmarks/modi_putin"),),
...                      (MethodSpec("lead"), MethodSpec("textrank")), Budget(sentences=3))
>>> outcome = run_benchmark(config, "results/modi_putin")
>>> print(outcome.leaderboard.to_markdown())
"""

from summarize.bench.datasets import Dataset, DatasetRow, load_dataset
from summarize.bench.leaderboard import Leaderboard, MethodStanding, build_leaderboard
from summarize.bench.results import ResultRow, ResultsLog
from summarize.bench.runner import BenchConfig, BenchmarkRun, MethodSpec, RunOutcome, run_benchmark

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
