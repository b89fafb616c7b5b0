"""Position-aware directed centrality for news (after PacSum, Zheng & Lapata 2019).

News puts its key facts first, and later sentences elaborate on them. So a sentence is
summary-worthy when it comes early *and* the rest of the article keeps returning to it:

    salience(i) = forward(i) / max forward  +  position_weight · exp(-i / position_decay)
    forward(i)  = Σ_{j > i} max(0, cos(i, j) - threshold)

with cosines between TF-IDF vectors of stemmed content words (PacSum's "forward" edges: only
later sentences vote for an earlier one). Sentences are then picked greedily by salience minus
``redundancy`` × their largest cosine with a sentence already picked (maximal marginal
relevance, Carbonell & Goldstein 1998), so two lead sentences that say the same thing do not
both take the budget. Four parameters, tuned on the two development files only
(``benchmarks/tune_position.py``; numbers in ``docs/extractive.md``).

Cosines are computed in blocks of rows (memory ``block × n`` floats, even for 5,000 sentences,
with a progress call per block); the greedy step runs only as often as the budget needs.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from summarize.document import Document
from summarize.errors import ParameterError
from summarize.summarizers.base import (
    Budget,
    ProgressCallback,
    ScoringSummarizer,
)
from summarize.summarizers.kl import GreedyStop
from summarize.summarizers.terms import content_term_counts, l2_normalize_rows, term_counts
from summarize.text import words

__all__ = ["PositionSummarizer", "forward_centrality", "tfidf_vectors"]

_BLOCK_ROWS = 512


def tfidf_vectors(sentences: list[list[str]] | sparse.spmatrix) -> sparse.csr_matrix:
    """Return L2-normalised TF-IDF rows (log-scaled tf, smoothed idf).

    ``sentences`` is tokenised sentences or their term count matrix.
    """
    counts = term_counts(sentences)
    n = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    return l2_normalize_rows((weighted @ sparse.diags(idf)).tocsr())


def forward_centrality(
    vectors: sparse.csr_matrix, threshold: float, progress: ProgressCallback | None = None
) -> np.ndarray:
    """Return ``Σ_{j>i} max(0, cos(i, j) - threshold)`` for every row ``i``, block by block."""
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    result = np.zeros(n)
    blocks = max(1, -(-n // _BLOCK_ROWS))
    for block, start in enumerate(range(0, n, _BLOCK_ROWS)):
        cosines = (vectors[start : start + _BLOCK_ROWS] @ transposed).tocoo()
        keep = (cosines.col > cosines.row + start) & (cosines.data > threshold)
        np.add.at(result, cosines.row[keep] + start, cosines.data[keep] - threshold)
        if progress is not None:
            progress(block + 1, blocks)
    return result


def position_salience(
    vectors: sparse.csr_matrix,
    *,
    position_weight: float,
    position_decay: float,
    threshold: float,
    progress: ProgressCallback | None = None,
) -> np.ndarray:
    """Return normalised forward centrality plus the position prior, one value per sentence."""
    forward = forward_centrality(vectors, threshold, progress)
    top = float(forward.max()) if len(forward) else 0.0
    centrality = forward / top if top > 0 else forward
    positions = np.arange(len(forward), dtype=float)
    return centrality + position_weight * np.exp(-positions / position_decay)


def redundancy_aware_order(
    salience: np.ndarray,
    vectors: sparse.csr_matrix,
    redundancy: float,
    stop: GreedyStop,
) -> list[int]:
    """Greedy MMR: pick ``argmax salience - redundancy · max cosine to the picks`` (ties: earlier)."""
    n = len(salience)
    closest = np.zeros(n)
    order: list[int] = []
    while len(order) < n:
        value = salience - redundancy * closest
        value[stop.picked] = -np.inf
        best = int(np.argmax(value))
        order.append(best)
        if stop.pick(best):
            break
        if redundancy > 0:
            cosines = (vectors @ vectors[best].T).toarray().ravel()
            np.maximum(closest, cosines, out=closest)
    return order


class PositionSummarizer(ScoringSummarizer):
    """Early sentences that later sentences keep returning to, without repeating each other."""

    name = "position"
    description = (
        "News: PacSum-style directed TF-IDF centrality + position prior + redundancy "
        "penalty; beats lead-3 on the dev sets."
    )
    parameter_help = {
        "position_weight": "weight of the position prior against centrality (0: no prior)",
        "position_decay": "how fast the prior fades, in sentences: exp(-index / decay)",
        "threshold": "cosines at or below this cast no vote for an earlier sentence",
        "redundancy": "penalty × the largest cosine with a sentence already picked (0: none)",
    }

    def __init__(
        self,
        position_weight: float = 6.0,
        position_decay: float = 12.0,
        threshold: float = 0.1,
        redundancy: float = 2.0,
    ) -> None:
        checks = (
            ("position_weight", position_weight, 0.0, False),
            ("position_decay", position_decay, 0.0, True),
            ("threshold", threshold, 0.0, False),
            ("redundancy", redundancy, 0.0, False),
        )
        for key, value, low, strict in checks:
            valid = not isinstance(value, bool) and isinstance(value, (int, float))
            valid = valid and (value > low if strict else value >= low) and value < float("inf")
            if not valid:
                bound = f"> {low:g}" if strict else f">= {low:g}"
                raise ParameterError(f"{key} must be a finite number {bound}, got {value!r}")
        if threshold >= 1:
            raise ParameterError(f"threshold must be below 1, got {threshold}")
        self.position_weight = float(position_weight)
        self.position_decay = float(position_decay)
        self.threshold = float(threshold)
        self.redundancy = float(redundancy)

    @property
    def params(self) -> dict[str, float]:
        """Position weight and decay (in sentences), cosine threshold, redundancy penalty."""
        return {
            "position_weight": self.position_weight,
            "position_decay": self.position_decay,
            "threshold": self.threshold,
            "redundancy": self.redundancy,
        }

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Score every sentence by its place in the full greedy order (first pick highest)."""
        return self.score_within(document, None, progress)

    def score_within(
        self, document: Document, budget: Budget | None, progress: ProgressCallback | None = None
    ) -> np.ndarray:
        """Rank only as many sentences as ``budget`` can use; the rest score ``-inf``."""
        sentences = document.sentences
        vectors = tfidf_vectors(content_term_counts([s.text for s in sentences], document.language))
        salience = position_salience(
            vectors,
            position_weight=self.position_weight,
            position_decay=self.position_decay,
            threshold=self.threshold,
            progress=progress,
        )
        stop = GreedyStop(budget, [len(words(s.text)) for s in sentences])
        order = redundancy_aware_order(salience, vectors, self.redundancy, stop)
        scores = np.full(len(sentences), -np.inf)
        scores[order] = -np.arange(len(order), dtype=float)
        return scores
