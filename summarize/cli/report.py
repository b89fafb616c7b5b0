"""``summarize report``: a bench run as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from summarize.cli.app import app
from summarize.cli.common import ProgressBar, note, reported_errors


@app.command(
    epilog=(
        "Examples:\n\n"
        "  summarize report results/modi_putin\n\n"
        "  summarize report results/dev --output dev-report.html\n\n"
        "  summarize report results/dev --dataset ~/data/cnndm.jsonl --no-recheck\n\n"
        "Open the file in any browser (it needs no network). Deep links: "
        "report.html#doc=ID&method=NAME."
    )
)
def report(
    run_dir: Path = typer.Argument(
        ...,
        metavar="RUN_DIR",
        help="A folder written by summarize bench (results.jsonl, run.json).",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="The HTML file to write (default: RUN_DIR/report.html)."
    ),
    dataset: list[Path] = typer.Option(
        [],
        "--dataset",
        "-d",
        help="A dataset file or folder to read articles from, when run.json's path is wrong; "
        "repeat as needed.",
    ),
    recheck: bool = typer.Option(
        True,
        "--recheck/--no-recheck",
        help="Rerun the factuality checker on summaries the run scored as unsupported, to show "
        "which claims failed and why.",
    ),
    force: bool = typer.Option(
        False, "--force", help="Overwrite --output even if it is not an earlier report."
    ),
) -> None:
    """Write a report to read: leaderboard, plot, and every briefing beside its article."""
    from summarize.report import load_run, render_report, write_page

    with reported_errors():
        run = load_run(run_dir, dataset)
        for message in run.notes:
            note(message)
        if run.partial:
            expected = f" of {run.expected_rows}" if run.expected_rows else ""
            note(f"the run is partial ({len(run.rows)}{expected} rows, status {run.status})")
        target = output if output is not None else run_dir / "report.html"
        progress = ProgressBar("report: reading the documents", unit="docs")
        try:
            html = render_report(run, recheck=recheck, progress=progress)
        finally:
            progress.close()
        write_page(html, target, force=force)
        typer.echo(f"wrote {target} ({len(html.encode('utf-8')) / 1e6:.1f} MB)")
