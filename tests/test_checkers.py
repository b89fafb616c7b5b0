"""Factuality checkers by name: built-ins and plugins through the real entry-point path."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarize
from summarize import CheckerRegistry, PluginError, UnknownCheckerError
from summarize.checkers import RulesChecker

ENTRY_POINTS = """\
[summarize.checkers]
length = tests.plugins.checkers:LengthChecker
rules = tests.plugins.checkers:LengthChecker
hollow = tests.plugins.checkers:NoCheckMethod
ghost = no_such_module_anywhere:Thing
"""


def install_plugin(site: Path) -> None:
    """Write the metadata pip would write for a distribution that declares checkers."""
    dist = site / "fake_checkers-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-checkers\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(ENTRY_POINTS)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CheckerRegistry:
    install_plugin(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
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
    assert any("cannot be shadowed" in problem for problem in installed.problems)


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


def test_an_evaluator_with_a_plugin_checker_scores_on_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modi_text: str
) -> None:
    import json

    from summarize.evaluation.batch import score_lines
    from summarize.evaluation.evaluator import Evaluator

    install_plugin(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    summarize.default_checkers.cache_clear()
    try:
        evaluator = Evaluator(checker="length", checker_params={"ratio": 3.0})
        evaluator.evaluate("Modi called Putin.", source=modi_text)  # built here, not sent
        lines = [
            (n, json.dumps({"id": n, "summary": "x" * n * 2000, "source": modi_text}))
            for n in range(1, 5)
        ]
        scored = list(score_lines(lines, evaluator, workers=2, chunk_rows=1))
    finally:
        summarize.default_checkers.cache_clear()
    labels = [row.evaluation.factuality.label for row in scored]  # type: ignore[union-attr]
    ratio = [n * 2000 < 3.0 * len(modi_text) for n in range(1, 5)]
    assert True in ratio and False in ratio
    assert labels == ratio and {row.evaluation.checker for row in scored} == {"length"}
