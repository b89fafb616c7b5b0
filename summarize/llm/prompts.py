"""Prompt templates: plain files in ``summarize/prompts/`` (package data), strict variables.

A template file looks like::

    # One line saying what the prompt is for (shown by ``summarize prompts``).
    [system]
    Text of the system message (optional section).
    [user]
    Text of the user message, with variables like {{length}} and {{article}}.

Variables are ``{{name}}``; only the names in :data:`VARIABLES` exist. A template that uses an
unknown variable is refused when it is loaded, and rendering one without a value for every
variable it uses is a :class:`~summarize.errors.PromptError` naming the variable; nothing is
ever silently left blank. The built-in templates live in ``summarize/prompts/`` inside the
package (one copy, no symlink, so Windows checkouts and wheels carry them alike; the top-level
``prompts/`` holds only a README pointing there); ``--prompt-file PATH`` loads a user's own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from summarize.errors import PromptError

__all__ = [
    "BRIEFING_PROMPTS",
    "VARIABLES",
    "ChatMessage",
    "PromptTemplate",
    "builtin_prompts",
    "load_prompt",
    "load_prompt_file",
    "parse_prompt",
]

VARIABLES: dict[str, str] = {
    "article": "the numbered source sentences, one per line ('[n] sentence')",
    "length": "the length instruction, e.g. 'exactly 3 bullet points'",
    "summaries": "map-reduce: the partial summaries with their citations",
    "summary": "judge: the summary to check",
    "problems": "repair: the unsupported sentences and why",
}
"""Every variable a template may use, and what it holds."""

BRIEFING_PROMPTS = ("briefing", "paragraph")
"""Built-in prompts that write a briefing from ``{{article}}`` (``--prompt`` choices)."""

_VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_SECTION = re.compile(r"^\[(system|user)\]\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ChatMessage:
    """One chat message: ``role`` is ``system``, ``user`` or ``assistant``."""

    role: str
    content: str

    def to_dict(self) -> dict[str, str]:
        """Return the message as the chat API wants it."""
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class PromptTemplate:
    """A parsed prompt: a name, what it is for, and its system and user templates."""

    name: str
    description: str
    system: str | None
    user: str
    source: str
    """Where the template came from (a file path or ``builtin``), for error messages."""

    @property
    def variables(self) -> frozenset[str]:
        """The variables the template uses."""
        text = (self.system or "") + "\n" + self.user
        return frozenset(_VARIABLE.findall(text))

    def require(self, *names: str) -> None:
        """Refuse a template that lacks one of ``names`` (e.g. a briefing prompt without article)."""
        missing = [n for n in names if n not in self.variables]
        if missing:
            raise PromptError(
                f"prompt '{self.name}' ({self.source}) must use "
                + ", ".join("{{" + n + "}}" for n in missing)
            )

    def render(self, values: Mapping[str, str]) -> tuple[ChatMessage, ...]:
        """Fill in the variables; a variable without a value is a :class:`PromptError`."""
        messages = []
        if self.system is not None:
            messages.append(ChatMessage("system", self._fill(self.system, values)))
        messages.append(ChatMessage("user", self._fill(self.user, values)))
        return tuple(messages)

    def _fill(self, template: str, values: Mapping[str, str]) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                raise PromptError(
                    f"prompt '{self.name}' ({self.source}) uses {{{{{name}}}}} "
                    "but no value was given for it"
                )
            return values[name]

        # One pass: a value that itself contains "{{x}}" (e.g. in an article) is not expanded.
        return _VARIABLE.sub(value, template)


def parse_prompt(text: str, *, name: str, source: str) -> PromptTemplate:
    """Parse template text (see the module docstring); check its variables are known."""
    lines = text.lstrip("\ufeff").splitlines()
    description_lines = []
    while lines and lines[0].startswith("#"):
        description_lines.append(lines.pop(0).lstrip("#").strip())
    body = "\n".join(lines)
    sections = _SECTION.split(body)
    system: str | None = None
    user: str | None = None
    if len(sections) == 1:
        user = body.strip()
    else:
        if sections[0].strip():
            raise PromptError(
                f"prompt '{name}' ({source}): text before the first [system] or [user] line"
            )
        for role, content in zip(sections[1::2], sections[2::2], strict=True):
            if role == "system":
                system = content.strip()
            else:
                user = content.strip()
    if not user:
        raise PromptError(f"prompt '{name}' ({source}) has no [user] text")
    template = PromptTemplate(name, " ".join(description_lines), system, user, source)
    unknown = sorted(template.variables - set(VARIABLES))
    if unknown:
        raise PromptError(
            f"prompt '{name}' ({source}) uses unknown variable "
            + ", ".join("{{" + v + "}}" for v in unknown)
            + f" (known: {', '.join(sorted(VARIABLES))})"
        )
    return template


def builtin_prompts() -> dict[str, PromptTemplate]:
    """Every prompt that ships with summarize, by name."""
    directory = files("summarize").joinpath("prompts")
    prompts = {}
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            name = entry.name.removesuffix(".txt")
            text = entry.read_text(encoding="utf-8")
            prompts[name] = parse_prompt(text, name=name, source="builtin")
    return prompts


def load_prompt(name: str) -> PromptTemplate:
    """Return the built-in prompt called ``name``."""
    prompts = builtin_prompts()
    if name not in prompts:
        raise PromptError(
            f"unknown prompt '{name}' (choose from: {', '.join(prompts)}; see: summarize prompts)"
        )
    return prompts[name]


def load_prompt_file(path: str | Path) -> PromptTemplate:
    """Load a user's own template file (same format as the built-ins)."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"no such prompt file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptError(f"cannot read prompt file {path}: {exc}") from exc
    return parse_prompt(text, name=path.stem, source=str(path))
