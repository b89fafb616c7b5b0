"""Citations: number the source sentences for the prompt, and parse ``[3]``/``[3, 5]`` back out.

The prompt shows sentence ``Document.sentences[i]`` as ``[i + 1] text``. A model's reply is read
line by line: an optional ``Headline:`` line (or a Markdown heading), then sentences (bullets
or a paragraph), each with the citation groups it carries; a lead-in line ending in a colon
("Here is the briefing:") is skipped. Nothing the model writes is trusted: a citation to a number
the prompt did not show, or a sentence without any citation, becomes a
:class:`~summarize.briefing.Flag` (``invalid-citation``, ``missing-citation``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from summarize.briefing import Flag
from summarize.text import sentence_spans

__all__ = [
    "CitedSentence",
    "ParsedReply",
    "ResolvedCitations",
    "number_sentences",
    "parse_reply",
    "resolve_citations",
]

_GROUP = re.compile(r"\[\s*(\d+(?:\s*(?:[,;]|[-–])\s*\d+)*)\s*\]")
_LEADING_GROUPS = re.compile(r"^(?:\s*\[\s*\d+(?:\s*(?:[,;]|[-–])\s*\d+)*\s*\])+[.!?]?\s*")
_HEADLINE = re.compile(r"^[#*_\s]*headline[*_\s]*:\s*(.*)$", re.IGNORECASE)
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_BULLET = re.compile(r"^(?:[-*•–—]|\d{1,2}[.)])\s+")
_FENCE = re.compile(r"^\s*```")
_DELIMITER = re.compile(r"</?\s*(article|summaries|summary)\s*>", re.IGNORECASE)
_MAX_RANGE = 50


@dataclass(frozen=True)
class CitedSentence:
    """A sentence of a model's reply, its citation markers removed, and the numbers it cited."""

    text: str
    cited: tuple[int, ...]
    """Sentence numbers as written in the reply (1-based), in order, without repeats."""
    marked: str
    """The sentence as the model wrote it, citations included (for a map-reduce combine step)."""


@dataclass(frozen=True)
class ParsedReply:
    """A model's reply read as a headline (if any) and cited sentences."""

    headline: str | None
    sentences: tuple[CitedSentence, ...]


@dataclass(frozen=True)
class ResolvedCitations:
    """Cited numbers checked against the numbers the prompt showed."""

    indices: tuple[int, ...]
    """Valid citations as indices into ``Document.sentences`` (number − 1)."""
    flags: tuple[Flag, ...]


def number_sentences(sentences: Iterable[tuple[int, str]]) -> str:
    """Render ``(index, text)`` pairs as the prompt's ``[index + 1] text`` lines.

    Line breaks inside a sentence become spaces, and anything that looks like the prompt's own
    delimiters (``<article>``, ``</article>``, …) is neutralised so the article cannot close
    its data block and speak as the prompt.
    """
    lines = []
    for index, text in sentences:
        flat = " ".join(text.split())
        flat = _DELIMITER.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), flat)
        lines.append(f"[{index + 1}] {flat}")
    return "\n".join(lines)


def parse_reply(reply: str) -> ParsedReply:
    """Split a reply into an optional headline and sentences with their citations."""
    headline: str | None = None
    sentences: list[CitedSentence] = []
    reply = _THINKING.sub("", reply)  # reasoning models (e.g. via Ollama) show their thoughts
    for raw_line in reply.splitlines():
        line = raw_line.strip()
        if not line or _FENCE.match(line):
            continue
        match = _HEADLINE.match(line) or _HEADING.match(line)
        if match:
            if headline is None and not sentences:
                headline = _clean(_GROUP.sub("", match.group(1))) or None
            continue
        if line.endswith(":") and not _GROUP.search(line):
            continue  # a lead-in such as "Here is the briefing:", not a claim
        line = _BULLET.sub("", line)
        citation_first = False  # "[2] Both agreed. [4] They left.": each group opens its sentence
        for position, (start, end) in enumerate(sentence_spans(line)):
            piece = line[start:end]
            leading = _LEADING_GROUPS.match(piece)
            if position == 0:
                citation_first = leading is not None
            if leading and position > 0 and not citation_first:
                # "… the end. [4] Next sentence": a group after the full stop cites backwards.
                previous = sentences[-1]
                marked = previous.marked + " " + leading.group(0).strip()
                sentences[-1] = _cited(previous.text, marked)
                piece = piece[leading.end() :]
            if any(c.isalnum() for c in _GROUP.sub("", piece)):
                text = _clean(_GROUP.sub("", piece))
                sentences.append(_cited(_terminated(text), piece.strip()))
    return ParsedReply(headline, tuple(sentences))


def resolve_citations(cited: Iterable[int], shown: Collection[int]) -> ResolvedCitations:
    """Check cited numbers against ``shown`` (the numbers in the prompt); flag the rest.

    A sentence that cites nothing gets a ``missing-citation`` flag; each number the prompt did
    not show, an ``invalid-citation`` flag.
    """
    numbers = tuple(cited)
    valid = tuple(n - 1 for n in numbers if n in shown)
    flags = [
        Flag("invalid-citation", f"cites sentence [{n}], which the source does not have", f"[{n}]")
        for n in numbers
        if n not in shown
    ]
    if not numbers:
        flags.append(Flag("missing-citation", "cites no source sentence"))
    return ResolvedCitations(valid, tuple(flags))


def _cited(text: str, marked: str) -> CitedSentence:
    numbers: list[int] = []
    for group in _GROUP.findall(marked):
        for number in _expand(group):
            if number not in numbers:
                numbers.append(number)
    return CitedSentence(text, tuple(numbers), marked)


def _expand(group: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"[,;]", group):
        bounds = [int(x) for x in re.split(r"[-–]", part) if x.strip()]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_RANGE:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def _terminated(text: str) -> str:
    # Bullets often end without a full stop ("- Talks ended [4]"); a sentence should have one.
    return text if text.rstrip("\"'”’)»*_").endswith((".", "!", "?", "…")) else text + "."


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text.strip().strip("*_").strip()
