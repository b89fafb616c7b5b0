"""The ``llm`` summarizer: abstractive, cited briefings from any OpenAI-compatible server.

The source sentences are numbered in the prompt, between ``<article>`` tags, as data; the model
answers with sentences that cite them (``[3]``, ``[3, 5]``). Each generated sentence becomes a
:class:`~summarize.briefing.BriefingSentence` with ``start = end = None`` and provenance from
its valid citations; bad citations and claims the source does not support are flagged (see
:mod:`summarize.llm.citations` and :mod:`summarize.llm.guard`).

Strategies:

* ``stuff``: the whole article in one call; refused with the size if it does not fit.
* ``extract-then-abstract``: an extractive method (``extractor``, default ``textrank``) picks the
  top sentences, keeping their original numbers, and the model rewrites those.
* ``map-reduce``: sentences are cut into chunks that fit the context (on sentence boundaries),
  each chunk is summarized with citations, and a combine step merges them, keeping citations.
* ``auto`` (default): ``stuff`` when the article fits the context, else ``map-reduce``.

The length budget goes into the prompt as an instruction and is enforced on the answer: extra
sentences are cut (sentence budget), and sentences past a word budget are dropped (the first
one is cut short if it alone is too long).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from summarize.briefing import Briefing, BriefingSentence, Flag
from summarize.document import Document
from summarize.errors import InputTooLargeError, LLMError, ParameterError
from summarize.llm.cache import ResponseCache
from summarize.llm.citations import ParsedReply, number_sentences, parse_reply, resolve_citations
from summarize.llm.guard import GUARD_MODES, FactualityGuard
from summarize.llm.prompts import (
    ChatMessage,
    PromptTemplate,
    load_prompt,
    load_prompt_file,
)
from summarize.llm.settings import LLMSettings, resolve_settings
from summarize.llm.tokens import estimate_messages_tokens
from summarize.summarizers.base import Budget, ProgressCallback
from summarize.text import words

if TYPE_CHECKING:
    from summarize.llm.client import LLMClient
    from summarize.registry import Registry

__all__ = ["STRATEGIES", "LLMSummarizer"]

STRATEGIES: dict[str, str] = {
    "auto": "stuff when the article fits the model's context, else map-reduce",
    "stuff": "the whole article in one call",
    "extract-then-abstract": "an extractive method picks the top sentences; the model rewrites them",
    "map-reduce": "summarize chunks on sentence boundaries, then combine, keeping citations",
}
"""Strategy name → what it does."""

_MAP_SENTENCES = 3  # sentences per chunk summary when the budget is in words


@dataclass(frozen=True)
class _Answer:
    """A parsed answer, the prompt numbers it could cite, and the conversation that produced it."""

    reply: ParsedReply
    shown: frozenset[int]
    messages: tuple[ChatMessage, ...]
    text: str


class LLMSummarizer:
    """Abstractive briefing through an OpenAI-compatible chat server, cited and guarded.

    Every parameter is optional; client settings not given come from the environment and the
    config file (see :mod:`summarize.llm.settings`). ``prompt`` names a built-in template
    (``briefing``: a headline and bullets; ``paragraph``), ``prompt_file`` a user's own (it must
    use ``{{article}}`` and ``{{length}}``). ``guard`` is one of ``off``, ``flag`` (default),
    ``drop`` or ``retry``; ``cache=False`` skips the on-disk answer cache. ``extractor`` (for
    ``extract-then-abstract``) is looked up in ``registry``, which :meth:`Registry.get
    <summarize.registry.Registry.get>` passes in (built directly: the default registry).
    """

    name: ClassVar[str] = "llm"
    description: ClassVar[str] = (
        "Abstractive, cited briefing from any OpenAI-compatible server (OpenAI, Ollama, vLLM, …)."
    )
    family: ClassVar[str] = "abstractive"
    origin: ClassVar[str] = "summarize"
    parameter_help: ClassVar[dict[str, str]] = {
        "model": "model name (None: settings, default gpt-4o-mini)",
        "base_url": "OpenAI-compatible server URL (None: settings or the OpenAI API)",
        "temperature": "sampling temperature (None: settings, default 0)",
        "max_tokens": "most tokens per answer (None: settings, default 1024)",
        "timeout": "seconds to wait for each answer (None: settings, default 60)",
        "context_tokens": "the model's context window in tokens (None: settings, default 8192)",
        "max_retries": "further tries after 429/5xx/timeouts (None: settings, default 4)",
        "concurrency": "map-reduce calls in flight at once (None: settings, default 4)",
        "prompt": "built-in prompt template: briefing or paragraph",
        "prompt_file": "your own prompt template file (uses {{article}} and {{length}})",
        "strategy": "auto, stuff, extract-then-abstract or map-reduce",
        "guard": "unsupported sentences: off, flag, drop or retry",
        "extractor": "extract-then-abstract: the extractive method that picks sentences",
        "cache": "read and write the on-disk answer cache",
    }
    io_bound: ClassVar[bool] = True
    """It waits on a server: a benchmark runs it on threads (``--concurrency``), not processes."""

    def __init__(
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        timeout: float | None = None,
        context_tokens: int | None = None,
        max_retries: int | None = None,
        concurrency: int | None = None,
        prompt: str = "briefing",
        prompt_file: str | Path | None = None,
        strategy: str = "auto",
        guard: str = "flag",
        extractor: str = "textrank",
        cache: bool = True,
        registry: Registry | None = None,
    ) -> None:
        if strategy not in STRATEGIES:
            raise ParameterError(
                f"unknown strategy '{strategy}' (choose from: {', '.join(STRATEGIES)})"
            )
        if guard not in GUARD_MODES:
            raise ParameterError(f"unknown guard '{guard}' (choose from: {', '.join(GUARD_MODES)})")
        self.settings: LLMSettings = resolve_settings(
            {
                "model": model,
                "base_url": base_url,
                "temperature": temperature,
                "max_tokens": max_tokens,
                "timeout": timeout,
                "context_tokens": context_tokens,
                "max_retries": max_retries,
                "concurrency": concurrency,
            }
        )
        self.template: PromptTemplate = (
            load_prompt_file(prompt_file) if prompt_file is not None else load_prompt(prompt)
        )
        self.template.require("article", "length")
        self.prompt_label = str(prompt_file) if prompt_file is not None else prompt
        self.combine_template = load_prompt("combine")
        self.repair_template = load_prompt("repair")
        self.strategy = strategy
        self.guard = guard
        self.extractor = extractor
        self.cache = cache
        self._registry = registry

    @property
    def params(self) -> dict[str, Any]:
        """The parameters recorded in every briefing (never the API key)."""
        params: dict[str, Any] = {
            "model": self.settings.model,
            "base_url": self.settings.display_base_url,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "prompt": self.prompt_label,
            "strategy": self.strategy,
            "guard": self.guard,
        }
        if self.strategy == "extract-then-abstract":
            params["extractor"] = self.extractor
        return params

    def summarize(
        self, document: Document, budget: Budget, *, progress: ProgressCallback | None = None
    ) -> Briefing:
        """Ask the model for a cited briefing of ``document`` within ``budget``, then guard it.

        An :class:`~summarize.errors.LLMError` raised on the way carries what was spent until
        then in its ``usage``.
        """
        from summarize.llm.client import LLMClient  # imports openai: only when summarizing

        client = LLMClient(self.settings, cache=ResponseCache() if self.cache else None)
        try:
            return self._summarize(client, document, budget, progress)
        except LLMError as exc:
            exc.usage = client.usage.snapshot()
            raise

    def _summarize(
        self,
        client: LLMClient,
        document: Document,
        budget: Budget,
        progress: ProgressCallback | None,
    ) -> Briefing:
        started = time.perf_counter()
        count = budget.sentence_count(len(document.sentences))
        length = (
            f"exactly {count} sentence{'s' if count != 1 else ''}"
            if count is not None
            else f"at most {budget.words} words in total"
        )
        notes = list(document.notes)
        strategy = self._choose_strategy(document)
        metadata: dict[str, Any] = {}
        if strategy == "map-reduce":
            answer, chunks = self._map_reduce(client, document, count, length, progress)
            metadata["chunks"] = chunks
        elif strategy == "extract-then-abstract":
            picked = self._extract(document, budget, count)
            answer = self._ask(client, self.template, document, picked, length)
        else:
            answer = self._ask(
                client, self.template, document, range(len(document.sentences)), length
            )
        guard = FactualityGuard(document) if self.guard != "off" else None
        sentences, headline = self._guarded(document, answer, guard)
        if self.guard == "retry" and any(s.flags for s in sentences):
            repaired = self._repair(client, answer, sentences)
            sentences, headline = self._guarded(document, repaired, guard)
            metadata["repaired"] = True
            notes.append("the guard sent the answer back once for repair")
        if self.guard == "drop":
            dropped = [s for s in sentences if s.flags]
            sentences = [s for s in sentences if not s.flags]
            for sentence in dropped:
                reasons = "; ".join(f.message for f in sentence.flags)
                notes.append(f"dropped an unsupported sentence ({reasons}): {sentence.text}")
            metadata["dropped"] = len(dropped)
        if headline is not None and guard is not None:
            headline_flags = guard.flags(headline, ())
            if headline_flags:
                reasons = "; ".join(f.message for f in headline_flags)
                if self.guard == "drop":
                    notes.append(f"dropped an unsupported headline ({reasons}): {headline}")
                    headline = None
                else:
                    notes.append(f"the headline is not supported by the source ({reasons})")
        sentences, budget_notes = _enforce_budget(sentences, budget, count)
        notes.extend(budget_notes)
        if not sentences:
            headline = None  # a headline over nothing would be the briefing's only, unchecked claim
            notes.append("no generated sentence survived the guard; the briefing is empty")
        metadata = {
            "model": self.settings.model,
            "base_url": self.settings.display_base_url,
            "strategy": strategy,
            "prompt": self.prompt_label,
            "guard": self.guard,
            **client.usage.snapshot().to_dict(),
            "flagged": sum(1 for s in sentences if s.flags),
            **metadata,
        }
        return Briefing(
            sentences=tuple(sentences),
            method=self.name,
            params=self.params,
            budget=budget,
            seconds=time.perf_counter() - started,
            document_sentences=len(document.sentences),
            headline=headline,
            notes=tuple(notes),
            metadata=metadata,
            document=document.facts(),
        )

    # -- strategies ---------------------------------------------------------------------------

    def _choose_strategy(self, document: Document) -> str:
        if self.strategy in ("map-reduce", "extract-then-abstract"):
            return self.strategy
        needed = self._prompt_tokens(self.template, document, range(len(document.sentences)))
        if needed <= self._room:
            return "stuff"
        if self.strategy == "auto":
            return "map-reduce"
        raise InputTooLargeError(
            f"the article needs about {needed} prompt tokens, more than the "
            f"{self._room} that fit the model's context ({self.settings.context_tokens} tokens "
            f"minus max_tokens {self.settings.max_tokens}); use strategy=map-reduce or "
            "extract-then-abstract, or raise context_tokens=N"
        )

    @property
    def _room(self) -> int:
        return self.settings.context_tokens - self.settings.max_tokens

    def _prompt_tokens(
        self, template: PromptTemplate, document: Document, indices: Sequence[int]
    ) -> int:
        messages = _render(template, document, indices, "exactly 99 sentences")
        return estimate_messages_tokens(m.content for m in messages)

    def _extract(self, document: Document, budget: Budget, count: int | None) -> list[int]:
        registry = self._registry
        if registry is None:
            from summarize.registry import default_registry  # built directly, not by a registry

            registry = default_registry()
        wanted = max(8, 3 * count) if count is not None else max(8, int(budget.words or 0) // 8)
        wanted = min(wanted, len(document.sentences))
        extractive = registry.get(self.extractor).summarize(document, Budget(sentences=wanted))
        picked = sorted({i for s in extractive.sentences for i in s.source_sentences})
        while picked and self._prompt_tokens(self.template, document, picked) > self._room:
            picked = picked[: len(picked) - max(1, len(picked) // 4)]
        if not picked:
            raise InputTooLargeError(
                "not even one extracted sentence fits the model's context "
                f"({self.settings.context_tokens} tokens); raise context_tokens"
            )
        return picked

    def _map_reduce(
        self,
        client: LLMClient,
        document: Document,
        count: int | None,
        length: str,
        progress: ProgressCallback | None,
    ) -> tuple[_Answer, int]:
        chunks = self._chunks(document)
        per_chunk = count if count is not None else _MAP_SENTENCES
        done: list[int] = []
        lock = threading.Lock()

        def summarize_chunk(indices: list[int]) -> _Answer:
            wanted = min(per_chunk, len(indices))
            chunk_length = f"exactly {wanted} sentence{'s' if wanted != 1 else ''}"
            answer = self._ask(client, self.template, document, indices, chunk_length)
            with lock:
                done.append(1)
                if progress is not None:
                    progress(len(done), len(chunks) + 1)
            return answer

        partials = client.map(summarize_chunk, chunks)
        everything = frozenset(range(1, len(document.sentences) + 1))
        lines = [
            f"- {sentence.marked}"
            for partial in partials
            for sentence in partial.reply.sentences
            if sentence.cited and all(n in partial.shown for n in sentence.cited)
        ]
        while True:
            groups = self._combine_groups(lines)
            if len(groups) == 1:
                break
            answers = client.map(
                lambda group: self._combine(client, group, length, everything), groups
            )
            lines = [f"- {s.marked}" for a in answers for s in a.reply.sentences if s.cited]
        answer = self._combine(client, groups[0], length, everything)
        if progress is not None:
            progress(len(chunks) + 1, len(chunks) + 1)
        return answer, len(chunks)

    def _chunks(self, document: Document) -> list[list[int]]:
        chunks: list[list[int]] = []
        current: list[int] = []
        for sentence in document.sentences:
            trial = [*current, sentence.index]
            if self._prompt_tokens(self.template, document, trial) <= self._room:
                current = trial
                continue
            if not current:
                raise InputTooLargeError(
                    f"sentence {sentence.index + 1} alone needs more than the model's context "
                    f"({self.settings.context_tokens} tokens); raise context_tokens"
                )
            chunks.append(current)
            current = [sentence.index]
            if self._prompt_tokens(self.template, document, current) > self._room:
                raise InputTooLargeError(
                    f"sentence {sentence.index + 1} alone needs more than the model's context "
                    f"({self.settings.context_tokens} tokens); raise context_tokens"
                )
        if current:
            chunks.append(current)
        return chunks

    def _combine_groups(self, lines: list[str]) -> list[list[str]]:
        groups: list[list[str]] = [[]]
        for line in lines:
            trial = [*groups[-1], line]
            messages = self.combine_template.render(
                {"summaries": "\n".join(trial), "length": "exactly 99 sentences"}
            )
            if estimate_messages_tokens(m.content for m in messages) > self._room and groups[-1]:
                groups.append([line])
            else:
                groups[-1] = trial
        if len(groups) > 1 and len(groups) >= len(lines):
            raise InputTooLargeError(
                "the partial summaries do not fit the model's context two at a time "
                f"({self.settings.context_tokens} tokens); raise context_tokens"
            )
        return groups

    def _combine(
        self, client: LLMClient, lines: list[str], length: str, shown: frozenset[int]
    ) -> _Answer:
        messages = self.combine_template.render({"summaries": "\n".join(lines), "length": length})
        completion = client.complete(messages, validate=_validate_reply)
        return _Answer(parse_reply(completion.text), shown, messages, completion.text)

    def _ask(
        self,
        client: LLMClient,
        template: PromptTemplate,
        document: Document,
        indices: Sequence[int],
        length: str,
    ) -> _Answer:
        messages = _render(template, document, indices, length)
        completion = client.complete(messages, validate=_validate_reply)
        shown = frozenset(i + 1 for i in indices)
        return _Answer(parse_reply(completion.text), shown, messages, completion.text)

    # -- guard --------------------------------------------------------------------------------

    def _guarded(
        self, document: Document, answer: _Answer, guard: FactualityGuard | None
    ) -> tuple[list[BriefingSentence], str | None]:
        sentences = []
        for generated in answer.reply.sentences:
            citations = resolve_citations(generated.cited, answer.shown)
            flags: tuple[Flag, ...] = citations.flags
            if guard is not None:
                flags += guard.flags(generated.text, citations.indices)
            spans = tuple(
                (document.sentences[i].start, document.sentences[i].end) for i in citations.indices
            )
            sentences.append(
                BriefingSentence(
                    text=generated.text,
                    source_sentences=citations.indices,
                    source_spans=spans,
                    flags=flags,
                )
            )
        return sentences, answer.reply.headline

    def _repair(
        self, client: LLMClient, answer: _Answer, sentences: Sequence[BriefingSentence]
    ) -> _Answer:
        problems = "\n".join(
            f'- "{s.text}": ' + "; ".join(f.message for f in s.flags) for s in sentences if s.flags
        )
        request = self.repair_template.render({"problems": problems})
        messages = (
            *answer.messages,
            ChatMessage("assistant", answer.text),
            *(m for m in request if m.role == "user"),
        )
        completion = client.complete(messages, validate=_validate_reply)
        return replace(answer, reply=parse_reply(completion.text), messages=messages)


def _render(
    template: PromptTemplate, document: Document, indices: Sequence[int], length: str
) -> tuple[ChatMessage, ...]:
    article = number_sentences((i, document.sentences[i].text) for i in indices)
    return template.render({"article": article, "length": length})


def _validate_reply(text: str) -> str | None:
    reply = parse_reply(text)
    if not any(sentence.cited for sentence in reply.sentences):
        preview = " ".join(text.split())[:60]
        return (
            f"no sentence cites the source (expected lines like '- … [3]'); it began: '{preview}'"
        )
    return None


def _enforce_budget(
    sentences: list[BriefingSentence], budget: Budget, count: int | None
) -> tuple[list[BriefingSentence], list[str]]:
    if count is not None:
        if len(sentences) > count:
            note = f"the model wrote {len(sentences)} sentences; kept the first {count}"
            return sentences[:count], [note]
        return sentences, []
    limit = int(budget.words or 0)
    kept: list[BriefingSentence] = []
    used = 0
    for sentence in sentences:
        length = len(words(sentence.text))
        if used + length > limit:
            break
        kept.append(sentence)
        used += length
    if not kept and sentences:
        first = sentences[0]
        cut = " ".join(first.text.split()[:limit])
        kept = [replace(first, text=cut, truncated=True)]
        return kept, [f"no generated sentence fits in {limit} words; the first was cut short"]
    if len(kept) < len(sentences):
        return kept, [
            f"the model wrote {len(sentences)} sentences; {len(kept)} fit in {limit} words"
        ]
    return kept, []
