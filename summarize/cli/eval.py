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
        "  summarize eval outputs.jsonl --checker my-nli --checker-param device=cpu\n\n"
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
    checker: str = typer.Option(
        "rules",
        "--checker",
        metavar="NAME",
        help="The factuality checker: rules (offline, the default), llm (asks an LLM server: "
        "--model, --base-url), or a plugin's; see: summarize checkers.",
    ),
    checker_param: list[str] = typer.Option(
        [],
        "--checker-param",
        metavar="KEY=VALUE",
        help="A parameter for the checker, e.g. threshold=0.4; repeat as needed.",
    ),
    model: Optional[str] = typer.Option(
        None, "--model", help="--checker llm: the model (as for summarize brief --method llm)."
    ),
    base_url: Optional[str] = typer.Option(
        None,
        "--base-url",
        help="--checker llm: the OpenAI-compatible server, e.g. http://localhost:11434/v1.",
    ),
    judge: Optional[str] = typer.Option(
        None, "--judge", metavar="llm", hidden=True, help="Deprecated: use --checker llm."
    ),
) -> None:
    """Score summaries against references (ROUGE) and their sources (factuality, extractiveness)."""
    with reported_errors():
        if judge is not None:
            if judge != "llm":
                fail(f"unknown judge '{judge}' (the only one is: llm)")
            note("--judge llm is deprecated: use --checker llm")
            checker = "llm"
        params = parse_params(checker_param, option="--checker-param")
        if model is not None or base_url is not None:
            if checker != "llm":
                fail("--model and --base-url go with --checker llm")
            params.update({k: v for k, v in (("model", model), ("base_url", base_url)) if v})
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
            if checker != "rules" and source is None:
                fail(f"--checker {checker} needs --source, the article the summary summarizes")
            _score_one(evaluator, summary, reference, source, max_mb, output_format)
            return
        if file is None:
            fail(
                "nothing to score: give FILE.jsonl, or --summary S.txt (see: summarize eval --help)"
            )
        if reference or source is not None:
            fail("--reference and --source go with --summary; in FILE.jsonl they are fields")
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
) -> None:
    summary_text = read_input(str(summary), max_mb)
    source_text = read_input(str(source), max_mb) if source is not None else None
    evaluation = evaluator.evaluate(
        summary_text, [read_input(str(r), max_mb) for r in references], source_text
    )
    if evaluation.rouge is None and evaluation.factuality is None:
        note("nothing to compare with: give --reference and/or --source")
    if output_format is EvalFormat.json:
        typer.echo(json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(_single_table(evaluation), nl=False)


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
    if evaluation.factuality is not None:
        result = evaluation.factuality
        verdict = "consistent" if result.label else "NOT consistent"
        if isinstance(result, FactualityResult):
            lines.append(
                f"factuality   {result.score:.4f} ({verdict}, checker {evaluation.checker}, "
                f"threshold {result.threshold})"
            )
            for sentence in result.sentences:
                for issue in sentence.issues:
                    lines.append(f"  {issue.kind}: {issue.span!r} - {issue.message}")
        else:
            details = result.to_dict()
            model = f", model {details['model']}" if "model" in details else ""
            lines.append(
                f"factuality   {result.score:.4f} ({verdict}, checker {evaluation.checker}{model})"
            )
            for text, reason in _unsupported(details):
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
        factuality = row.get("factuality") or {}
        for sentence in factuality.get("unsupported", []):
            reasons = "; ".join(
                f"{issue['kind']}: {issue['span']!r} ({issue['message']})"
                for issue in sentence.get("issues", [])
            )
            found.append(
                (str(row["id"]), sentence["text"], reasons or "not supported by the source")
            )
        for text, reason in _unsupported(factuality.get("details")):
            found.append((str(row["id"]), text, reason))
    return found


def _unsupported(details: Any) -> list[tuple[str, str]]:
    """``(sentence, reason)`` of the sentences another checker (e.g. ``llm``) judged unsupported.

    Read from ``details["sentences"]`` when the checker gives per-sentence verdicts in the
    judge's shape (``sentence`` or ``text``, ``supported``, ``reason``); otherwise none.
    """
    sentences = details.get("sentences") if isinstance(details, dict) else None
    if not isinstance(sentences, list):
        return []
    return [
        (
            str(s.get("sentence", s.get("text", ""))),
            str(s.get("reason") or "not supported by the source"),
        )
        for s in sentences
        if isinstance(s, dict) and s.get("supported") is False
    ]


def _flagged_table(flagged: list[tuple[str, str, str]]) -> str:
    """The flagged claims as a readable plain-text table (one block per claim)."""
    if not flagged:
        return "\nno claim flagged\n"
    lines = ["", f"{len(flagged)} flagged claim(s):", f"{'id':<16} claim / why", "-" * 62]
    for row_id, sentence, reasons in flagged:
        lines.append(f"{row_id:<16} {sentence}")
        lines.append(f"{'':<16}   why: {reasons}")
    return "\n".join(lines) + "\n"
