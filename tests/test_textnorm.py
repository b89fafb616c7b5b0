"""PTB undoing: one implementation for ROUGE and the factuality checks."""

from hypothesis import given
from hypothesis import strategies as st

from summarize.evaluation.rouge import normalize_ptb as rouge_normalize_ptb
from summarize.textnorm import normalize_ptb, undo_ptb_tokens


def test_clitics_and_brackets_come_back_and_other_spacing_stays():
    assert undo_ptb_tokens("Spurs ’s coach -LRB- 52 -rrb- ca n't say .") == (
        "Spurs’s coach ( 52 ) can't say ."
    )
    assert undo_ptb_tokens("it\\'s") == "it's"


def test_rouge_uses_the_shared_normalizer():
    assert rouge_normalize_ptb is normalize_ptb


raw_text = st.text(alphabet=st.sampled_from(list("abcXYZ 019.,;!?\n")), max_size=80)


@given(raw_text)
def test_text_without_ptb_artefacts_is_left_alone(text):
    assert undo_ptb_tokens(text) == text


@given(st.text(max_size=80))
def test_normalizing_is_total_and_undo_keeps_non_ptb_characters(text):
    assert isinstance(normalize_ptb(text), str)
    assert len(undo_ptb_tokens(text)) <= len(text)
