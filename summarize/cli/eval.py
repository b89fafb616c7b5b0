"""``summarize eval``: score summaries (ROUGE, factuality, extractiveness) from files."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Any, Optional

import typer

from summarize.cli.app import app
from summarize.cli.brief import parse_params
from summarize.cli.checkers import checker_option, checker_param_option
from summarize.cli.common import (
    ProgressBar,
    fail,
    note,
    read_input,
    reported_errors,
)
from summarize.errors import BadRowError, InputError, OutputExistsError
from summarize.evaluation.batch import available_workers, score_chunks, summarize_corpus
from summarize.evaluation.evaluator import CorpusStatistics, Evaluation, Evaluator, MetricSummary
from summarize.evaluation.factuality import FactualityResult
from summarize.evaluation.rows import read_rows
from summarize.files import atomic_text_file

_TABLE_METRICS = (
    "rouge1.fmeasure",
    "rouge2.fmeasure",
    "rougeL.fmeasure",
    "rougeLsum.fmeasure",
    "factuality.score",
    "factuality.consistent",
    "extractiveness.coverage",
    "extractiveness.density",
    "extractiveness.compression",
    "extractiveness.novel_1grams",
    "extractiveness.novel_2grams",
)


class EvalFormat(str, Enum):
    """How ``eval`` prints its result."""

    table = "table"
    json = "json"


class ReferencesMode(str, Enum):
    """How several references combine into one ROUGE score."""

    max = "max"
    mean = "mean"


@app.command(
    "eval",
    epilog=(
        "Examples:\n\n"
        "  summarize eval outputs.jsonl\n\n"
        "  summarize eval outputs.jsonl --output scores.jsonl --format json\n\n"
        "  summarize eval --summary S.txt --reference R.txt --reference R2.txt --source A.txt\n\n"
        "  summarize eval outputs.jsonl --checker llm --model llama3.1 "
        "--base-url http://localhost:11434/v1\n\n"
        "  summarize eval outputs.jsonl --checker rules --checker-param threshold=0.6\n\n"
        'Each line of FILE.jsonl: {"id": ..., "summary": ..., "references": [...], '
        '"source": ...} (references or source, or both).'
    ),
)
def eval_command(
    file: Optional[str] = typer.Argument(
        None, metavar="[FILE.jsonl|-]", help="Summaries to score, one JSON object a line."
    ),
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        help="Write one JSON line of scores per row here (- for stdout; the summary then goes "
        "to stderr).",
    ),
    output_format: EvalFormat = typer.Option(
        EvalFormat.table, "--format", "-f", help="table (means with 95% CIs) or json."
    ),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Skip rows that cannot be scored and count them."
    ),
    show: bool = typer.Option(
        False, "--show", help="Also list each row's flagged claims with the reasons (a table)."
    ),
    stem: bool = typer.Option(True, "--stem/--no-stem", help="Porter-stem words for ROUGE."),
    tokenizer: str = typer.Option(
        "auto",
        "--tokenizer",
        help="ROUGE words: auto (rouge-score's rules unless they would drop the text, e.g. "
        "Chinese or Hindi, then Unicode), rouge-score, or unicode.",
    ),
    references_mode: ReferencesMode = typer.Option(
        ReferencesMode.max,
        "--references-mode",
        help="Several references: best one per ROUGE type (max) or their mean.",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    summary: Optional[Path] = typer.Option(
        None, "--summary", help="Score this one summary (a text file) instead of FILE.jsonl."
    ),
    reference: list[Path] = typer.Option(
        [],
        "--reference",
        metavar="PATH",
        help="A reference summary for --summary; repeat as needed.",
    ),
    source: Optional[Path] = typer.Option(
        None, "--source", help="The article --summary summarizes (factuality, extractiveness)."
    ),
    max_mb: float = typer.Option(
        20.0, "--max-mb", help="Refuse --summary/--reference/--source files larger than this."
    ),
    workers: int = typer.Option(
        0,
        "--workers",
        "-j",
        min=0,
        help="Processes scoring FILE.jsonl (0: one per CPU core); the scores do not depend on it.",
    ),
    checker: str = checker_option("that judges rows with a source"),
    checker_param: list[str] = checker_param_option("threshold=0.6 for rules"),
    judge: Optional[str] = typer.Option(
        None,
        "--judge",
        metavar="llm",
        help="Also ask an LLM judge, next to --checker (with --summary and --source; settings "
        "as for --method llm, see docs/llm.md).",
    ),
    model: Optional[str] = typer.Option(
        None,
        "--model",
        help="--checker llm or --judge llm: the model (as for summarize brief --method llm).",
    ),
    base_url: Optional[str] = typer.Option(
        None,
        "--base-url",
        help="--checker llm or --judge llm: the OpenAI-compatible server, e.g. "
        "http://localhost:11434/v1.",
    ),
) -> None:
    """Score summaries against references (ROUGE) and their sources (factuality, extractiveness)."""
    with reported_errors():
        params = parse_params(checker_param, option="--checker-param")
        llm_settings = {"model": model, "base_url": base_url}
        if checker == "llm":
            params.update({k: v for k, v in llm_settings.items() if v is not None})
        elif judge is None and any(v is not None for v in llm_settings.values()):
            fail("--model and --base-url go with --checker llm or --judge llm")
        evaluator = Evaluator(
            use_stemmer=stem,
            aggregate=references_mode.value,
            tokenizer=tokenizer,
            checker=checker,
            checker_params=params,
        )
        if summary is not None:
            if file is not None:
                fail("give either FILE.jsonl or --summary, not both")
            if judge not in (None, "llm"):
                fail(f"unknown judge '{judge}' (the only one is: llm)")
            if judge and source is None:
                fail("--judge llm needs --source, the article the summary summarizes")
            _score_one(
                evaluator,
                summary,
                reference,
                source,
                max_mb,
                output_format,
                judge=bool(judge),
                judge_settings=llm_settings,
            )
            return
        if file is None:
            fail(
                "nothing to score: give FILE.jsonl, or --summary S.txt (see: summarize eval --help)"
            )
        if reference or source is not None:
            fail("--reference and --source go with --summary; in FILE.jsonl they are fields")
        if judge is not None:
            fail("--judge llm goes with --summary and --source")
        _score_file(
            evaluator,
            file,
            output,
            force,
            skip_bad,
            output_format,
            workers or available_workers(),
            show=show,
        )


def _score_one(
    evaluator: Evaluator,
    summary: Path,
    references: list[Path],
    source: Optional[Path],
    max_mb: float,
    output_format: EvalFormat,
    *,
    judge: bool = False,
    judge_settings: Optional[dict[str, Any]] = None,
) -> None:
    summary_text = read_input(str(summary), max_mb)
    source_text = read_input(str(source), max_mb) if source is not None else None
    evaluation = evaluator.evaluate(
        summary_text, [read_input(str(r), max_mb) for r in references], source_text
    )
    if evaluation.rouge is None and evaluation.factuality is None:
        note("nothing to compare with: give --reference and/or --source")
    verdict = None
    if judge and source_text is not None:
        from summarize.llm.judge import judge_factuality  # imports openai: only when asked

        verdict = judge_factuality(summary_text, source_text, **(judge_settings or {}))
    if output_format is EvalFormat.json:
        data = evaluation.to_dict()
        if verdict is not None:
            data["llm_judge"] = verdict.to_dict()
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(_single_table(evaluation), nl=False)
        if verdict is not None:
            label = "consistent" if verdict.label else "NOT consistent"
            typer.echo(f"llm judge    {verdict.score:.4f} ({label}, model {verdict.model})")
            for sentence in verdict.sentences:
                if not sentence.supported:
                    typer.echo(f"  unsupported: {sentence.sentence!r} - {sentence.reason}")


def _score_file(
    evaluator: Evaluator,
    file: str,
    output: Optional[Path],
    force: bool,
    skip_bad: bool,
    output_format: EvalFormat,
    workers: int,
    *,
    show: bool = False,
) -> None:
    to_stdout = output is not None and str(output) == "-"
    flagged: list[tuple[str, str, str]] = []
    if output is not None and not to_stdout:
        if output.is_dir():
            raise OutputExistsError(f"{output} is a directory")
        if output.exists() and not force:
            raise OutputExistsError(f"{output} already exists (use --force to overwrite it)")
    statistics = CorpusStatistics()
    scored = 0
    bad: list[BadRowError] = []
    with _open_input(file) as (stream, total), _open_output(output) as sink:
        progress = ProgressBar("scoring summaries")
        try:
            for chunk in score_chunks(read_rows(stream), evaluator, workers=workers):
                if chunk.bad:
                    if not skip_bad:
                        raise chunk.bad[0]
                    bad.extend(chunk.bad)
                statistics.merge(chunk.statistics)
                scored += chunk.scored
                if sink is not None:
                    sink.write(chunk.json_lines)
                if show:
                    flagged.extend(_flagged_claims(chunk.json_lines))
                if total:
                    progress(stream.tell(), total)
        finally:
            progress.close()
    if bad:
        note(f"skipped {len(bad)} bad row(s); the first: {bad[0]}")
    if not scored:
        raise InputError(f"{file}: no row could be scored")
    report = summarize_corpus(statistics, evaluator, rows=scored, skipped=len(bad))
    if output_format is EvalFormat.json:
        text = json.dumps(report.to_dict(), indent=2) + "\n"
    else:
        text = _corpus_table(report.metrics, scored)
    if show and output_format is EvalFormat.table:
        text += _flagged_table(flagged)
    typer.echo(text, nl=False, err=to_stdout)


@contextmanager
def _open_input(file: str) -> Iterator[tuple[IO[bytes], int]]:
    """The input as a binary stream, and its size in bytes when known (for the progress bar)."""
    if file == "-":
        yield sys.stdin.buffer, 0
        return
    path = Path(file)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a JSONL file")
    with path.open("rb") as stream:
        yield stream, path.stat().st_size


@contextmanager
def _open_output(output: Optional[Path]) -> Iterator[Optional[IO[str]]]:
    """A text stream for score lines: stdout, nothing, or a temporary file renamed at the end."""
    if output is None:
        yield None
        return
    if str(output) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_text_file(output) as stream:
        yield stream


def _corpus_table(summaries: Sequence[MetricSummary], rows: int) -> str:
    by_name = {m.name: m for m in summaries}
    lines = [f"{'metric':<28} {'n':>7} {'mean':>8}  95% CI", "-" * 62]
    for name in _TABLE_METRICS:
        metric = by_name.get(name)
        if metric is None:
            continue
        interval = metric.interval
        lines.append(
            f"{name:<28} {metric.count:>7} {interval.mean:>8.4f}  "
            f"[{interval.low:.4f}, {interval.high:.4f}]"
        )
    lines.append(f"{rows} row(s) scored; more metrics with --format json")
    return "\n".join(lines) + "\n"


def _single_table(evaluation: Evaluation) -> str:
    lines: list[str] = []
    if evaluation.rouge is not None:
        lines.append(f"{'rouge':<12} {'precision':>9} {'recall':>9} {'F1':>9}")
        for name, score in evaluation.rouge.items():
            lines.append(
                f"{name:<12} {score.precision:>9.4f} {score.recall:>9.4f} {score.fmeasure:>9.4f}"
            )
    if isinstance(evaluation.factuality, FactualityResult):
        result = evaluation.factuality
        verdict = "consistent" if result.label else "NOT consistent"
        lines.append(f"factuality   {result.score:.4f} ({verdict}, threshold {result.threshold})")
        for sentence in result.sentences:
            for issue in sentence.issues:
                lines.append(f"  {issue.kind}: {issue.span!r} - {issue.message}")
    elif evaluation.factuality is not None:
        other = evaluation.factuality
        verdict = "consistent" if other.label else "NOT consistent"
        lines.append(
            f"factuality   {float(other.score):.4f} ({verdict}, checker {evaluation.checker})"
        )
        for sentence in getattr(other, "sentences", ()):
            if getattr(sentence, "supported", True) is False:
                text = getattr(sentence, "sentence", getattr(sentence, "text", ""))
                reason = getattr(sentence, "reason", "") or "not supported by the source"
                lines.append(f"  unsupported: {text!r} - {reason}")
    if evaluation.extractiveness is not None:
        extractive = evaluation.extractiveness
        novel = ", ".join(f"{n}: {r:.2f}" for n, r in sorted(extractive.novel_ngrams.items()))
        lines.append(
            f"extractive   coverage {extractive.coverage:.4f}, density {extractive.density:.4f}, "
            f"compression {extractive.compression:.2f}, novel n-grams {novel}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _flagged_claims(json_lines: str) -> list[tuple[str, str, str]]:
    """``(row id, summary sentence, reasons)`` of every unsupported sentence in scored rows."""
    found = []
    for line in json_lines.splitlines():
        row = json.loads(line)
        for sentence in (row.get("factuality") or {}).get("unsupported", []):
            reasons = "; ".join(
                f"{issue['kind']}: {issue['span']!r} ({issue['message']})"
                for issue in sentence.get("issues", [])
            )
            found.append(
                (str(row["id"]), sentence["text"], reasons or "not supported by the source")
            )
    return found


def _flagged_table(flagged: list[tuple[str, str, str]]) -> str:
    """The flagged claims as a readable plain-text table (one block per claim)."""
    if not flagged:
        return "\nno claim flagged\n"
    lines = ["", f"{len(flagged)} flagged claim(s):", f"{'id':<16} claim / why", "-" * 62]
    for row_id, sentence, reasons in flagged:
        lines.append(f"{row_id:<16} {sentence}")
        lines.append(f"{'':<16}   why: {reasons}")
    return "\n".join(lines) + "\n"
