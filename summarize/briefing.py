"""Briefings: what a summarizer returns, with provenance for every sentence, and its renderings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from summarize.budget import Budget
from summarize.errors import FormatError

__all__ = ["SCHEMA_VERSION", "Briefing", "BriefingSentence", "Flag"]

SCHEMA_VERSION = 1
"""Version of the JSON layout written by :meth:`Briefing.to_dict`; see README, "JSON output"."""


@dataclass(frozen=True, slots=True)
class Flag:
    """A warning attached to a briefing sentence, e.g. a claim the source does not support."""

    kind: str
    """What was found, e.g. ``unsupported-number``, ``invalid-citation``."""
    message: str
    span: str | None = None
    """The words of the sentence the flag is about, when it is about some of them."""


@dataclass(frozen=True, slots=True)
class BriefingSentence:
    """One sentence of a briefing and the source sentences it rests on.

    An extractive sentence is a span of the input: ``start``/``end`` slice the document text to
    exactly ``text``. A generated (abstractive) sentence has ``start = end = None`` and points
    at its evidence through ``source_sentences`` and ``source_spans``.
    """

    text: str
    source_sentences: tuple[int, ...]
    """Indices into ``Document.sentences``."""
    source_spans: tuple[tuple[int, int], ...]
    """``(start, end)`` offsets of those source sentences in the document text."""
    start: int | None = None
    end: int | None = None
    truncated: bool = False
    """True when only the first words of a source sentence fitted the word budget."""
    flags: tuple[Flag, ...] = ()

    @property
    def extractive(self) -> bool:
        """Whether the sentence is copied verbatim from the input."""
        return self.start is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the sentence as a JSON-ready dict (see the README's schema)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "extractive": self.extractive,
            "truncated": self.truncated,
            "source_sentences": list(self.source_sentences),
            "source_spans": [list(span) for span in self.source_spans],
            "flags": [{"kind": f.kind, "message": f.message, "span": f.span} for f in self.flags],
        }


@dataclass(frozen=True)
class Briefing:
    """A summary of one document: sentences in order, each with provenance, and how it was made."""

    sentences: tuple[BriefingSentence, ...]
    method: str
    params: Mapping[str, Any] = field(default_factory=dict)
    budget: Budget | None = None
    """The length budget the briefing was made for (``None``: not given)."""
    seconds: float = 0.0
    document_sentences: int = 0
    """How many sentences the document offered the summarizer."""
    headline: str | None = None
    notes: tuple[str, ...] = ()
    """Things the user should know, e.g. that the budget exceeded the document."""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """Method-specific facts, e.g. token counts for LLM methods."""
    document: Mapping[str, Any] = field(default_factory=dict)
    """Facts about the input: ``language`` used, and the page's ``title``, ``author``, ``date``,
    ``url``, ``site`` and ``format`` (see :meth:`summarize.document.Document.facts`)."""

    @property
    def text(self) -> str:
        """The briefing's sentences, one per line, white space inside each folded.

        One sentence a line is the form ROUGE-Lsum and the factuality checks read without
        re-splitting: joined with spaces, "… in a post on X. Russia was …" reads as one sentence.
        """
        return "\n".join(" ".join(s.text.split()) for s in self.sentences)

    @property
    def flagged(self) -> tuple[BriefingSentence, ...]:
        """The sentences that carry at least one flag."""
        return tuple(s for s in self.sentences if s.flags)

    def to_text(self) -> str:
        """Render as plain text: the headline (if any), then one sentence per line."""
        lines = [self.headline, ""] if self.headline else []
        for sentence in self.sentences:
            line = " ".join(sentence.text.split())
            if sentence.flags:
                line += "  [unsupported: " + "; ".join(f.message for f in sentence.flags) + "]"
            lines.append(line)
        return "\n".join(lines) + "\n"

    def to_markdown(self) -> str:
        """Render as Markdown: the headline as a heading, sentences as bullets with citations."""
        lines = [f"## {self.headline}", ""] if self.headline else []
        for sentence in self.sentences:
            line = "- " + " ".join(sentence.text.split())
            if not sentence.extractive and sentence.source_sentences:
                line += " " + "".join(f"[{i + 1}]" for i in sentence.source_sentences)
            for flag in sentence.flags:
                line += f" **⚠ {flag.message}**"
            lines.append(line)
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """Return the briefing as a JSON-ready dict in the documented, versioned layout."""
        return {
            "schema_version": SCHEMA_VERSION,
            "method": self.method,
            "params": dict(self.params),
            "budget": {} if self.budget is None else self.budget.describe(),
            "headline": self.headline,
            "sentences": [s.to_dict() for s in self.sentences],
            "document_sentences": self.document_sentences,
            "seconds": round(self.seconds, 6),
            "notes": list(self.notes),
            "metadata": dict(self.metadata),
            "document": dict(self.document),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Render as JSON (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def render(self, fmt: str) -> str:
        """Render as ``text``, ``markdown`` or ``json``."""
        renderers = {"text": self.to_text, "markdown": self.to_markdown, "json": self.to_json}
        if fmt not in renderers:
            raise FormatError(f"unknown format '{fmt}' (choose from: {', '.join(renderers)})")
        output = renderers[fmt]()
        return output if output.endswith("\n") else output + "\n"
