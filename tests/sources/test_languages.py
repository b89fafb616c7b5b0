"""Articles in other scripts, briefed and scored as their readers would expect."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize import Document
from summarize.cli import app
from summarize.text import words

CHINESE = (
    "习近平主席周三在北京会见了来访的俄罗斯总统。双方就两国关系和共同关心的国际问题交换了意见！"
    "会谈持续了三个小时。外交部发言人表示，这次会谈非常成功。"
)
GERMAN = (
    "Die Regierung hat am 15. März ein neues Klimagesetz beschlossen. Dr. Müller sprach z. B. "
    "über die Kosten für die Industrie. Die Opposition kritisierte das Gesetz als zu schwach. "
    "Der Bundestag soll im Sommer über das Gesetz abstimmen."
)


def brief_json(tmp_path, text: str, *args: str) -> dict:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_chinese_article_is_split_at_its_full_stops_and_reported_as_chinese(tmp_path):
    briefing = brief_json(tmp_path, CHINESE, "--method", "lead", "-n", "2")
    assert [s["text"] for s in briefing["sentences"]] == [
        "习近平主席周三在北京会见了来访的俄罗斯总统。",
        "双方就两国关系和共同关心的国际问题交换了意见！",
    ]
    assert briefing["document"]["language"] == "zh"
    assert briefing["document"]["stemmer"] is None


def test_words_budgets_count_each_cjk_character_as_a_word(tmp_path):
    first = "习近平主席周三在北京会见了来访的俄罗斯总统。"
    assert len(words(first)) == 21
    briefing = brief_json(tmp_path, CHINESE, "--method", "lead", "--words", "25")
    assert [s["text"] for s in briefing["sentences"]] == [first]


def test_a_german_article_uses_german_stop_words_and_stemmer(tmp_path):
    briefing = brief_json(tmp_path, GERMAN, "--method", "textrank", "-n", "2")
    assert briefing["document"]["language"] == "de"
    assert briefing["document"]["stemmer"] == "german"
    assert briefing["document"]["stop_words"] is True
    texts = {s.text for s in Document.from_text(GERMAN).sentences}
    assert all(s["text"] in texts for s in briefing["sentences"])


@pytest.mark.parametrize("tokenizer", ["auto", "unicode", "rouge-score"])
def test_eval_scores_a_hindi_summary_with_the_tokenizer_asked_for(tmp_path, tokenizer):
    summary = "प्रधानमंत्री नरेंद्र मोदी ने पुतिन को बधाई दी।"
    data = tmp_path / "rows.jsonl"
    data.write_text(json.dumps({"id": 1, "summary": summary, "references": [summary]}) + "\n")
    out = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(
        app, ["eval", str(data), "--output", str(out), "--tokenizer", tokenizer]
    )
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text().splitlines()[0])
    expected = "rouge-score" if tokenizer == "rouge-score" else "unicode"
    assert row["tokenizer"] == expected
    assert row["rouge"]["rouge1"]["fmeasure"] == (0.0 if expected == "rouge-score" else 1.0)


def test_an_unknown_tokenizer_is_a_one_line_error(tmp_path):
    data = tmp_path / "rows.jsonl"
    data.write_text(json.dumps({"id": 1, "summary": "a", "references": ["a"]}) + "\n")
    result = CliRunner().invoke(app, ["eval", str(data), "--tokenizer", "whitespace"])
    assert result.exit_code == 1
    assert "unknown tokenizer 'whitespace'" in result.output
