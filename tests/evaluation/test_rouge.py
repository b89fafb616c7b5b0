"""ROUGE by hand: worked fractions, empty input, several references, tokenizers, PTB text."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from summarize.errors import InputError, ParameterError
from summarize.evaluation.rouge import (
    ROUGE_TYPES,
    RougeScorer,
    Score,
    normalize_ptb,
    rouge,
    split_sentences,
)
from summarize.evaluation.tokenize import RougeTokenizer, UnicodeTokenizer
from summarize.text import sentence_spans


def f1(precision: Fraction, recall: Fraction) -> float:
    return float(2 * precision * recall / (precision + recall))


def test_unigrams_bigrams_and_lcs_worked_by_hand():
    # target: the cat sat on the mat (6 tokens); prediction: the cat lay on the mat (6 tokens)
    scores = RougeScorer(use_stemmer=False).score(
        "The cat sat on the mat.", "the cat lay on the mat"
    )
    assert scores["rouge1"] == Score(5 / 6, 5 / 6, f1(Fraction(5, 6), Fraction(5, 6)))
    # bigrams: the-cat, on-the, the-mat shared out of 5 each
    assert scores["rouge2"].fmeasure == pytest.approx(3 / 5)
    # LCS: the cat on the mat = 5
    assert scores["rougeL"].recall == pytest.approx(5 / 6)


def test_precision_and_recall_use_the_right_lengths():
    scores = RougeScorer(["rouge1"], use_stemmer=False).score("a b c d", "a b")
    assert scores["rouge1"].precision == 1.0
    assert scores["rouge1"].recall == 0.5
    assert scores["rouge1"].fmeasure == pytest.approx(f1(Fraction(1), Fraction(1, 2)))


def test_repeated_words_are_clipped_to_the_target_count():
    scores = RougeScorer(["rouge1"], use_stemmer=False).score("the cat", "the the the")
    assert scores["rouge1"].precision == pytest.approx(1 / 3)
    assert scores["rouge1"].recall == pytest.approx(1 / 2)


def test_stemming_matches_inflections_only_when_asked():
    stemmed = RougeScorer(["rouge1"], use_stemmer=True).score("running dogs", "runs dog")
    plain = RougeScorer(["rouge1"], use_stemmer=False).score("running dogs", "runs dog")
    assert stemmed["rouge1"].fmeasure == 1.0
    assert plain["rouge1"].fmeasure == 0.0


def test_rouge_lsum_takes_the_union_of_sentence_lcs():
    # Lin 2004, section 3.2: r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8; c2 = w1 w3 w8 w9 w5.
    target = "w1 w2 w3 w4 w5."
    prediction = "w1 w2 w6 w7 w8. w1 w3 w8 w9 w5."
    scores = RougeScorer(["rougeLsum"], use_stemmer=False).score(target, prediction)
    # union LCS = w1 w2 w3 w5 -> 4 hits; recall 4/5, precision 4/10
    assert scores["rougeLsum"].recall == pytest.approx(4 / 5)
    assert scores["rougeLsum"].precision == pytest.approx(4 / 10)


def test_our_splitter_sees_sentences_that_newline_splitting_misses():
    target = "The cat sat. The dog ran."
    prediction = "The dog ran. The cat sat."
    split = RougeScorer(["rougeLsum"], use_stemmer=False).score(target, prediction)
    newline = RougeScorer(["rougeLsum"], use_stemmer=False, split_summaries=False)
    assert split["rougeLsum"].fmeasure == 1.0
    assert newline.score(target, prediction)["rougeLsum"].fmeasure < 1.0


@pytest.mark.parametrize(
    ("target", "prediction"), [("", ""), ("", "a b"), ("a b", ""), ("...", "!")]
)
def test_empty_input_scores_zero(target, prediction):
    scores = RougeScorer().score(target, prediction)
    assert set(scores) == set(ROUGE_TYPES)
    assert all(score == Score(0.0, 0.0, 0.0) for score in scores.values())


def test_several_references_best_and_mean():
    scorer = RougeScorer(["rouge1"], use_stemmer=False)
    references = ["a b c d", "a x y z", "q r s t"]
    best = scorer.score_multi(references, "a b c d", aggregate="max")
    mean = scorer.score_multi(references, "a b c d", aggregate="mean")
    assert best["rouge1"].fmeasure == 1.0
    assert mean["rouge1"].fmeasure == pytest.approx((1 + 0.25 + 0) / 3)
    assert mean["rouge1"].recall == pytest.approx((1 + 0.25 + 0) / 3)


def test_best_reference_is_the_first_one_on_ties_like_rouge_score():
    references = ["a b", "a c"]
    ours = RougeScorer(["rouge1"], use_stemmer=False).score_multi(references, "a")
    theirs = rouge_scorer.RougeScorer(["rouge1"]).score_multi(references, "a")
    assert tuple(ours["rouge1"].to_dict().values()) == tuple(theirs["rouge1"])


def test_no_references_scores_zero_and_one_string_is_refused():
    scorer = RougeScorer()
    assert scorer.score_multi([], "a summary")["rouge1"] == Score.zero()
    with pytest.raises(ParameterError, match="list"):
        scorer.score_multi("one reference", "a summary")
    with pytest.raises(ParameterError, match="aggregate"):
        scorer.score_multi(["a"], "a", aggregate="median")
    with pytest.raises(InputError, match="not NoneType"):
        scorer.score("a reference", None)


@pytest.mark.parametrize("bad", ["rouge0", "rougeX", "rouge10", "bleu"])
def test_unknown_rouge_types_are_refused(bad):
    with pytest.raises(ParameterError, match=bad):
        RougeScorer(["rouge1", bad])


def test_rouge_n_for_other_n():
    scores = RougeScorer(["rouge3"], use_stemmer=False).score("a b c d", "a b c x")
    assert scores["rouge3"].fmeasure == pytest.approx(0.5)


def test_batch_with_workers_equals_one_by_one():
    targets = [f"the {i} cat sat on mat {i % 7}" for i in range(60)]
    predictions = [f"a cat {i} sat on the mat. It was {i % 5}" for i in range(60)]
    scorer = RougeScorer()
    assert scorer.score_batch(targets, predictions, workers=2) == [
        scorer.score(t, p) for t, p in zip(targets, predictions, strict=True)
    ]
    with pytest.raises(ParameterError, match="pair"):
        scorer.score_batch(targets, predictions[:-1])


def test_one_off_function():
    assert rouge("the cat sat", ["the cat sat"])["rougeL"].fmeasure == 1.0


def test_default_tokenizer_drops_non_ascii_letters_like_rouge_score():
    text = "São Paulo's mayor, Ñandú 2024 résumé"
    assert RougeTokenizer().tokenize(text) == rouge_scorer.tokenizers.DefaultTokenizer().tokenize(
        text
    )
    assert RougeTokenizer().tokenize("São Paulo") == ["s", "o", "paulo"]


def test_unicode_tokenizer_scores_other_scripts():
    assert UnicodeTokenizer().tokenize("São Paulo, 北京!") == ["são", "paulo", "北", "京"]
    assert UnicodeTokenizer(use_stemmer=True).tokenize("Running in Zürich") == [
        "run",
        "in",
        "zürich",
    ]
    greek = "Η Αθήνα είναι η πρωτεύουσα"
    default = RougeScorer(["rouge1"]).score(greek, greek)
    unicode = RougeScorer(["rouge1"], tokenizer=UnicodeTokenizer()).score(greek, greek)
    assert default["rouge1"].fmeasure == 0.0
    assert unicode["rouge1"].fmeasure == 1.0


def test_unicode_tokenizer_agrees_with_default_on_plain_english():
    text = "The mayor of Boston said 42 buses were running late on Tuesday."
    assert UnicodeTokenizer(use_stemmer=True).tokenize(text) == RougeTokenizer(True).tokenize(text)


def test_normalize_ptb_makes_tokenized_and_raw_text_alike():
    tokenized = "Tottenham 's draw -lrb- 0-0 -rrb- , he said : `` we ca n't win . ''"
    assert normalize_ptb(tokenized) == "Tottenham's draw (0-0), he said: \" we can't win. \""
    raw = "Andros Townsend an 83rd minute sub in Tottenham's draw. He was unable to win."
    ptb = "Andros Townsend an 83rd minute sub in Tottenham 's draw . He was unable to win ."
    assert normalize_ptb(ptb) == raw


_PIECES = list("abc xyz.!?\n'-éß北 ") + ["the ", "Mr. ", "running ", "U.S. ", "\n\n", "İ"]
text_strategy = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(_PIECES), max_size=30).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=text_strategy, prediction=text_strategy)
def test_any_text_scores_in_range_and_like_rouge_score(target, prediction):
    ours = RougeScorer(split_summaries=False).score(target, prediction)
    theirs = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True).score(target, prediction)
    for rouge_type in ROUGE_TYPES:
        score = ours[rouge_type]
        assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0
        assert 0.0 <= score.fmeasure <= 1.0
        # F1 lies between P and R (up to the rounding rouge-score's formula has too).
        low, high = sorted((score.precision, score.recall))
        assert low - 1e-12 <= score.fmeasure <= high + 1e-12
        assert tuple(score.to_dict().values()) == pytest.approx(
            tuple(theirs[rouge_type]), abs=1e-12
        )


@settings(max_examples=100, deadline=None)
@given(target=text_strategy, prediction=text_strategy)
def test_swapping_texts_swaps_precision_and_recall(target, prediction):
    # Not ROUGE-Lsum: its union LCS runs over the target's sentences, so swapping the texts
    # changes the computation (in rouge-score too; the agreement tests cover it).
    scorer = RougeScorer(symmetric_types := ("rouge1", "rouge2", "rougeL"))
    forward = scorer.score(target, prediction)
    backward = scorer.score(prediction, target)
    for rouge_type in symmetric_types:
        assert forward[rouge_type].precision == pytest.approx(backward[rouge_type].recall)
        assert forward[rouge_type].fmeasure == pytest.approx(backward[rouge_type].fmeasure)


@settings(max_examples=100, deadline=None)
@given(text=text_strategy)
def test_a_text_against_itself_is_perfect_unless_it_has_no_words(text):
    types = ("rouge1", "rougeL", "rougeLsum")  # rouge2 also needs two tokens
    scores = RougeScorer(types, tokenizer=UnicodeTokenizer(use_stemmer=True)).score(text, text)
    has_tokens = bool(UnicodeTokenizer().tokenize(text))
    for score in scores.values():
        assert score.fmeasure == (1.0 if has_tokens else 0.0)


@settings(max_examples=200, deadline=None)
@given(text=text_strategy)
def test_the_sentence_fast_path_equals_the_splitter(text):
    assert split_sentences(text) == [text[s:e] for s, e in sentence_spans(text)]
