"""Every extractive method on documents where its maths degenerates, and on arbitrary text."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.briefing import Briefing
from summarize.document import Document
from summarize.errors import InputError
from summarize.registry import Registry
from summarize.summarizers.base import Budget, ScoringSummarizer
from summarize.text import words

EXTRACTIVE = sorted(
    info.name for info in Registry().methods() if info.builtin and info.family == "extractive"
)

DEGENERATE = {
    "identical": "The vote is on Monday. " * 6,
    "one sentence": "Parliament will vote on the budget on Monday",
    "stop words only": "It was the one. And so it is. They were there for it. We are all in.",
    "no words": "123 456. 7,890! 11:30? 2024-05-06.",
    "one word sentences": "Yes. No. Maybe. Yes. Later.",
    "long sentence": " ".join(f"word{chr(97 + i % 26)}{i % 7}x" for i in range(2_000)),
    "mixed empty": "Budget. 42. The council met. 99! The council met again on Monday.",
}


def assert_valid(briefing: Briefing, document: Document, budget: Budget) -> None:
    assert isinstance(briefing, Briefing)
    assert briefing.sentences, "a briefing holds at least one sentence"
    indices = [s.source_sentences[0] for s in briefing.sentences]
    assert indices == sorted(set(indices))
    for sentence in briefing.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
        source = document.sentences[sentence.source_sentences[0]]
        assert source.start == sentence.start and sentence.end <= source.end
    if budget.sentences is not None:
        assert len(briefing.sentences) == min(budget.sentences, len(document.sentences))
    if budget.words is not None:
        assert sum(len(words(s.text)) for s in briefing.sentences) <= budget.words
    assert math.isfinite(briefing.seconds)


@pytest.mark.parametrize("name", EXTRACTIVE)
@pytest.mark.parametrize("case", sorted(DEGENERATE))
def test_degenerate_documents_give_a_valid_briefing_and_finite_scores(name, case):
    document = Document.from_text(DEGENERATE[case], clean=False)
    summarizer = Registry().get(name)
    for budget in (Budget(sentences=3), Budget(words=5), Budget(ratio=0.5)):
        assert_valid(summarizer.summarize(document, budget), document, budget)
    if isinstance(summarizer, ScoringSummarizer):
        scores = summarizer.score(document)
        assert scores.shape == (len(document.sentences),)
        assert not np.isnan(scores).any()
        assert np.isfinite(scores).all()


def test_every_extractive_method_is_covered():
    assert {"lead", "textrank", "lexrank", "kl", "position", "sumy-lsa", "sumy-luhn",
            "sumy-sumbasic", "sumy-edmundson", "sumy-reduction", "sumy-kl",
            "sumy-textrank"} <= set(EXTRACTIVE)  # fmt: skip


TEXT = st.lists(
    st.one_of(
        st.sampled_from(["the ", "and ", "Mr. ", "U.S. ", "said ", "vote ", "budget ", ". ",
                         "\n\n", "“Yes,” ", "42 "]),
        st.text(alphabet="abcdefg ABCD..,!?;:'\"-\n\t019éßΩ中“”’—", max_size=6),
    ),
    max_size=80,
).map("".join)  # fmt: skip


@pytest.mark.parametrize("name", EXTRACTIVE)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, kind=st.sampled_from(["sentences", "words", "ratio"]), size=st.integers(1, 6))
def test_arbitrary_text_gives_a_valid_briefing_or_the_documented_error(name, text, kind, size):
    budget = Budget(**{kind: size / 7 if kind == "ratio" else size})
    try:
        document = Document.from_text(text)
    except InputError:
        return  # the documented error for text with no sentences
    summarizer = Registry().get(name)
    assert_valid(summarizer.summarize(document, budget), document, budget)
