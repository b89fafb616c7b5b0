"""An LLM as factuality judge: asks the model whether each summary sentence rests on the source.

This is the optional ``--judge llm`` of ``summarize eval``: it uses the ``judge`` prompt and the
same client settings as the ``llm`` summarizer, and is reported next to the offline checks of
:mod:`summarize.evaluation.factuality`, never instead of them. The model must answer with one
JSON object (``{"sentences": [{"sentence", "supported", "reason"}], "score"}``); anything else is
asked for once more and then is an :class:`~summarize.errors.LLMResponseError`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from summarize.document import Document
from summarize.errors import LLMResponseError
from summarize.llm.cache import ResponseCache
from summarize.llm.citations import number_sentences
from summarize.llm.client import LLMClient
from summarize.llm.prompts import load_prompt
from summarize.llm.settings import LLMSettings, resolve_settings

__all__ = ["JudgeResult", "JudgedSentence", "judge_factuality"]


@dataclass(frozen=True)
class JudgedSentence:
    """The judge's verdict on one summary sentence."""

    sentence: str
    supported: bool
    reason: str


@dataclass(frozen=True)
class JudgeResult:
    """The judge's verdicts, its overall score in [0, 1], and what the calls cost."""

    score: float
    sentences: tuple[JudgedSentence, ...]
    model: str
    usage: Mapping[str, Any]
    """Calls, retries, tokens and cache hits (see :class:`~summarize.llm.usage.Usage`)."""

    @property
    def label(self) -> bool:
        """True when the judge found every sentence supported."""
        return all(s.supported for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "score": self.score,
            "label": self.label,
            "model": self.model,
            "sentences": [s.__dict__ for s in self.sentences],
            "usage": dict(self.usage),
        }


def judge_factuality(
    summary: str,
    source: str | Document,
    *,
    settings: LLMSettings | None = None,
    cache: bool = True,
    **overrides: Any,
) -> JudgeResult:
    """Ask the model whether ``summary`` is supported by ``source``.

    ``settings`` default to :func:`~summarize.llm.settings.resolve_settings` with ``overrides``
    (e.g. ``model=…``, ``base_url=…``), exactly as the ``llm`` summarizer resolves them.
    """
    settings = settings if settings is not None else resolve_settings(overrides)
    document = source if isinstance(source, Document) else Document.from_string(source)
    article = number_sentences((s.index, s.text) for s in document.sentences)
    messages = load_prompt("judge").render({"article": article, "summary": summary.strip()})
    client = LLMClient(settings, cache=ResponseCache() if cache else None)
    completion = client.complete(messages, validate=_problem)
    score, sentences = _parse(completion.text)
    return JudgeResult(score, sentences, settings.model, client.usage.snapshot().to_dict())


def _problem(text: str) -> str | None:
    try:
        _parse(text)
    except LLMResponseError as exc:
        return str(exc)
    return None


def _parse(text: str) -> tuple[float, tuple[JudgedSentence, ...]]:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise LLMResponseError("the judge did not answer with a JSON object")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise LLMResponseError(f"the judge's JSON does not parse ({exc.msg})") from None
    verdicts = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(verdicts, list):
        raise LLMResponseError("the judge's JSON has no 'sentences' list")
    sentences = []
    for verdict in verdicts:
        if not isinstance(verdict, dict) or not isinstance(verdict.get("supported"), bool):
            raise LLMResponseError("a judge verdict lacks a true/false 'supported'")
        sentences.append(
            JudgedSentence(
                str(verdict.get("sentence", "")),
                verdict["supported"],
                str(verdict.get("reason", "")),
            )
        )
    score = data.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
        score = sum(s.supported for s in sentences) / len(sentences) if sentences else 1.0
    return min(1.0, max(0.0, float(score))), tuple(sentences)
