"""Documents: the input text split into paragraphs and sentences, with page chrome set aside.

A :class:`Document` keeps the text exactly as given; every paragraph and sentence is a
``(start, end)`` span of it, so ``document.text[s.start:s.end] == s.text`` always holds.
Cleaning only decides which sentences a summarizer may use; it never edits a sentence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from summarize.errors import (
    DecodingError,
    EmptyDocumentError,
    InputError,
    InputTooLargeError,
)
from summarize.text import hard_blocks, sentence_spans, words

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "Paragraph",
    "Sentence",
    "chrome_reason",
    "decode_bytes",
    "read_text_file",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this (20 MiB) are refused: far beyond any article, and kept in memory."""

_BOILERPLATE = re.compile(
    r"""^(?:
        \d[\d,.]*\s*[km]?\s*(?:views?|comments?|shares?|likes?|reads?)
      | (?:views?|comments?|shares?|likes?|share\ this(?:\ article)?|advertisement|advert
        |sponsored|related(?:\ articles?|\ stories|\ news)?|trending|recommended|most\ read
        |subscribe|sign\ in|log\ in|newsletter|print|email|share\ on\ \w+|tags?|topics?)
      | (?:read\ more|also\ read|click\ here|follow\ us|sign\ up|subscribe\ to|watch:|listen:
        |image\ (?:source|copyright|caption)|photo(?:graph)?:|getty\ images|copyright\ ©).*
      | \d+\s+comments?\ ?\w*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_EMBEDDED_POST = re.compile(
    rf"(?:[—–-]\s*[^\n]{{0,80}}\(@\w+\)\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\s*$)|pic\.twitter\.com/"
)
_TERMINATED = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_HEADING_MAX_WORDS = 8


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document: its text and where it stands in the document's text."""

    index: int
    """Position among the sentences a summarizer may use (``Document.sentences``); -1 if set aside."""
    text: str
    start: int
    end: int
    paragraph: int
    """Index of the paragraph in ``Document.paragraphs``."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between hard line breaks, with its sentences and why it was set aside."""

    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]
    chrome: str | None = None
    """``None`` for body text, else why cleaning set it aside (``heading``, ``boilerplate``, …)."""


