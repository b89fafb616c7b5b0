"""``summarize checkers``: the installed factuality checkers."""

from __future__ import annotations

import json

import typer

from summarize.checkers import default_checkers
from summarize.cli.app import app
from summarize.cli.common import note, reported_errors


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
