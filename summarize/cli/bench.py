"""``summarize bench``: compare summarizers on datasets; results, leaderboard and plot."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import typer

from summarize.bench.results import RESULTS_FILE_NAME
from summarize.cli.app import app
from summarize.cli.brief import parse_params
from summarize.cli.checkers import checker_option, checker_param_option
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
        "  summarize bench cnndm.csv --text-field article --reference-field highlights "
        "--sample 100\n\n"
        "  summarize bench data.jsonl --checker llm --checker-param model=llama3.1 "
        "--checker-param base_url=http://localhost:11434/v1\n\n"
        "  summarize bench hf:cnn_dailymail:3.0.0:test --text-field article "
        "--reference-field highlights --limit 50 (needs the hf extra)\n\n"
        "Rerun the same command after Ctrl-C or a crash to resume; --force starts over "
        "(the old results are moved into a backup-<time> folder)."
    )
)
def bench(
    datasets: list[str] = typer.Argument(
        ...,
        metavar="DATASET",
        help=(
            "JSONL, CSV, TSV or Parquet files (fields id, source, references unless mapped), "
            "folders holding dataset.jsonl, or hf:NAME[:CONFIG[:SPLIT]]."
        ),
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
        None,
        "--workers",
        "-j",
        help="Worker processes for the methods that compute (default: the number of CPUs).",
    ),
    concurrency: Optional[int] = typer.Option(
        None,
        "--concurrency",
        "-c",
        help="LLM requests in flight at once, across documents (default: the LLM concurrency "
        "setting, SUMMARIZE_CONCURRENCY, else 4).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Start over; the folder's old results go into backup-<time>/."
    ),
    limit: Optional[int] = typer.Option(
        None, "--limit", help="Use only the first N documents of each dataset."
    ),
    sample: Optional[int] = typer.Option(
        None, "--sample", help="Use N documents of each dataset drawn at random (see --seed)."
    ),
    seed: int = typer.Option(0, "--seed", help="The seed of --sample: same seed, same documents."),
    id_field: Optional[str] = typer.Option(
        None, "--id-field", help="The field holding each row's id (default: id, else row numbers)."
    ),
    text_field: Optional[str] = typer.Option(
        None, "--text-field", help="The field holding the article (default: source)."
    ),
    reference_field: list[str] = typer.Option(
        [],
        "--reference-field",
        help="A field holding reference summaries, text or a list (default: references); repeat "
        "for several.",
    ),
    param: list[str] = typer.Option(
        [],
        "--param",
        "-p",
        metavar="METHOD.KEY=VALUE",
        help="A parameter for one method, e.g. textrank.damping=0.9; repeat as needed.",
    ),
    checker: str = checker_option("that scores every summary"),
    checker_param: list[str] = checker_param_option("model=llama3.1 for llm"),
) -> None:
    """Run methods on datasets, score every summary, write results, leaderboard and plot."""
    with reported_errors():
        # The runner, datasets and scoring import numpy, scipy and nltk: only when benchmarking.
        from summarize.bench.config import BenchConfig, MethodSpec
        from summarize.bench.datasets import FieldMap, load_dataset
        from summarize.bench.runner import BenchmarkRun
        from summarize.bench.scoring import Scoring
        from summarize.evaluation.evaluator import Evaluator

        if workers is not None and workers < 1:
            raise ParameterError(f"--workers must be at least 1, got {workers}")
        if concurrency is not None and concurrency < 1:
            raise ParameterError(
                f"--concurrency must be at least 1 (LLM requests in flight), got {concurrency}"
            )
        budget = Budget.of(sentences=sentences, words=words)
        fields = FieldMap(id_field, text_field, tuple(reference_field))
        loaded = tuple(load_dataset(path, fields) for path in datasets)
        names = _method_names(methods)
        for problem in default_registry().problems:
            note(problem)  # e.g. a plugin that failed to load, so it is not in the default list
        params = _method_params(param, names)
        scoring = Scoring(checker, parse_params(checker_param, option="--checker-param"))
        # An unknown checker or bad parameters fail now, before any document is summarized.
        Evaluator(checker=scoring.checker, checker_params=scoring.checker_params)
        config = BenchConfig(
            datasets=loaded,
            methods=tuple(MethodSpec(name, params.get(name, {})) for name in names),
            budget=budget,
            limit=limit,
            sample=sample,
            seed=seed,
            scoring=scoring,
        )
        folder = out or Path("results") / "+".join(d.name for d in loaded)
        run = BenchmarkRun(
            config,
            folder,
            workers=workers,
            force=force,
            command=current_command(),
            concurrency=concurrency,
        )
        plan = run.prepare()
        if plan.taken_over is not None:
            note(
                f"the previous run into {folder} ({plan.taken_over.describe()}) ended without "
                "finishing (killed?); taking its folder over"
            )
        if plan.backup is not None:
            note(f"moved the previous results into {plan.backup}")
        if plan.repaired_bytes:
            note("dropped the last line of results.jsonl, cut short by an interrupted run")
        if plan.done_rows:
            note(f"resuming: {plan.done_rows} of {plan.total_rows} rows already done in {folder}")
        for dataset in loaded:
            if dataset.ptb_rows:
                note(f"{dataset.name}: {dataset.ptb_rows} PTB-tokenized rows detokenized")
        spent = _LLMTraffic() if run.io_methods else None
        bar = ProgressBar(
            f"{len(names)} methods",
            delay=0.0,
            unit="docs",
            detail=spent.describe if spent is not None else None,
        )
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
        if spent is not None:
            note(f"LLM: {spent.describe(final=True)}")
        note(
            f"{outcome.rows_written} rows written in {outcome.seconds:.1f} s; "
            f"results, leaderboard.md/.csv/.json, leaderboard.png and run.json are in {folder}"
        )
        if outcome.unfetched:
            fail(
                f"{outcome.unfetched} LLM summaries could not be fetched: {outcome.problem}; "
                "the rows written are kept: rerun the same command to fetch the rest"
            )


def current_command() -> str:
    """This process's command line, quoted so it can be pasted back into a shell."""
    import shlex

    return shlex.join([Path(sys.argv[0]).name, *sys.argv[1:]])


def _method_names(methods: str | None) -> list[str]:
    if methods is None:
        from summarize.bench.config import offline_methods

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


class _LLMTraffic:
    """This run's LLM requests in flight and tokens spent, for the progress bar and the end."""

    def __init__(self) -> None:
        from summarize.llm.client import traffic  # imports openai: only for runs that use it

        self._traffic = traffic
        self._start = traffic()

    def describe(self, final: bool = False) -> str:
        """``12 in flight, 3,400 tokens`` (or, at the end, requests and tokens in and out)."""
        now, start = self._traffic(), self._start
        tokens_in = now.tokens_in - start.tokens_in
        tokens_out = now.tokens_out - start.tokens_out
        if final:
            return (
                f"{now.requests - start.requests:,} requests, {tokens_in:,} tokens in, "
                f"{tokens_out:,} out"
            )
        return f"{now.in_flight} in flight, {tokens_in + tokens_out:,} tokens"
