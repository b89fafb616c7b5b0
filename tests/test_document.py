"""Documents: exact offsets, page chrome set aside by default, never altered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import Document, EmptyDocumentError, InputError, InputTooLargeError
from summarize.document import DecodingError, decode_bytes, read_text_file


def test_every_sentence_slices_the_text_exactly(modi_text):
    document = Document.from_text(modi_text)
    for sentence in document.sentences + document.set_aside:
        assert modi_text[sentence.start : sentence.end] == sentence.text


def test_example_article_chrome_is_set_aside(modi_text):
    document = Document.from_text(modi_text)
    kept = " ".join(s.text for s in document.sentences)
    assert document.sentences[0].text.startswith(
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin"
    )
    texts = {s.text for s in document.sentences}
    for chrome in (
        "views",
        "Special and Privileged Partnership",
        "India-Russia Ties",
        "Comments",
        "0 comment",
    ):
        assert chrome not in texts
    assert "(@narendramodi)" not in kept
    reasons = {p.chrome for p in document.paragraphs if p.chrome}
    assert reasons == {"boilerplate", "embedded-post", "heading"}


def test_cleaning_can_be_turned_off(modi_text):
    raw = Document.from_text(modi_text, clean=False)
    assert raw.sentences[0].text == "views"
    assert not raw.set_aside
    cleaned = Document.from_text(modi_text)
    assert len(raw.sentences) == len(cleaned.sentences) + len(cleaned.set_aside)


def test_sentence_indices_count_the_usable_sentences(modi_text):
    document = Document.from_text(modi_text)
    assert [s.index for s in document.sentences] == list(range(len(document.sentences)))
    assert all(s.index == -1 for s in document.set_aside)


def test_a_repeated_paragraph_is_set_aside_once_seen():
    text = "Rates rose sharply today. Markets fell.\nRates rose sharply today.\nMarkets recovered later."
    document = Document.from_text(text)
    assert [s.text for s in document.sentences] == [
        "Rates rose sharply today.",
        "Markets fell.",
        "Markets recovered later.",
    ]


def test_a_text_that_is_all_chrome_is_kept_whole_with_a_note():
    document = Document.from_text("Breaking News\nSport")
    assert [s.text for s in document.sentences] == ["Breaking News", "Sport"]
    assert document.notes


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused(text):
    with pytest.raises(EmptyDocumentError):
        Document.from_text(text)


def test_html_pages_are_reduced_to_their_main_text():
    html = (
        "<html><head><title>t</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Leaders talk</h1><p>Prime Minister Narendra Modi on Wednesday "
        "congratulated Vladimir Putin on his re-election. The two leaders agreed to stay in "
        "touch.</p><p>India has called for dialogue and diplomacy as the way forward in the "
        "conflict.</p></article><footer>Copyright 2024</footer></body></html>"
    )
    document = Document.from_string(html)
    texts = [s.text for s in document.sentences]
    assert texts[0].startswith("Prime Minister Narendra Modi")
    assert not any("Home | World" in t for t in texts)


def test_files_in_other_encodings_are_read_and_named(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président a parlé à Moscou. Il a félicité M. Poutine.".encode("cp1252"))
    text, encoding = read_text_file(path)
    assert text == "Le président a parlé à Moscou. Il a félicité M. Poutine."
    assert encoding != "utf-8"


def test_binary_data_is_refused():
    with pytest.raises(DecodingError):
        decode_bytes(bytes(range(256)) * 10)


def test_missing_files_directories_and_oversized_files_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(InputTooLargeError):
        read_text_file(big, max_bytes=100)


@settings(max_examples=150, deadline=None)
@given(st.text(), st.booleans())
def test_any_text_gives_a_document_with_exact_sentences_or_the_documented_error(text, clean):
    try:
        document = Document.from_text(text, clean=clean)
    except EmptyDocumentError:
        assert not text.strip()
        return
    assert document.sentences
    for sentence in document.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
