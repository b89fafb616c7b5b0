"""The registry: method name → summarizer factory, for built-ins and plugins alike.

Built-ins and third-party plugins take the same path: each is an entry point
(``importlib.metadata.EntryPoint``) in the group ``summarize.summarizers`` whose object is a
factory (usually a class) with ``description`` and optionally ``family`` and ``origin``
attributes; calling it with keyword parameters gives a :class:`~summarize.summarizers.base.Summarizer`.
Plugins are discovered lazily, on the first lookup, never at import time; a plugin that
uses a built-in's name is refused and reported, never silently preferred.

One name per implementation: a method implemented by sumy is named ``sumy-…`` (so ``kl`` is
ours and ``sumy-kl`` is sumy's). The plain names sumy users know (``lsa``, ``luhn``, …) are
aliases (:data:`BUILTIN_ALIASES`): they resolve, and a briefing records the name asked for, but
listings and the default benchmark show each implementation once, under its canonical name.

A factory that delegates to other methods (``llm`` with ``strategy="extract-then-abstract"``)
declares a keyword parameter ``registry``; :meth:`Registry.get` passes itself there, so the
delegate comes from the same registry, not from a global one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

from summarize.errors import ParameterError, PluginError, SummarizeError, UnknownMethodError
from summarize.parameters import ParameterInfo, check_parameters, describe_parameters

if TYPE_CHECKING:
    from summarize.summarizers.base import Summarizer

__all__ = [
    "BUILTIN_ALIASES",
    "BUILTIN_ENTRY_POINTS",
    "ENTRY_POINT_GROUP",
    "MethodInfo",
    "Registry",
    "default_registry",
    "load_plugin",
]

ENTRY_POINT_GROUP = "summarize.summarizers"

BUILTIN_ENTRY_POINTS: tuple[EntryPoint, ...] = tuple(
    EntryPoint(name, value, ENTRY_POINT_GROUP)
    for name, value in {
        "lead": "summarize.summarizers.lead:LeadSummarizer",
        "textrank": "summarize.summarizers.textrank:TextRankSummarizer",
        "llm": "summarize.summarizers.llm:LLMSummarizer",
        "lexrank": "summarize.summarizers.lexrank:LexRankSummarizer",
        "kl": "summarize.summarizers.kl:KLSummarizer",
        "position": "summarize.summarizers.position:PositionSummarizer",
        "sumy-edmundson": "summarize.summarizers.sumy_family:SumyEdmundson",
        "sumy-kl": "summarize.summarizers.sumy_family:SumyKL",
        "sumy-lexrank": "summarize.summarizers.sumy_family:SumyLexRank",
        "sumy-lsa": "summarize.summarizers.sumy_family:SumyLsa",
        "sumy-luhn": "summarize.summarizers.sumy_family:SumyLuhn",
        "sumy-reduction": "summarize.summarizers.sumy_family:SumyReduction",
        "sumy-sumbasic": "summarize.summarizers.sumy_family:SumySumBasic",
        "sumy-textrank": "summarize.summarizers.sumy_family:SumyTextRank",
    }.items()
)
"""The summarizers that ship with summarize, declared exactly as a plugin declares its own."""

BUILTIN_ALIASES: dict[str, str] = {
    "edmundson": "sumy-edmundson",
    "lsa": "sumy-lsa",
    "luhn": "sumy-luhn",
    "reduction": "sumy-reduction",
    "sumbasic": "sumy-sumbasic",
}
"""Other names for built-ins: the plain names of the sumy methods we have no version of."""


@dataclass(frozen=True)
class MethodInfo:
    """What ``summarize methods`` shows about one registered summarizer."""

    name: str
    family: str
    """``extractive`` or ``abstractive``."""
    origin: str
    """Who implements it: ``summarize``, ``sumy``, or the plugin's distribution."""
    description: str
    builtin: bool
    aliases: tuple[str, ...] = ()
    """Other names that run the same implementation (not listed on their own)."""
    parameters: tuple[ParameterInfo, ...] = ()
    """The keyword parameters the method takes, with defaults and meanings."""

    def to_dict(self, *, parameters: bool = True) -> dict[str, Any]:
        """Return the description as JSON-ready data (``parameters`` may be left out)."""
        data: dict[str, Any] = {
            "name": self.name,
            "family": self.family,
            "origin": self.origin,
            "description": self.description,
            "builtin": self.builtin,
            "aliases": list(self.aliases),
        }
        if parameters:
            data["parameters"] = [p.to_dict() for p in self.parameters]
        return data


