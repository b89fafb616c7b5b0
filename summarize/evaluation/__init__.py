"""Evaluation of summaries: ROUGE, factuality against the source, and extractiveness.

``evaluate(summary, references=..., source=...)`` scores one summary every way it can;
the modules below hold each measure (see ``docs/evaluation.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarize._lazy import lazy_exports

# Eager, because each shares its name with its module: importing the module (which anything
# may do) would otherwise leave the package attribute pointing at the module, not the function.
from summarize.evaluation.extractiveness import extractiveness
from summarize.evaluation.rouge import rouge

if TYPE_CHECKING:
    from summarize.evaluation.evaluator import (
        CorpusStatistics,
        Evaluation,
        Evaluator,
        MetricSummary,
        evaluate,
    )
    from summarize.evaluation.extractiveness import Extractiveness
    from summarize.evaluation.factuality import (
        FactualityChecker,
        FactualityResult,
        Issue,
        SentenceVerdict,
        check_factuality,
    )
    from summarize.evaluation.rouge import RougeScorer, Score, normalize_ptb
    from summarize.evaluation.stats import Interval, bootstrap_ci, paired_test
    from summarize.evaluation.tokenize import RougeTokenizer, UnicodeTokenizer

__all__ = [
    "CorpusStatistics",
    "Evaluation",
    "Evaluator",
    "Extractiveness",
    "FactualityChecker",
    "FactualityResult",
    "Interval",
    "Issue",
    "MetricSummary",
    "RougeScorer",
    "RougeTokenizer",
    "Score",
    "SentenceVerdict",
    "UnicodeTokenizer",
    "bootstrap_ci",
    "check_factuality",
    "evaluate",
    "extractiveness",
    "normalize_ptb",
    "paired_test",
    "rouge",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    globals(),
    {
        "CorpusStatistics": "summarize.evaluation.evaluator",
        "Evaluation": "summarize.evaluation.evaluator",
        "Evaluator": "summarize.evaluation.evaluator",
        "Extractiveness": "summarize.evaluation.extractiveness",
        "FactualityChecker": "summarize.evaluation.factuality",
        "FactualityResult": "summarize.evaluation.factuality",
        "Interval": "summarize.evaluation.stats",
        "Issue": "summarize.evaluation.factuality",
        "MetricSummary": "summarize.evaluation.evaluator",
        "RougeScorer": "summarize.evaluation.rouge",
        "RougeTokenizer": "summarize.evaluation.tokenize",
        "Score": "summarize.evaluation.rouge",
        "SentenceVerdict": "summarize.evaluation.factuality",
        "UnicodeTokenizer": "summarize.evaluation.tokenize",
        "bootstrap_ci": "summarize.evaluation.stats",
        "check_factuality": "summarize.evaluation.factuality",
        "evaluate": "summarize.evaluation.evaluator",
        "normalize_ptb": "summarize.evaluation.rouge",
        "paired_test": "summarize.evaluation.stats",
    },
)
