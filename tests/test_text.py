"""Sentence splitting, words, stems and stop words: offline, exact offsets, news-hard cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.text import (
    STOP_WORDS,
    content_terms,
    hard_blocks,
    language_tools,
    sentence_spans,
    stem,
    words,
)

HARD_CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "hard_sentences.jsonl")
    .read_text()
    .splitlines()
    if line.strip()
]


@pytest.mark.parametrize("case", HARD_CASES, ids=[c["text"][:40] for c in HARD_CASES])
def test_hard_news_cases_split_where_a_reader_would(case):
    text = case["text"]
    assert [text[s:e] for s, e in sentence_spans(text)] == case["sentences"]


def test_spans_of_a_slice_index_the_whole_text():
    text = "Ignored. First one here. Second one here."
    spans = sentence_spans(text, start=9)
    assert [text[s:e] for s, e in spans] == ["First one here.", "Second one here."]


def test_headings_and_lines_of_a_web_page_are_blocks_of_their_own(modi_text):
    blocks = [modi_text[s:e] for s, e in hard_blocks(modi_text)]
    assert blocks[0] == "views"
    assert "India-Russia Ties" in blocks
    assert blocks[-2:] == ["Comments", "0 comment"]


def test_words_keep_inner_hyphens_and_apostrophes_but_not_digits():
    assert words("India-Russia ties, Modi’s call and 3 O'Brien rounds.") == [
        "India-Russia",
        "ties",
        "Modi’s",
        "call",
        "and",
        "O'Brien",
        "rounds",
    ]


def test_content_terms_drop_stop_words_and_stem():
    assert content_terms("The leaders were congratulating the Presidents") == [
        "leader",
        "congratul",
        "presid",
    ]
    assert "the" in STOP_WORDS and stem("running") == "run"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_ordered_trimmed_spans_that_slice_the_text(text):
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end
    # Sentences lose nothing but white space: every other character is in exactly one sentence.
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


LANGUAGE_CASES = [
    (path.stem, json.loads(line))
    for path in sorted((Path(__file__).parent / "fixtures" / "sentences").glob("*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize(
    "case",
    [c for _, c in LANGUAGE_CASES],
    ids=[f"{lang}-{c['text'][:16]}" for lang, c in LANGUAGE_CASES],
)
def test_sentences_end_where_a_reader_of_the_language_would_end_them(case):
    text = case["text"]
    assert [text[s:e] for s, e in sentence_spans(text)] == case["sentences"]


def test_every_language_of_the_fixture_is_covered():
    assert {lang for lang, _ in LANGUAGE_CASES} == {"ar", "de", "es", "fr", "hi", "ja", "ru", "zh"}
    assert sum(len(c["sentences"]) for _, c in LANGUAGE_CASES) >= 48


def test_a_line_without_end_punctuation_is_never_glued_to_the_next():
    text = (
        "Modi congratulates Putin on fifth term, says ties will grow 2x by 2030\n"
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin.\n"
        "Also Read: Why Russia matters\n"
        "The two leaders agreed to stay in touch."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == text.splitlines()


def test_words_keep_combining_marks_and_count_cjk_characters():
    assert words("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    assert words("আমি বাংলায় গান গাই") == ["আমি", "বাংলায়", "গান", "গাই"]
    assert words("كَتَبَ الوَلَدُ") == ["كَتَبَ", "الوَلَدُ"]
    assert words("北京欢迎你") == ["北", "京", "欢", "迎", "你"]
    assert words("東京でカレーを食べた") == list("東京でカレーを食べた")


def test_language_tools_pick_stop_words_and_stemmer_per_language():
    german = language_tools("de")
    assert "und" in german.stop_words and german.stemmer == "german"
    assert german.stem("häuser") == german.stem("haus")
    assert language_tools("ru").stem("москвы") == "москв"
    assert "и" in language_tools("ru").stop_words
    hindi = language_tools("hi")
    assert hindi.stemmer is None and hindi.stem("भाषा") == "भाषा"
    assert language_tools("en").stop_words == STOP_WORDS


def test_held_out_sentences_in_eight_languages_split_at_least_95_percent_exactly():
    # Written after the splitter's rules were frozen and never tuned on (first run: 39 of 41;
    # the misses are 「“你去哪儿？”她问道。」 and "Hauptstr. 5").
    path = Path(__file__).parent / "fixtures" / "sentences_heldout.jsonl"
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected = [s for case in cases for s in case["sentences"]]
    found = [
        case["text"][s:e] in case["sentences"] and case["text"][s:e]
        for case in cases
        for s, e in sentence_spans(case["text"])
    ]
    exact = sum(1 for f in found if f)
    assert {case["lang"] for case in cases} == {"ar", "de", "es", "fr", "hi", "ja", "ru", "zh"}
    assert exact >= 0.95 * len(expected)
