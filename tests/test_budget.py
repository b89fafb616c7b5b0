"""Length budgets: validated, and applied the same way whatever the method."""

from __future__ import annotations

import math

import pytest

import summarize
from summarize import Budget, BudgetError, Document
from summarize.summarizers.base import select_sentences
from summarize.text import words

ARTICLE = (
    "Alpha leaders met on Monday in the capital. "
    "They signed a short trade pact. "
    "The pact covers steel, grain and energy for five years. "
    "Critics said the deal was rushed. "
    "Markets rose."
)


def test_default_budget_is_three_sentences():
    assert Budget.of().describe() == {"sentences": 3}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sentences": 0},
        {"sentences": -2},
        {"words": 0},
        {"sentences": 2.5},
        {"ratio": 0},
        {"ratio": 1.5},
        {"ratio": math.nan},
        {"sentences": 2, "words": 10},
        {"sentences": True},
    ],
)
def test_nonsense_budgets_are_refused(kwargs):
    with pytest.raises(BudgetError):
        Budget.of(**kwargs)


@pytest.mark.parametrize("method", ["lead", "textrank"])
def test_word_budget_is_never_exceeded(method):
    for limit in range(1, 40):
        briefing = summarize.brief(ARTICLE, method, words=limit)
        assert sum(len(words(s.text)) for s in briefing.sentences) <= limit
        assert briefing.sentences


def test_when_no_sentence_fits_the_best_is_cut_and_marked():
    briefing = summarize.brief(
        "A remarkably long opening sentence of many words. Ok.", "lead", words=2
    )
    # "Ok." fits in 2 words, so it is taken whole rather than cutting the first sentence.
    assert [s.text for s in briefing.sentences] == ["Ok."]
    cut = summarize.brief("A remarkably long opening sentence of many words.", "lead", words=3)
    (only,) = cut.sentences
    assert only.text == "A remarkably long" and only.truncated
    assert cut.notes


def test_ratio_keeps_a_rounded_share_and_at_least_one():
    document = Document.from_text(ARTICLE)
    assert len(select_sentences(document, [1, 2, 3, 4, 5], Budget(ratio=0.4))) == 2
    assert len(select_sentences(document, [1, 2, 3, 4, 5], Budget(ratio=0.01))) == 1


def test_selection_ties_go_to_the_earlier_sentence_and_come_back_in_source_order():
    document = Document.from_text(ARTICLE)
    chosen = select_sentences(document, [0.0, 1.0, 1.0, 0.5, 1.0], Budget(sentences=2))
    assert [index for index, _ in chosen] == [1, 2]


def test_non_finite_scores_rank_last():
    document = Document.from_text(ARTICLE)
    chosen = select_sentences(
        document, [math.nan, math.inf, 0.2, 0.1, -math.inf], Budget(sentences=2)
    )
    assert [index for index, _ in chosen] == [2, 3]


def test_a_budget_larger_than_the_document_returns_it_all_with_a_note():
    briefing = summarize.brief("Only one sentence here.", "textrank", sentences=5)
    assert [s.text for s in briefing.sentences] == ["Only one sentence here."]
    assert any("only 1 sentence" in n for n in briefing.notes)
