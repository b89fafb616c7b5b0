"""A summarizer's parameters, read from its factory's signature, and checked before it is called.

A factory (usually a class) declares its parameters as keyword arguments with defaults and type
hints; it may add a one-line meaning for each in a ``parameter_help`` mapping. That is all
``summarize methods NAME`` shows, and all :func:`check_parameters` needs to turn a misspelt name
or a word where a number belongs into a :class:`~summarize.errors.ParameterError` that names the
valid parameters, before the factory ever sees them.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from summarize.errors import ParameterError

__all__ = ["ParameterInfo", "check_parameters", "describe_parameters"]


@dataclass(frozen=True)
class ParameterInfo:
    """One parameter of a summarizer: its name, type, default and what it means."""

    name: str
    type: str
    """The type hint as written, e.g. ``float`` or ``int | None``; empty when there is none."""
    default: Any
    required: bool
    meaning: str

    def to_dict(self) -> dict[str, Any]:
        """Return the parameter as JSON-ready data (a default that is not JSON becomes its repr)."""
        default = self.default
        if not isinstance(default, (str, int, float, bool, type(None), list, dict)):
            default = list(default) if isinstance(default, tuple) else repr(default)
        return {
            "name": self.name,
            "type": self.type,
            "default": default,
            "required": self.required,
            "meaning": self.meaning,
        }


def _signature(factory: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(factory, eval_str=True)
    except (NameError, TypeError, SyntaxError):  # hints we cannot evaluate: keep them as text
        try:
            return inspect.signature(factory)
        except (TypeError, ValueError):
            return None
    except ValueError:  # no signature at all (some builtins)
        return None


def _keyword_parameters(signature: inspect.Signature) -> list[inspect.Parameter]:
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p for p in signature.parameters.values() if p.kind in kinds]


def _type_text(annotation: Any) -> str:
    if annotation is inspect.Parameter.empty:
        return ""
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "").replace("collections.abc.", "")


def describe_parameters(factory: Callable[..., Any]) -> tuple[ParameterInfo, ...]:
    """Return the keyword parameters ``factory`` accepts, in signature order."""
    signature = _signature(factory)
    if signature is None:
        return ()
    meanings: Mapping[str, str] = getattr(factory, "parameter_help", None) or {}
    return tuple(
        ParameterInfo(
            name=parameter.name,
            type=_type_text(parameter.annotation),
            default=None if parameter.default is inspect.Parameter.empty else parameter.default,
            required=parameter.default is inspect.Parameter.empty,
            meaning=meanings.get(parameter.name, ""),
        )
        for parameter in _keyword_parameters(signature)
    )


def _number_kinds(annotation: Any) -> tuple[type, ...] | None:
    """``(int,)`` or ``(int, float)`` when the hint asks for a number, else ``None``."""
    members = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    numbers = [m for m in members if m in (int, float)]
    if not numbers or any(m not in (int, float, type(None)) for m in members):
        return None
    return (int, float) if float in numbers else (int,)


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _accepts_none(annotation: Any) -> bool:
    return _is_union(annotation) and type(None) in typing.get_args(annotation)


def check_parameters(
    method: str,
    factory: Callable[..., Any],
    params: Mapping[str, Any],
    *,
    see: str | None = None,
) -> None:
    """Raise :class:`ParameterError` for a parameter ``factory`` does not take or a non-number.

    Names are checked only when the factory's signature is known and takes no ``**kwargs``;
    values only against ``int``/``float`` hints (range checks stay with the factory). ``see``
    is the command the error points to (default ``summarize methods METHOD``).
    """
    signature = _signature(factory)
    if signature is None:
        return
    known = {p.name: p for p in _keyword_parameters(signature)}
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in signature.parameters.values())
    for name, value in params.items():
        parameter = known.get(name)
        if parameter is None:
            if takes_any:
                continue
            close = get_close_matches(name, list(known), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            valid = ", ".join(known) or "none"
            raise ParameterError(
                f"'{method}' has no parameter '{name}' ({hint}valid: {valid}; "
                f"see: {see or 'summarize methods ' + method})"
            )
        kinds = _number_kinds(parameter.annotation)
        if kinds is None or (value is None and _accepts_none(parameter.annotation)):
            continue
        if isinstance(value, bool) or not isinstance(value, kinds):
            wanted = "a whole number" if kinds == (int,) else "a number"
            raise ParameterError(f"{method}: {name} must be {wanted}, got {value!r}")
