"""Factuality checkers by name: the offline rules, the LLM judge, and whatever plugins add.

A checker is an entry point in the group ``summarize.checkers`` whose object is a factory
(usually a class) with a ``description``; calling it with keyword parameters gives an object
with ``check(summary, source) -> CheckResult``. The built-ins are declared exactly as a plugin
declares its own, in :data:`BUILTIN_CHECKERS`:

``rules``  the offline checks of :mod:`summarize.evaluation.factuality` (the default)
``llm``    the LLM judge of :mod:`summarize.llm.judge` (needs a configured server)

A plugin brings, say, an NLI model by declaring in its own ``pyproject.toml``::

    [project.entry-points."summarize.checkers"]
    nli = "my_package.checker:NLIChecker"

Plugins are discovered on the first lookup, never at import time, and cannot shadow a
built-in name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Protocol, runtime_checkable

from summarize.document import Document
from summarize.errors import ParameterError, PluginError, SummarizeError, UnknownCheckerError
from summarize.registry import load_plugin

__all__ = [
    "BUILTIN_CHECKERS",
    "CHECKER_GROUP",
    "CheckResult",
    "Checker",
    "CheckerInfo",
    "CheckerRegistry",
    "LLMJudgeChecker",
    "RulesChecker",
    "default_checkers",
]

CHECKER_GROUP = "summarize.checkers"
BUILTIN_CHECKERS: tuple[EntryPoint, ...] = (
    EntryPoint("rules", "summarize.checkers:RulesChecker", CHECKER_GROUP),
    EntryPoint("llm", "summarize.checkers:LLMJudgeChecker", CHECKER_GROUP),
)
"""The checkers that ship with summarize, declared as a plugin declares its own."""


@runtime_checkable
class CheckResult(Protocol):
    """What every checker returns: a score in [0, 1], a label (True = consistent), JSON."""

    @property
    def score(self) -> float:
        """How consistent the summary is with its source, in [0, 1]."""

    @property
    def label(self) -> bool:
        """True when the summary is judged consistent."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready details (per-sentence verdicts, evidence, cost...)."""


class Checker(Protocol):
    """Judges whether a summary is consistent with its source."""

    def check(self, summary: str, source: str | Document) -> CheckResult:
        """Check ``summary`` against ``source``."""


class RulesChecker:
    """Offline rule checks and a calibrated model (no network, no GPU, ~15 ms a pair)."""

    description = "offline checks of names, numbers, dates, quotes, speakers; calibrated score"

    def __init__(self, *, threshold: float | None = None) -> None:
        from summarize.evaluation.factuality import FactualityChecker

        self._factory = FactualityChecker
        self.threshold = threshold
        self._last: tuple[str | Document, Any] | None = None

    def check(self, summary: str, source: str | Document) -> CheckResult:
        """Check ``summary``; the source is analysed once for consecutive summaries of it."""
        if self._last is None or not (self._last[0] is source or self._last[0] == source):
            self._last = (source, self._factory(source, threshold=self.threshold))
        result: CheckResult = self._last[1].check(summary)
        return result


class LLMJudgeChecker:
    """The LLM judge: asks a language model (OpenAI-compatible server) for each sentence."""

    description = "an LLM judges each sentence (needs a server: see summarize config)"

    def __init__(self, **settings: Any) -> None:
        self.settings = settings

    def check(self, summary: str, source: str | Document) -> CheckResult:
        """Ask the configured model; errors are :class:`~summarize.errors.LLMError`."""
        from summarize.llm.judge import judge_factuality

        return judge_factuality(summary, source, **self.settings)


@dataclass(frozen=True)
class CheckerInfo:
    """What ``summarize checkers`` shows about one checker."""

    name: str
    description: str
    origin: str
    builtin: bool


class CheckerRegistry:
    """Name → checker factory: built-ins plus the ``summarize.checkers`` entry points."""

    def __init__(
        self,
        builtins: Iterable[EntryPoint] = BUILTIN_CHECKERS,
        *,
        group: str | None = CHECKER_GROUP,
    ) -> None:
        self._entry_points: dict[str, EntryPoint] = {ep.name: ep for ep in builtins}
        self._builtin_names = frozenset(self._entry_points)
        self._loaded: dict[str, Callable[..., Any]] = {}
        self._group = group
        self.problems: list[str] = []
        """Plugins that were refused or failed to load, one message each."""

    def available(self) -> list[str]:
        """The names of every checker, built-ins first, then plugins, each sorted."""
        self._discover()
        plugins = sorted(set(self._entry_points) - self._builtin_names)
        return [*sorted(self._builtin_names, key=["rules", "llm"].index), *plugins]

    def factory(self, name: str) -> Callable[..., Any]:
        """The factory registered under ``name``, its module loaded on first use."""
        self._discover()
        if name in self._loaded:
            return self._loaded[name]
        if name not in self._entry_points:
            close = get_close_matches(name, self.available(), n=1)
            raise UnknownCheckerError(name, self.available(), close[0] if close else None)
        loaded = load_plugin(self._entry_points[name], "checker")
        self._loaded[name] = loaded
        return loaded

    def get(self, name: str, **params: Any) -> Checker:
        """A ready checker: the factory under ``name`` called with ``params``."""
        factory = self.factory(name)
        try:
            checker: Checker = factory(**params)
        except SummarizeError:
            raise
        except TypeError as exc:
            raise ParameterError(f"bad parameters for checker '{name}': {exc}") from exc
        except Exception as exc:
            raise PluginError(f"checker '{name}' failed to start: {exc}") from exc
        if not callable(getattr(checker, "check", None)):
            raise PluginError(f"checker '{name}' has no check(summary, source) method")
        return checker

    def describe(self) -> list[CheckerInfo]:
        """Describe every checker that loads; failures go to :attr:`problems`."""
        infos = []
        for name in self.available():
            try:
                factory = self.factory(name)
            except PluginError as exc:
                self.problems.append(str(exc))
                continue
            doc = (getattr(factory, "__doc__", None) or "").strip().splitlines()
            entry_point = self._entry_points[name]
            builtin = name in self._builtin_names
            origin = "summarize" if builtin else "plugin"
            if entry_point.dist is not None and not builtin:
                origin = entry_point.dist.name
            description = getattr(factory, "description", doc[0] if doc else "")
            infos.append(CheckerInfo(name, str(description), origin, builtin))
        return infos

    def _discover(self) -> None:
        if self._group is None:
            return
        group, self._group = self._group, None
        builtin_values = {ep.value for ep in BUILTIN_CHECKERS}
        for entry_point in entry_points(group=group):
            if entry_point.value in builtin_values:
                continue
            if entry_point.name in self._builtin_names:
                self.problems.append(
                    f"plugin '{entry_point.value}' wants the built-in checker name "
                    f"'{entry_point.name}' and was not loaded; built-ins cannot be shadowed"
                )
            elif entry_point.name in self._entry_points:
                self.problems.append(
                    f"two plugins want the checker name '{entry_point.name}': kept "
                    f"{self._entry_points[entry_point.name].value}, ignored {entry_point.value}"
                )
            else:
                self._entry_points[entry_point.name] = entry_point


@lru_cache(maxsize=1)
def default_checkers() -> CheckerRegistry:
    """The process-wide checker registry (built-ins plus installed plugins)."""
    return CheckerRegistry()
