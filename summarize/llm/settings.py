"""LLM client settings: flags over environment over an optional config file over defaults.

Precedence, highest first:

1. values passed in (the CLI's ``--model``, ``--base-url``, … or the ``llm`` summarizer's
   keyword parameters);
2. environment variables (:data:`ENV_VARIABLES`), e.g. ``SUMMARIZE_MODEL``, ``OPENAI_BASE_URL``;
3. the ``[llm]`` table of the TOML config file at :func:`config_path` (by default
   ``<platform config dir>/summarize/config.toml``; ``SUMMARIZE_CONFIG`` points elsewhere);
4. the defaults of :class:`LLMSettings`.

The API key is special: it is read from ``OPENAI_API_KEY`` or ``SUMMARIZE_API_KEY`` only (never
a flag that lands in shell history, never the config file), and it is never printed, logged,
cached or shown by ``repr``.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import platformdirs

from summarize.errors import LLMConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "API_KEY_VARIABLES",
    "ENV_VARIABLES",
    "LLMSettings",
    "OPENAI_BASE_URL",
    "config_path",
    "resolve_settings",
]

APP_NAME = "summarize"
OPENAI_BASE_URL = "https://api.openai.com/v1"
"""Where requests go when an API key is set and no base URL is."""
API_KEY_VARIABLES = ("SUMMARIZE_API_KEY", "OPENAI_API_KEY")
"""Environment variables holding the API key, first one set wins."""

ENV_VARIABLES: dict[str, tuple[str, ...]] = {
    "model": ("SUMMARIZE_MODEL",),
    "base_url": ("SUMMARIZE_BASE_URL", "OPENAI_BASE_URL"),
    "temperature": ("SUMMARIZE_TEMPERATURE",),
    "max_tokens": ("SUMMARIZE_MAX_TOKENS",),
    "timeout": ("SUMMARIZE_TIMEOUT",),
    "max_retries": ("SUMMARIZE_MAX_RETRIES",),
    "backoff": ("SUMMARIZE_BACKOFF",),
    "max_backoff": ("SUMMARIZE_MAX_BACKOFF",),
    "concurrency": ("SUMMARIZE_CONCURRENCY",),
    "context_tokens": ("SUMMARIZE_CONTEXT_TOKENS",),
}
"""Setting → environment variables that set it (first one set wins)."""


@dataclass(frozen=True)
class LLMSettings:
    """How to reach an OpenAI-compatible server and how to ask it. Build with :func:`resolve_settings`."""

    model: str = "gpt-4o-mini"
    base_url: str | None = None
    """``None`` means OpenAI's own API (:data:`OPENAI_BASE_URL`)."""
    api_key: str | None = field(default=None, repr=False, compare=False)
    """From the environment only; never shown, logged or cached."""
    temperature: float = 0.0
    max_tokens: int = 1024
    """Most tokens the model may write per call."""
    timeout: float = 60.0
    """Seconds to wait for one answer."""
    max_retries: int = 4
    """Further tries after a 429, 5xx, timeout, connection error or unusable answer."""
    backoff: float = 1.0
    """First wait before a retry in seconds; doubles each retry, with jitter."""
    max_backoff: float = 30.0
    """Longest wait between tries, also the longest ``Retry-After`` honoured."""
    concurrency: int = 4
    """Most requests in flight at once (map-reduce chunks, batch work)."""
    context_tokens: int = 8192
    """The model's context window, in (estimated) tokens; longer prompts are split."""
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Setting → where its value came from: ``flag``, ``env:NAME``, ``config``, ``default``."""

    def __post_init__(self) -> None:
        _check(self)

    @property
    def effective_base_url(self) -> str:
        """The URL requests go to."""
        return self.base_url or OPENAI_BASE_URL

    @property
    def display_base_url(self) -> str:
        """The base URL without any user:password part, safe to print or record."""
        return _without_credentials(self.effective_base_url)

    @property
    def has_api_key(self) -> bool:
        """Whether an API key was found in the environment."""
        return bool(self.api_key)

    def public_dict(self) -> dict[str, Any]:
        """Every setting except the key (only whether one is present), for display and records."""
        shown: dict[str, Any] = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("api_key", "sources", "base_url")
        }
        shown["base_url"] = self.display_base_url
        shown["api_key_present"] = self.has_api_key
        return shown


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file: ``$SUMMARIZE_CONFIG``, else ``<user config dir>/summarize/config.toml``."""
    env = os.environ if env is None else env
    if env.get("SUMMARIZE_CONFIG"):
        return Path(env["SUMMARIZE_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def resolve_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    require_server: bool = True,
) -> LLMSettings:
    """Combine ``overrides`` (flags), ``env`` and the config file into :class:`LLMSettings`.

    ``None`` values in ``overrides`` count as not given. With ``require_server``, having
    neither an API key nor a base URL is an :class:`LLMConfigError` saying how to set one.
    """
    env = os.environ if env is None else env
    names = {f.name for f in fields(LLMSettings)} - {"api_key", "sources"}
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    unknown = set(given) - names
    if unknown:
        raise LLMConfigError(f"unknown LLM setting(s): {', '.join(sorted(unknown))}")
    from_config = _read_config(config_path(env))
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name in sorted(names):
        if name in given:
            values[name], sources[name] = given[name], "flag"
            continue
        variable = next((v for v in ENV_VARIABLES.get(name, ()) if env.get(v)), None)
        if variable is not None:
            values[name], sources[name] = env[variable], f"env:{variable}"
        elif name in from_config:
            values[name], sources[name] = from_config[name], "config"
        else:
            sources[name] = "default"
    key_variable = next((v for v in API_KEY_VARIABLES if env.get(v)), None)
    sources["api_key"] = f"env:{key_variable}" if key_variable else "none"
    settings = LLMSettings(
        **{name: _convert(name, value, sources[name]) for name, value in values.items()},
        api_key=env[key_variable] if key_variable else None,
        sources=sources,
    )
    if require_server and not settings.base_url and not settings.api_key:
        raise LLMConfigError(
            "no LLM server configured: set OPENAI_API_KEY (or SUMMARIZE_API_KEY) for OpenAI, "
            "or base_url=URL for a local server, e.g. base_url=http://localhost:11434/v1 "
            "(see docs/llm.md)"
        )
    return settings


_TYPES: dict[str, type] = {
    "model": str,
    "base_url": str,
    "temperature": float,
    "max_tokens": int,
    "timeout": float,
    "max_retries": int,
    "backoff": float,
    "max_backoff": float,
    "concurrency": int,
    "context_tokens": int,
}


def _convert(name: str, value: Any, source: str) -> Any:
    wanted = _TYPES[name]
    try:
        if wanted is int and isinstance(value, float) and not value.is_integer():
            raise ValueError
        converted = wanted(value)
    except (TypeError, ValueError):
        raise LLMConfigError(
            f"LLM setting {name} from {source} must be {wanted.__name__}, got {value!r}"
        ) from None
    return converted


def _check(settings: LLMSettings) -> None:
    def bad(name: str, rule: str) -> LLMConfigError:
        where = settings.sources.get(name, "flag")
        value = getattr(settings, name)
        return LLMConfigError(f"LLM setting {name} (from {where}) {rule}, got {value!r}")

    if not settings.model.strip():
        raise bad("model", "must name a model")
    if settings.base_url is not None and urlsplit(settings.base_url).scheme not in (
        "http",
        "https",
    ):
        raise bad("base_url", "must be an http:// or https:// URL")
    for name in ("temperature", "timeout", "backoff", "max_backoff"):
        value = getattr(settings, name)
        if not math.isfinite(value) or value < 0:
            raise bad(name, "must be a number of at least 0")
    if settings.temperature > 2:
        raise bad("temperature", "must be between 0 and 2")
    if settings.timeout == 0:
        raise bad("timeout", "must be more than 0 seconds")
    for name, least in (("max_tokens", 1), ("max_retries", 0), ("concurrency", 1)):
        if getattr(settings, name) < least:
            raise bad(name, f"must be a whole number of at least {least}")
    if settings.context_tokens < 256:
        raise bad("context_tokens", "must be at least 256")


def _read_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LLMConfigError(f"cannot read the config file {path}: {exc}") from exc
    table = data.get("llm", {})
    if not isinstance(table, dict):
        raise LLMConfigError(f"config file {path}: [llm] must be a table")
    if "api_key" in table:
        raise LLMConfigError(
            f"config file {path} holds an api_key: remove it and set OPENAI_API_KEY or "
            "SUMMARIZE_API_KEY in the environment instead"
        )
    unknown = set(table) - set(_TYPES)
    if unknown:
        raise LLMConfigError(
            f"config file {path}: unknown [llm] setting(s) {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(_TYPES))})"
        )
    return dict(table)


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
