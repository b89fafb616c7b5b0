"""The one exception tree of summarize.

Library code raises these; only the CLI turns them into a one-line message and an exit code.

::

    SummarizeError                    base of everything summarize raises on purpose
    ├── InputError                    the input text or file cannot be used
    │   ├── EmptyDocumentError        no text (or no sentences) to summarize
    │   ├── InputTooLargeError        larger than the configured limit
    │   ├── DecodingError             bytes in no encoding we could recognise
    │   ├── FetchError                a URL that could not be fetched as a web page
    │   ├── UnsupportedFormatError    a file format we cannot read (or a PDF with no text layer)
    │   ├── DatasetError              a benchmark dataset that is missing, empty or malformed
    │   ├── BadRowError               a row of an evaluation file that cannot be scored (by line)
    │   └── ReportError               a benchmark run folder that cannot be reported on
    ├── BudgetError                   a length budget that makes no sense (0, negative, 2 kinds)
    ├── FormatError                   an output format we cannot render
    ├── ParameterError                a summarizer parameter that is out of range or unknown
    ├── UnknownMethodError            no summarizer registered under that name
    ├── UnknownCheckerError           no factuality checker registered under that name
    ├── PluginError                   a summarizer failed to load or start, clashes, or misbehaved
    ├── OutputExistsError             refusing to overwrite a file the user already has
    ├── ResultsConflictError          a results folder holding a different benchmark configuration
    ├── ResultsWriteError             benchmark results could not be written (e.g. disk full)
    ├── WorkerError                   a benchmark worker process died (killed, out of memory)
    ├── PromptError                   a prompt template that is missing, malformed or misused
    └── LLMError                      a language-model server could not give a usable answer
        ├── LLMConfigError            no server or key configured, or a bad LLM setting
        ├── LLMAuthError              the server refused the API key (401/403)
        ├── LLMModelError             the server does not know the model (404)
        ├── LLMConnectionError        unreachable, timed out, or overloaded (429/5xx) after retries
        └── LLMResponseError          an empty, cut-off or unparseable answer
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.llm.usage import Usage


class SummarizeError(Exception):
    """Base class of every error summarize raises on purpose."""


class InputError(SummarizeError):
    """The input text or file cannot be used."""


class EmptyDocumentError(InputError):
    """The input holds no text (or no sentences) to summarize."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class DecodingError(InputError):
    """The input bytes are in no text encoding we could recognise."""


class FetchError(InputError):
    """A URL that could not be fetched as a web page (refused, timed out, 404, not HTML …)."""


class UnsupportedFormatError(InputError):
    """A file we cannot read as text: an unknown format, a scanned or encrypted PDF."""


class BudgetError(SummarizeError, ValueError):
    """A length budget that makes no sense."""


class FormatError(SummarizeError, ValueError):
    """An output format we cannot render."""


class ParameterError(SummarizeError, ValueError):
    """A summarizer parameter that is out of range or unknown."""


class UnknownMethodError(SummarizeError, LookupError):
    """No summarizer is registered under the requested name."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        self.name = name
        self.available = sorted(available)
        close = get_close_matches(name, self.available, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        super().__init__(f"unknown method '{name}' ({hint}see: summarize methods)")


class UnknownCheckerError(SummarizeError, LookupError):
    """No factuality checker is registered under the requested name."""

    def __init__(self, name: str, available: Iterable[str], close: str | None = None) -> None:
        self.name = name
        self.available = list(available)
        hint = f"did you mean '{close}'? " if close else ""
        super().__init__(
            f"unknown checker '{name}' ({hint}available: {', '.join(self.available)}; "
            "see: summarize checkers)"
        )


class PluginError(SummarizeError):
    """A summarizer failed to load or start, clashes with a built-in name, or misbehaved."""


class OutputExistsError(SummarizeError, FileExistsError):
    """Refusing to overwrite a file that already exists."""


class DatasetError(InputError):
    """A benchmark dataset that is missing, empty, or has a malformed row (named by line)."""


class BadRowError(InputError):
    """A row of an evaluation JSONL file that cannot be scored; the message names its line."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")

    def __reduce__(self) -> tuple[type[BadRowError], tuple[int, str]]:
        # Rebuilt from (line, problem), so it can travel back from a worker process.
        return (type(self), (self.line, self.problem))


class ReportError(InputError):
    """A benchmark run folder that cannot be reported on: no results, or a schema we cannot read."""


class ResultsConflictError(SummarizeError):
    """A results folder already holds results of a different benchmark configuration."""


class ResultsWriteError(SummarizeError):
    """Benchmark results could not be written (e.g. the disk is full); written rows stay valid."""


class WorkerError(SummarizeError):
    """A benchmark worker process died (killed, or out of memory); finished rows are kept."""


class PromptError(SummarizeError, ValueError):
    """A prompt template that is missing, malformed, or uses or lacks a variable."""


class LLMError(SummarizeError):
    """A language-model server could not give a usable answer.

    ``usage`` is what the failed work had spent (tokens, calls, retries) when the code that
    raised knew it, so a failure is not free in the accounting.
    """

    usage: Usage | None = None


class LLMConfigError(LLMError):
    """No LLM server or key is configured, or an LLM setting (or config file) is invalid."""


class LLMAuthError(LLMError):
    """The LLM server refused the API key (HTTP 401 or 403)."""


class LLMModelError(LLMError):
    """The LLM server does not serve the requested model (HTTP 404)."""


class LLMConnectionError(LLMError):
    """The LLM server was unreachable, timed out, or kept failing (429/5xx) after every retry."""


class LLMResponseError(LLMError):
    """The LLM answered with nothing, was cut off, or answered in a form we cannot parse."""
