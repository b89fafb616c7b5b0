"""ROUGE tokenizers: rouge-score's exact rules where they can read the text, Unicode elsewhere."""

from __future__ import annotations

import pytest
from rouge_score import tokenize as reference_tokenize

from summarize import evaluate
from summarize.evaluation.rouge import RougeScorer
from summarize.evaluation.tokenize import (
    RougeTokenizer,
    UnicodeTokenizer,
    choose_tokenizer,
    rouge_score_drops,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),  # Devanagari vowel signs and virama
        ("আমি বাংলায় গান গাই", ["আমি", "বাংলায়", "গান", "গাই"]),  # Bengali
        ("தமிழ் மொழி", ["தமிழ்", "மொழி"]),  # Tamil
        ("كَتَبَ الوَلَدُ الدَّرْسَ", ["كَتَبَ", "الوَلَدُ", "الدَّرْسَ"]),  # Arabic with vowel marks
        ("São Paulo, 北京", ["são", "paulo", "北", "京"]),
    ],
)
def test_combining_marks_stay_in_their_word(text, tokens):
    assert UnicodeTokenizer().tokenize(text) == tokens


def test_unrelated_hindi_and_bengali_sentences_share_no_words():
    scorer = RougeScorer(["rouge1"], tokenizer=UnicodeTokenizer())
    hindi = scorer.score("हिन्दी भाषा बहुत सुंदर है", "कल बारिश होगी")["rouge1"].fmeasure
    bengali = scorer.score("আমি বাংলায় গান গাই", "কাল বৃষ্টি হবে")["rouge1"].fmeasure
    assert hindi == 0.0 and bengali == 0.0


@pytest.mark.parametrize(
    ("texts", "choice"),
    [
        (["The cat sat on the mat.", "A cat sat."], "rouge-score"),
        (["Le président a parlé à Moscou.", "Le président a parlé."], "rouge-score"),
        (["习近平主席周三在北京会见了俄罗斯总统。", "GDP增长了5.2%。"], "unicode"),
        (["The talks went well.", "हिन्दी भाषा बहुत सुंदर है"], "unicode"),
        (["", "12 34"], "rouge-score"),
    ],
)
def test_the_automatic_choice_keeps_rouge_score_where_it_can_read_the_text(texts, choice):
    assert choose_tokenizer(texts) == choice


def test_rouge_score_drops_exactly_the_text_it_cannot_read():
    assert rouge_score_drops("习近平主席周三在北京会见了俄罗斯总统")
    assert not reference_tokenize.tokenize("习近平主席周三在北京会见了俄罗斯总统", None)
    assert not rouge_score_drops("Prime Minister Modi spoke on Wednesday.")


def test_an_identical_chinese_summary_scores_one_by_default_and_says_which_tokenizer():
    summary = "习近平主席周三在北京会见了俄罗斯总统。双方就两国关系交换了意见。"
    result = evaluate(summary, references=[summary])
    assert result.tokenizer == "unicode"
    assert result.rouge["rouge1"].fmeasure == pytest.approx(1.0)
    forced = evaluate(summary, references=[summary], tokenizer="rouge-score")
    assert forced.tokenizer == "rouge-score" and forced.rouge["rouge1"].fmeasure == 0.0


def test_english_scores_are_rouge_scores_own_under_the_automatic_choice():
    from rouge_score import rouge_scorer

    summary, reference = "Modi phoned Putin on Tuesday.", "Modi called Putin, officials said."
    result = evaluate(summary, references=[reference])
    theirs = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    expected = theirs.score(reference, summary)
    assert result.tokenizer == "rouge-score"
    for name in ("rouge1", "rouge2", "rougeL"):
        assert result.rouge[name].fmeasure == pytest.approx(expected[name].fmeasure)
    assert RougeTokenizer().tokenize(summary) == reference_tokenize.tokenize(summary, None)
