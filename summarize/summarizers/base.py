"""The summarizer interface, length budgets, and the selection every extractive method shares."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from summarize.briefing import Briefing, BriefingSentence
from summarize.budget import Budget
from summarize.document import Document
from summarize.errors import BudgetError, PluginError
from summarize.text import WORD_PATTERN, words

__all__ = [
    "Budget",
    "ProgressCallback",
    "ScoringSummarizer",
    "Summarizer",
    "extractive_briefing",
    "select_sentences",
]

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a summarizer works through a long document."""


@runtime_checkable
class Summarizer(Protocol):
    """What every summarizer is: a name, a description, and ``summarize``.

    Third-party summarizers implement this and register a factory under the entry-point group
    ``summarize.summarizers``; the factory is called with the method's keyword parameters.
    """

    name: str
    description: str

    def summarize(
        self, document: Document, budget: Budget, *, progress: ProgressCallback | None = None
    ) -> Briefing:
        """Summarize ``document`` within ``budget``."""
        ...


def select_sentences(
    document: Document, scores: Sequence[float] | np.ndarray, budget: Budget
) -> list[tuple[int, int]]:
    """Pick sentences by score within ``budget``; return ``(index, end offset)`` in source order.

    Higher scores win; ties go to the earlier sentence. Non-finite scores rank last. The end
    offset is the sentence's own end, or an earlier one when a word budget truncated it.
    """
    values = np.asarray(scores, dtype=float)
    if values.shape != (len(document.sentences),):
        raise PluginError(
            f"a summarizer gave scores of shape {values.shape} for "
            f"{len(document.sentences)} sentences (one score per sentence is needed)"
        )
    values = np.where(np.isfinite(values), values, -np.inf)
    ranking = np.argsort(-values, kind="stable")
    count = budget.sentence_count(len(ranking))
    if count is not None:
        return sorted((int(i), document.sentences[i].end) for i in ranking[:count])
    if budget.words is None:
        raise BudgetError(f"a budget of sentences, words or ratio is needed, got {budget!r}")
    limit, used, chosen = int(budget.words), 0, []
    for i in ranking:
        sentence = document.sentences[int(i)]
        length = len(words(sentence.text))
        if used + length <= limit:
            chosen.append((int(i), sentence.end))
            used += length
    if not chosen:
        best = document.sentences[int(ranking[0])]
        chosen.append((best.index, best.start + _end_of_nth_word(best.text, limit)))
    return sorted(chosen)


def _end_of_nth_word(text: str, n: int) -> int:
    matches = list(WORD_PATTERN.finditer(text))
    if n <= 0 or not matches:
        return len(text)
    end = matches[min(n, len(matches)) - 1].end()
    # Keep closing punctuation that belongs to the last word ("Putin," → "Putin,").
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def extractive_briefing(
    document: Document,
    selection: Sequence[tuple[int, int]],
    *,
    method: str,
    params: Mapping[str, Any],
    budget: Budget,
    seconds: float,
) -> Briefing:
    """Build the :class:`Briefing` for sentences picked from ``document`` (see ``select_sentences``)."""
    sentences = []
    for index, end in selection:
        source = document.sentences[index]
        text = document.text[source.start : end]
        sentences.append(
            BriefingSentence(
                text=text,
                source_sentences=(index,),
                source_spans=((source.start, source.end),),
                start=source.start,
                end=end,
                truncated=end != source.end,
            )
        )
    notes = list(document.notes)
    available = len(document.sentences)
    wanted = budget.sentences
    if wanted is not None and wanted > available:
        notes.append(
            f"the document has only {available} sentence{'s' if available != 1 else ''}; "
            f"the briefing holds {'all of them' if available != 1 else 'it'}"
        )
    if any(s.truncated for s in sentences):
        notes.append(f"no whole sentence fits in {budget.words} words; the best one was cut short")
    return Briefing(
        sentences=tuple(sentences),
        method=method,
        params=dict(params),
        budget=budget,
        seconds=seconds,
        document_sentences=available,
        headline=document.title,
        notes=tuple(notes),
        document=document.facts(),
    )


class ScoringSummarizer(ABC):
    """Base of extractive methods that score every sentence and keep the best within budget.

    Subclasses set ``name`` and ``description`` and implement :meth:`score`; they may describe
    their parameters in ``parameter_help`` (shown by ``summarize methods NAME``).
    """

    name: str
    """The method's name; an instance asked for by an alias carries the alias."""
    description: ClassVar[str]
    parameter_help: ClassVar[Mapping[str, str]] = {}
    family: ClassVar[str] = "extractive"
    origin: ClassVar[str] = "summarize"

    @property
    def params(self) -> dict[str, Any]:
        """The parameters this instance runs with (recorded in every briefing)."""
        return {}

    @abstractmethod
    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Return one score per sentence of ``document``; higher is more summary-worthy."""

    def score_within(
        self, document: Document, budget: Budget, progress: ProgressCallback | None = None
    ) -> np.ndarray:
        """Scores good enough to select within ``budget``: by default, :meth:`score`.

        Greedy methods override this to stop once the budget is spent; sentences they never
        reach score ``-inf``.
        """
        return self.score(document, progress)

    def summarize(
        self, document: Document, budget: Budget, *, progress: ProgressCallback | None = None
    ) -> Briefing:
        """Score the sentences, keep the best within ``budget``, and return them in source order."""
        started = time.perf_counter()
        scores = self.score_within(document, budget, progress)
        selection = select_sentences(document, scores, budget)
        return extractive_briefing(
            document,
            selection,
            method=self.name,
            params=self.params,
            budget=budget,
            seconds=time.perf_counter() - started,
        )
