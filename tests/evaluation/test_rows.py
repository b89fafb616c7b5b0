"""Rows of an evaluation file: every bad line is a BadRowError naming it, never a crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.errors import BadRowError
from summarize.evaluation.rows import EvaluationRow, parse_row


def test_a_full_row_and_defaults():
    row = parse_row(
        b'\xef\xbb\xbf{"id": "x", "summary": "s", "references": ["r"], "source": "a"}', 1
    )
    assert row == EvaluationRow(1, "x", "s", ("r",), "a")
    assert parse_row('{"summary": "s", "references": null, "source": "a"}', 7) == EvaluationRow(
        7, 7, "s", (), "a"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"summary": "s", "id": true}', "'id' must be text or a number, not true/false"),
        ('{"summary": "s", "source": 3}', "'source' must be text, not a number"),
        ('{"summary": "s", "references": ["a", 1]}', "'references' must be a list of texts"),
        (
            '{"summary": "s", "references": []}',
            "neither 'references' nor 'source': nothing to score the summary against",
        ),
        (
            '{"summary": "s"}',
            "neither 'references' nor 'source': nothing to score the summary against",
        ),
        ("null", "expected a JSON object, got null"),
    ],
)
def test_each_problem_is_named(line, problem):
    with pytest.raises(BadRowError) as caught:
        parse_row(line, 12)
    assert caught.value.line == 12
    assert str(caught.value) == f"line 12: {problem}"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=80), st.text(max_size=80).map(str.encode)))
def test_any_bytes_parse_or_raise_bad_row(raw):
    try:
        row = parse_row(raw, 3)
    except BadRowError as problem:
        assert str(problem).startswith("line 3: ")
    else:
        assert isinstance(row.summary, str)
        assert json.loads(raw.decode("utf-8"))["summary"] == row.summary
