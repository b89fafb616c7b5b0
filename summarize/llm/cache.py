"""An on-disk cache of model answers, so reruns and benchmarks do not pay twice.

The key is a SHA-256 of (base URL without credentials, model, the exact messages, temperature,
max_tokens); the API key is never part of the key or the stored entry. Only complete, usable
answers are stored (never an error, an empty answer or one cut off at ``max_tokens``).
Location: ``$SUMMARIZE_CACHE_DIR`` if set, else ``<platform user cache dir>/summarize/llm``
(e.g. ``~/.cache/summarize/llm`` on Linux). Each entry is one small JSON file, written
atomically, so concurrent writers and interrupted runs cannot leave a torn entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = ["CachedAnswer", "ResponseCache", "cache_dir", "cache_key"]

CACHE_FORMAT = 1


@dataclass(frozen=True)
class CachedAnswer:
    """A stored model answer and the token counts the server reported for it."""

    text: str
    tokens_in: int
    tokens_out: int


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where answers are cached: ``$SUMMARIZE_CACHE_DIR``, else the platform's user cache dir."""
    env = os.environ if env is None else env
    if env.get("SUMMARIZE_CACHE_DIR"):
        return Path(env["SUMMARIZE_CACHE_DIR"]).expanduser()
    return Path(platformdirs.user_cache_dir("summarize")) / "llm"


def cache_key(
    *,
    base_url: str,
    model: str,
    messages: Sequence[Mapping[str, str]],
    temperature: float,
    max_tokens: int,
) -> str:
    """The hex SHA-256 naming one request (never built from the API key)."""
    material = json.dumps(
        {
            "format": CACHE_FORMAT,
            "base_url": base_url,
            "model": model,
            "messages": [dict(m) for m in messages],
            "temperature": temperature,
            "max_tokens": max_tokens,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ResponseCache:
    """Answers stored as ``<directory>/<key[:2]>/<key>.json``."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else cache_dir()

    def get(self, key: str) -> CachedAnswer | None:
        """Return the stored answer for ``key``, or ``None`` (also for an unreadable entry)."""
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CachedAnswer(str(data["text"]), int(data["tokens_in"]), int(data["tokens_out"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, answer: CachedAnswer) -> None:
        """Store ``answer`` under ``key``; a cache that cannot be written is silently skipped."""
        path = self._path(key)
        entry = {
            "text": answer.text,
            "tokens_in": answer.tokens_in,
            "tokens_out": answer.tokens_out,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(entry, stream, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError:
            return

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"
