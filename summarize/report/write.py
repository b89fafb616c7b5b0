"""Write a report page without ever overwriting a file the user made."""

from __future__ import annotations

from pathlib import Path

from summarize.errors import OutputExistsError
from summarize.files import write_atomic

__all__ = ["write_page"]

_SNIFF_BYTES = 4096


def write_page(html: str, path: Path, *, force: bool = False) -> None:
    """Write ``html`` to ``path`` atomically.

    An existing file is replaced only with ``force``, or when it is an earlier report (its
    ``<meta name="generator">`` says so): regenerating a report is the common case, and a
    page we wrote holds nothing of the user's.
    """
    if path.is_dir():
        raise OutputExistsError(f"{path} is a directory; give a file name, e.g. {path}/report.html")
    if path.exists() and not force and not _is_report(path):
        raise OutputExistsError(f"{path} already exists (use --force to overwrite it)")
    write_atomic(path, html)


def _is_report(path: Path) -> bool:
    from summarize.report.html import GENERATOR

    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">'.encode() in head
