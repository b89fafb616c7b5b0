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


def test_eval_checker_llm_scores_factuality_through_the_server(
    server: FakeOpenAIServer, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app
    from tests.llm.conftest import ARTICLE_PATH

    monkeypatch.setenv("SUMMARIZE_BASE_URL", server.base_url)
    monkeypatch.setenv("SUMMARIZE_MODEL", "fake")
    summary = tmp_path / "summary.txt"
    summary.write_text("Officials said 4,700 soldiers attended the call.")
    args = ["eval", "--summary", str(summary), "--source", str(ARTICLE_PATH), "--checker", "llm"]
    table = CliRunner().invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "factuality   0.0000 (NOT consistent, checker llm, model fake)" in table.stdout
    assert "unsupported: 'Officials said 4,700 soldiers attended the call.'" in table.stdout
    data = json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)["factuality"]
    assert (data["checker"], data["label"], data["details"]["model"]) == ("llm", False, "fake")
    missing = CliRunner().invoke(app, ["eval", "--summary", str(summary), "--checker", "llm"])
    assert missing.exit_code == 1 and "--checker llm needs --source" in missing.stderr


def test_eval_checker_llm_takes_base_url_and_model_and_scores_files(
    server: FakeOpenAIServer, tmp_path, article: str
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app

    rows = [
        {"id": "ok", "summary": "Modi congratulated Putin on his re-election.", "source": article},
        {"id": "bad", "summary": "Officials said 4,700 soldiers attended.", "source": article},
    ]
    data = tmp_path / "rows.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "scores.jsonl"
    args = ["eval", str(data), "-o", str(out), "--show", "--checker", "llm"]
    done = CliRunner().invoke(app, [*args, "--base-url", server.base_url, "--model", "fake"])
    assert done.exit_code == 0, done.output
    scored = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["factuality"]["label"]) for r in scored] == [("ok", True), ("bad", False)]
    assert server.requests[-1]["model"] == "fake" and len(server.requests) == 2
    assert "4,700 is not in the article" in done.stdout.split("flagged claim(s):", 1)[1]


def test_eval_judge_llm_still_works_as_a_deprecated_alias(
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
    assert "checker llm, model fake)" in done.stdout and "use --checker llm" in done.stderr
    assert "--judge" not in CliRunner().invoke(app, ["eval", "--help"]).stdout


def test_bench_checker_llm_scores_through_the_server_and_stops_when_it_is_down(
    server: FakeOpenAIServer, tmp_path, article: str
) -> None:
    from typer.testing import CliRunner

    from summarize.cli import app

    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "modi", "source": article, "references": []}) + "\n")
    out = tmp_path / "o"
    args = ["bench", str(data), "--methods", "lead", "--out", str(out), "--workers", "1"]
    args += ["--checker", "llm", "--checker-param", "model=fake"]
    done = CliRunner().invoke(app, [*args, "--checker-param", f"base_url={server.base_url}"])
    assert done.exit_code == 0, done.output
    row = json.loads((out / "results.jsonl").read_text())
    assert row["factuality"]["checker"] == "llm" and row["status"] == "ok"
    assert any("<summary>" in r["messages"][-1]["content"] for r in server.requests)
    assert "factuality (llm)" in done.stdout
    down = CliRunner().invoke(
        app,
        [*args, "--checker-param", "base_url=http://127.0.0.1:9/v1", "--out", str(tmp_path / "x")],
    )
    assert down.exit_code == 1 and "Traceback" not in down.output
    assert down.stderr.startswith("error: cannot reach the LLM server at http://127.0.0.1:9/v1")
    results = tmp_path / "x" / "results.jsonl"
    assert not results.exists() or not results.read_text()  # no error row to skip on resume
