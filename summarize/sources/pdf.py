"""PDF files: the text layer (``pypdf``), paragraphs rebuilt from its lines, hyphens undone."""

from __future__ import annotations

import io
import logging
import re

from summarize.errors import UnsupportedFormatError

__all__ = ["pdf_text", "rebuild_paragraphs"]

_HYPHENATED = re.compile(r"(\w)[-\u00ad]$")
_ENDS_SENTENCE = re.compile(r"[.!?…:。！？।؟][\"'”’)\]]*$")


def pdf_text(data: bytes, *, name: str = "the PDF") -> str:
    """Return the text of a PDF, one paragraph a line.

    Raises :class:`UnsupportedFormatError` for an encrypted PDF, a damaged one, or one with
    no text layer (a scan: run OCR first).
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                # Many PDFs are "encrypted" with an empty password only to restrict printing.
                if not reader.decrypt(""):
                    raise FileNotDecryptedError("password needed")
            except (FileNotDecryptedError, NotImplementedError, DependencyError):
                raise UnsupportedFormatError(
                    f"{name} is encrypted; save an unlocked copy first"
                ) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnsupportedFormatError:
        raise
    except DependencyError:
        raise UnsupportedFormatError(f"{name} is encrypted; save an unlocked copy first") from None
    except (FileNotDecryptedError, PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnsupportedFormatError(f"{name} cannot be read as a PDF ({exc})") from None
    text = rebuild_paragraphs("\n\n".join(pages))
    if not any(c.isalnum() for c in text):
        raise UnsupportedFormatError(
            f"{name} has no text layer (a scanned document?); run OCR on it first"
        )
    return text


def rebuild_paragraphs(text: str) -> str:
    """Join the lines a PDF was set in back into paragraphs, one a line.

    A line joins the next unless it ends a sentence and is clearly shorter than the lines
    around it (a paragraph's last line), or a blank line follows. A word split by a hyphen
    at a line end is joined back ("dip-\\nlomacy" → "diplomacy"); a hyphen in a compound
    that happens to fall at a line end ("India-\\nRussia") is kept when the next part is
    capitalised.
    """
    paragraphs: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        width = max(len(line) for line in lines)
        current = lines[0]
        for previous, line in zip(lines, lines[1:], strict=False):
            if _ENDS_SENTENCE.search(previous) and len(previous) < 0.8 * width:
                paragraphs.append(current)
                current = line
            elif _HYPHENATED.search(previous) and line[:1].islower():
                current = current[:-1] + line  # "dip-" + "lomacy"
            elif previous.endswith("-") and line[:1].isupper():
                current += line  # "India-" + "Russia": a compound, the hyphen stays
            else:
                current = f"{current} {line}"
        paragraphs.append(current)
    return "\n".join(paragraphs)
