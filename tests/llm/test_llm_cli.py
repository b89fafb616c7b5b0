"""``summarize brief --method llm``, ``summarize prompts`` and ``summarize config`` as a user runs them."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.llm.conftest import ARTICLE_PATH
from tests.llm.fake_openai_server import FakeOpenAIServer

runner = CliRunner()
SHARED_ARTICLE = ARTICLE_PATH.parents[2] / ".." / "shared" / "data" / "modi_putin_call.txt"


def run(*args: str):
    return runner.invoke(app, list(args))


def brief(server: FakeOpenAIServer, *args: str, model: str = "fake"):
    return run(
        "brief", str(ARTICLE_PATH), "--method", "llm", "--base-url", server.base_url,
        "--model", model, *args,
    )  # fmt: skip


def one_line_error(result) -> str:
    """The user sees exit code 1 and exactly one 'error:' line, never a traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def test_prints_a_cited_briefing(server: FakeOpenAIServer) -> None:
    result = brief(server, "--format", "markdown", "--sentences", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("## ")
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == 3 and all(line.rstrip().endswith("]") for line in bullets)


@pytest.mark.skipif(not SHARED_ARTICLE.exists(), reason="../shared/data is not beside the repo")
def test_the_shared_modi_putin_article_gets_a_cited_briefing(server: FakeOpenAIServer) -> None:
    result = run(
        "brief", str(SHARED_ARTICLE), "--method", "llm", "--base-url", server.base_url,
        "--model", "fake", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "llm" and data["sentences"]
    assert all(s["source_sentences"] and s["start"] is None for s in data["sentences"])


def test_json_says_which_sentences_were_flagged_and_why(server: FakeOpenAIServer) -> None:
    result = brief(server, "--format", "json", model="fake-invented-number")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    flags = data["sentences"][0]["flags"]
    assert any(f["kind"] == "unsupported-number" and f["span"] == "4,700" for f in flags)
    assert data["metadata"]["flagged"] == 1 and data["metadata"]["calls"] == 1
    assert data["params"]["guard"] == "flag"


def test_text_output_marks_the_unsupported_sentence(server: FakeOpenAIServer) -> None:
    result = brief(server, model="fake-invented-number")
    flagged = [line for line in result.stdout.splitlines() if "[unsupported:" in line]
    assert len(flagged) == 1 and "4,700" in flagged[0]


def test_guard_drop_from_the_command_line(server: FakeOpenAIServer) -> None:
    result = brief(server, "--guard", "drop", model="fake-invented-number")
    assert result.exit_code == 0
    assert "4,700" not in result.stdout
    assert "note: dropped an unsupported sentence" in result.stderr


@pytest.mark.parametrize(
    ("model", "extra", "expected"),
    [
        ("fake-429", [], "rate-limiting requests (HTTP 429) (3 tries)"),
        ("fake-500", [], "failed (HTTP 500) (3 tries)"),
        ("fake-hang", ["--timeout", "0.2"], "within 0.2s"),
        ("fake-malformed", [], "not a chat completion"),
        ("fake-empty-choices", [], "answered with no choices"),
        ("fake-length", ["--max-tokens", "64"], "cut off at --max-tokens 64"),
        ("fake-french", [], "no sentence cites the source"),
        ("gpt-17", [], "model 'gpt-17' not found"),
    ],
)
def test_each_fault_is_one_clear_line(
    server: FakeOpenAIServer, model: str, extra: list[str], expected: str
) -> None:
    server.state.hang_seconds = 0.6
    assert expected in one_line_error(brief(server, *extra, model=model))


def test_a_wrong_key_is_one_clear_line_without_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong-abcdef")
    with FakeOpenAIServer(required_key="sk-right") as server:
        result = brief(server)
    line = one_line_error(result)
    assert "refused the API key (HTTP 401)" in line
    assert "sk-wrong" not in result.output


def test_an_unreachable_server_is_one_clear_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(
        "brief", str(ARTICLE_PATH), "--method", "llm",
        "--base-url", f"http://127.0.0.1:{port}/v1",
    )  # fmt: skip
    assert "cannot reach the LLM server" in one_line_error(result)


def test_no_key_and_no_base_url_says_how_to_configure() -> None:
    line = one_line_error(run("brief", str(ARTICLE_PATH), "--method", "llm"))
    assert "OPENAI_API_KEY" in line and "--base-url" in line and "base_url=" not in line


def test_llm_options_with_another_method_are_refused() -> None:
    line = one_line_error(run("brief", str(ARTICLE_PATH), "--method", "lead", "--guard", "drop"))
    assert "--guard: only for --method llm" in line


def test_a_prompt_file_with_an_unknown_variable_is_refused(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    prompt = tmp_path / "mine.txt"
    prompt.write_text("Summarize {{article}} as a {{style}}, {{length}}.")
    line = one_line_error(brief(server, "--prompt-file", str(prompt)))
    assert "unknown variable {{style}}" in line


def test_too_long_for_stuff_is_refused_with_the_size(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_CONTEXT_TOKENS", "600")
    line = one_line_error(brief(server, "--strategy", "stuff", "--max-tokens", "100"))
    assert "prompt tokens" in line and "600" in line


def test_no_cache_asks_the_server_again(server: FakeOpenAIServer) -> None:
    assert brief(server).exit_code == 0
    assert brief(server).exit_code == 0
    assert len(server.requests) == 1
    assert brief(server, "--no-cache").exit_code == 0
    assert len(server.requests) == 2


def test_prompts_lists_the_builtin_templates() -> None:
    result = run("prompts")
    assert result.exit_code == 0
    names = {line.split()[0] for line in result.stdout.splitlines()}
    assert {"briefing", "paragraph", "combine", "judge"} <= names
    listed = json.loads(run("prompts", "--json").stdout)
    assert {"article", "length"} <= set(
        next(p for p in listed if p["name"] == "briefing")["variables"]
    )


def test_config_shows_settings_and_sources_but_never_the_key(
    monkeypatch: pytest.MonkeyPatch, llm_env: Path
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret-123")
    (llm_env / "config.toml").write_text('[llm]\nmodel = "llama3.1"\ntimeout = 9\n')
    result = run("config")
    assert result.exit_code == 0, result.output
    assert "sk-very-secret" not in result.output
    assert "api key         yes (env:OPENAI_API_KEY)" in result.stdout
    assert "llama3.1" in result.stdout and "(config)" in result.stdout
    assert str(llm_env / "cache") in result.stdout
    data = json.loads(run("config", "--json").stdout)
    assert data["settings"]["api_key_present"] is True
    assert (
        data["sources"]["model"] == "config"
        and data["sources"]["timeout"] == "env:SUMMARIZE_TIMEOUT"
    )
    assert "sk-very-secret" not in json.dumps(data)
