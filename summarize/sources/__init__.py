"""Where a document comes from: a text or HTML file, a URL, a PDF, a .docx, or standard input.

:func:`load` turns what the user gave (a path, a URL, ``-``) into a :class:`Loaded` input,
which knows its format and builds the :class:`~summarize.document.Document`.
"""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from summarize.document import (
    DEFAULT_MAX_BYTES,
    Document,
    PageMetadata,
    decode_bytes,
    looks_like_html,
    read_file_bytes,
)
from summarize.errors import InputError, InputTooLargeError, UnsupportedFormatError
from summarize.sources.fetch import DEFAULT_TIMEOUT, fetch_page, is_url

__all__ = ["Loaded", "is_url", "load", "load_path"]

_BINARY_FORMATS = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls); save it as .docx or text",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"{\\rtf": "an RTF document; save it as .docx or text",
}


_DOCX_XML_LIMIT = 200 * 1024 * 1024
"""A .docx whose text unpacks past this is refused (a zip bomb, or not an article)."""


@dataclass(frozen=True)
class Loaded:
    """An input read into text, with what is known about it."""

    text: str
    encoding: str
    metadata: PageMetadata

    @property
    def is_html(self) -> bool:
        """Whether the text is an HTML page still to be extracted."""
        return self.metadata.source_format == "html"

    def document(self, *, clean: bool = True, language: str | None = None) -> Document:
        """Build the :class:`Document` (HTML pages through their main-text extraction)."""
        if self.is_html:
            return Document.from_html(
                self.text, clean=clean, language=language, url=self.metadata.url
            )
        return Document.from_text(self.text, clean=clean, language=language, metadata=self.metadata)


def load(
    source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> Loaded:
    """Read ``source``: an http(s) URL, ``-`` for standard input, or a file path."""
    if is_url(source):
        page = fetch_page(source, max_bytes=max_bytes, timeout=timeout)
        kind = "html" if page.is_html else "text"
        return Loaded(page.text, "utf-8", PageMetadata(url=page.url, source_format=kind))
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLargeError(
                f"standard input is over the {max_bytes / 1024 / 1024:g} MB limit "
                "(raise it with --max-mb)"
            )
        return _from_bytes(data, "standard input")
    return load_path(source, max_bytes=max_bytes)


def load_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read a text, HTML, PDF or .docx file, refusing what is not one."""
    given = str(path)
    if not Path(path).exists() and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:/", given):
        raise InputError(
            f"no such file: {given} (a web address must start with http:// or https://)"
        )
    data = read_file_bytes(path, max_bytes=max_bytes)
    return _from_bytes(data, str(path))


def _from_bytes(data: bytes, name: str) -> Loaded:
    if data.startswith(b"%PDF-"):
        from summarize.sources.pdf import pdf_text

        return Loaded(pdf_text(data, name=name), "utf-8", PageMetadata(source_format="pdf"))
    if data.startswith(b"PK\x03\x04"):
        return Loaded(_docx_text(data, name), "utf-8", PageMetadata(source_format="docx"))
    for magic, what in _BINARY_FORMATS.items():
        if data.startswith(magic):
            raise UnsupportedFormatError(f"{name} is {what}, not an article")
    text, encoding = decode_bytes(data)
    kind = "html" if looks_like_html(text) else "text"
    return Loaded(text, encoding, PageMetadata(source_format=kind))


def _docx_text(data: bytes, name: str) -> str:
    """The paragraphs of a .docx file, one a line (its XML read directly, no extra library)."""
    import io
    import xml.etree.ElementTree as ElementTree

    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UnsupportedFormatError(
                    f"{name} is a ZIP archive, not a .docx document or an article"
                )
            if archive.getinfo("word/document.xml").file_size > _DOCX_XML_LIMIT:
                raise UnsupportedFormatError(
                    f"{name} unpacks to more than {_DOCX_XML_LIMIT // 1024 // 1024} MB of text; "
                    "that is not one article"
                )
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise UnsupportedFormatError(f"{name} is a damaged .docx file ({exc})") from None
    paragraphs = []
    for paragraph in root.iter(f"{namespace}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{namespace}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{namespace}tab", f"{namespace}br"):
                parts.append(" ")
        line = "".join(parts).strip()
        if line:
            paragraphs.append(line)
    text = "\n".join(paragraphs)
    if not text.strip():
        raise UnsupportedFormatError(f"{name} is a .docx document with no text")
    return text
