"""One text style for the checks: PTB-tokenized, lower-cased and raw text read alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.evaluation.style import canonical, detokenize, sentence_spans, to_ptb


def test_ptb_tokens_are_undone() -> None:
    ptb = "russia 's `` trust '' -lrb- cnn -rrb- £50, 000 , he wo n't ."
    assert detokenize(ptb) == "russia's \"trust\" (cnn) £50,000, he won't."


def test_raw_and_ptb_lowercased_text_have_one_canonical_form() -> None:
    raw = "Putin's “trust” and 'hopes' in him, said Mr. Smith (CNN). The U.S. won't."
    assert canonical(raw) == canonical(to_ptb(raw))
    assert (
        canonical(raw)
        == "putin's \"trust\" and 'hopes' in him, said mr. smith (cnn). the u.s. won't."
    )


def test_single_ptb_quotes_become_quotes() -> None:
    assert canonical("the trio got out to ` use an atm ' .") == "the trio got out to 'use an atm'."


def test_sentences_split_alike_in_both_styles() -> None:
    raw = "Mr. Smith went to Washington. He met the U.S. envoy! Then he left.\nNew line"
    ptb = to_ptb(raw)
    assert len(sentence_spans(raw)) == len(sentence_spans(ptb)) == 4
    assert [canonical(raw[s:e]) for s, e in sentence_spans(raw)] == [
        canonical(ptb[s:e]) for s, e in sentence_spans(ptb)
    ]


WORDS = st.lists(
    st.sampled_from(
        ["Putin", "said", "won't", "Russia's", "“trust”", "(CNN)", "£50,000", "Mr.", "U.S.",
         "the", "vote", "fifth", "term", ",", ".", "—", "it's", "Monday", "20%", "'hopes'"]
    ),
    min_size=1,
    max_size=30,
).map(" ".join)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(WORDS)
def test_canonical_is_the_same_for_raw_and_ptb_text(text: str) -> None:
    assert canonical(text).split() == canonical(to_ptb(text)).split()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_spans_index_the_text_and_are_stripped(text: str) -> None:
    previous_end = 0
    for start, end in sentence_spans(text):
        piece = text[start:end]
        assert piece == piece.strip() and piece
        assert start >= previous_end
        previous_end = end
    assert canonical(canonical(text)) == canonical(text)
