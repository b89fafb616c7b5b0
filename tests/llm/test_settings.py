"""Settings precedence (flags > env > config file > defaults) and the key's secrecy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summarize.errors import LLMConfigError
from summarize.llm.cache import cache_dir
from summarize.llm.settings import OPENAI_BASE_URL, config_path, resolve_settings


def write_config(llm_env: Path, text: str) -> None:
    (llm_env / "config.toml").write_text(text)


def test_flags_beat_env_beat_config_beat_defaults(
    llm_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(llm_env, '[llm]\nmodel = "from-config"\ntemperature = 0.7\nmax_tokens = 300\n')
    monkeypatch.setenv("SUMMARIZE_MODEL", "from-env")
    monkeypatch.setenv("SUMMARIZE_TEMPERATURE", "0.3")
    settings = resolve_settings({"model": "from-flag", "base_url": "http://h:1/v1"})
    assert settings.model == "from-flag" and settings.sources["model"] == "flag"
    assert (
        settings.temperature == 0.3
        and settings.sources["temperature"] == "env:SUMMARIZE_TEMPERATURE"
    )
    assert settings.max_tokens == 300 and settings.sources["max_tokens"] == "config"
    assert settings.context_tokens == 8192 and settings.sources["context_tokens"] == "default"


def test_openai_base_url_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    settings = resolve_settings()
    assert settings.effective_base_url == "http://localhost:11434/v1" and not settings.has_api_key


def test_a_key_alone_means_openai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-abc")
    settings = resolve_settings()
    assert settings.effective_base_url == OPENAI_BASE_URL and settings.has_api_key


def test_the_key_is_never_in_repr_or_the_public_view(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_API_KEY", "sk-top-secret")
    settings = resolve_settings()
    assert "sk-top-secret" not in repr(settings)
    assert "sk-top-secret" not in str(settings.public_dict())
    assert settings.public_dict()["api_key_present"] is True
    assert settings.sources["api_key"] == "env:SUMMARIZE_API_KEY"


def test_the_key_is_not_accepted_as_a_setting_or_from_the_config_file(llm_env: Path) -> None:
    with pytest.raises(LLMConfigError, match="unknown LLM setting"):
        resolve_settings({"api_key": "sk-x", "base_url": "http://h/v1"})
    write_config(llm_env, '[llm]\napi_key = "sk-in-a-file"\n')
    with pytest.raises(LLMConfigError, match="holds an api_key") as caught:
        resolve_settings({"base_url": "http://h/v1"})
    assert "sk-in-a-file" not in str(caught.value)


def test_neither_key_nor_server_says_how_to_configure() -> None:
    with pytest.raises(LLMConfigError, match=r"OPENAI_API_KEY.*base_url=http://localhost:11434/v1"):
        resolve_settings()
    assert resolve_settings(require_server=False).base_url is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"temperature": 3}, "temperature .* between 0 and 2"),
        ({"timeout": 0}, "timeout .* more than 0"),
        ({"max_tokens": 0}, "max_tokens .* at least 1"),
        ({"base_url": "localhost:11434"}, "http:// or https://"),
        ({"concurrency": 0}, "concurrency"),
        ({"max_tokens": "many"}, "max_tokens from flag must be int"),
    ],
)
def test_bad_values_are_named(overrides: dict, message: str) -> None:
    with pytest.raises(LLMConfigError, match=message):
        resolve_settings({"base_url": "http://h/v1", **overrides})


def test_a_bad_env_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_TIMEOUT", "soon")
    with pytest.raises(LLMConfigError, match="env:SUMMARIZE_TIMEOUT"):
        resolve_settings({"base_url": "http://h/v1"})


def test_a_broken_or_unknown_config_file_is_named(llm_env: Path) -> None:
    write_config(llm_env, "[llm\nmodel=")
    with pytest.raises(LLMConfigError, match="cannot read the config file"):
        resolve_settings({"base_url": "http://h/v1"})
    write_config(llm_env, "[llm]\nmodle = 'x'\n")
    with pytest.raises(LLMConfigError, match="unknown \\[llm\\] setting.*modle"):
        resolve_settings({"base_url": "http://h/v1"})


def test_credentials_in_the_base_url_are_never_displayed() -> None:
    settings = resolve_settings({"base_url": "https://user:pw@proxy.example:8443/v1"})
    assert settings.display_base_url == "https://proxy.example:8443/v1"
    assert "pw" not in str(settings.public_dict())


def test_locations_follow_the_environment_then_the_platform(
    llm_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config_path() == llm_env / "config.toml"
    assert cache_dir() == llm_env / "cache"
    monkeypatch.delenv("SUMMARIZE_CONFIG")
    monkeypatch.delenv("SUMMARIZE_CACHE_DIR")
    assert config_path().name == "config.toml" and "summarize" in str(config_path())
    assert cache_dir().name == "llm" and "summarize" in str(cache_dir())


def test_the_cli_does_not_import_openai_until_an_llm_is_used() -> None:
    code = "import sys, summarize.cli; print('openai' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
