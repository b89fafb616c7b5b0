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


def _modules_after(code: str) -> set[str]:
    import subprocess
    import sys

    program = f"import sys; {code}; print(' '.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return set(out.stdout.split())


HEAVY = {"numpy", "scipy", "nltk", "openai", "trafilatura", "matplotlib", "rich", "sumy"}


def test_import_summarize_loads_nothing_heavy():
    assert not _modules_after("import summarize") & HEAVY


def test_a_briefing_loads_only_what_it_uses():
    loaded = _modules_after("import summarize; summarize.brief('The council met. It voted.')")
    assert {"numpy", "nltk"} <= loaded  # our stemmer comes from nltk
    unused = {"scipy.stats", "openai", "trafilatura", "matplotlib", "rich", "typer"}
    assert not loaded & (unused | {"sumy.summarizers"})
    assert "summarize.evaluation.factuality" not in loaded and "summarize.bench" not in loaded


def test_nltk_still_works_in_full_for_its_other_users():
    from scipy.stats import fisher_exact

    import summarize._nltk

    summarize._nltk.load_nltk()
    from nltk.metrics import BigramAssocMeasures

    expected = fisher_exact([[5, 5], [5, 85]], alternative="less")[1]
    assert BigramAssocMeasures.fisher(5, (10, 10), 100) == expected


@pytest.mark.parametrize("package", ["summarize", "summarize.evaluation", "summarize.bench"])
def test_every_lazily_exported_name_resolves_to_what_its_module_defines(package):
    import importlib

    module = importlib.import_module(package)
    for name in module.__all__:
        if name == "__version__":
            continue
        value = getattr(module, name)
        assert not inspect.ismodule(value), f"{package}.{name} is a module"
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
