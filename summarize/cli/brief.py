"""``summarize brief`` and ``summarize methods``."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from summarize.api import DEFAULT_METHOD, get
from summarize.api import methods as list_methods
from summarize.cli.app import app
from summarize.cli.common import (
    ProgressBar,
    fail,
    note,
    read_document,
    reported_errors,
    write_output,
)
from summarize.cli.llm import LLM_PANEL, llm_params
from summarize.errors import ParameterError
from summarize.registry import MethodInfo, default_registry
from summarize.summarizers.base import Budget


class OutputFormat(str, Enum):
    """How ``brief`` renders the briefing."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


def parse_params(pairs: list[str], option: str = "--param") -> dict[str, Any]:
    """Turn ``key=value`` strings into parameters; values are read as JSON when they parse.

    ``option`` names the flag in the error for a malformed pair."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"{option} wants key=value, got '{pair}'")
        try:
            params[key.strip().replace("-", "_")] = json.loads(raw)
        except json.JSONDecodeError:
            params[key.strip().replace("-", "_")] = raw
    return params


@app.command(
    epilog=(
        "Examples:\n\n"
        "  summarize brief article.txt\n\n"
        "  summarize brief article.txt --method lead --sentences 3\n\n"
        "  summarize brief page.html --words 60 --format markdown\n\n"
        "  summarize brief article.txt --format html --output briefing.html\n\n"
        "  summarize brief https://example.com/news/story.html --format json\n\n"
        "  summarize brief report.pdf --sentences 5\n\n"
        "  cat article.txt | summarize brief - --format json --output briefing.json\n\n"
        "  summarize brief article.txt --method textrank --param damping=0.9\n\n"
        "  summarize brief article.txt --method llm --base-url http://localhost:11434/v1 "
        "--model llama3.1"
    )
)
def brief(
    source: str = typer.Argument(
        ...,
        metavar="PATH|URL|-",
        help="Article to summarize: a text, HTML, PDF or .docx file, an http(s) URL, or - for stdin.",
    ),
    method: str = typer.Option(
        DEFAULT_METHOD, "--method", "-m", help="Summarizer to use (see: summarize methods)."
    ),
    sentences: Optional[int] = typer.Option(
        None, "--sentences", "-n", help="Keep this many sentences (default 3)."
    ),
    words: Optional[int] = typer.Option(
        None, "--words", "-w", help="Keep at most this many words (whole sentences while they fit)."
    ),
    ratio: Optional[float] = typer.Option(
        None, "--ratio", "-r", help="Keep this fraction of the sentences, e.g. 0.2."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text,
        "--format",
        "-f",
        help="text, markdown, json (versioned schema), or html (the briefing beside the "
        "article, provenance highlighted; one self-contained page).",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to this file instead of stdout."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite --output if it exists."),
    clean: bool = typer.Option(
        True, "--clean/--no-clean", help="Keep page chrome (headings, 'views', embeds) out."
    ),
    param: list[str] = typer.Option(
        [], "--param", "-p", metavar="KEY=VALUE", help="A method parameter; repeat as needed."
    ),
    max_mb: float = typer.Option(20.0, "--max-mb", help="Refuse inputs larger than this (MB)."),
    model: Optional[str] = typer.Option(None, "--model", help="llm: model name.", **LLM_PANEL),
    base_url: Optional[str] = typer.Option(
        None,
        "--base-url",
        help="llm: OpenAI-compatible server, e.g. http://localhost:11434/v1.",
        **LLM_PANEL,
    ),
    temperature: Optional[float] = typer.Option(
        None, "--temperature", help="llm: sampling temperature (default 0).", **LLM_PANEL
    ),
    max_tokens: Optional[int] = typer.Option(
        None, "--max-tokens", help="llm: most tokens per answer (default 1024).", **LLM_PANEL
    ),
    timeout: Optional[float] = typer.Option(
        None, "--timeout", help="llm: seconds to wait per answer (default 60).", **LLM_PANEL
    ),
    prompt: Optional[str] = typer.Option(
        None, "--prompt", help="llm: built-in prompt (see: summarize prompts).", **LLM_PANEL
    ),
    prompt_file: Optional[Path] = typer.Option(
        None, "--prompt-file", help="llm: your own prompt template file.", **LLM_PANEL
    ),
    strategy: Optional[str] = typer.Option(
        None, "--strategy", help="llm: auto, stuff, extract-then-abstract, map-reduce.", **LLM_PANEL
    ),
    guard: Optional[str] = typer.Option(
        None, "--guard", help="llm: off, flag (default), drop, retry.", **LLM_PANEL
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="llm: do not read or write the answer cache.", **LLM_PANEL
    ),
) -> None:
    """Summarize an article into a short briefing of its most important sentences."""
    with reported_errors():
        budget = Budget.of(sentences=sentences, words=words, ratio=ratio)
        llm = llm_params(
            method,
            model=model,
            base_url=base_url,
            temperature=temperature,
            max_tokens=max_tokens,
            timeout=timeout,
            prompt=prompt,
            prompt_file=prompt_file,
            strategy=strategy,
            guard=guard,
            cache=False if no_cache else None,
        )
        summarizer = get(method, **{**parse_params(param), **llm})
        if output is not None and output.exists() and not force:
            fail(f"{output} already exists (use --force to overwrite it)")
        document = read_document(source, max_mb, clean)
        progress = ProgressBar(f"{method}: summarizing")
        try:
            briefing = summarizer.summarize(document, budget, progress=progress)
        finally:
            progress.close()
        for message in briefing.notes:
            note(message)
        if output_format is OutputFormat.html:
            from summarize.report import render_briefing

            name = "standard input" if source == "-" else source.rstrip("/").rsplit("/", 1)[-1]
            title = f"Briefing: {document.title or name}"
            rendered = render_briefing(document, briefing, name=name, title=title)
        else:
            rendered = briefing.render(output_format.value)
        write_output(rendered, output, force)


@app.command(
    epilog=(
        "Examples:\n\n  summarize methods\n\n  summarize methods textrank\n\n"
        "  summarize methods --json\n\n"
        "Methods implemented by sumy are named sumy-NAME (origin 'sumy'); the plain names "
        "lsa, luhn, sumbasic, edmundson and reduction also run them."
    )
)
def methods(
    name: Optional[str] = typer.Argument(
        None, metavar="[NAME]", help="Show this method's parameters, defaults and meanings."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the installed summarizers: name, family, who implements it, and what it does."""
    with reported_errors():
        if name is not None:
            _show_method(default_registry().info(name), as_json)
            return
        infos = list_methods()
        if as_json:
            typer.echo(json.dumps([info.to_dict(parameters=False) for info in infos], indent=2))
        else:
            width = max(len(i.name) for i in infos)
            origin_width = max(len(i.origin) for i in infos)
            for info in infos:
                also = f" (also: {', '.join(info.aliases)})" if info.aliases else ""
                typer.echo(
                    f"{info.name:<{width}}  {info.family:<11}  {info.origin:<{origin_width}}  "
                    f"{info.description}{also}"
                )
        for problem in default_registry().problems:
            note(problem)


def _show_method(info: MethodInfo, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(info.to_dict(), indent=2))
        return
    typer.echo(f"{info.name}: {info.description}")
    typer.echo(f"family: {info.family}; implemented by: {info.origin}")
    if info.aliases:
        typer.echo(f"also runs as: {', '.join(info.aliases)}")
    if not info.parameters:
        typer.echo("parameters: none")
        return
    typer.echo("parameters (summarize brief --param NAME=VALUE):")
    rows = [
        (p.name, p.type, "required" if p.required else f"default {p.default!r}", p.meaning)
        for p in info.parameters
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo(f"  {'  '.join(cells)}  {row[3]}".rstrip())
