"""The LLM factuality judge, against the loopback server's deterministic judge."""

from __future__ import annotations

import json

import pytest

from summarize.errors import LLMResponseError
from summarize.llm.judge import judge_factuality
from tests.llm.fake_openai_server import FakeOpenAIServer


def test_the_judge_reports_each_sentence_and_a_score(
    server: FakeOpenAIServer, article: str
) -> None:
    summary = (
        "Modi congratulated Putin on his re-election. "
        "Officials said 4,700 soldiers attended the call."
    )
    result = judge_factuality(summary, article, model="fake", base_url=server.base_url)
    assert [s.supported for s in result.sentences] == [True, False]
    assert "4,700" in result.sentences[1].reason
    assert result.score == 0.5 and result.label is False
    assert result.usage["calls"] == 1 and result.to_dict()["model"] == "fake"
    prompt = server.requests[0]["messages"][-1]["content"]
    assert "<summary>" in prompt and "[1] " in prompt


def test_an_answer_that_is_not_json_is_a_clear_error(
    server: FakeOpenAIServer, article: str
) -> None:
    with pytest.raises(LLMResponseError, match="judge did not answer with a JSON object"):
        judge_factuality(
            "Modi called Putin.", article, model="fake-french", base_url=server.base_url
        )
    assert len(server.requests) == 2  # asked once more before giving up


def test_eval_judge_llm_reports_next_to_the_offline_checks(
    server: FakeOpenAIServer, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app
    from tests.llm.conftest import ARTICLE_PATH

    monkeypatch.setenv("SUMMARIZE_BASE_URL", server.base_url)
    monkeypatch.setenv("SUMMARIZE_MODEL", "fake")
    summary = tmp_path / "summary.txt"
    summary.write_text("Officials said 4,700 soldiers attended the call.")
    args = ["eval", "--summary", str(summary), "--source", str(ARTICLE_PATH), "--judge", "llm"]
    table = CliRunner().invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "factuality" in table.stdout and "llm judge    0.0000 (NOT consistent" in table.stdout
    data = json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)
    assert data["factuality"] is not None and data["llm_judge"]["label"] is False
    missing = CliRunner().invoke(app, ["eval", "--summary", str(summary), "--judge", "llm"])
    assert missing.exit_code == 1 and "needs --source" in missing.stderr


def test_eval_judge_llm_takes_base_url_and_model_like_brief(
    server: FakeOpenAIServer, tmp_path
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app
    from tests.llm.conftest import ARTICLE_PATH

    summary = tmp_path / "summary.txt"
    summary.write_text("Officials said 4,700 soldiers attended the call.")
    args = ["eval", "--summary", str(summary), "--source", str(ARTICLE_PATH), "--judge", "llm"]
    done = CliRunner().invoke(app, [*args, "--base-url", server.base_url, "--model", "fake"])
    assert done.exit_code == 0, done.output
    assert "model fake)" in done.stdout and server.requests[-1]["model"] == "fake"


def test_eval_checker_llm_scores_a_file_through_the_server(
    server: FakeOpenAIServer, tmp_path, article: str
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app

    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"id": "good", "summary": "Modi congratulated Putin.", "source": article})
        + "\n"
        + json.dumps({"id": "bad", "summary": "4,700 soldiers attended.", "source": article})
        + "\n"
    )
    args = ["eval", str(rows), "--checker", "llm", "--base-url", server.base_url]
    done = CliRunner().invoke(app, [*args, "--model", "fake", "--output", "-", "--workers", "1"])
    assert done.exit_code == 0, done.output
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["factuality"]["checker"] for line in lines] == ["llm", "llm"]
    assert [line["factuality"]["label"] for line in lines] == [True, False]
    assert lines[1]["factuality"]["details"]["model"] == "fake"
    assert all(request["model"] == "fake" for request in server.requests)


def test_bench_checker_llm_scores_through_the_server_and_stops_when_it_is_down(
    server: FakeOpenAIServer, tmp_path, article: str
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app

    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "modi", "source": article, "references": []}) + "\n")
    args = ["bench", str(data), "--methods", "lead", "--workers", "1"]
    args += ["--checker", "llm", "--checker-param", "model=fake"]
    out = tmp_path / "o"
    done = CliRunner().invoke(
        app, [*args, "--out", str(out), "--checker-param", f"base_url={server.base_url}"]
    )
    assert done.exit_code == 0, done.output
    row = json.loads((out / "results.jsonl").read_text())
    assert row["status"] == "ok" and 0.0 <= row["factuality"]["score"] <= 1.0
    assert any("<summary>" in r["messages"][-1]["content"] for r in server.requests)
    # A server that cannot be reached says nothing of the summary: no error row is written
    # (a resumed run would skip it and never score it); the run stops with one clear line.
    down_dir = tmp_path / "down"
    down = CliRunner().invoke(
        app, [*args, "--out", str(down_dir), "--checker-param", "base_url=http://127.0.0.1:9/v1"]
    )
    assert down.exit_code == 1 and "Traceback" not in down.output
    assert "cannot reach the LLM server at http://127.0.0.1:9/v1" in down.stderr
    results = down_dir / "results.jsonl"
    assert not results.exists() or not results.read_text()
