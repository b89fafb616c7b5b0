"""`summarize brief --method M` for every extractive method, and `summarize methods`, as a user runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.summarizers.test_degenerate import EXTRACTIVE

runner = CliRunner()
CHROME = {"views", "Comments", "0 comment", "India-Russia Ties"}


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_brief_modi_putin_with_every_extractive_method(method, shared_data):
    path = shared_data / "modi_putin_call.txt"
    result = runner.invoke(app, ["brief", str(path), "--method", method, "--sentences", "3"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 3
    assert not set(lines) & CHROME
    assert "@narendramodi" not in result.stdout and "pic.twitter" not in result.stdout
    source = path.read_text(encoding="utf-8")
    assert all(line in source for line in lines)


def test_methods_lists_name_family_origin_and_description():
    result = runner.invoke(app, ["methods", "--json"])
    assert result.exit_code == 0, result.output
    infos = {info["name"]: info for info in json.loads(result.stdout)}
    assert infos["lexrank"]["origin"] == "summarize"
    assert infos["sumy-lexrank"]["origin"] == "sumy"
    assert infos["sumy-lsa"]["origin"] == "sumy" and infos["sumy-lsa"]["aliases"] == ["lsa"]
    assert "lsa" not in infos
    assert infos["position"]["family"] == "extractive"
    table = runner.invoke(app, ["methods"]).stdout
    row = next(line for line in table.splitlines() if line.startswith("sumy-kl "))
    assert "extractive" in row and "sumy" in row and "KL-Sum" in row


def test_a_document_past_a_sumy_cap_is_one_clear_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(" ".join(f"Item {i} of the list was read out." for i in range(300)))
    result = runner.invoke(app, ["brief", str(path), "--method", "sumy-kl"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "max_sentences" in result.output
    raised = runner.invoke(app, ["brief", str(path), "--method", "kl", "--sentences", "2"])
    assert raised.exit_code == 0, raised.output


def test_edmundson_cue_words_from_the_command_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "The committee met on Tuesday to review the plan. "
        "Members discussed parking, lighting and the schedule. "
        "A zebra crossing will be painted outside the school. "
        "The meeting ended at nine."
    )
    result = runner.invoke(
        app,
        ["brief", str(path), "--method", "edmundson", "--sentences", "1",
         "--param", "bonus_words=zebra,crossing", "--param", 'stigma_words=["parking"]'],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("A zebra crossing")