class Registry:
    """Name → summarizer factory. Build a fresh one in tests; use :func:`default_registry` elsewhere."""

    def __init__(
        self,
        builtins: Iterable[EntryPoint] = BUILTIN_ENTRY_POINTS,
        *,
        aliases: Mapping[str, str] | None = None,
        group: str | None = ENTRY_POINT_GROUP,
    ) -> None:
        self._entry_points: dict[str, EntryPoint] = {ep.name: ep for ep in builtins}
        if aliases is None:
            aliases = {a: n for a, n in BUILTIN_ALIASES.items() if n in self._entry_points}
        self._aliases: dict[str, str] = dict(aliases)
        self._builtin_names = frozenset(self._entry_points) | frozenset(self._aliases)
        self._loaded: dict[str, Callable[..., Any]] = {}
        self._group = group
        self._discovered = group is None
        self.problems: list[str] = []
        """Plugins that were refused or failed to load, one message each."""

    def register(self, name: str, factory: Callable[..., Any], *, replace: bool = False) -> None:
        """Add a summarizer factory under ``name`` (refuses to replace unless ``replace``)."""
        self._discover()
        taken = name in self._entry_points or name in self._loaded or name in self._aliases
        if not replace and taken:
            raise PluginError(f"a summarizer named '{name}' is already registered")
        self._aliases.pop(name, None)
        self._loaded[name] = factory

    def available(self) -> list[str]:
        """Return the canonical name of every registered summarizer, sorted (no aliases)."""
        self._discover()
        return sorted(set(self._entry_points) | set(self._loaded))

    def canonical(self, name: str) -> str:
        """Return the name ``name`` is an alias of, or ``name`` itself."""
        return self._aliases.get(name, name)

    def aliases(self, name: str) -> tuple[str, ...]:
        """Return the other names of the summarizer registered as ``name``, sorted."""
        return tuple(sorted(a for a, n in self._aliases.items() if n == self.canonical(name)))

    def factory(self, name: str) -> Callable[..., Any]:
        """Return the factory registered under ``name`` (or an alias), loading it if needed."""
        self._discover()
        name = self.canonical(name)
        if name in self._loaded:
            return self._loaded[name]
        if name not in self._entry_points:
            raise UnknownMethodError(name, [*self.available(), *self._aliases])
        loaded = load_plugin(self._entry_points[name], "summarizer")
        self._loaded[name] = loaded
        return loaded

    def get(self, name: str, **params: Any) -> Summarizer:
        """Return a ready summarizer: the factory under ``name`` called with ``params``.

        Asked for by an alias, the summarizer carries that name, so its briefings record it.
        """
        factory = self.factory(name)
        check_parameters(name, factory, params)
        if "registry" not in params and _takes_registry(factory):
            params = {**params, "registry": self}
        try:
            summarizer: Summarizer = factory(**params)
        except SummarizeError:
            raise
        except TypeError as exc:
            raise ParameterError(f"bad parameters for '{name}': {exc}") from exc
        except Exception as exc:  # a plugin's bug must surface as one clear error
            raise PluginError(f"summarizer '{name}' failed to start: {exc}") from exc
        if name in self._aliases:
            summarizer.name = name
        return summarizer

    def info(self, name: str) -> MethodInfo:
        """Describe the summarizer registered under ``name`` (an alias describes its target)."""
        factory = self.factory(name)
        name = self.canonical(name)
        doc = (getattr(factory, "__doc__", None) or "").strip().splitlines()
        return MethodInfo(
            name=name,
            family=getattr(factory, "family", "extractive"),
            origin=getattr(factory, "origin", self._origin(name)),
            description=getattr(factory, "description", doc[0] if doc else ""),
            builtin=name in self._builtin_names,
            aliases=self.aliases(name),
            parameters=tuple(p for p in describe_parameters(factory) if p.name != "registry"),
        )

    def methods(self) -> list[MethodInfo]:
        """Describe every summarizer that loads; failures go to :attr:`problems`."""
        infos = []
        for name in self.available():
            try:
                infos.append(self.info(name))
            except PluginError as exc:
                self.problems.append(str(exc))
        return infos

    def _origin(self, name: str) -> str:
        entry_point = self._entry_points.get(name)
        if entry_point is not None and entry_point.dist is not None:
            return entry_point.dist.name
        return "summarize" if name in self._builtin_names else "plugin"

    def _discover(self) -> None:
        if self._discovered or self._group is None:
            return
        self._discovered = True
        for entry_point in entry_points(group=self._group):
            if entry_point.value in {ep.value for ep in BUILTIN_ENTRY_POINTS}:
                continue  # our own declaration of a built-in, seen through installed metadata
            if entry_point.name in self._builtin_names:  # built-in names and their aliases
                self.problems.append(
                    f"plugin '{entry_point.value}' wants the built-in name "
                    f"'{entry_point.name}' and was not loaded; built-ins cannot be shadowed"
                )
                continue
            if entry_point.name in self._entry_points:
                self.problems.append(
                    f"two plugins want the name '{entry_point.name}': "
                    f"kept {self._entry_points[entry_point.name].value}, "
                    f"ignored {entry_point.value}"
                )
                continue
            self._entry_points[entry_point.name] = entry_point


def _takes_registry(factory: Callable[..., Any]) -> bool:
    try:
        return "registry" in inspect.signature(factory).parameters
    except (TypeError, ValueError):  # no signature to read (some built-in callables)
        return False


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """Return the process-wide registry (built-ins plus installed plugins)."""
    return Registry()


def load_plugin(entry_point: EntryPoint, kind: str) -> Callable[..., Any]:
    """The object an entry point names (a summarizer's or checker's factory), imported now; a
    failure is a :class:`PluginError` naming the ``kind`` and the plugin, never a traceback."""
    try:
        loaded: Callable[..., Any] = entry_point.load()
    except Exception as exc:  # a broken plugin must not take the toolkit down
        raise PluginError(
            f"{kind} '{entry_point.name}' failed to load from {entry_point.value}: {exc}"
        ) from exc
    return loaded
