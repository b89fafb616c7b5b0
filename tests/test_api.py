"""The public API: `import summarize` is enough, `__all__` is complete and sorted."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summarize
from summarize import EmptyDocumentError


def test_all_is_sorted_and_complete():
    assert list(summarize.__all__) == sorted(summarize.__all__)
    public = {
        name
        for name, value in vars(summarize).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public <= set(summarize.__all__)
    for name in summarize.__all__:
        assert hasattr(summarize, name)


def test_every_public_thing_has_a_docstring():
    for name in summarize.__all__:
        value = getattr(summarize, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__doc__, name


def test_library_never_imports_the_cli():
    import subprocess
    import sys

    code = "import summarize, sys; summarize.brief('One. Two.'); print('typer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_brief_from_python(modi_text):
    briefing = summarize.brief(modi_text, method="textrank", sentences=3)
    assert len(briefing.sentences) == 3 and briefing.method == "textrank"
    assert briefing.text.startswith("Prime Minister Narendra Modi")


@settings(max_examples=100, deadline=None)
@given(st.text(), st.sampled_from(["lead", "textrank"]), st.integers(1, 5))
def test_any_text_gives_exact_substrings_or_the_documented_error(text, method, count):
    try:
        briefing = summarize.brief(text, method, sentences=count)
    except EmptyDocumentError:
        assert not text.strip() or "<" in text  # blank, or an HTML page without main text
        return
    assert 1 <= len(briefing.sentences) <= count
    for sentence in briefing.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("given", [b"The council met on Monday.", None, 42, ["a", "b"]])
def test_brief_refuses_what_is_not_text_with_an_input_error(given):
    with pytest.raises(summarize.InputError, match="brief\\(\\) takes text"):
        summarize.brief(given)
