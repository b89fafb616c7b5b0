"""Long documents and budgets: 5,000 sentences without an n×n matrix; budgets alike everywhere."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from summarize.errors import InputTooLargeError
from summarize.registry import Registry
from summarize.summarizers.base import Budget, select_sentences
from summarize.summarizers.kl import KLSummarizer
from summarize.summarizers.sumy_family import SUMY_LIMITS

OURS = ["lead", "textrank", "lexrank", "kl", "position"]
DENSE_BYTES = 5_000 * 5_000 * 8  # one dense float64 n×n matrix: 200 MB


@pytest.mark.parametrize("name", OURS)
def test_ours_summarize_5000_sentences_in_a_fraction_of_a_dense_matrix(name, long_document):
    calls: list[tuple[int, int]] = []
    tracemalloc.start()
    try:
        briefing = (
            Registry()
            .get(name)
            .summarize(
                long_document, Budget(sentences=5), progress=lambda d, t: calls.append((d, t))
            )
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(briefing.sentences) == 5
    assert peak < DENSE_BYTES / 2, f"{name} peaked at {peak / 1e6:.0f} MB"
    if name != "lead":
        assert calls, "long work must report progress"
        assert all(0 <= done <= total for done, total in calls)


# sumy-luhn also finishes 5,000 sentences, in ~5-15 s here: too slow to run in the suite.
@pytest.mark.parametrize("name", sorted(set(SUMY_LIMITS) - {"sumy-luhn"}))
def test_sumy_methods_refuse_or_finish_5000_sentences(name, long_document):
    summarizer = Registry().get(name)
    if SUMY_LIMITS[name] < len(long_document.sentences):
        with pytest.raises(InputTooLargeError, match=r"limit \d+"):
            summarizer.summarize(long_document, Budget(sentences=3))
    else:
        briefing = summarizer.summarize(long_document, Budget(sentences=3))
        assert len(briefing.sentences) == 3


@pytest.mark.parametrize(
    "budget",
    [Budget(sentences=1), Budget(sentences=6), Budget(words=12), Budget(words=40),
     Budget(words=150), Budget(ratio=0.25), Budget(ratio=1.0)],
)  # fmt: skip
def test_kl_budgeted_greedy_equals_selecting_from_the_full_order(budget, news_articles):
    method = KLSummarizer()
    for document in news_articles[:12]:
        expected = select_sentences(document, method.score(document), budget)
        got = method.summarize(document, budget)
        assert [(s.source_sentences[0], s.end) for s in got.sentences] == expected


@pytest.mark.parametrize("name", ["textrank", "lexrank", "kl", "position", "luhn", "lsa",
                                  "sumbasic", "edmundson", "reduction"])  # fmt: skip
@pytest.mark.parametrize("words", [1, 15, 60])
def test_word_budgets_are_a_hard_ceiling_in_every_method(name, words, news_articles):
    from summarize.text import words as split_words

    for document in news_articles[:6]:
        briefing = Registry().get(name).summarize(document, Budget(words=words))
        used = sum(len(split_words(s.text)) for s in briefing.sentences)
        assert 1 <= len(briefing.sentences)
        assert used <= words
        starts = [s.start for s in briefing.sentences]
        assert starts == sorted(starts)
        if any(s.truncated for s in briefing.sentences):
            assert len(briefing.sentences) == 1


def test_ratio_and_sentence_budgets_take_the_same_count_everywhere(news_articles):
    document = news_articles[0]
    counts = {
        name: len(Registry().get(name).summarize(document, Budget(ratio=0.2)).sentences)
        for name in OURS + ["luhn", "lsa", "sumbasic", "edmundson", "reduction"]
    }
    assert set(counts.values()) == {max(1, round(0.2 * len(document.sentences)))}
    assert np.isfinite(KLSummarizer().score(document)).all()
