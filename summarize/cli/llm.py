"""``summarize prompts`` and ``summarize config``, and the LLM options of ``summarize brief``."""

from __future__ import annotations

import json
from typing import Any

import typer

from summarize.cli.app import app
from summarize.cli.common import reported_errors
from summarize.errors import ParameterError
from summarize.llm.cache import cache_dir
from summarize.llm.prompts import builtin_prompts
from summarize.llm.settings import config_path, resolve_settings

LLM_METHOD = "llm"
LLM_PANEL: dict[str, Any] = {"rich_help_panel": "LLM options (--method llm)"}
"""Groups the LLM options of ``brief`` under their own heading in ``--help``."""


def llm_params(method: str, **given: Any) -> dict[str, Any]:
    """The LLM options the user gave, as ``llm`` parameters; an error for any other method."""
    chosen = {name: value for name, value in given.items() if value is not None}
    if chosen and method != LLM_METHOD:
        flags = ", ".join(
            "--no-cache" if name == "cache" else "--" + name.replace("_", "-") for name in chosen
        )
        raise ParameterError(f"{flags}: only for --method {LLM_METHOD} (the method is '{method}')")
    return chosen


@app.command(epilog="Examples:\n\n  summarize prompts\n\n  summarize prompts --json")
def prompts(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
) -> None:
    """List the built-in prompt templates (use one with: summarize brief --method llm --prompt NAME)."""
    with reported_errors():
        templates = builtin_prompts()
        if as_json:
            rows = [
                {"name": t.name, "description": t.description, "variables": sorted(t.variables)}
                for t in templates.values()
            ]
            typer.echo(json.dumps(rows, indent=2))
            return
        width = max(len(name) for name in templates)
        for template in templates.values():
            typer.echo(f"{template.name:<{width}}  {template.description}")


@app.command(epilog="Examples:\n\n  summarize config\n\n  summarize config --json")
def config(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of lines."),
) -> None:
    """Show the effective LLM settings, where each came from, and where config and cache live.

    The API key is never shown: only whether one is set (OPENAI_API_KEY or SUMMARIZE_API_KEY).
    """
    with reported_errors():
        settings = resolve_settings(require_server=False)
        path = config_path()
        shown = settings.public_dict()
        report = {
            "settings": shown,
            "sources": dict(settings.sources),
            "config_file": str(path),
            "config_file_exists": path.is_file(),
            "cache_dir": str(cache_dir()),
            "server_configured": bool(settings.base_url or settings.api_key),
        }
        if as_json:
            typer.echo(json.dumps(report, indent=2))
            return
        for name, value in shown.items():
            if name == "api_key_present":
                continue
            typer.echo(f"{name:<15} {value!s:<40} ({settings.sources.get(name, 'default')})")
        key_source = settings.sources.get("api_key", "none")
        key = f"yes ({key_source})" if settings.has_api_key else "no"
        typer.echo(f"{'api key':<15} {key}")
        exists = "" if path.is_file() else "  (not present)"
        typer.echo(f"{'config file':<15} {path}{exists}")
        typer.echo(f"{'cache dir':<15} {cache_dir()}")
        if not report["server_configured"]:
            typer.echo(
                "no LLM server configured: set OPENAI_API_KEY, or pass --base-url to "
                "summarize brief (e.g. http://localhost:11434/v1 for Ollama)"
            )
