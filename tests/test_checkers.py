"""Factuality checkers by name: built-ins and plugins through the real entry-point path."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize import CheckerRegistry, PluginError, UnknownCheckerError
from summarize.checkers import RulesChecker


@pytest.fixture
def installed(checker_plugin: Path) -> CheckerRegistry:
    return CheckerRegistry()


def test_builtins_are_rules_then_llm() -> None:
    registry = CheckerRegistry(group=None)
    assert registry.available() == ["rules", "llm"]
    assert [info.builtin for info in registry.describe()] == [True, True]
    assert isinstance(registry.get("rules"), RulesChecker)


def test_rules_checker_gives_the_offline_verdict(modi_text: str) -> None:
    checker = summarize.default_checkers().get("rules")
    result = checker.check("Putin secured an unprecedented sixth term.", modi_text)
    assert result.label is False and 0.0 <= result.score < 0.5
    assert [i["span"] for s in result.to_dict()["sentences"] for i in s["issues"]] == ["sixth"]


def test_an_installed_plugin_is_found_and_checks(installed: CheckerRegistry) -> None:
    assert installed.available()[:2] == ["rules", "llm"]
    assert {"length", "hollow", "ghost"} <= set(installed.available())
    verdict = installed.get("length", ratio=0.5).check("a long summary", "short source")
    assert (verdict.score, verdict.label) == (0.0, False)
    info = next(i for i in installed.describe() if i.name == "length")
    assert (info.origin, info.builtin) == ("fake-checkers", False)


def test_a_plugin_cannot_shadow_a_builtin(installed: CheckerRegistry) -> None:
    assert isinstance(installed.get("rules"), RulesChecker)
    assert "length" in installed.available()  # looking plugins up reports the clash
    assert any("cannot be shadowed" in problem for problem in installed.problems)
    assert isinstance(installed.get("rules"), RulesChecker)


def test_broken_plugins_are_one_clear_error(installed: CheckerRegistry) -> None:
    with pytest.raises(PluginError, match="failed to load"):
        installed.get("ghost")
    with pytest.raises(PluginError, match=r"no check\(summary, source\) method"):
        installed.get("hollow")
    assert any("ghost" in problem for problem in [*installed.problems, *_described(installed)])


def _described(registry: CheckerRegistry) -> list[str]:
    registry.describe()
    return registry.problems


def test_unknown_name_lists_the_installed_checkers() -> None:
    with pytest.raises(UnknownCheckerError) as error:
        CheckerRegistry(group=None).get("rulez")
    assert str(error.value) == (
        "unknown checker 'rulez' (did you mean 'rules'? available: rules, llm; "
        "see: summarize checkers)"
    )


def test_bad_parameters_are_a_typed_error() -> None:
    with pytest.raises(summarize.ParameterError, match="bad parameters for checker 'rules'"):
        CheckerRegistry(group=None).get("rules", threshhold=0.5)
