"""Fixtures for the LLM tests: a real loopback server, and an environment with fast retries.

No test patches or mocks the ``openai`` client: every request goes over HTTP to
:class:`~tests.llm.fake_openai_server.FakeOpenAIServer` on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.llm.fake_openai_server import FakeOpenAIServer

REPO = Path(__file__).resolve().parents[2]
ARTICLE_PATH = REPO / "benchmarks" / "modi_putin" / "article.txt"

_CLEARED = (
    "OPENAI_API_KEY",
    "SUMMARIZE_API_KEY",
    "OPENAI_BASE_URL",
    "SUMMARIZE_BASE_URL",
    "SUMMARIZE_MODEL",
    "SUMMARIZE_TEMPERATURE",
    "SUMMARIZE_MAX_TOKENS",
    "SUMMARIZE_CONTEXT_TOKENS",
    "SUMMARIZE_CONCURRENCY",
    "SUMMARIZE_MAX_BACKOFF",
)


@pytest.fixture(autouse=True)
def llm_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean LLM environment: no key, no server, tmp cache and config, tiny backoff."""
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMMARIZE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("SUMMARIZE_BACKOFF", "0.001")
    monkeypatch.setenv("SUMMARIZE_MAX_RETRIES", "2")
    monkeypatch.setenv("SUMMARIZE_TIMEOUT", "5")
    return tmp_path


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    """A fresh fake OpenAI-compatible server on an ephemeral loopback port."""
    with FakeOpenAIServer(hang_seconds=1.0) as running:
        yield running


@pytest.fixture(scope="session")
def article() -> str:
    """The Modi–Putin call article shipped in ``benchmarks/modi_putin``."""
    return ARTICLE_PATH.read_text(encoding="utf-8")
