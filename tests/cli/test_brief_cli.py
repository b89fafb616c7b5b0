"""`summarize brief` and `summarize methods` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.conftest import EXAMPLE_ARTICLE

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_lead_prints_the_first_three_real_sentences():
    result = run("brief", str(EXAMPLE_ARTICLE), "--method", "lead", "--sentences", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin"
    )
    assert lines[1].startswith("“Spoke with President Putin")


@pytest.mark.parametrize("method", ["lead", "textrank"])
def test_no_page_chrome_in_any_output(method):
    result = run("brief", str(EXAMPLE_ARTICLE), "--method", method, "--sentences", "13")
    assert result.exit_code == 0
    lines = set(result.stdout.splitlines())
    assert not lines & {"views", "Comments", "0 comment", "India-Russia Ties"}
    assert "@narendramodi" not in result.stdout


def test_json_output_offsets_slice_the_source():
    result = run("brief", str(EXAMPLE_ARTICLE), "--format", "json", "--sentences", "4")
    data = json.loads(result.stdout)
    source = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert data["method"] == "position" and len(data["sentences"]) == 4  # the default
    for sentence in data["sentences"]:
        assert source[sentence["start"] : sentence["end"]] == sentence["text"]


def test_the_default_method_is_deterministic():
    first = run("brief", str(EXAMPLE_ARTICLE), "--format", "json").stdout
    second = run("brief", str(EXAMPLE_ARTICLE), "--format", "json").stdout
    strip = lambda s: {k: v for k, v in json.loads(s).items() if k != "seconds"}  # noqa: E731
    assert strip(first) == strip(second)


def test_markdown_and_stdin():
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    result = run("brief", "-", "--format", "markdown", "--words", "60", input=text)
    assert result.exit_code == 0
    assert all(line.startswith("- ") for line in result.stdout.splitlines())


def test_output_file_is_written_and_never_overwritten_without_force(tmp_path):
    target = tmp_path / "briefing.md"
    target.write_text("my notes")
    result = run("brief", str(EXAMPLE_ARTICLE), "--output", str(target))
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text() == "my notes"
    result = run("brief", str(EXAMPLE_ARTICLE), "--output", str(target), "--force")
    assert result.exit_code == 0 and target.read_text().startswith("Prime Minister")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "missing.txt"], "no such file"),
        (["brief", "."], "is a directory"),
        (["brief", str(EXAMPLE_ARTICLE), "--method", "textrnk"], "did you mean 'textrank'"),
        (["brief", str(EXAMPLE_ARTICLE), "--sentences", "0"], "at least 1"),
        (["brief", str(EXAMPLE_ARTICLE), "--sentences", "-3"], "at least 1"),
        (["brief", str(EXAMPLE_ARTICLE), "--sentences", "2", "--words", "9"], "exactly one"),
        (["brief", str(EXAMPLE_ARTICLE), "--ratio", "2"], "ratio"),
        (["brief", str(EXAMPLE_ARTICLE), "--param", "damping"], "key=value"),
        (["brief", str(EXAMPLE_ARTICLE), "--format", "json", "--max-mb", "0.001"], "limit"),
    ],
)
def test_bad_input_gets_one_line_and_a_non_zero_exit(args, message):
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # typer usage errors take two lines
    assert "Traceback" not in result.output


@pytest.mark.parametrize("data", [b"", b"   \n\t ", bytes(range(256)) * 4])
def test_empty_and_binary_input_are_refused(tmp_path, data):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    result = run("brief", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_non_utf8_input_is_decoded_and_the_encoding_named(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président a parlé à Moscou. Il a félicité M. Poutine.".encode("cp1252"))
    result = run("brief", str(path), "--method", "lead", "--sentences", "1")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Le président a parlé à Moscou."
    assert "cp1252" in result.stderr


def test_a_short_document_is_not_an_error_but_is_noted(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Just one sentence here.")
    result = run("brief", str(path), "--sentences", "5")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Just one sentence here."
    assert "note: the document has only 1 sentence" in result.stderr


def test_method_parameters_pass_through():
    result = run(
        "brief",
        str(EXAMPLE_ARTICLE),
        "-m",
        "textrank",
        "--format",
        "json",
        "--param",
        "damping=0.5",
    )
    assert json.loads(result.stdout)["params"]["damping"] == 0.5


def test_methods_lists_name_family_origin_and_description():
    result = run("methods")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert {"lead", "textrank"} <= set(rows)
    assert "extractive" in rows["textrank"]
    listed = json.loads(run("methods", "--json").stdout)
    assert {"name", "family", "origin", "description"} <= set(listed[0])


def test_help_teaches_with_examples():
    result = run("brief", "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--sentences" in result.stdout


def test_the_console_script_runs_and_never_shows_a_traceback(tmp_path):
    script = Path(sys.executable).with_name("summarize")
    ok = subprocess.run(
        [str(script), "brief", str(EXAMPLE_ARTICLE), "--method", "lead", "--sentences", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and ok.stdout.startswith("Prime Minister Narendra Modi")
    bad = subprocess.run(
        [str(script), "brief", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == f"error: no such file: {tmp_path / 'nope.txt'}"


def test_output_file_gets_the_usual_permissions_not_a_temporary_files(tmp_path):
    import os

    umask = os.umask(0)
    os.umask(umask)
    target = tmp_path / "briefing.txt"
    assert run("brief", str(EXAMPLE_ARTICLE), "--output", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.txt"]  # no temporary left behind


def test_version_prints_the_package_version():
    import summarize

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"summarize {summarize.__version__}"


def test_methods_name_shows_parameters_defaults_and_meanings():
    result = runner.invoke(app, ["methods", "textrank"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "damping" in line)
    assert "float" in row and "0.85" in row and "PageRank" in row
    as_json = json.loads(runner.invoke(app, ["methods", "lsa", "--json"]).stdout)
    assert as_json["name"] == "sumy-lsa" and as_json["origin"] == "sumy"
    assert [p["name"] for p in as_json["parameters"]] == ["max_sentences"]
    unknown = runner.invoke(app, ["methods", "textrnk"])
    assert unknown.exit_code == 1 and "did you mean 'textrank'" in unknown.output


def test_methods_lists_each_implementation_once_with_its_aliases():
    table = runner.invoke(app, ["methods"]).stdout
    names = [line.split()[0] for line in table.splitlines()]
    assert len(names) == len(set(names)) and "lsa" not in names
    assert "(also: lsa)" in next(line for line in table.splitlines() if line.startswith("sumy-lsa"))


@pytest.mark.parametrize(
    "param, expected",
    [("dampin=0.9", "did you mean 'damping'? valid: damping, epsilon"),
     ("damping=abc", "damping must be a number, got 'abc'")],
)  # fmt: skip
def test_bad_params_name_what_is_valid(tmp_path, param, expected):
    path = tmp_path / "a.txt"
    path.write_text("The council met. It voted on the budget. The vote passed.")
    result = runner.invoke(app, ["brief", str(path), "-m", "textrank", "--param", param])
    assert result.exit_code == 1
    assert expected in result.stderr and "Traceback" not in result.output


def test_a_briefing_records_the_alias_it_was_asked_for(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council met. It voted on the budget. The vote passed.")
    result = runner.invoke(app, ["brief", str(path), "-m", "lsa", "-n", "1", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["method"] == "lsa"


def test_output_into_a_missing_folder_names_the_users_path(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council met. It voted on the budget. The vote passed.")
    target = tmp_path / "missing" / "out.txt"
    result = runner.invoke(app, ["brief", str(path), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: No such file or directory: {target}"
    assert ".tmp" not in result.output


def test_library_hints_become_command_line_options():
    from summarize.cli.common import in_cli_terms

    assert in_cli_terms("raise max_tokens=N") == "raise --max-tokens N"
    assert (
        in_cli_terms("or base_url=URL for a local server") == "or --base-url URL for a local server"
    )
    assert in_cli_terms("raise the limit with max_bytes=N") == "raise the limit with --max-mb N"
    assert in_cli_terms("or raise context_tokens=N") == "or raise --param context_tokens=N"
    assert in_cli_terms("the model did not answer") == "the model did not answer"


def test_a_file_over_the_size_limit_names_the_option(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("The council met on Monday. " * 50_000)
    result = runner.invoke(app, ["brief", str(path), "--max-mb", "0.5"])
    assert (
        result.exit_code == 1 and "--max-mb" in result.stderr and "max_bytes" not in result.stderr
    )
