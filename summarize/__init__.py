"""summarize: short, trustworthy briefings of news articles, and measures of how good they are.

>>> import summarize
>>> briefing = summarize.brief(article_text, method="textrank", sentences=3)
>>> print(briefing.to_markdown())
"""

from summarize.api import DEFAULT_METHOD, available, brief, get, methods
from summarize.briefing import SCHEMA_VERSION, Briefing, BriefingSentence, Flag
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
    UnknownMethodError,
    UnsupportedFormatError,
    WorkerError,
)
from summarize.evaluation import Evaluation, Evaluator, Extractiveness, Score, evaluate
from summarize.evaluation.factuality import FactualityChecker, FactualityResult, check_factuality
from summarize.registry import MethodInfo, Registry, default_registry
from summarize.summarizers.base import Budget, ScoringSummarizer, Summarizer

__version__ = "0.1.0"

__all__ = [
    "Briefing",
    "BriefingSentence",
    "Budget",
    "BudgetError",
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
    "UnknownMethodError",
    "UnsupportedFormatError",
    "WorkerError",
    "__version__",
    "available",
    "brief",
    "check_factuality",
    "default_registry",
    "evaluate",
    "get",
    "methods",
]
