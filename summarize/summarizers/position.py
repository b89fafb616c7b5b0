"""Position-aware directed centrality for news (after PacSum, Zheng & Lapata 2019).

News puts its key facts first, and later sentences elaborate on them. So a sentence is
summary-worthy when it comes early *and* the rest of the article keeps returning to it:

    score(i) = forward(i) / max forward  +  position_weight · exp(-i / position_decay)
    forward(i) = Σ_{j > i} max(0, cos(i, j) - threshold)

with cosines between TF-IDF vectors of stemmed content words (PacSum's "forward" edges: only
later sentences vote for an earlier one). Sentences shorter than ``min_words`` words (datelines,
bylines, photo credits) score below every longer one. The defaults were tuned on the two
development files only (``benchmarks/tune_position.py``; numbers in ``docs/extractive.md``).

Cosines are computed in blocks of rows, so memory stays at ``block × n`` floats even for a
5,000-sentence document, with a progress call per block.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from summarize.document import Document
from summarize.errors import ParameterError
from summarize.summarizers.base import ProgressCallback, ScoringSummarizer
from summarize.summarizers.textrank import term_count_matrix
from summarize.text import content_terms, words

__all__ = ["PositionSummarizer", "forward_centrality", "tfidf_vectors"]

_BLOCK_ROWS = 512


def tfidf_vectors(sentences: list[list[str]]) -> sparse.csr_matrix:
    """Return L2-normalised TF-IDF rows (log-scaled tf, smoothed idf) of tokenised sentences."""
    counts = term_count_matrix(sentences).tocsr()
    n = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0
    weighted = counts.copy()
    weighted.data = 1.0 + np.log(weighted.data)
    weighted = (weighted @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return (sparse.diags(inverse) @ weighted).tocsr()


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


class PositionSummarizer(ScoringSummarizer):
    """Early sentences that later sentences keep returning to: directed centrality + position."""

    name = "position"
    description = (
        "Position-aware directed centrality for news (PacSum-style, TF-IDF); tuned to beat "
        "lead-3 on ROUGE-1/2 on the dev sets."
    )

    def __init__(
        self,
        position_weight: float = 1.0,
        position_decay: float = 3.0,
        threshold: float = 0.05,
        min_words: int = 8,
    ) -> None:
        for key, value in (("position_weight", position_weight), ("threshold", threshold)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise ParameterError(f"{key} must be a number >= 0, got {value!r}")
        if isinstance(position_decay, bool) or not (
            isinstance(position_decay, (int, float)) and position_decay > 0
        ):
            raise ParameterError(
                f"position_decay must be a positive number, got {position_decay!r}"
            )
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 0:
            raise ParameterError(f"min_words must be a whole number >= 0, got {min_words!r}")
        if threshold >= 1:
            raise ParameterError(f"threshold must be below 1, got {threshold}")
        self.position_weight = float(position_weight)
        self.position_decay = float(position_decay)
        self.threshold = float(threshold)
        self.min_words = min_words

    @property
    def params(self) -> dict[str, float]:
        """Position weight and decay (in sentences), cosine threshold, shortest full sentence."""
        return {
            "position_weight": self.position_weight,
            "position_decay": self.position_decay,
            "threshold": self.threshold,
            "min_words": self.min_words,
        }

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Return each sentence's normalised forward centrality plus its position prior."""
        sentences = document.sentences
        terms = [content_terms(s.text) for s in sentences]
        forward = forward_centrality(tfidf_vectors(terms), self.threshold, progress)
        top = float(forward.max()) if len(forward) else 0.0
        centrality = forward / top if top > 0 else forward
        positions = np.arange(len(sentences), dtype=float)
        scores = centrality + self.position_weight * np.exp(-positions / self.position_decay)
        short = np.array([len(words(s.text)) < self.min_words for s in sentences], dtype=bool)
        # Short sentences rank after every long one, in their own score order.
        ceiling = float(scores.max()) + 1.0 if len(scores) else 0.0
        return np.where(short, scores - 2.0 * ceiling - 1.0, scores)
