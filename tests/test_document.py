"""Documents: exact offsets, page chrome set aside by default, never altered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summarize
from summarize import Document, EmptyDocumentError, InputError, InputTooLargeError
from summarize.document import DecodingError, chrome_reason, decode_bytes, read_text_file


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


COPIED_PAGE = """Home › World › Asia
Modi congratulates Putin on fifth term, says ties will grow 2x by 2030
India and Russia agreed to deepen their partnership, the Prime Minister's Office said.
By Priya Sharma | PTI
Updated: March 20, 2024 10:32 IST
Facebook Twitter WhatsApp Email
Putin at a rally in Moscow on Monday. (Photo: Reuters)
Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election.
The two leaders agreed to work together to deepen the strategic partnership.
Also Read: Why Russia still matters to India
We agreed to deepen our partnership in the years ahead.
—Narendra Modi (@narendramodi) March 20, 2024
Russia has been a longstanding and time-tested partner for India.
Related Stories
12 Comments
Sign up for our morning newsletter
© 2024 The Daily Courier. All rights reserved.
"""


def test_a_copied_news_page_keeps_only_the_story():
    document = Document.from_text(COPIED_PAGE)
    assert [s.text for s in document.sentences] == [
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election.",
        "The two leaders agreed to work together to deepen the strategic partnership.",
        "Russia has been a longstanding and time-tested partner for India.",
    ]
    reasons = {document.text[p.start : p.end]: p.chrome for p in document.paragraphs}
    assert reasons["By Priya Sharma | PTI"] == "byline"
    assert reasons["Updated: March 20, 2024 10:32 IST"] == "dateline"
    assert reasons["Home › World › Asia"] == "breadcrumb"
    assert reasons["Putin at a rally in Moscow on Monday. (Photo: Reuters)"] == "caption"
    assert reasons["We agreed to deepen our partnership in the years ahead."] == "embedded-post"
    assert reasons["12 Comments"] == "boilerplate"
    assert (
        reasons[
            "India and Russia agreed to deepen their partnership, the Prime Minister's Office said."
        ]
        == "header"
    )


@pytest.mark.parametrize(
    "line",
    [
        "2 Comments",
        "Comments (37)",
        "Also Read: Modi's Russia visit, explained",
        "ALSO READ | 5 things to know about the summit",
        "Read more: Putin wins fifth term",
        "Related: Ukraine talks stall again",
        "Share this article",
        "Advertisement",
        "Story continues below advertisement",
        "Get the latest news delivered to your inbox",
        "By signing up, you agree to our Terms of Use and Privacy Policy.",
        "Putin spoke to reporters in Moscow. Photograph: Jane Doe/AP",
        "— Narendra Modi (@narendramodi) March 20, 2024",
        "Thanks, friend! pic.twitter.com/AbCdE12345",
        "Posted on March 20, 2024",
        "By JANE DOE and JOHN ROE",
    ],
)
def test_page_chrome_lines_are_recognised(line):
    assert chrome_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election.",
        "Read the full statement below: it says the talks will resume.",
        "He said 12 comments on the post were removed by the platform.",
        "“We will win,” he said.",
        "The share price rose 3% on Tuesday, its best day this year.",
    ],
)
def test_story_sentences_are_not_chrome(line):
    assert chrome_reason(line) is None


def test_cleaning_never_alters_a_sentence_it_keeps():
    document = Document.from_text(COPIED_PAGE)
    for sentence in document.sentences + document.set_aside:
        assert COPIED_PAGE[sentence.start : sentence.end] == sentence.text


HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Modi congratulates Putin on 5th term</title>"
    "<meta name='author' content='Priya Sharma'>"
    "<meta property='article:published_time' content='2024-03-20T10:00:00Z'></head><body>"
    "<nav class='breadcrumb'>Home » World</nav><article><h1>Modi congratulates Putin on 5th term</h1>"
    "<p>Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his "
    "re-election. The two leaders agreed to stay in touch.</p>"
    "<figure><img src='p.jpg'><figcaption>Putin in Moscow. (Photo: Reuters)</figcaption></figure>"
    "<blockquote class='twitter-tweet'><p>Spoke with President Putin today.</p>&mdash; Narendra "
    "Modi (@narendramodi) March 20, 2024</blockquote>"
    "<p>India has called for dialogue and diplomacy as the way forward in the conflict.</p>"
    "<p>Also Read: Why Russia matters</p><p>2 Comments</p></article></body></html>"
)


def test_an_html_page_keeps_title_author_and_date_as_metadata_not_sentences():
    document = Document.from_string(HTML_PAGE)
    assert document.title == "Modi congratulates Putin on 5th term"
    assert document.metadata.author == "Priya Sharma"
    assert document.metadata.date == "2024-03-20"
    assert document.metadata.source_format == "html"
    assert [s.text for s in document.sentences] == [
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election.",
        "The two leaders agreed to stay in touch.",
        "India has called for dialogue and diplomacy as the way forward in the conflict.",
    ]


def test_the_briefing_of_an_html_page_shows_its_title_as_headline():
    briefing = summarize.brief(HTML_PAGE, method="lead", sentences=1)
    assert briefing.headline == "Modi congratulates Putin on 5th term"
    assert briefing.to_text().splitlines()[0] == "Modi congratulates Putin on 5th term"
    assert briefing.to_dict()["document"]["author"] == "Priya Sharma"


def test_an_html_page_with_no_article_text_is_refused():
    with pytest.raises(EmptyDocumentError, match="no article text"):
        Document.from_string("<html><body><nav>Home</nav><div></div></body></html>")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin.", "en"),
        (
            "Der Bundeskanzler hat am 15. März in Berlin über die Lage der Wirtschaft gesprochen.",
            "de",
        ),
        ("Le président a déclaré que les négociations reprendraient la semaine prochaine.", "fr"),
        ("习近平主席周三在北京会见了俄罗斯总统。双方就两国关系交换了意见。", "zh"),
        ("首相は水曜日に東京で記者会見を開いた。経済対策について説明した。", "ja"),
        ("प्रधानमंत्री नरेंद्र मोदी ने बुधवार को पुतिन को बधाई दी। दोनों नेताओं ने बात की।", "hi"),
        ("هنأ رئيس الوزراء الهندي بوتين يوم الأربعاء. هل ستتحسن العلاقات بين البلدين؟", "ar"),
        ("Президент провёл встречу в Москве. Обсуждались вопросы экономики и финансов.", "ru"),
    ],
)
def test_the_document_language_is_guessed_offline(text, language):
    document = Document.from_text(text)
    assert document.language == language
    assert document.facts()["language"] == language


def test_mixed_and_right_to_left_text_give_a_document_with_exact_offsets():
    text = "The talks went well. هل ستتحسن العلاقات؟ 会谈很成功。 Markets rose."
    document = Document.from_text(text)
    assert [s.text for s in document.sentences] == [
        "The talks went well.",
        "هل ستتحسن العلاقات؟",
        "会谈很成功。",
        "Markets rose.",
    ]


@pytest.mark.parametrize(
    "line", ["Like this:", "Like Loading...", "Share or comment on this article:", "Key points:"]
)
def test_labels_and_widget_text_are_chrome(line):
    assert chrome_reason(line) is not None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("By Aiko Tanaka", "byline"),
        ("by: Hannah Weiss", "byline"),
        ("Media Contact: Jane Doe, jane@example.org, +1 555 0100", "byline"),
        ("Posted: Mar 25, 2024 / 4:15 PM EST", "dateline"),
        ("Pablo Ortiz is a correspondent covering Europe for the paper.", "byline"),
    ],
)
def test_bylines_stamps_and_author_notes(line, reason):
    assert chrome_reason(line) == reason


@pytest.mark.parametrize(
    "text",
    [
        "!" * 5000 + "x",
        "." * 5000 + "x",
        "|" * 60 + "x",
        "Abc Def | " + "ABCDEFGHIJ" * 12 + " x",
        "1:11 " * 60 + "x",
        "a / " * 80 + "!",
    ],
)
def test_pathological_lines_are_read_in_one_pass(text):
    # Each of these once made a pattern backtrack for seconds to hours; now they finish at once
    # (a regression would hang this test rather than fail it).
    document = Document.from_text(text)
    assert document.sentences or document.set_aside
