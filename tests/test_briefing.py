"""Briefings: provenance for every sentence, three renderings, a documented JSON schema."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest

import summarize
from summarize import Briefing, BriefingSentence, Budget, Flag, FormatError

SCHEMA = json.loads(files("summarize").joinpath("schemas/briefing.schema.json").read_text())


@pytest.mark.parametrize("method", ["lead", "textrank"])
def test_json_output_validates_and_offsets_slice_the_input(modi_text, method):
    briefing = summarize.brief(modi_text, method, sentences=3)
    data = json.loads(briefing.to_json())
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == summarize.SCHEMA_VERSION
    assert data["method"] == method
    assert len(data["sentences"]) == 3
    for sentence in data["sentences"]:
        assert modi_text[sentence["start"] : sentence["end"]] == sentence["text"]
        [[start, end]] = sentence["source_spans"]
        assert (start, end) == (sentence["start"], sentence["end"])
    indices = [s["source_sentences"][0] for s in data["sentences"]]
    assert indices == sorted(indices)


def test_text_and_markdown_renderings(modi_text):
    briefing = summarize.brief(modi_text, "lead", sentences=2)
    lines = briefing.to_text().splitlines()
    assert lines == [" ".join(s.text.split()) for s in briefing.sentences]
    assert briefing.text.splitlines() == lines
    bullets = briefing.to_markdown().splitlines()
    assert all(line.startswith("- ") for line in bullets) and len(bullets) == 2


def test_abstractive_sentences_render_citations_and_flags():
    sentence = BriefingSentence(
        text="Modi called Putin on Thursday.",
        source_sentences=(0, 2),
        source_spans=((0, 10), (20, 30)),
        flags=(Flag("date", "'Thursday' is not in the source", "Thursday"),),
    )
    briefing = Briefing(
        (sentence,), method="llm", budget=Budget(sentences=1), headline="Modi calls Putin"
    )
    markdown = briefing.to_markdown()
    assert markdown.startswith("## Modi calls Putin")
    assert "[1][3]" in markdown and "Thursday" in markdown
    assert "[unsupported:" in briefing.to_text()
    data = json.loads(briefing.to_json())
    jsonschema.validate(data, SCHEMA)
    assert data["sentences"][0]["extractive"] is False
    assert data["sentences"][0]["start"] is None


def test_unknown_format_is_a_typed_error(modi_text):
    with pytest.raises(FormatError):
        summarize.brief(modi_text).render("pdf")
