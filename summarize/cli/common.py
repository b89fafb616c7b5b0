"""What every command shares: reading input, writing output, errors, notes and progress."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NoReturn

import typer

from summarize.document import DEFAULT_MAX_BYTES, Document, decode_bytes, read_text_file
from summarize.errors import InputTooLargeError, OutputExistsError, SummarizeError

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def note(message: str) -> None:
    """Print ``note: message`` on stderr (never on stdout, which holds the result)."""
    typer.echo(f"note: {message}", err=True)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors, OS errors and Ctrl-C into a one-line message and an exit code."""
    try:
        yield
    except SummarizeError as exc:
        fail(str(exc))
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


@contextmanager
def atomic_text_file(path: Path) -> Iterator[IO[str]]:
    """A text stream that replaces ``path`` only once it closes whole: never half a file.

    The file gets the usual permissions (the umask's), not a private temporary file's 0600.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class DelayedProgress:
    """A progress callback that shows a bar on stderr only once work has taken over a second."""

    def __init__(self, label: str, delay: float = 1.0) -> None:
        self.label = label
        self.delay = delay
        self.started = time.monotonic()
        self._bar = None
        self._task = None

    def __call__(self, done: int, total: int) -> None:
        """Record progress: ``done`` of ``total`` steps."""
        if self._bar is None:
            if time.monotonic() - self.started < self.delay or not sys.stderr.isatty():
                return
            from rich.progress import Progress

            self._bar = Progress(transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def close(self) -> None:
        """Remove the bar, if one was shown."""
        if self._bar is not None:
            self._bar.stop()
