"""Documents: the input text split into paragraphs and sentences, with page chrome set aside.

A :class:`Document` keeps the text exactly as given; every paragraph and sentence is a
``(start, end)`` span of it, so ``document.text[s.start:s.end] == s.text`` always holds.
Cleaning only decides which sentences a summarizer may use; it never edits a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarize.chrome import block_chrome, page_chrome
from summarize.errors import (
    DecodingError,
    EmptyDocumentError,
    InputError,
    InputTooLargeError,
)
from summarize.language import detect_language
from summarize.text import block_sentences, hard_blocks, language_tools, words

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "PageMetadata",
    "Paragraph",
    "Sentence",
    "chrome_reason",
    "decode_bytes",
    "looks_like_html",
    "read_text_file",
]

# Repeats are compared without case and punctuation (a pull quote loses its quote marks).
_PUNCTUATION = str.maketrans("", "", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„‚—–…·•")

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this (20 MiB) are refused: far beyond any article, and kept in memory."""


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
    """``None`` for body text, else why cleaning set it aside (``heading``, ``byline``, …)."""


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself (HTML metadata), kept apart from the story's sentences."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    """As the page gives it, usually ISO ``YYYY-MM-DD``."""
    url: str | None = None
    site: str | None = None
    description: str | None = None
    """The page's summary line (``<meta name="description">``), often its dek."""
    source_format: str = "text"
    """What the input was: ``text``, ``html``, ``pdf`` or ``docx``."""

    def to_dict(self) -> dict[str, str | None]:
        """Return the metadata as a JSON-ready dict."""
        return {
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "url": self.url,
            "site": self.site,
            "description": self.description,
            "format": self.source_format,
        }


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
    language: str = "en"
    """ISO 639-1 code of the document's language (guessed offline), ``und`` if undetermined."""
    metadata: PageMetadata = field(default_factory=PageMetadata)
    """Title, author, date and address of the page, when the input said."""

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        clean: bool = True,
        language: str | None = None,
        metadata: PageMetadata | None = None,
    ) -> Document:
        """Build a document from plain text; with ``clean``, page chrome is set aside.

        ``language`` (ISO 639-1) skips the offline guess; ``metadata`` (title, author …) helps
        cleaning recognise the headline and byline when they appear in the text.
        """
        if not isinstance(text, str):
            raise InputError(f"expected text (str), got {type(text).__name__}")
        if not text.strip():
            raise EmptyDocumentError("the input is empty (nothing but white space)")
        metadata = metadata or PageMetadata()
        blocks = hard_blocks(text)
        spans = [block_sentences(text[start:end]) for start, end in blocks]
        reasons = _chrome_reasons(text, blocks, spans, metadata) if clean else [None] * len(blocks)
        notes: list[str] = []
        if clean and all(reasons):
            if metadata.source_format == "html":
                raise EmptyDocumentError(
                    "no article text found in the HTML page (only menus, headings and links)"
                )
            # Everything looked like chrome: better to summarize it all than to refuse.
            reasons = [None] * len(blocks)
            notes.append("cleaning would have removed every sentence, so none was removed")
        numbered: list[Sentence] = []
        set_aside: list[Sentence] = []
        final: list[Paragraph] = []
        for index, ((start, end), block_spans, reason) in enumerate(
            zip(blocks, spans, reasons, strict=True)
        ):
            target = numbered if reason is None else set_aside
            sentences = tuple(
                Sentence(
                    len(numbered) + i if reason is None else -1,
                    text[start + s : start + e],
                    start + s,
                    start + e,
                    index,
                )
                for i, (s, e) in enumerate(block_spans)
            )
            target.extend(sentences)
            final.append(Paragraph(index, start, end, sentences, reason))
        if not numbered:
            raise EmptyDocumentError("the input has no sentences")
        if language is None:
            language = detect_language(" ".join(s.text for s in numbered[:60]))
        return cls(
            text, tuple(final), tuple(numbered), tuple(set_aside), clean, tuple(notes),
            language, metadata,
        )  # fmt: skip

    @classmethod
    def from_html(
        cls, html: str, *, clean: bool = True, language: str | None = None, url: str | None = None
    ) -> Document:
        """Build a document from an HTML page, keeping its main text (``trafilatura``).

        The page's title, author and date become :attr:`metadata`, not sentences. Offsets then
        index the extracted text (``Document.text``), not the HTML.
        """
        from summarize.sources.html import extract_html

        text, metadata = extract_html(html, url=url)
        return cls.from_text(text, clean=clean, language=language, metadata=metadata)

    @classmethod
    def from_file(
        cls, path: str | Path, *, clean: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> Document:
        """Read a text, HTML, PDF or .docx file and build a document from it."""
        from summarize.sources import load_path

        loaded = load_path(path, max_bytes=max_bytes)
        return loaded.document(clean=clean)

    @classmethod
    def from_string(cls, text: str, *, clean: bool = True, language: str | None = None) -> Document:
        """Build a document from text that may be an HTML page (detected by its tags)."""
        if looks_like_html(text):
            return cls.from_html(text, clean=clean, language=language)
        return cls.from_text(text, clean=clean, language=language)

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def title(self) -> str | None:
        """The page's title, when the input gave one (HTML metadata)."""
        return self.metadata.title

    def facts(self) -> dict[str, Any]:
        """What a briefing reports about its input: the language used and the page metadata."""
        tools = language_tools(self.language)
        return {
            "language": self.language,
            "stop_words": bool(tools.stop_words),
            "stemmer": tools.stemmer,
            **self.metadata.to_dict(),
        }

    @property
    def word_count(self) -> int:
        """Number of words in the sentences summarizers may use (a CJK character is a word)."""
        return sum(len(words(s.text)) for s in self.sentences)


def chrome_reason(paragraph_text: str) -> str | None:
    """Say why a paragraph is page chrome rather than body text, or ``None`` if it is body text.

    This looks at the paragraph alone; a :class:`Document` also uses its neighbours (the
    header above a byline, the text above an embedded post's attribution line).
    """
    return block_chrome(paragraph_text)


def _chrome_reasons(
    text: str,
    blocks: list[tuple[int, int]],
    spans: list[list[tuple[int, int]]],
    metadata: PageMetadata,
) -> list[str | None]:
    """Why each block is set aside: page chrome, or a repeat of story text already seen."""
    reasons = page_chrome(
        [text[start:end] for start, end in blocks],
        title=metadata.title,
        author=metadata.author,
        description=metadata.description,
    )
    seen: set[str] = set()
    for i, ((start, _), block_spans) in enumerate(zip(blocks, spans, strict=True)):
        if reasons[i] is not None:
            continue
        normalized = [_normalized(text[start + s : start + e]) for s, e in block_spans]
        if normalized and all(n and n in seen for n in normalized):
            reasons[i] = "repeat"
        else:
            seen.update(normalized)
    return reasons


def _normalized(text: str) -> str:
    return " ".join(text.lower().translate(_PUNCTUATION).split())


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (its first kilobyte has document tags)."""
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
    return decode_bytes(read_file_bytes(path, max_bytes=max_bytes))


def read_file_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at ``path``, refusing a missing file, a folder or one over ``max_bytes``."""
    given = str(
        path
    )  # as the user wrote it: Path() would fold "a//b" (and "https://") to one slash
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {given}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a text file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(
            f"{path} is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB "
            "(split it into articles, or raise the limit with max_bytes=N)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
