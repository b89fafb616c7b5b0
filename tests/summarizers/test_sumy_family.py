"""The sumy adapters: sumy's algorithms on our tokenization, offline, picking what stock sumy picks."""

from __future__ import annotations

import pytest
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from summarize.document import Document
from summarize.errors import InputTooLargeError, ParameterError
from summarize.registry import Registry
from summarize.summarizers.base import Budget
from summarize.summarizers.sumy_family import (
    DEFAULT_BONUS_WORDS,
    DEFAULT_STIGMA_WORDS,
    OurWordTokenizer,
    SumyEdmundson,
    SumyLexRank,
)
from summarize.text import STOP_WORDS, sentence_spans, stem
from tests.summarizers.conftest import configured, stock_sumy_picks

STOCK = {
    "sumy-lexrank": LexRankSummarizer,
    "sumy-lsa": LsaSummarizer,
    "sumy-luhn": LuhnSummarizer,
    "sumy-kl": KLSummarizer,
    "sumy-sumbasic": SumBasicSummarizer,
    "sumy-reduction": ReductionSummarizer,
    "sumy-textrank": TextRankSummarizer,
}


def stock_edmundson() -> EdmundsonSummarizer:
    summarizer = EdmundsonSummarizer(stem)
    summarizer.bonus_words = DEFAULT_BONUS_WORDS
    summarizer.stigma_words = DEFAULT_STIGMA_WORDS
    summarizer.null_words = sorted(STOP_WORDS)
    return summarizer


@pytest.mark.parametrize("name", [*STOCK, "sumy-edmundson"])
@pytest.mark.parametrize("count", [1, 3])
def test_adapter_picks_what_stock_sumy_picks(name, count, news_articles):
    adapter = Registry().get(name)
    for document in news_articles:
        stock = stock_edmundson() if name == "sumy-edmundson" else configured(STOCK[name])
        briefing = adapter.summarize(document, Budget(sentences=count))
        ours = [s.source_sentences[0] for s in briefing.sentences]
        assert ours == stock_sumy_picks(stock, document, count), document.sentences[0].text


@pytest.mark.parametrize("plain, adapter", [("lsa", "sumy-lsa"), ("luhn", "sumy-luhn"),
    ("sumbasic", "sumy-sumbasic"), ("edmundson", "sumy-edmundson"),
    ("reduction", "sumy-reduction")])  # fmt: skip
def test_plain_names_without_our_own_version_run_sumys(plain, adapter):
    registry = Registry()
    assert registry.factory(plain) is registry.factory(adapter)
    assert registry.info(plain).origin == "sumy"


@pytest.mark.parametrize("name", ["textrank", "lexrank", "kl", "position"])
def test_our_own_methods_are_ours(name):
    assert Registry().info(name).origin == "summarize"


def test_every_method_describes_itself():
    by_sumy = {*STOCK, "sumy-edmundson", "lsa", "luhn", "sumbasic", "edmundson", "reduction"}
    by_us = {"lead", "textrank", "lexrank", "kl", "position"}
    registry = Registry()
    assert by_sumy - set(registry.available()) == {
        "lsa",
        "luhn",
        "sumbasic",
        "edmundson",
        "reduction",
    }
    infos = {name: registry.info(name) for name in by_sumy | by_us}
    for name in by_sumy | by_us:
        assert infos[name].family == "extractive"
        assert infos[name].origin == ("sumy" if name in by_sumy else "summarize")
        assert 20 < len(infos[name].description) <= 140, name


@pytest.mark.parametrize("name", [*STOCK, "sumy-edmundson"])
def test_repeated_sentences_keep_their_own_index_and_offsets(name):
    text = (
        "The council approved the new budget on Monday night. "
        "Residents said the budget ignores the roads. "
        "The council approved the new budget on Monday night. "
        "The mayor will sign the budget next week."
    )
    document = Document.from_text(text, clean=False)
    assert len(document.sentences) == 4
    briefing = Registry().get(name).summarize(document, Budget(sentences=4))
    assert [s.source_sentences[0] for s in briefing.sentences] == [0, 1, 2, 3]
    for sentence in briefing.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_document_past_the_cap_is_refused_at_once():
    document = Document.from_text(" ".join(f"Sentence number {i} is here." for i in range(40)))
    with pytest.raises(InputTooLargeError, match="max_sentences"):
        SumyLexRank(max_sentences=30).summarize(document, Budget(sentences=3))
    assert (
        len(SumyLexRank(max_sentences=40).summarize(document, Budget(sentences=3)).sentences) == 3
    )


