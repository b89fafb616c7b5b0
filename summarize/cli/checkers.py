"""``summarize checkers``: the installed factuality checkers."""

from __future__ import annotations

import json
from typing import Any

import typer

from summarize.checkers import default_checkers
from summarize.cli.app import app
from summarize.cli.common import note, reported_errors


def checker_option(role: str) -> Any:
    """The ``--checker NAME`` option of ``eval`` and ``bench``; ``role`` says what it does there."""
    return typer.Option(
        "rules",
        "--checker",
        metavar="NAME",
        help=f"The factuality checker {role}: rules (offline, the default), llm (an LLM judges "
        "each sentence; needs a server), or a plugin's name. See: summarize checkers.",
    )


def checker_param_option(example: str) -> Any:
    """The repeatable ``--checker-param KEY=VALUE`` option, with an ``example`` setting."""
    return typer.Option(
        [],
        "--checker-param",
        metavar="KEY=VALUE",
        help=f"A parameter for the checker (e.g. {example}); repeat as needed.",
    )


@app.command(epilog="Example:\n\n  summarize checkers --json")
def checkers(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
) -> None:
    """List the installed factuality checkers (for --checker): name, origin, what it does."""
    with reported_errors():
        registry = default_checkers()
        infos = registry.describe()
        if as_json:
            typer.echo(json.dumps([info.__dict__ for info in infos], indent=2))
        else:
            width = max(len(i.name) for i in infos)
            origin_width = max(len(i.origin) for i in infos)
            for info in infos:
                typer.echo(
                    f"{info.name:<{width}}  {info.origin:<{origin_width}}  {info.description}"
                )
        for problem in registry.problems:
            note(problem)
