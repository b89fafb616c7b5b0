"""summarize: short, trustworthy briefings of news articles, and measures of how good they are.

>>> import summarize
>>> briefing = summarize.brief(article_text, method="textrank", sentences=3)
>>> print(briefing.to_markdown())

``import summarize`` is cheap: each public name comes from its module on first use (PEP 562),
so a program (or a CLI command) pays only for the parts it touches.
"""

import typing

from summarize._lazy import lazy_exports as _lazy_exports

if typing.TYPE_CHECKING:
    from summarize.api import DEFAULT_METHOD, available, brief, get, methods
    from summarize.briefing import SCHEMA_VERSION, Briefing, BriefingSentence, Flag
    from summarize.checkers import CheckerRegistry, default_checkers
    from summarize.document import Document, PageMetadata, Paragraph, Sentence
    from summarize.errors import (
        BudgetError,
        DatasetError,
        DecodingError,
        EmptyDocumentError,
        FetchError,
        FormatError,
        InputError,
        InputTooLargeError,
        LLMAuthError,
        LLMConfigError,
        LLMConnectionError,
        LLMError,
        LLMModelError,
        LLMResponseError,
        OutputExistsError,
        ParameterError,
        PluginError,
        PromptError,
        ReportError,
        ResultsConflictError,
        ResultsWriteError,
        SummarizeError,
        UnknownCheckerError,
        UnknownMethodError,
        UnsupportedFormatError,
        WorkerError,
    )
    from summarize.evaluation import Evaluation, Evaluator, Extractiveness, Score, evaluate
    from summarize.evaluation.factuality import (
        FactualityChecker,
        FactualityResult,
        check_factuality,
    )
    from summarize.registry import MethodInfo, Registry, default_registry
    from summarize.summarizers.base import Budget, ScoringSummarizer, Summarizer

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Briefing": "summarize.briefing",
    "BriefingSentence": "summarize.briefing",
    "Budget": "summarize.summarizers.base",
    "CheckerRegistry": "summarize.checkers",
    "BudgetError": "summarize.errors",
    "DEFAULT_METHOD": "summarize.api",
    "DatasetError": "summarize.errors",
    "DecodingError": "summarize.errors",
    "Document": "summarize.document",
    "EmptyDocumentError": "summarize.errors",
    "Evaluation": "summarize.evaluation",
    "Evaluator": "summarize.evaluation",
    "Extractiveness": "summarize.evaluation",
    "FactualityChecker": "summarize.evaluation.factuality",
    "FactualityResult": "summarize.evaluation.factuality",
    "FetchError": "summarize.errors",
    "Flag": "summarize.briefing",
    "FormatError": "summarize.errors",
    "InputError": "summarize.errors",
    "InputTooLargeError": "summarize.errors",
    "LLMAuthError": "summarize.errors",
    "LLMConfigError": "summarize.errors",
    "LLMConnectionError": "summarize.errors",
    "LLMError": "summarize.errors",
    "LLMModelError": "summarize.errors",
    "LLMResponseError": "summarize.errors",
    "MethodInfo": "summarize.registry",
    "OutputExistsError": "summarize.errors",
    "PageMetadata": "summarize.document",
    "Paragraph": "summarize.document",
    "ParameterError": "summarize.errors",
    "PluginError": "summarize.errors",
    "PromptError": "summarize.errors",
    "ReportError": "summarize.errors",
    "Registry": "summarize.registry",
    "ResultsConflictError": "summarize.errors",
    "ResultsWriteError": "summarize.errors",
    "SCHEMA_VERSION": "summarize.briefing",
    "Score": "summarize.evaluation",
    "ScoringSummarizer": "summarize.summarizers.base",
    "Sentence": "summarize.document",
    "SummarizeError": "summarize.errors",
    "Summarizer": "summarize.summarizers.base",
    "UnknownCheckerError": "summarize.errors",
    "UnknownMethodError": "summarize.errors",
    "UnsupportedFormatError": "summarize.errors",
    "WorkerError": "summarize.errors",
    "available": "summarize.api",
    "brief": "summarize.api",
    "check_factuality": "summarize.evaluation.factuality",
    "default_checkers": "summarize.checkers",
    "default_registry": "summarize.registry",
    "evaluate": "summarize.evaluation",
    "get": "summarize.api",
    "methods": "summarize.api",
}
"""Public name → the module that defines it, imported on first use (PEP 562)."""

__all__ = [
    "Briefing",
    "BriefingSentence",
    "Budget",
    "BudgetError",
    "CheckerRegistry",
    "DEFAULT_METHOD",
    "DatasetError",
    "DecodingError",
    "Document",
    "EmptyDocumentError",
    "Evaluation",
    "Evaluator",
    "Extractiveness",
    "FactualityChecker",
    "FactualityResult",
    "FetchError",
    "Flag",
    "FormatError",
    "InputError",
    "InputTooLargeError",
    "LLMAuthError",
    "LLMConfigError",
    "LLMConnectionError",
    "LLMError",
    "LLMModelError",
    "LLMResponseError",
    "MethodInfo",
    "OutputExistsError",
    "PageMetadata",
    "Paragraph",
    "ParameterError",
    "PluginError",
    "PromptError",
    "Registry",
    "ReportError",
    "ResultsConflictError",
    "ResultsWriteError",
    "SCHEMA_VERSION",
    "Score",
    "ScoringSummarizer",
    "Sentence",
    "SummarizeError",
    "Summarizer",
    "UnknownCheckerError",
    "UnknownMethodError",
    "UnsupportedFormatError",
    "WorkerError",
    "__version__",
    "available",
    "brief",
    "check_factuality",
    "default_checkers",
    "default_registry",
    "evaluate",
    "get",
    "methods",
]


__getattr__, __dir__ = _lazy_exports(__name__, globals(), _EXPORTS)
