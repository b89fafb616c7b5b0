"""Our TextRank, LexRank and KL-Sum pick what sumy's own algorithms pick, on real articles.

Same tokenization on both sides (our words, stems and stop words), so only the implementation
differs. Where two sentences tie exactly in sumy's rating, the order between them may differ
(floating-point sums in another order); the check then accepts either, and only that.
"""

from __future__ import annotations

import numpy as np
import pytest
from sumy.summarizers.kl import KLSummarizer as StockKL
from sumy.summarizers.lex_rank import LexRankSummarizer as StockLexRank
from sumy.summarizers.text_rank import TextRankSummarizer as StockTextRank

from summarize.summarizers.base import Budget
from summarize.summarizers.kl import KLSummarizer
from summarize.summarizers.lexrank import LexRankSummarizer
from summarize.summarizers.textrank import TextRankSummarizer
from tests.summarizers.conftest import (
    assert_same_or_tied,
    configured,
    stock_sumy_picks,
    stock_sumy_ratings,
)

PAIRS = [
    ("textrank", TextRankSummarizer, StockTextRank),
    ("lexrank", LexRankSummarizer, StockLexRank),
    ("kl", KLSummarizer, StockKL),
]


@pytest.mark.parametrize("name, ours, stock", PAIRS)
@pytest.mark.parametrize("count", [1, 3, 5])
def test_same_sentences_as_sumy(name, ours, stock, count, news_articles):
    for document in news_articles:
        briefing = ours().summarize(document, Budget(sentences=count))
        picked = [s.source_sentences[0] for s in briefing.sentences]
        ratings = stock_sumy_ratings(configured(stock), document)
        expected = stock_sumy_picks(configured(stock), document, count)
        assert_same_or_tied(picked, expected, ratings.__getitem__, f"{name} {count}")


@pytest.mark.parametrize("name, ours, stock", PAIRS[:2])
def test_centrality_scores_equal_sumys(name, ours, stock, news_articles):
    for document in news_articles:
        scores = ours().score(document)
        assert np.allclose(scores, stock_sumy_ratings(configured(stock), document), atol=1e-9)


def test_kl_full_greedy_order_equals_sumys(news_articles):
    for document in news_articles[:8]:
        ours = KLSummarizer().score(document)
        theirs = stock_sumy_ratings(configured(StockKL), document)
        assert np.array_equal(ours, theirs)
