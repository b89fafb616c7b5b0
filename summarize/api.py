"""The one-call library entry points: ``brief``, ``get``, ``available``, ``methods``."""

from __future__ import annotations

from typing import Any

from summarize.briefing import Briefing
from summarize.document import Document
from summarize.errors import InputError
from summarize.registry import MethodInfo, default_registry
from summarize.summarizers.base import Budget, ProgressCallback, Summarizer

__all__ = ["DEFAULT_METHOD", "available", "brief", "get", "methods"]

DEFAULT_METHOD = "position"


def get(name: str, **params: Any) -> Summarizer:
    """Return the summarizer registered as ``name``, built with ``params``."""
    return default_registry().get(name, **params)


def available() -> list[str]:
    """Return the names of all installed summarizers, sorted."""
    return default_registry().available()


def methods() -> list[MethodInfo]:
    """Describe all installed summarizers (name, family, origin, description)."""
    return default_registry().methods()


def brief(
    text: str | Document,
    method: str = DEFAULT_METHOD,
    *,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    clean: bool = True,
    progress: ProgressCallback | None = None,
    **params: Any,
) -> Briefing:
    """Summarize ``text`` (a string, HTML page or :class:`Document`) with ``method``.

    Give at most one of ``sentences``, ``words`` or ``ratio`` (default: 3 sentences); extra
    keyword ``params`` go to the method, e.g. ``brief(text, "textrank", damping=0.9)``.
    """
    if isinstance(text, (bytes, bytearray)):
        raise InputError("brief() takes text, not bytes: decode them first, e.g. data.decode()")
    if not isinstance(text, (str, Document)):
        raise InputError(f"brief() takes text or a Document, got {type(text).__name__}")
    budget = Budget.of(sentences=sentences, words=words, ratio=ratio)
    document = text if isinstance(text, Document) else Document.from_string(text, clean=clean)
    return get(method, **params).summarize(document, budget, progress=progress)
