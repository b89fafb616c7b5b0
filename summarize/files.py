"""Atomic file writes: a file is replaced only once its new content is whole, never half-written.

Used by the CLI (``--output``) and the benchmark's output folder alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_text_file", "write_atomic"]


@contextmanager
def atomic_text_file(path: Path) -> Iterator[IO[str]]:
    """A UTF-8 text stream that replaces ``path`` only once it closes whole: never half a file.

    The file gets the usual permissions (the umask's), not a private temporary file's 0600.
    An error names ``path``, not the temporary file beside it.
    """
    with _replacing(path, binary=False) as stream:
        yield stream


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` (creating its folder) the way :func:`atomic_text_file` does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path, binary=True) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def _replacing(path: Path, *, binary: bool) -> Iterator[Any]:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        stream = temporary.open("wb") if binary else temporary.open("w", encoding="utf-8")
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
