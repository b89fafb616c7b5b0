"""Loading benchmark datasets: the format, folders, PTB rows, and errors that name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.bench.datasets import load_dataset
from summarize.errors import DatasetError
from tests.bench.conftest import write_dataset


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"id": "a", "source": "One sentence here. Another one.", "references": ["One."]})


def test_a_dataset_file_loads_with_its_name_hash_and_rows(tmp_path):
    dataset = load_dataset(write_dataset(tmp_path / "towns.jsonl", 3))
    assert dataset.name == "towns"
    assert [row.id for row in dataset.rows] == ["doc-0", "doc-1", "doc-2"]
    assert len(dataset.rows[0].references) == 2
    assert dataset.rows[2].references == ()  # the made-up set's last row has none
    assert len(dataset.sha256) == 64
    assert dataset.head(2) == dataset.rows[:2]


def test_a_folder_means_its_dataset_jsonl_and_is_named_after_the_folder(tmp_path):
    folder = tmp_path / "my_case"
    folder.mkdir()
    write_dataset(folder / "dataset.jsonl", 2)
    assert load_dataset(folder).name == "my_case"


def test_the_running_example_folder_loads_and_holds_the_article_verbatim():
    repo = Path(__file__).resolve().parents[2]
    dataset = load_dataset(repo / "benchmarks" / "modi_putin")
    article = (repo / "benchmarks" / "modi_putin" / "article.txt").read_text(encoding="utf-8")
    assert dataset.name == "modi_putin"
    assert [row.source for row in dataset.rows] == [article]
    lengths = sorted(len(r.split()) for r in dataset.rows[0].references)
    assert len(lengths) >= 3 and lengths[0] * 2 < lengths[-1]  # short to long briefings


def test_ptb_rows_are_detokenized_on_both_sides(tmp_path):
    row = {
        "id": "p",
        "source": "The team 's coach said it was n't over . Fans -lrb- many -rrb- cheered .",
        "references": ["The team 's coach was n't done ."],
        "text_format": "ptb_tokenized_cased",
    }
    dataset = load_dataset(write_lines(tmp_path / "p.jsonl", json.dumps(row)))
    loaded = dataset.rows[0]
    assert "team's" in loaded.source and " ." not in loaded.source and "(many)" in loaded.source
    assert loaded.references[0].startswith("The team's coach wasn't")
    assert dataset.ptb_rows == 1


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"source": "Text.", "references": []}), "'id' must be"),
        (json.dumps({"id": "b", "source": "  ", "references": []}), "'source' must be"),
        (json.dumps({"id": "b", "source": "Text.", "references": {"a": "b"}}), "'references' must"),
        (json.dumps({"id": "b", "source": "Text.", "references": [1]}), "'references' must"),
        (json.dumps({"id": "a", "source": "Text.", "references": []}), "duplicate id 'a'"),
    ],
)
def test_a_bad_row_is_refused_naming_its_line(tmp_path, bad_line, message):
    path = write_lines(tmp_path / "bad.jsonl", GOOD, "", bad_line)
    with pytest.raises(DatasetError, match=message) as caught:
        load_dataset(path)
    assert "bad.jsonl:3" in str(caught.value)


def test_an_empty_dataset_is_refused(tmp_path):
    with pytest.raises(DatasetError, match="holds no rows"):
        load_dataset(write_lines(tmp_path / "empty.jsonl", "", "  "))


def test_a_missing_file_or_a_folder_without_dataset_jsonl_is_refused(tmp_path):
    with pytest.raises(DatasetError, match="not found"):
        load_dataset(tmp_path / "nope.jsonl")
    with pytest.raises(DatasetError, match="without a dataset.jsonl"):
        load_dataset(tmp_path)
