"""`summarize eval` as a user runs it: a JSONL file of summaries, or one summary from files."""

from __future__ import annotations

import io
import json
import sys
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.evaluation.rows import read_rows

runner = CliRunner()

SOURCE = (
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday. "
    "They discussed trade and the war in Ukraine."
)
ROWS = [
    {
        "id": "faithful",
        "summary": "Merkel met Macron in Paris on Monday.",
        "references": ["Merkel and Macron met in Paris.", "The leaders talked trade."],
        "source": SOURCE,
    },
    {
        "id": "wrong-day",
        "summary": "Merkel met Macron in Berlin on Friday.",
        "references": ["Merkel and Macron met in Paris."],
        "source": SOURCE,
    },
    {"id": 3, "summary": "Leaders discussed trade.", "references": ["The leaders talked trade."]},
    {"id": "no-references", "summary": "They discussed Ukraine.", "source": SOURCE},
]


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, ["eval", *args], input=input)


def write_jsonl(path: Path, rows: list, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(row) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_scores_every_row_and_prints_a_table_of_means(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "scores.jsonl"
    result = run(str(data), "--output", str(out))
    assert result.exit_code == 0, result.output
    scored = read_jsonl(out)
    assert [row["id"] for row in scored] == ["faithful", "wrong-day", 3, "no-references"]
    assert set(scored[0]) == {"id", "rouge", "tokenizer", "factuality", "extractiveness"}
    assert set(scored[2]) == {"id", "rouge", "tokenizer"}
    assert set(scored[3]) == {"id", "factuality", "extractiveness"}
    assert set(scored[0]["rouge"]["rougeLsum"]) == {"precision", "recall", "fmeasure"}
    assert scored[0]["factuality"]["label"] is True
    assert scored[1]["factuality"]["label"] is False
    spans = {i["span"] for s in scored[1]["factuality"]["unsupported"] for i in s["issues"]}
    assert "Friday" in spans
    assert "rouge1.fmeasure" in result.stdout and "95% CI" in result.stdout
    assert "4 row(s) scored" in result.stdout


def test_json_aggregate_means_match_the_rows(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "scores.jsonl"
    result = run(str(data), "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    aggregate = json.loads(result.stdout)
    assert aggregate["rows"] == 4 and aggregate["skipped"] == 0
    f1 = aggregate["metrics"]["rouge1.fmeasure"]
    rows = [r for r in read_jsonl(out) if "rouge" in r]
    assert f1["count"] == 3
    assert f1["mean"] == pytest.approx(sum(r["rouge"]["rouge1"]["fmeasure"] for r in rows) / 3)
    assert f1["low"] <= f1["mean"] <= f1["high"]
    assert aggregate["metrics"]["factuality.consistent"]["count"] == 3


def test_rows_to_stdout_with_the_summary_on_stderr(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS[2:3])
    result = run(str(data), "--output", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == 3
    assert "rouge1.fmeasure" in result.stderr


def test_malformed_json_names_the_line_and_writes_nothing(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS[:2], ('{"id": "x", "summary": "unterminated',))
    out = tmp_path / "scores.jsonl"
    result = run(str(data), "--output", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: line 3: malformed JSON")
    assert "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [data]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": 1, "references": ["a"]}', "line 2: no 'summary' field"),
        ('{"id": 1, "summary": "a", "references": "a b"}', "line 2: 'references' must be a list"),
        ('{"id": 1, "summary": ["a"]}', "line 2: 'summary' must be text, not a list"),
        ('["a list"]', "line 2: expected a JSON object"),
        ('{"id": 1, "summary": "a", "source": "   "}', "line 2: the source is empty"),
    ],
)
def test_bad_rows_are_named_by_line(tmp_path, line, message):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS[2:3], (line,))
    result = run(str(data))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {message}" or result.stderr.startswith(
        f"error: {message}"
    )


def test_skip_bad_goes_on_and_counts(tmp_path):
    data = tmp_path / "in.jsonl"
    good = json.dumps(ROWS[2]).encode()
    data.write_bytes(b"\n".join([good, b"{broken", b'{"summary": "caf\xe9"}', b"", good]) + b"\n")
    result = run(str(data), "--skip-bad", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["skipped"] == 2
    assert json.loads(result.stdout)["rows"] == 2
    assert "skipped 2 bad row(s); the first: line 2: malformed JSON" in result.stderr


def test_non_utf8_row_is_a_one_line_error(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_bytes(b'{"id": 1, "summary": "caf\xe9 au lait", "references": ["caf\xe9"]}\n')
    result = run(str(data))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: line 1: not UTF-8")


def test_a_file_of_only_bad_rows_fails(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", [], ("{nope",))
    result = run(str(data), "--skip-bad")
    assert result.exit_code == 1
    assert "no row could be scored" in result.stderr


def test_refuses_to_overwrite_without_force(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS[2:3])
    out = tmp_path / "scores.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    result = run(str(data), "--output", str(out))
    assert result.exit_code == 1
    assert "already exists (use --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert run(str(data), "--output", str(out), "--force").exit_code == 0
    assert read_jsonl(out)[0]["id"] == 3


def test_empty_summaries_and_references_score_zero(tmp_path):
    rows = [{"id": "e", "summary": "", "references": [""]}]
    data = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "scores.jsonl"
    assert run(str(data), "--output", str(out)).exit_code == 0
    (first,) = read_jsonl(out)
    assert all(score["fmeasure"] == 0.0 for score in first["rouge"].values())


def test_a_row_with_neither_references_nor_source_is_a_bad_row_not_an_empty_score(tmp_path):
    rows = [ROWS[2], {"id": "f", "summary": "x", "references": []}, {"id": "g", "summary": "y"}]
    data = write_jsonl(tmp_path / "in.jsonl", rows)
    refused = run(str(data))
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "error: line 2: neither 'references' nor 'source': nothing to score the summary against"
    )
    out = tmp_path / "scores.jsonl"
    skipped = run(str(data), "--skip-bad", "--output", str(out))
    assert skipped.exit_code == 0 and "skipped 2 bad row(s)" in skipped.stderr
    assert [row["id"] for row in read_jsonl(out)] == [3]


def test_stemming_and_reference_mode_options(tmp_path):
    rows = [{"id": 1, "summary": "the cats running", "references": ["the cat runs", "dogs barked"]}]
    data = write_jsonl(tmp_path / "in.jsonl", rows)

    def f1(*options: str) -> float:
        out = tmp_path / "scores.jsonl"
        assert run(str(data), "-o", str(out), "--force", *options).exit_code == 0
        return read_jsonl(out)[0]["rouge"]["rouge1"]["fmeasure"]

    assert f1() == 1.0
    assert f1("--no-stem") == pytest.approx(1 / 3)
    assert f1("--references-mode", "mean") == pytest.approx(0.5)


def test_one_summary_from_files(tmp_path):
    summary = tmp_path / "s.txt"
    summary.write_text("Merkel met Macron in Berlin on Friday.", encoding="utf-8")
    (tmp_path / "r1.txt").write_text("Merkel and Macron met in Paris.", encoding="utf-8")
    (tmp_path / "r2.txt").write_text("Merkel met Macron.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(SOURCE, encoding="utf-8")
    args = ["--summary", str(summary), "--reference", str(tmp_path / "r1.txt")]
    args += ["--reference", str(tmp_path / "r2.txt"), "--source", str(tmp_path / "a.txt")]
    table = run(*args)
    assert table.exit_code == 0, table.output
    assert "rougeLsum" in table.stdout and "NOT consistent" in table.stdout
    assert "date: 'Friday'" in table.stdout
    data = json.loads(run(*args, "--format", "json").stdout)
    # Best reference by F1: r1 (P 4/7, R 4/6) beats r2 (P 3/7, R 1).
    assert data["rouge"]["rouge1"]["recall"] == pytest.approx(4 / 6)
    assert data["factuality"]["label"] is False


def test_usage_errors_are_one_line(tmp_path):
    assert "nothing to score" in run().stderr
    data = write_jsonl(tmp_path / "in.jsonl", ROWS[2:3])
    both = run(str(data), "--summary", str(data))
    assert both.exit_code == 1 and "not both" in both.stderr
    missing = run(str(tmp_path / "missing.jsonl"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_rows_are_read_lazily():
    class Endless(io.RawIOBase):
        """A stream that never ends: reading it whole would never return."""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            line = b'{"summary": "a"}\n'
            buffer[: len(line)] = line
            return len(line)

    first = list(islice(read_rows(io.BufferedReader(Endless())), 3))
    assert [number for number, _ in first] == [1, 2, 3]


def test_the_progress_bar_never_writes_to_stdout(capsys, monkeypatch):
    from summarize.cli.common import ProgressBar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    for unit in (None, "docs"):
        bar = ProgressBar("work", delay=0.0, unit=unit)
        bar(1, 10)
        bar(10, 10)
        bar.close()
    assert capsys.readouterr().out == ""


def test_show_lists_each_rows_flagged_claims_with_reasons(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", ROWS)
    result = run(str(data), "--show")
    assert result.exit_code == 0, result.output
    shown = result.stdout.split("flagged claim(s):", 1)[1]
    assert "wrong-day" in shown and "Merkel met Macron in Berlin on Friday." in shown
    assert "why: " in shown and "Friday" in shown.split("why: ", 1)[1]
    assert "faithful" not in shown  # only rows with a flagged claim
    plain = run(str(data))
    assert "flagged claim" not in plain.stdout  # only when asked
