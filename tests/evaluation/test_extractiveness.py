"""Coverage, density, compression (Grusky et al. 2018) and novel n-grams, worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.evaluation.extractiveness import Extractiveness, extractiveness, fragments

SOURCE = "The cat sat on the mat today."


def test_worked_example():
    # summary tokens: the cat sat on a mat -> fragments "the cat sat on" (4) and "mat" (1)
    result = extractiveness("The cat sat on a mat", SOURCE)
    assert result.coverage == pytest.approx(5 / 6)
    assert result.density == pytest.approx((4**2 + 1**2) / 6)
    assert result.compression == pytest.approx(7 / 6)
    assert result.novel_ngrams[1] == pytest.approx(1 / 6)  # "a"
    assert result.novel_ngrams[2] == pytest.approx(2 / 5)  # "on a", "a mat"
    assert result.novel_ngrams[4] == pytest.approx(2 / 3)


def test_fragments_take_the_longest_match_greedily():
    summary = "b c d x a b".split()
    source = "a b c a b c d".split()
    # at "b": occurrences at 1 (b c, then a != d) and 4 (b c d) -> longest is 3
    assert fragments(summary, source) == [(0, 3), (4, 2)]


def test_a_copied_sentence_is_fully_extractive():
    result = extractiveness("sat on the mat", SOURCE)
    assert result.coverage == 1.0
    assert result.density == 4.0
    assert all(ratio == 0.0 for ratio in result.novel_ngrams.values())


def test_an_abstractive_summary_has_low_coverage_and_novel_words():
    result = extractiveness("A feline rested indoors.", SOURCE)
    assert result.coverage == 0.0
    assert result.density == 0.0
    assert result.novel_ngrams[1] == 1.0


def test_case_and_punctuation_do_not_count():
    assert extractiveness("THE CAT, SAT!", SOURCE).coverage == 1.0


def test_empty_summary_scores_zero_and_json_form():
    result = extractiveness("  ...  ", SOURCE)
    assert (result.coverage, result.density, result.compression) == (0.0, 0.0, 0.0)
    assert result.to_dict() == {
        "coverage": 0.0,
        "density": 0.0,
        "compression": 0.0,
        "novel_ngrams": {"1": 0.0, "2": 0.0, "3": 0.0, "4": 0.0},
    }
    assert Extractiveness.from_dict(result.to_dict()) == result


words = st.lists(st.sampled_from("a b c d e the é 北".split()), max_size=25).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    summary=st.one_of(words, st.text(max_size=50)), source=st.one_of(words, st.text(max_size=80))
)
def test_measures_stay_in_range_for_any_text(summary, source):
    result = extractiveness(summary, source)
    assert 0.0 <= result.coverage <= 1.0
    assert result.density >= result.coverage - 1e-12
    assert result.compression >= 0.0
    assert all(0.0 <= r <= 1.0 for r in result.novel_ngrams.values())
    # Coverage counts summary tokens inside fragments; the rest are unigram candidates to be novel.
    assert result.novel_ngrams[1] <= 1.0 - result.coverage + 1e-12
