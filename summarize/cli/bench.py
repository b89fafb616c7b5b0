"""``summarize bench``: compare summarizers on datasets; results, leaderboard and plot."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from summarize.bench.datasets import load_dataset
from summarize.bench.results import RESULTS_FILE_NAME
from summarize.bench.runner import (
    BenchConfig,
    BenchmarkRun,
    MethodSpec,
    current_command,
    offline_methods,
)
from summarize.cli.app import app
from summarize.cli.brief import parse_params
from summarize.cli.common import EXIT_INTERRUPTED, ProgressBar, fail, note, reported_errors
from summarize.errors import ParameterError
from summarize.registry import default_registry
from summarize.summarizers.base import Budget


@app.command(
    epilog=(
        "Examples:\n\n"
        "  summarize bench benchmarks/modi_putin\n\n"
        "  summarize bench data.jsonl --methods lead,textrank --sentences 3 --out results/mine\n\n"
        "  summarize bench a.jsonl b.jsonl --limit 20 --workers 2 --param textrank.damping=0.9\n\n"
        "Rerun the same command after Ctrl-C or a crash to resume; --force starts over "
        "(the old results are moved into a backup-<time> folder)."
    )
)
def bench(
    datasets: list[str] = typer.Argument(
        ...,
        metavar="DATASET",
        help="JSONL files (id, source, references), or folders holding dataset.jsonl.",
    ),
    methods: Optional[str] = typer.Option(
        None,
        "--methods",
        "-m",
        help="Comma-separated methods (default: every extractive method, see summarize methods).",
    ),
    sentences: Optional[int] = typer.Option(
        None, "--sentences", "-n", help="Summaries of this many sentences (default 3)."
    ),
    words: Optional[int] = typer.Option(
        None, "--words", "-w", help="Summaries of at most this many words instead."
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", "-o", help="Output folder (default: results/<dataset name>)."
    ),
    workers: Optional[int] = typer.Option(
        None, "--workers", "-j", help="Worker processes (default: the number of CPUs)."
    ),
    force: bool = typer.Option(
        False, "--force", help="Start over; the folder's old results go into backup-<time>/."
    ),
    limit: Optional[int] = typer.Option(
        None, "--limit", help="Use only the first N documents of each dataset."
    ),
    param: list[str] = typer.Option(
        [],
        "--param",
        "-p",
        metavar="METHOD.KEY=VALUE",
        help="A parameter for one method, e.g. textrank.damping=0.9; repeat as needed.",
    ),
) -> None:
    """Run methods on datasets, score every summary, write results, leaderboard and plot."""
    with reported_errors():
        if workers is not None and workers < 1:
            raise ParameterError(f"--workers must be at least 1, got {workers}")
        budget = Budget.of(sentences=sentences, words=words)
        loaded = tuple(load_dataset(path) for path in datasets)
        names = _method_names(methods)
        for problem in default_registry().problems:
            note(problem)  # e.g. a plugin that failed to load, so it is not in the default list
        params = _method_params(param, names)
        config = BenchConfig(
            datasets=loaded,
            methods=tuple(MethodSpec(name, params.get(name, {})) for name in names),
            budget=budget,
            limit=limit,
        )
        folder = out or Path("results") / "+".join(d.name for d in loaded)
        run = BenchmarkRun(config, folder, workers=workers, force=force, command=current_command())
        plan = run.prepare()
        if plan.backup is not None:
            note(f"moved the previous results into {plan.backup}")
        if plan.repaired_bytes:
            note("dropped the last line of results.jsonl, cut short by an interrupted run")
        if plan.done_rows:
            note(f"resuming: {plan.done_rows} of {plan.total_rows} rows already done in {folder}")
        for dataset in loaded:
            if dataset.ptb_rows:
                note(f"{dataset.name}: {dataset.ptb_rows} PTB-tokenized rows detokenized")
        bar = ProgressBar(f"{len(names)} methods", delay=0.0, unit="docs")
        try:
            outcome = run.execute(bar)
        except KeyboardInterrupt:
            bar.close()
            fail(
                f"interrupted; finished rows are saved in {folder / RESULTS_FILE_NAME}; "
                "run the same command again to resume",
                EXIT_INTERRUPTED,
            )
        finally:
            bar.close()
        typer.echo(outcome.leaderboard.to_markdown())
        if outcome.errors_written:
            note(f"{outcome.errors_written} summaries failed (status 'error' in results.jsonl)")
        note(
            f"{outcome.rows_written} rows written in {outcome.seconds:.1f} s; "
            f"results, leaderboard.md/.csv/.json, leaderboard.png and run.json are in {folder}"
        )


def _method_names(methods: str | None) -> list[str]:
    if methods is None:
        names = offline_methods()
        if not names:
            raise ParameterError("no extractive method is installed (see: summarize methods)")
        return names
    names = [name.strip() for name in methods.split(",") if name.strip()]
    if not names:
        raise ParameterError("--methods is empty; give names like lead,textrank")
    return names


def _method_params(pairs: list[str], names: list[str]) -> dict[str, dict[str, Any]]:
    params: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        method, dot, rest = pair.partition(".")
        if not dot or "=" not in rest:
            raise ParameterError(f"--param wants METHOD.KEY=VALUE, got '{pair}'")
        if method not in names:
            raise ParameterError(f"--param '{pair}' is for '{method}', which is not in --methods")
        params.setdefault(method, {}).update(parse_params([rest]))
    return params