def test_edmundson_takes_your_own_cue_words():
    text = (
        "The committee met on Tuesday to review the plan. "
        "Members discussed parking, lighting and the schedule. "
        "A zebra crossing will be painted outside the school. "
        "The meeting ended at nine."
    )
    document = Document.from_text(text, clean=False)
    default = SumyEdmundson().summarize(document, Budget(sentences=1))
    custom = SumyEdmundson(bonus_words=["zebra", "crossing"], stigma_words=["parking"])
    chosen = custom.summarize(document, Budget(sentences=1))
    assert chosen.sentences[0].text.startswith("A zebra crossing")
    assert default.sentences[0].text != chosen.sentences[0].text
    assert chosen.params["bonus_words"] == ["zebra", "crossing"]
    as_text = SumyEdmundson(bonus_words="zebra, crossing", stigma_words="parking")
    assert as_text.summarize(document, Budget(sentences=1)).sentences == chosen.sentences


@pytest.mark.parametrize(
    "params",
    [{"bonus_words": []}, {"cue_weight": -1}, {"cue_weight": 0, "title_weight": 0,
     "location_weight": 0}, {"max_sentences": 0}],
)  # fmt: skip
def test_bad_edmundson_parameters_are_parameter_errors(params):
    with pytest.raises(ParameterError):
        Registry().get("edmundson", **params)


class _SentenceSplitter(OurWordTokenizer):
    """Our words and our sentence splitter, for sumy's own plain-text parser (no punkt)."""

    @staticmethod
    def to_sentences(text: str) -> tuple[str, ...]:
        return tuple(text[s:e] for s, e in sentence_spans(text))


PAGE_WITH_HEADINGS = """MODI CALLS PUTIN
Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election. The two leaders agreed to deepen the partnership between their countries.

Putin secured a fifth term as president on Monday. Politicians across Europe rejected the vote as a sham. Observers said turnout figures were implausible.

A CLOSER PARTNERSHIP
During the call the leaders agreed to strengthen the strategic partnership. They reviewed progress on bilateral cooperation. They also discussed the war in Ukraine.

Russia has long been a partner for India in defence. Trade between the two has grown since 2022. India says it will keep buying oil in its national interest.
"""  # noqa: E501


@pytest.mark.parametrize("count", [1, 2, 3, 4])
@pytest.mark.parametrize(
    "weights",
    [{}, {"cue_weight": 0.0, "title_weight": 0.0}, {"cue_weight": 0.0, "location_weight": 0.0}],
)
def test_edmundson_on_a_page_with_headings_picks_what_stock_sumy_picks(count, weights):
    from sumy.parsers.plaintext import PlaintextParser

    document = Document.from_text(PAGE_WITH_HEADINGS)
    assert [p.chrome for p in document.paragraphs].count("heading") == 2
    stock = EdmundsonSummarizer(
        stem,
        **{
            "cue_weight": 1.0,
            "key_weight": 0.0,
            "title_weight": 1.0,
            "location_weight": 1.0,
            **weights,
        },
    )
    stock.bonus_words, stock.stigma_words = DEFAULT_BONUS_WORDS, DEFAULT_STIGMA_WORDS
    stock.null_words = sorted(STOP_WORDS)
    parsed = PlaintextParser.from_string(PAGE_WITH_HEADINGS, _SentenceSplitter()).document
    assert len(parsed.paragraphs) == 4 and len(parsed.headings) == 2
    index = {s.text: s.index for s in document.sentences}
    theirs = sorted(index[str(s)] for s in stock(parsed, count))
    ours = SumyEdmundson(**weights).summarize(document, Budget(sentences=count))
    assert [s.source_sentences[0] for s in ours.sentences] == theirs
