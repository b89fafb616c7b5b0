"""Whole news pages (the benchmark's development layouts, on a story written here) brief cleanly."""

from __future__ import annotations

import random

import pytest

from benchmarks.pages.dev_layouts import LAYOUTS
from benchmarks.pages.render import Story, to_copied_text, to_html
from summarize import Budget, Document, get

STORY = Story(
    headline="Council approves 12 new bus routes after 3-year review",
    dek="The city council approved twelve new bus routes on Tuesday.",
    topic="bus routes",
    paragraphs=[
        "The city council on Tuesday approved twelve new bus routes, ending a three-year review "
        "of how people travel between the suburbs and the centre.",
        "The routes will start running in September, the transport committee said, and will "
        "add about 400 daily services to the network.",
        "Officials said the review had drawn more than 9,000 responses from residents, most of "
        "them asking for later evening buses.",
        "Opposition members welcomed the plan but warned that the budget for new drivers had "
        "not yet been agreed.",
        "The council expects the new routes to cut average journey times by eleven minutes.",
        "A public consultation on the timetables will open next month.",
    ],
)
METHODS = ["lead", "textrank", "lexrank", "kl", "position", "luhn"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("as_html", [True, False])
def test_a_laid_out_page_briefs_only_story_sentences(layout, as_html):
    blocks = LAYOUTS[layout](STORY, random.Random(7))
    page = to_html(blocks, STORY) if as_html else to_copied_text(blocks)
    document = Document.from_string(page)
    body = "\n".join(STORY.paragraphs)
    for method in METHODS:
        briefing = get(method).summarize(document, Budget(sentences=3))
        assert all(s.text in body for s in briefing.sentences), (method, briefing.text)
    lead = get("lead").summarize(document, Budget(sentences=1))
    assert STORY.paragraphs[0].startswith(lead.sentences[0].text)
