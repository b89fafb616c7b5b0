"""The ``summarize`` command line: a thin door onto the library.

The only package that imports ``typer`` or prints. Each sub-module adds its commands to
:data:`app`; none of them holds summarization logic.
"""

from __future__ import annotations

from typer.models import CommandInfo

from summarize.cli import bench as _bench  # noqa: F401  (registers commands)
from summarize.cli import brief as _brief  # noqa: F401  (registers commands)
from summarize.cli import checkers as _checkers  # noqa: F401  (registers commands)
from summarize.cli import eval as _eval  # noqa: F401  (registers commands)
from summarize.cli import llm as _llm  # noqa: F401  (registers commands)
from summarize.cli import report as _report  # noqa: F401  (registers commands)
from summarize.cli.app import app, main

# Help lists commands in the order a newcomer needs them, not in the order modules import.
_ORDER = ("brief", "methods", "eval", "checkers", "bench", "report", "prompts", "config")


def _help_position(command: CommandInfo) -> int:
    name = command.name or getattr(command.callback, "__name__", "")
    return _ORDER.index(name) if name in _ORDER else len(_ORDER)


app.registered_commands.sort(key=_help_position)

__all__ = ["app", "main"]
