"""What every command shares: reading input, writing output, errors, notes and progress."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer

from summarize.document import DEFAULT_MAX_BYTES, Document, decode_bytes, read_text_file
from summarize.errors import InputTooLargeError, OutputExistsError, SummarizeError
from summarize.files import atomic_text_file

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def note(message: str) -> None:
    """Print ``note: message`` on stderr (never on stdout, which holds the result)."""
    typer.echo(f"note: {message}", err=True)


_LIBRARY_SETTING = re.compile(
    r"\b(base_url|max_tokens|timeout|model|strategy|max_bytes|out_dir|workers)="
)
_FLAG_OF_SETTING = {"max_bytes": "max-mb", "out_dir": "out"}


def in_cli_terms(message: str) -> str:
    """Say a library error's ``setting=VALUE`` hints as the command-line option that sets it.

    The library names its own parameters (``raise max_tokens=N``); on the command line the same
    hint reads ``raise --max-tokens N``. Settings without an option of their own keep the
    ``--param`` form.
    """

    def flag(match: re.Match[str]) -> str:
        name = match.group(1)
        return "--" + _FLAG_OF_SETTING.get(name, name.replace("_", "-")) + " "

    message = _LIBRARY_SETTING.sub(flag, message.replace("force=True", "--force"))
    return re.sub(
        r"\b(context_tokens|max_retries|concurrency|max_sentences)=", r"--param \1=", message
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors, OS errors and Ctrl-C into a one-line message and an exit code."""
    try:
        yield
    except SummarizeError as exc:
        fail(in_cli_terms(str(exc)))
    except KeyboardInterrupt:
        fail("interrupted", EXIT_INTERRUPTED)
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        fail(f"{exc.strerror or exc}{where}")


def read_input(source: str, max_mb: float) -> str:
    """Read a path, or standard input for ``-``, as text; say on stderr if not UTF-8."""
    max_bytes = int(max_mb * 1024 * 1024) if max_mb > 0 else DEFAULT_MAX_BYTES
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLargeError(
                f"standard input is over the {max_mb:g} MB limit (raise it with --max-mb)"
            )
        text, encoding = decode_bytes(data)
    else:
        text, encoding = read_text_file(source, max_bytes=max_bytes)
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        note(f"the input is not UTF-8; read it as {encoding}")
    return text


def read_document(source: str, max_mb: float, clean: bool) -> Document:
    """Read a path, a URL, or standard input for ``-`` (text, HTML, PDF, .docx) as a Document."""
    from summarize.sources import load

    max_bytes = int(max_mb * 1024 * 1024) if max_mb > 0 else DEFAULT_MAX_BYTES
    loaded = load(source, max_bytes=max_bytes)
    if loaded.encoding not in ("utf-8", "utf-8-sig", "ascii"):
        note(f"the input is not UTF-8; read it as {loaded.encoding}")
    return loaded.document(clean=clean)


def write_output(text: str, output: Path | None, force: bool) -> None:
    """Print ``text``, or write it to ``output`` atomically, refusing to overwrite without ``force``."""
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise OutputExistsError(f"{output} already exists (use --force to overwrite it)")
    if output.is_dir():
        raise OutputExistsError(f"{output} is a directory")
    with atomic_text_file(output) as stream:
        stream.write(text)


class ProgressBar:
    """A ``progress(done, total)`` callback drawing a bar on stderr, never on stdout.

    Only when stderr is a terminal, and only once the work has taken ``delay`` seconds (short
    work shows nothing). With ``unit`` (e.g. ``docs``) it also shows done/total, the rate and
    the time left; with ``detail``, the text it returns, asked afresh at every redraw (e.g.
    requests in flight). The bar is transient: :meth:`close` removes it.
    """

    def __init__(
        self,
        label: str,
        *,
        delay: float = 1.0,
        unit: str | None = None,
        detail: Callable[[], str] | None = None,
    ) -> None:
        self.label = label
        self.delay = delay
        self.unit = unit
        self.detail = detail
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        """Record progress: ``done`` of ``total`` steps."""
        if self._bar is None:
            if time.monotonic() - self.started < self.delay or not sys.stderr.isatty():
                return
            self._bar = self._start(total)
        if self.unit is None:
            self._bar.update(self._task, completed=done, total=total)
            return
        speed = self._bar.tasks[0].speed
        rate = f"{speed:.1f} {self.unit}/s" if speed else "…"
        self._bar.update(self._task, completed=done, total=total, rate=rate)

    def _start(self, total: int) -> Any:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [TextColumn("{task.description}"), BarColumn()]
        if self.unit is not None:
            columns += [
                MofNCompleteColumn(),
                TextColumn(self.unit),
                TextColumn("{task.fields[rate]}"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
            ]
        else:
            columns += [TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn()]
        if self.detail is not None:
            columns.append(_live_text(self.detail))
        bar = Progress(*columns, console=Console(stderr=True), transient=True)
        bar.start()
        self._task = bar.add_task(self.label, total=total, rate="")
        return bar

    def close(self) -> None:
        """Remove the bar, if one was shown."""
        if self._bar is not None:
            bar, self._bar = self._bar, None
            bar.stop()


def _live_text(text: Callable[[], str]) -> Any:
    """A progress column showing ``text()`` as it is at each redraw."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class LiveText(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(text())

    return LiveText()
