"""Datasets as users have them: CSV/TSV, Parquet and Hugging Face give the rows (and scores) JSONL does."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarize.bench.config import BenchConfig, MethodSpec
from summarize.bench.datasets import FieldMap, load_dataset
from summarize.bench.runner import BenchmarkRun
from summarize.cli import app
from summarize.errors import DatasetError, ParameterError
from summarize.summarizers.base import Budget
from tests.bench.conftest import TOWNS, article

pyarrow = pytest.importorskip("pyarrow", reason="the parquet extra: pip install -e '.[dev]'")
parquet = pytest.importorskip("pyarrow.parquet")

CNNDM_FIELDS = FieldMap(id="story", text="article", references=("highlights",))


def cnndm_rows(count: int) -> list[dict]:
    """Rows shaped like CNN/DailyMail on the hub: story id, article, highlights (one text)."""
    rows = []
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        highlights = f"{town} approved a new bridge after a vote of {i + 5} to 2."
        if i == count - 1:
            highlights = ""  # no reference: scored on factuality and extractiveness only
        rows.append({"story": f"s{i}", "article": article(town, i + 5), "highlights": highlights})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()}
            )
    return path


def write_parquet(path: Path, rows: list[dict]) -> Path:
    parquet.write_table(pyarrow.Table.from_pylist(rows), path)
    return path


def every_format(folder: Path, rows: list[dict]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "jsonl": write_jsonl(folder / "news.jsonl", rows),
        "csv": write_csv(folder / "news.csv", rows),
        "tsv": write_csv(folder / "news.tsv", rows, "\t"),
        "parquet": write_parquet(folder / "news.parquet", rows),
    }


def scored_rows(dataset_path: str | Path, out: Path, fields: FieldMap) -> list[dict]:
    config = BenchConfig(
        (load_dataset(dataset_path, fields),),
        (MethodSpec("lead"), MethodSpec("textrank")),
        Budget(sentences=2),
    )
    run = BenchmarkRun(config, out, plot=False, workers=1)
    run.prepare()
    run.execute()
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    for row in rows:
        del row["seconds"], row["dataset"]
    return sorted(rows, key=lambda r: (r["id"], r["method"]))


def test_jsonl_csv_tsv_and_parquet_of_the_same_rows_give_identical_scores(tmp_path):
    files = every_format(tmp_path / "data", cnndm_rows(4))
    loaded = {kind: load_dataset(path, CNNDM_FIELDS) for kind, path in files.items()}
    assert {kind: d.format for kind, d in loaded.items()} == {k: k for k in files}
    assert len({d.rows for d in loaded.values()}) == 1  # the very same rows
    assert loaded["csv"].rows[0].references == (
        "Arden approved a new bridge after a vote of 5 to 2.",
    )
    assert loaded["csv"].rows[3].references == ()  # an empty cell is no reference
    results = {
        kind: scored_rows(path, tmp_path / kind, CNNDM_FIELDS) for kind, path in files.items()
    }
    assert len(results["jsonl"]) == 8 and results["jsonl"][0]["rouge"]["rouge1"] > 0.3
    for kind in ("csv", "tsv", "parquet"):
        assert results[kind] == results["jsonl"], kind


def test_a_hugging_face_dataset_saved_to_disk_gives_the_same_scores(tmp_path):
    datasets = pytest.importorskip("datasets", reason="the hf extra: pip install -e '.[dev]'")
    rows = cnndm_rows(4)
    saved = tmp_path / "cnndm_saved"
    datasets.DatasetDict(
        {"test": datasets.Dataset.from_list(rows), "train": datasets.Dataset.from_list(rows[:1])}
    ).save_to_disk(str(saved))
    hf = load_dataset(f"hf:{saved}::test", CNNDM_FIELDS)
    assert hf.name == "cnndm_saved-test" and hf.format == "hf"
    jsonl = write_jsonl(tmp_path / "news.jsonl", rows)
    assert hf.rows == load_dataset(jsonl, CNNDM_FIELDS).rows
    assert scored_rows(f"hf:{saved}::test", tmp_path / "hf", CNNDM_FIELDS) == scored_rows(
        jsonl, tmp_path / "jsonl", CNNDM_FIELDS
    )
    with pytest.raises(DatasetError, match="no split 'validation'.*has: test, train"):
        load_dataset(f"hf:{saved}::validation", CNNDM_FIELDS)
    with pytest.raises(DatasetError, match="say which split.*has: test, train"):
        load_dataset(f"hf:{saved}", CNNDM_FIELDS)


def test_hf_without_the_extra_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasets", None)  # as if it were not installed
    with pytest.raises(DatasetError, match=r"'hf' extra: pip install 'summarize\[hf\]'"):
        load_dataset("hf:cnn_dailymail:3.0.0:test")


def test_several_reference_fields_and_list_columns_are_joined(tmp_path):
    rows = [
        {"id": "a", "text": "One thing happened. Then another.", "gold": ["G1", "G2"], "extra": "E"}
    ]
    fields = FieldMap(text="text", references=("gold", "extra"))
    for path in every_format(tmp_path, rows).values():
        assert load_dataset(path, fields).rows[0].references == ("G1", "G2", "E"), path


def test_a_table_without_an_id_column_numbers_its_rows(tmp_path):
    rows = [{"article": article(t, 3), "highlights": t} for t in TOWNS[:3]]
    fields = FieldMap(text="article", references=("highlights",))
    for kind, path in every_format(tmp_path, rows).items():
        if kind == "jsonl":
            with pytest.raises(DatasetError, match="'id' must be a non-empty string"):
                load_dataset(path, fields)  # our JSONL format asks for ids
        else:
            assert [r.id for r in load_dataset(path, fields).rows] == ["1", "2", "3"]


@pytest.mark.parametrize("kind", ["csv", "tsv", "parquet"])
def test_a_missing_mapped_column_is_named_with_the_columns_there_are(tmp_path, kind):
    path = every_format(tmp_path, cnndm_rows(2))[kind]
    with pytest.raises(DatasetError) as caught:
        load_dataset(path, FieldMap(text="article", references=("summary",)))
    message = str(caught.value)
    assert "no column 'summary' (--reference-field)" in message
    assert "the columns are: story, article, highlights" in message
    with pytest.raises(DatasetError, match="--text-field article --reference-field highlights"):
        load_dataset(path)  # the defaults (source, references) are not there: a hint


def test_a_parquet_file_that_is_not_parquet_is_refused(tmp_path):
    fake = tmp_path / "data.parquet"
    fake.write_text("id,source\n1,text\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"data\.parquet is not a Parquet file \("):
        load_dataset(fake)


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch):
    path = every_format(tmp_path, cnndm_rows(2))["parquet"]
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(DatasetError, match=r"pip install 'summarize\[parquet\]'"):
        load_dataset(path, CNNDM_FIELDS)


def test_limit_then_a_seeded_sample_keeps_the_dataset_order(tmp_path):
    dataset = load_dataset(every_format(tmp_path, cnndm_rows(8))["csv"], CNNDM_FIELDS)
    config = BenchConfig((dataset,), (MethodSpec("lead"),), Budget(sentences=2), sample=3, seed=7)
    picked = config.rows_of(dataset)
    assert len(picked) == 3 and [r.line for r in picked] == sorted(r.line for r in picked)
    assert picked == BenchConfig(
        (dataset,), (MethodSpec("lead"),), Budget(sentences=2), sample=3, seed=7
    ).rows_of(dataset)
    draws = {
        BenchConfig(
            (dataset,), (MethodSpec("lead"),), Budget(sentences=2), sample=3, seed=s
        ).rows_of(dataset)
        for s in range(6)
    }
    assert len(draws) > 1  # the seed matters
    limited = BenchConfig((dataset,), (MethodSpec("lead"),), Budget(sentences=2), limit=4, sample=2)
    assert set(limited.rows_of(dataset)) <= set(dataset.rows[:4])
    with pytest.raises(ParameterError, match="sample must be at least 1"):
        BenchConfig((dataset,), (MethodSpec("lead"),), Budget(sentences=2), sample=0)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() != "")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_TEXT, st.lists(_TEXT, max_size=3)), min_size=1, max_size=4))
def test_any_text_reads_back_the_same_from_every_format(tmp_path, rows):
    data = [
        {"id": f"r{i}", "source": source, "references": refs}
        for i, (source, refs) in enumerate(rows)
    ]
    loaded = {kind: load_dataset(path).rows for kind, path in every_format(tmp_path, data).items()}
    assert loaded["csv"] == loaded["jsonl"] == loaded["tsv"] == loaded["parquet"]
    assert [r.source for r in loaded["jsonl"]] == [source for source, _ in rows]


def test_the_cli_benches_a_csv_with_mapped_columns_and_reports_a_missing_one(tmp_path):
    path = write_csv(tmp_path / "cnndm.csv", cnndm_rows(3))
    runner = CliRunner()
    mapped = ["--id-field", "story", "--text-field", "article", "--reference-field", "highlights"]
    done = runner.invoke(
        app,
        [
            "bench",
            str(path),
            *mapped,
            "-m",
            "lead",
            "-n",
            "2",
            "-o",
            str(tmp_path / "out"),
            "-j",
            "1",
        ],
    )
    assert done.exit_code == 0, done.output
    assert "### cnndm" in done.stdout and "lead" in done.stdout
    record = json.loads((tmp_path / "out" / "run.json").read_text())
    assert record["datasets"][0]["format"] == "csv"
    assert record["datasets"][0]["fields"] == {
        "id": "story",
        "text": "article",
        "references": ["highlights"],
    }
    bad = runner.invoke(
        app, ["bench", str(path), "--text-field", "body", "-o", str(tmp_path / "x")]
    )
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert bad.stderr.strip().splitlines() == [
        f"error: {path}: no column 'body' (--text-field); the columns are: story, article, highlights"
    ]
    assert not (tmp_path / "x").exists()  # nothing written
