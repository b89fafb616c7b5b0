"""PDF and .docx input: text rebuilt into paragraphs, and clear errors for what cannot be read."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarize import Document, UnsupportedFormatError
from summarize.cli import app
from summarize.sources import load_path
from summarize.sources.pdf import rebuild_paragraphs
from tests.sources.pdfs import encrypted, pdf_with_lines, pdf_without_text

ARTICLE_LINES = [
    "Prime Minister Narendra Modi on Wednesday congratulated Vladimir",
    "Putin on his re-election and agreed to deepen the partnership be-",
    "tween the two countries in the years ahead.",
    "",
    "The two leaders also discussed the India-",
    "Russia ties and called for dialogue and diplomacy as the way",
    "forward.",
]


def test_a_pdf_is_read_as_paragraphs_with_line_end_hyphens_undone(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(pdf_with_lines([ARTICLE_LINES, ["A second page holds one more sentence."]]))
    document = Document.from_file(path)
    assert [s.text for s in document.sentences] == [
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his "
        "re-election and agreed to deepen the partnership between the two countries in the "
        "years ahead.",
        "The two leaders also discussed the India-Russia ties and called for dialogue and "
        "diplomacy as the way forward.",
        "A second page holds one more sentence.",
    ]
    assert document.metadata.source_format == "pdf"


def test_paragraphs_end_at_short_lines_that_end_a_sentence():
    text = "\n".join(
        [
            "The council met on Monday to discuss the budget for the coming year and",
            "agreed on cuts.",
            "A second paragraph starts here and runs on to the end of the line like",
            "this one does.",
        ]
    )
    assert rebuild_paragraphs(text).splitlines() == [
        "The council met on Monday to discuss the budget for the coming year and agreed on cuts.",
        "A second paragraph starts here and runs on to the end of the line like this one does.",
    ]


def test_a_scanned_pdf_without_text_is_a_clear_error(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_without_text())
    with pytest.raises(UnsupportedFormatError, match="no text layer"):
        load_path(path)


def test_an_encrypted_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted(pdf_with_lines([ARTICLE_LINES])))
    with pytest.raises(UnsupportedFormatError, match="encrypted"):
        load_path(path)


def test_a_damaged_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage")
    with pytest.raises(UnsupportedFormatError):
        load_path(path)


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def test_a_docx_is_read_paragraph_by_paragraph(tmp_path):
    path = tmp_path / "story.docx"
    path.write_bytes(
        _docx(["Talks Resume", "The talks resumed on Monday. Both sides were hopeful."])
    )
    document = Document.from_file(path)
    assert [s.text for s in document.sentences] == [
        "The talks resumed on Monday.",
        "Both sides were hopeful.",
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", pdf_without_text(), "no text layer"),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 40, "zip|docx"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
        ("a.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 40, "Office"),
    ],
)
def test_the_cli_names_formats_it_cannot_read_in_one_line(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["brief", str(path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("error:")
    assert re.search(message, result.output, flags=re.IGNORECASE)


def test_the_cli_briefs_a_pdf(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(pdf_with_lines([ARTICLE_LINES]))
    result = CliRunner().invoke(app, ["brief", str(path), "--method", "lead", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Prime Minister Narendra Modi on Wednesday congratulated")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab -.\n?A")))
def test_rebuilding_paragraphs_only_moves_white_space_and_line_end_hyphens(text):
    rebuilt = rebuild_paragraphs(text)
    assert "\n\n" not in rebuilt
    squeeze = lambda t: "".join(t.split()).replace("-", "")  # noqa: E731
    assert squeeze(rebuilt) == squeeze(text)