@dataclass(frozen=True)
class Document:
    """A text split into paragraphs and sentences; ``sentences`` are those summarizers may use."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    set_aside: tuple[Sentence, ...] = field(default=())
    """Sentences that cleaning kept out of ``sentences`` (page chrome, repeats)."""
    cleaned: bool = True
    notes: tuple[str, ...] = field(default=())
    """Things worth telling the user about how the document was read."""

    @classmethod
    def from_text(cls, text: str, *, clean: bool = True) -> Document:
        """Build a document from plain text; with ``clean``, page chrome is set aside."""
        if not isinstance(text, str):
            raise InputError(f"expected text (str), got {type(text).__name__}")
        if not text.strip():
            raise EmptyDocumentError("the input is empty (nothing but white space)")
        paragraphs = _paragraphs(text, clean)
        kept = [s for p in paragraphs if p.chrome is None for s in p.sentences]
        notes: list[str] = []
        if clean and not kept:
            # Everything looked like chrome: better to summarize it all than to refuse.
            paragraphs = _paragraphs(text, clean=False)
            kept = [s for p in paragraphs for s in p.sentences]
            notes.append("cleaning would have removed every sentence, so none was removed")
        if not kept:
            raise EmptyDocumentError("the input has no sentences")
        numbered = tuple(_renumber(s, i) for i, s in enumerate(kept))
        by_span = {(s.start, s.end): s for s in numbered}
        renumbered = tuple(
            Paragraph(
                p.index,
                p.start,
                p.end,
                tuple(by_span.get((s.start, s.end), s) for s in p.sentences),
                p.chrome,
            )
            for p in paragraphs
        )
        set_aside = tuple(s for p in renumbered if p.chrome is not None for s in p.sentences)
        return cls(text, renumbered, numbered, set_aside, clean, tuple(notes))

    @classmethod
    def from_html(cls, html: str, *, clean: bool = True) -> Document:
        """Build a document from an HTML page, keeping its main text (``trafilatura``).

        Offsets then index the extracted text (``Document.text``), not the HTML.
        """
        import trafilatura

        # trafilatura logs parse failures as errors; ours is the one error the user should see.
        logging.getLogger("trafilatura").addHandler(logging.NullHandler())
        logging.getLogger("trafilatura").propagate = False
        extracted = trafilatura.extract(html, include_comments=False, include_tables=False)
        if not extracted or not extracted.strip():
            raise EmptyDocumentError("no main text found in the HTML page")
        return cls.from_text(extracted, clean=clean)

    @classmethod
    def from_file(
        cls, path: str | Path, *, clean: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> Document:
        """Read a text or HTML file (any common encoding) and build a document from it."""
        text, _ = read_text_file(path, max_bytes=max_bytes)
        return cls.from_string(text, clean=clean)

    @classmethod
    def from_string(cls, text: str, *, clean: bool = True) -> Document:
        """Build a document from text that may be an HTML page (detected by its tags)."""
        if _looks_like_html(text):
            return cls.from_html(text, clean=clean)
        return cls.from_text(text, clean=clean)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def word_count(self) -> int:
        """Number of words in the sentences summarizers may use."""
        return sum(len(words(s.text)) for s in self.sentences)


def chrome_reason(paragraph_text: str) -> str | None:
    """Say why a paragraph is page chrome rather than body text, or ``None`` if it is body text."""
    stripped = paragraph_text.strip()
    if _BOILERPLATE.match(stripped):
        return "boilerplate"
    if _EMBEDDED_POST.search(stripped):
        return "embedded-post"
    if not _TERMINATED.search(stripped) and len(stripped.split()) <= _HEADING_MAX_WORDS:
        return "heading"
    return None


def _paragraphs(text: str, clean: bool) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    for index, (start, end) in enumerate(hard_blocks(text)):
        spans = sentence_spans(text, start, end)
        sentences = tuple(Sentence(-1, text[s:e], s, e, index) for s, e in spans)
        normalized = [_normalized(s.text) for s in sentences]
        chrome = chrome_reason(text[start:end]) if clean else None
        if clean and chrome is None and normalized and all(n and n in seen for n in normalized):
            chrome = "repeat"
        if chrome is None:
            seen.update(normalized)
        paragraphs.append(Paragraph(index, start, end, sentences, chrome))
    return paragraphs


def _normalized(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


def _renumber(sentence: Sentence, index: int) -> Sentence:
    return Sentence(index, sentence.text, sentence.start, sentence.end, sentence.paragraph)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:html|body|article|div|p)[\s>]", head)
    )


_SINGLE_BYTE_WESTERN = ("cp125", "latin", "iso8859", "mac_")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as text and return ``(text, encoding)``; UTF-8 first, then detection
    (``charset-normalizer``), preferring cp1252 among single-byte Western code pages.

    Raises :class:`DecodingError` for data that is not text (NUL bytes, no encoding fits).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodingError(f"the input is not valid UTF-16 ({exc.reason})") from exc
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DecodingError(
                "the input is not text in any encoding we recognise (is it a binary file?)"
            ) from None
        text, encoding = str(best), best.encoding
        if encoding.startswith(_SINGLE_BYTE_WESTERN) and encoding != "cp1252":
            # Detectors cannot tell single-byte Western code pages apart on short texts
            # (à is ŕ in cp1250); cp1252 is by far the likeliest for news, so prefer it.
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
    if "\x00" in text or _control_ratio(text) > 0.1:
        raise DecodingError("the input looks like binary data, not text")
    return text, encoding


def _control_ratio(text: str) -> float:
    sample = text[:10_000]
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(sample)


def read_text_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Read a text file and return ``(text, encoding)``, refusing what is not a readable text file."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a text file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(
            f"{path} is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB "
            "(split it into articles, or raise the limit with max_bytes=N)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return decode_bytes(data)
