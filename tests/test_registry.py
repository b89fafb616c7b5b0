"""The registry: built-ins and plugins through one path, lazily, never shadowing built-ins."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

import summarize
from summarize import ParameterError, PluginError, Registry, UnknownMethodError
from summarize.registry import BUILTIN_ENTRY_POINTS, ENTRY_POINT_GROUP


def plugin(name: str, value: str) -> EntryPoint:
    return EntryPoint(name, value, ENTRY_POINT_GROUP)


def test_builtins_are_available_and_described():
    registry = Registry()
    assert {"lead", "textrank"} <= set(registry.available())
    info = registry.info("textrank")
    assert info.family == "extractive" and info.builtin and info.description


def test_a_plugin_declared_as_an_entry_point_is_found_and_runs(modi_text):
    registry = Registry(
        [*BUILTIN_ENTRY_POINTS, plugin("last", "tests.plugins.first_sentence:LastSentence")],
        group=None,
    )
    summarizer = registry.get("last")
    document = summarize.Document.from_text(modi_text)
    briefing = summarizer.summarize(document, summarize.Budget(sentences=1))
    assert briefing.sentences[0].text == document.sentences[-1].text
    assert registry.info("last").origin == "tests"


def test_plugins_load_lazily_not_at_construction():
    registry = Registry([plugin("ghost", "no_such_module_anywhere:Thing")], group=None)
    assert registry.available() == ["ghost"]  # listing does not import
    with pytest.raises(PluginError, match="failed to load"):
        registry.get("ghost")


def test_a_plugin_cannot_shadow_a_builtin(monkeypatch):
    impostor = plugin("textrank", "tests.plugins.first_sentence:LastSentence")
    monkeypatch.setattr(
        "summarize.registry.entry_points", lambda group: [impostor] if group else []
    )
    registry = Registry()
    assert registry.factory("textrank").__module__ == "summarize.summarizers.textrank"
    assert any("cannot be shadowed" in p for p in registry.problems)


def test_register_refuses_a_taken_name_unless_asked():
    registry = Registry(group=None)
    with pytest.raises(PluginError):
        registry.register("lead", lambda: None)
    registry.register("lead", lambda: "mine", replace=True)
    assert registry.get("lead") == "mine"


def test_unknown_method_suggests_the_closest_name():
    with pytest.raises(UnknownMethodError, match="did you mean 'textrank'"):
        Registry(group=None).get("textrnk")


def test_bad_parameters_are_a_typed_error():
    with pytest.raises(ParameterError):
        Registry(group=None).get("textrank", dampening=0.5)
    with pytest.raises(ParameterError):
        Registry(group=None).get("textrank", damping=1.5)


def test_a_factory_that_raises_is_reported_not_crashing():
    registry = Registry([plugin("boom", "tests.plugins.first_sentence:broken_factory")], group=None)
    with pytest.raises(PluginError, match="failed to start: plugin exploded"):
        registry.get("boom")
    assert registry.methods()[0].name == "boom"


@pytest.mark.parametrize(
    "alias, target",
    [("lsa", "sumy-lsa"), ("luhn", "sumy-luhn"), ("sumbasic", "sumy-sumbasic"),
     ("edmundson", "sumy-edmundson"), ("reduction", "sumy-reduction")],
)  # fmt: skip
def test_an_alias_runs_its_target_records_its_own_name_and_is_not_listed(alias, target, modi_text):
    registry = Registry(group=None)
    assert alias not in registry.available() and target in registry.available()
    assert alias not in {info.name for info in registry.methods()}
    assert registry.factory(alias) is registry.factory(target)
    assert registry.info(alias).name == target and alias in registry.info(target).aliases
    document = summarize.Document.from_text(modi_text)
    by_alias = registry.get(alias).summarize(document, summarize.Budget(sentences=2))
    by_target = registry.get(target).summarize(document, summarize.Budget(sentences=2))
    assert by_alias.method == alias and by_target.method == target
    assert [s.text for s in by_alias.sentences] == [s.text for s in by_target.sentences]


def test_a_plugin_cannot_take_an_alias(monkeypatch):
    impostor = plugin("lsa", "tests.plugins.first_sentence:LastSentence")
    monkeypatch.setattr(
        "summarize.registry.entry_points", lambda group: [impostor] if group else []
    )
    registry = Registry()
    assert registry.factory("lsa") is registry.factory("sumy-lsa")
    assert any("'lsa'" in p for p in registry.problems)


def test_a_misspelt_parameter_names_the_valid_ones():
    with pytest.raises(ParameterError) as raised:
        Registry(group=None).get("textrank", dampin=0.9)
    message = str(raised.value)
    assert "did you mean 'damping'" in message and "damping, epsilon" in message
    assert "__init__" not in message


@pytest.mark.parametrize("value", ["abc", True, [0.5], None])
def test_a_parameter_that_must_be_a_number_says_so(value):
    with pytest.raises(ParameterError, match="damping must be a number"):
        Registry(group=None).get("textrank", damping=value)


def test_an_optional_whole_number_takes_none_but_not_a_fraction():
    registry = Registry(group=None)
    assert registry.get("sumy-lsa", max_sentences=None).params["max_sentences"] == 800
    with pytest.raises(ParameterError, match="max_sentences must be a whole number"):
        registry.get("sumy-lsa", max_sentences=2.5)


def test_every_builtin_parameter_has_a_meaning():
    registry = Registry(group=None)
    for info in registry.methods():
        for parameter in info.parameters:
            assert parameter.meaning, f"{info.name}.{parameter.name}"
    damping = next(p for p in registry.info("textrank").parameters if p.name == "damping")
    assert (damping.type, damping.default, damping.required) == ("float", 0.85, False)
