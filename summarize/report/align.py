"""Find the source sentences a summary sentence comes from, when the result row does not say.

``results.jsonl`` keeps a summary as text, one sentence a line. For the report each line is
matched back to ``Document.sentences``: an extractive line is a source sentence (or, under a
word budget, its first words), so it is found exactly; any other line (abstractive, or a
sentence the summarizer rewrote) gets the source sentences that share most of its content
words, marked as approximate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarize.document import Document
from summarize.text import content_terms

__all__ = ["Alignment", "align_summary", "fold"]

_MAX_SOURCES = 3
_MIN_SHARE = 0.5
"""An approximate match must cover at least this share of the line's content words."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where one summary line comes from."""

    text: str
    sources: tuple[int, ...]
    """Indices into ``Document.sentences``, in document order."""
    how: str
    """``exact`` (the line is a source sentence), ``prefix`` (its first words), ``given``
    (the row or briefing said), ``overlap`` (shared content words; approximate) or ``none``."""


def fold(text: str) -> str:
    """White space folded to single spaces: how ``Briefing.text`` writes a sentence."""
    return " ".join(text.split())


def align_summary(document: Document, lines: Sequence[str]) -> list[Alignment]:
    """Match every summary line to the source sentences it most likely comes from."""
    exact: dict[str, int] = {}
    for sentence in document.sentences:
        exact.setdefault(fold(sentence.text), sentence.index)
    folded = [(fold(s.text), s.index) for s in document.sentences]
    terms: list[frozenset[str]] | None = None
    result = []
    for line in lines:
        text = fold(line)
        if not text:
            continue
        if text in exact:
            result.append(Alignment(text, (exact[text],), "exact"))
            continue
        prefix = next((i for f, i in folded if f.startswith(text) and len(text) >= 20), None)
        if prefix is not None:
            result.append(Alignment(text, (prefix,), "prefix"))
            continue
        if terms is None:
            terms = [frozenset(content_terms(s.text)) for s in document.sentences]
        sources = _by_overlap(frozenset(content_terms(text)), terms)
        result.append(Alignment(text, sources, "overlap" if sources else "none"))
    return result


def _by_overlap(line: frozenset[str], sentences: Sequence[frozenset[str]]) -> tuple[int, ...]:
    """Greedily pick the sentences that cover most of the line's content words."""
    if not line:
        return ()
    left = set(line)
    chosen: list[int] = []
    while left and len(chosen) < _MAX_SOURCES:
        best = max(range(len(sentences)), key=lambda i: len(left & sentences[i]), default=None)
        if best is None or len(left & sentences[best]) < (2 if chosen else 1):
            break
        chosen.append(best)
        left -= sentences[best]
    if not chosen or 1 - len(left) / len(line) < _MIN_SHARE:
        return ()
    return tuple(sorted(chosen))
