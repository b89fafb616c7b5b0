"""Evaluation of summaries: ROUGE, factuality against the source, and extractiveness.

``evaluate(summary, references=..., source=...)`` scores one summary every way it can;
the modules below hold each measure (see ``docs/evaluation.md``).
"""

from summarize.evaluation.evaluator import (
    CorpusStatistics,
    Evaluation,
    Evaluator,
    MetricSummary,
    evaluate,
)
from summarize.evaluation.extractiveness import Extractiveness, extractiveness
from summarize.evaluation.factuality import (
    FactualityChecker,
    FactualityResult,
    Issue,
    SentenceVerdict,
    check_factuality,
)
from summarize.evaluation.rouge import RougeScorer, Score, normalize_ptb, rouge
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
