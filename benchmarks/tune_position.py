"""Tune the ``position`` summarizer on the two development files, and compare with lead and TextRank.

    .venv/bin/python benchmarks/tune_position.py            # grid search, then the table
    .venv/bin/python benchmarks/tune_position.py --no-grid  # only the table, shipped defaults
    .venv/bin/python benchmarks/tune_position.py --no-grid --heldout  # + newsroom, never tuned on

Data: ``../shared/data/cnndm_summeval_dev.jsonl`` (100 CNN/DM stories, PTB-tokenized source and
references: system output comes from the tokenized source, so both sides share one
normalization) and ``../shared/data/news_writer_summaries.jsonl`` (109 raw-text articles).
Scoring: ``rouge_score`` with the Porter stemmer, F1, every method at 3 sentences. Multi-reference
ROUGE takes the best reference per document (max F1 per ROUGE type); for CNN/DM we also report
the single original highlight (``references[0]``), the standard CNN/DM setting. The objective:
the setting's smallest margin over lead among the four numbers (R1 and R2, multi-reference, on
both files), ties broken by the mean margin; so the winner beats lead everywhere by as much as
it can, rather than a lot on one file and barely on the other.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer

from summarize.document import Document
from summarize.summarizers.base import Budget, select_sentences
from summarize.summarizers.kl import GreedyStop
from summarize.summarizers.position import (
    PositionSummarizer,
    position_salience,
    redundancy_aware_order,
    tfidf_vectors,
)
from summarize.summarizers.textrank import TextRankSummarizer
from summarize.text import content_terms, words

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
FILES = ("cnndm_summeval_dev.jsonl", "news_writer_summaries.jsonl")
HELDOUT = "newsroom_human60.jsonl"
BUDGET = Budget(sentences=3)
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)

GRID = {
    "position_weight": (2.0, 3.0, 4.0, 5.0, 6.0, 8.0),
    "position_decay": (5.0, 8.0, 12.0),
    "threshold": (0.1, 0.2),
    "redundancy": (0.0, 1.0, 1.5, 2.0),
}


class Article:
    """One development article: its document, references and cached features."""

    def __init__(self, source: str, references: Sequence[str]) -> None:
        self.document = Document.from_text(source)
        self.references = [r for r in references if r.strip()]
        self.terms = [content_terms(s.text) for s in self.document.sentences]
        self.lengths = np.array([len(words(s.text)) for s in self.document.sentences])
        self.vectors = tfidf_vectors(self.terms)
        self._rouge: dict[tuple[tuple[int, ...], bool], dict[str, float]] = {}

    def rouge(
        self, picked: tuple[int, ...], first_reference_only: bool = False
    ) -> dict[str, float]:
        """ROUGE F1 of the picked sentences (best reference per type), cached by selection."""
        key = (picked, first_reference_only)
        if key not in self._rouge:
            summary = "\n".join(self.document.sentences[i].text for i in picked)
            references = self.references[:1] if first_reference_only else self.references
            best = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
            for reference in references:
                scores = SCORER.score(reference, summary)
                for name in best:
                    best[name] = max(best[name], scores[name].fmeasure)
            self._rouge[key] = best
        return self._rouge[key]


def load(name: str, limit: int | None = None) -> list[Article]:
    """Read a development file as articles."""
    articles = []
    with open(DATA / name, encoding="utf-8") as handle:
        for line in itertools.islice(handle, limit):
            row = json.loads(line)
            articles.append(Article(row["source"], row["references"]))
    return articles


def position_scores(article: Article, params: dict[str, float]) -> np.ndarray:
    """The position summarizer's scores at the 3-sentence budget (the module's own functions)."""
    salience = position_salience(
        article.vectors,
        position_weight=params["position_weight"],
        position_decay=params["position_decay"],
        threshold=params["threshold"],
    )
    stop = GreedyStop(BUDGET, article.lengths)
    order = redundancy_aware_order(salience, article.vectors, params["redundancy"], stop)
    scores = np.full(len(salience), -np.inf)
    scores[order] = -np.arange(len(order), dtype=float)
    return scores


def evaluate(
    articles: list[Article],
    scores: Callable[[Article], np.ndarray],
    first_reference_only: bool = False,
) -> dict[str, float]:
    """Mean ROUGE F1 (×100) of a scoring function over ``articles`` at the 3-sentence budget."""
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for article in articles:
        picked = tuple(i for i, _ in select_sentences(article.document, scores(article), BUDGET))
        for name, value in article.rouge(picked, first_reference_only).items():
            totals[name] += value
    return {name: 100 * value / len(articles) for name, value in totals.items()}


def lead(article: Article) -> np.ndarray:
    """Lead-3 scores."""
    return -np.arange(len(article.document.sentences), dtype=float)


def textrank(article: Article) -> np.ndarray:
    """TextRank scores with its defaults."""
    return TextRankSummarizer().score(article.document)


def main(argv: Sequence[str] | None = None) -> int:
    """Grid-search the position parameters and print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-grid", action="store_true", help="only score the shipped defaults")
    parser.add_argument("--limit", type=int, default=None, help="articles per file (debugging)")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help=f"also score {HELDOUT} (never used for tuning; 1 reference, PTB-tokenized)",
    )
    args = parser.parse_args(argv)
    data = {name: load(name, args.limit) for name in FILES}
    baseline = {name: evaluate(articles, lead) for name, articles in data.items()}
    defaults = PositionSummarizer().params
    best_params, best_objective = defaults, (-np.inf, -np.inf)
    if not args.no_grid:
        for values in itertools.product(*GRID.values()):
            params = dict(zip(GRID, values, strict=True))
            results = {
                name: evaluate(articles, lambda a, p=params: position_scores(a, p))
                for name, articles in data.items()
            }
            margins = [results[n][k] - baseline[n][k] for n in FILES for k in ("rouge1", "rouge2")]
            objective = (min(margins), float(np.mean(margins)))
            if objective > best_objective:
                best_params, best_objective = params, objective
        print(
            f"best setting (smallest margin over lead {best_objective[0]:+.2f}, "
            f"mean {best_objective[1]:+.2f}): {best_params}"
        )
        print(f"shipped defaults: {defaults}")
    rows = [
        ("lead", lead),
        ("textrank", textrank),
        ("position", lambda a: position_scores(a, defaults)),
    ]
    if best_params != defaults:
        rows.append(("position (best)", lambda a: position_scores(a, best_params)))
    print()
    print("ROUGE F1 x100, 3 sentences, rouge_score with stemming; multi-ref = best reference")
    header = f"{'method':<16}"
    for name in FILES:
        short = name.split("_")[0]
        header += f" | {short + ' R1':>11} {'R2':>6} {'RL':>6}"
    header += f" | {'cnndm orig-highlight R1':>23} {'R2':>6} {'RL':>6}"
    heldout = load(HELDOUT, args.limit) if args.heldout else None
    if heldout is not None:
        header += f" | {'held-out newsroom R1':>20} {'R2':>6} {'RL':>6}"
    print(header)
    print("-" * len(header))
    for label, function in rows:
        line = f"{label:<16}"
        for name in FILES:
            r = evaluate(data[name], function)
            line += f" | {r['rouge1']:>11.2f} {r['rouge2']:>6.2f} {r['rougeL']:>6.2f}"
        r = evaluate(data[FILES[0]], function, first_reference_only=True)
        line += f" | {r['rouge1']:>23.2f} {r['rouge2']:>6.2f} {r['rougeL']:>6.2f}"
        if heldout is not None:
            r = evaluate(heldout, function)
            line += f" | {r['rouge1']:>20.2f} {r['rouge2']:>6.2f} {r['rougeL']:>6.2f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
