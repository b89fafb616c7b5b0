"""``summarize bench`` bad input: one clear line on stderr and exit status 1, never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from tests.bench.conftest import write_dataset


def bench(*args: str):
    return CliRunner().invoke(app, ["bench", *args])


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_empty_dataset(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    line = one_error_line(bench(str(tmp_path / "empty.jsonl"), "--out", str(tmp_path / "o")))
    assert "holds no rows" in line


def test_a_bad_row_names_its_line(tmp_path):
    path = write_dataset(tmp_path / "d.jsonl", 2)
    path.write_text(path.read_text() + '{"id": "x", "source": ""}\n', encoding="utf-8")
    line = one_error_line(bench(str(path), "--out", str(tmp_path / "o")))
    assert "d.jsonl:3: 'source' must be non-empty text" in line


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--methods", "led"], "unknown method 'led' (did you mean 'lead'?"),
        (["--methods", ","], "--methods is empty"),
        (["--sentences", "0"], "sentences must be a whole number of at least 1"),
        (["--sentences", "2", "--words", "30"], "give exactly one length budget"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--limit", "0"], "limit must be at least 1"),
        (["--methods", "lead", "--param", "textrank.damping=0.9"], "not in --methods"),
    ],
)
def test_bad_options(tmp_path, options, message):
    path = write_dataset(tmp_path / "d.jsonl", 2)
    line = one_error_line(bench(str(path), "--out", str(tmp_path / "o"), *options))
    assert message in line


def test_another_configuration_is_refused_until_force(tmp_path):
    path = write_dataset(tmp_path / "d.jsonl", 2)
    out = str(tmp_path / "o")
    assert bench(str(path), "--methods", "lead", "--out", out, "--workers", "1").exit_code == 0
    line = one_error_line(bench(str(path), "--methods", "lead,textrank", "--out", out))
    assert (
        "another configuration (different methods" in line
        and "--force" in line
        and "(--out DIR)" in line
    )
    forced = bench(str(path), "--methods", "lead,textrank", "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert "moved the previous results into" in forced.stderr
