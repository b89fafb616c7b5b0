"""The typer application object and the console-script entry point."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="summarize",
    help=(
        "Turn news articles into short, trustworthy briefings, and measure how good they are.\n\n"
        "Examples:\n\n"
        "  summarize brief article.txt\n\n"
        "  summarize brief article.txt --method lead --sentences 3 --format json\n\n"
        "  summarize methods\n\n"
        "  summarize eval outputs.jsonl --output scores.jsonl\n\n"
        "  summarize bench benchmarks/modi_putin\n\n"
        "  summarize report results/modi_putin\n\n"
        "Run 'summarize COMMAND --help' for a command's options and examples."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from summarize import __version__

        typer.echo(f"summarize {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """Turn news articles into short, trustworthy briefings, and measure how good they are."""


def main() -> None:
    """Run the CLI (the ``summarize`` console script)."""
    app()
