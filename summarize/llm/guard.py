"""The factuality guard: check each generated sentence against the source sentences it cites.

Every sentence goes through the offline checks of :mod:`summarize.evaluation.factuality`
(``FactualityChecker.check_sentence``), trying the sentences it cites first and then the
whole source. A sentence the checker does not find supported gets one
:class:`~summarize.briefing.Flag` per issue, of kind ``unsupported-<issue kind>``
(``unsupported-number``, ``unsupported-entity``, ``unsupported-date``, ``unsupported-quote``,
``unsupported-novel-content``), or a single ``unsupported`` flag with its score when the
checker found no specific issue. What happens next is the guard mode's business (see
:data:`GUARD_MODES`), decided by the ``llm`` summarizer.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarize.briefing import Flag
from summarize.document import Document
from summarize.evaluation.factuality import FactualityChecker

__all__ = ["GUARD_MODES", "FactualityGuard"]

GUARD_MODES: dict[str, str] = {
    "off": "no factuality check (citation problems are still flagged)",
    "flag": "unsupported sentences are kept and flagged in every output format",
    "drop": "unsupported or badly cited sentences are removed (the notes say which)",
    "retry": "the answer is sent back once for repair; what is still unsupported is flagged",
}
"""Guard modes and what each does with a sentence the source does not support."""


class FactualityGuard:
    """Checks generated sentences against one source document, analysed once."""

    def __init__(self, document: Document) -> None:
        self.checker = FactualityChecker(document)

    def flags(self, sentence: str, cited: Sequence[int]) -> tuple[Flag, ...]:
        """Flags for ``sentence`` (empty when supported); ``cited`` indexes the source sentences."""
        verdict = self.checker.check_sentence(sentence, evidence=tuple(cited))
        if verdict.supported:
            return ()
        flags = tuple(
            Flag(f"unsupported-{issue.kind}", issue.message, issue.span) for issue in verdict.issues
        )
        if flags:
            return flags
        return (
            Flag(
                "unsupported",
                f"weakly supported by the source (score {verdict.score:.2f}, "
                f"threshold {self.checker.threshold:.2f})",
            ),
        )
