"""TextRank (Mihalcea & Tarau 2004) on sparse matrices; ranks as ``sumy``'s TextRank does.

Sentences are nodes; the edge between two sentences weighs their shared content words
(counted with multiplicity) divided by the sum of the logarithms of their lengths. Rows are
normalised and PageRank with damping runs by power iteration until the step is below
``epsilon``. The maths follows ``sumy.summarizers.text_rank`` step for step, so the two
pick the same sentences, but the matrix is sparse and built in one product instead of a
Python double loop, from term counts gathered in one cached pass over the words
(:func:`summarize.summarizers.terms.content_term_counts`, shared with ``lexrank`` and
``position``). A 5,000-sentence
document takes a few seconds and well under 100 MB; no dense n × n matrix is ever built.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from summarize.document import Document
from summarize.errors import ParameterError
from summarize.summarizers.base import ProgressCallback, ScoringSummarizer
from summarize.summarizers.terms import content_term_counts, term_counts

_ZERO_DIVISION_PREVENTION = 1e-7  # the same constant sumy adds to row sums
_MAX_ITERATIONS = 10_000


def textrank_weights(sentences: Sequence[Sequence[str]] | sparse.spmatrix) -> sparse.csr_matrix:
    """Return the row-normalised TextRank similarity matrix.

    ``sentences`` is either tokenised sentences or their term count matrix.
    """
    counts = term_counts(sentences)
    overlap = (counts @ counts.T).tocoo()
    lengths = np.asarray(counts.sum(axis=1), dtype=float).ravel()
    logs = np.log(np.maximum(lengths, 1.0))
    norm = logs[overlap.row] + logs[overlap.col]
    # Two one-word sentences: log 1 + log 1 = 0, and sumy uses the raw overlap instead.
    values = np.where(
        np.isclose(norm, 0.0), overlap.data, overlap.data / np.where(norm == 0, 1, norm)
    )
    weights = sparse.csr_matrix((values, (overlap.row, overlap.col)), shape=overlap.shape)
    row_sums = np.asarray(weights.sum(axis=1)).ravel() + _ZERO_DIVISION_PREVENTION
    return sparse.diags(1.0 / row_sums) @ weights


def pagerank(
    weights: sparse.spmatrix,
    *,
    damping: float,
    epsilon: float,
    progress: ProgressCallback | None = None,
) -> np.ndarray:
    """Power iteration of ``(1-d)/n + d·W`` (transposed), started from the uniform vector."""
    n = weights.shape[0]
    transposed = weights.T.tocsr()
    p = np.full(n, 1.0 / n)
    for iteration in range(_MAX_ITERATIONS):
        following = (1.0 - damping) / n * p.sum() + damping * (transposed @ p)
        step = float(np.linalg.norm(following - p))
        p = following
        if progress is not None:
            progress(iteration + 1, iteration + 2)
        if step <= epsilon:
            break
    return p


class TextRankSummarizer(ScoringSummarizer):
    """Graph centrality over sentence word overlap (Mihalcea & Tarau 2004)."""

    name = "textrank"
    description = "TextRank: PageRank over sentence word overlap (ours, sparse; ranks as sumy's)."
    parameter_help = {
        "damping": "PageRank damping factor, between 0 and 1 (sumy's default)",
        "epsilon": "stop the power iteration once a step moves the scores less than this",
    }

    def __init__(self, damping: float = 0.85, epsilon: float = 1e-4) -> None:
        if not 0.0 < damping < 1.0:
            raise ParameterError(f"damping must be between 0 and 1, got {damping}")
        if not epsilon > 0.0:
            raise ParameterError(f"epsilon must be positive, got {epsilon}")
        self.damping = damping
        self.epsilon = epsilon

    @property
    def params(self) -> dict[str, float]:
        """Damping factor and convergence threshold."""
        return {"damping": self.damping, "epsilon": self.epsilon}

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Return each sentence's stationary probability in the TextRank graph."""
        counts = content_term_counts([s.text for s in document.sentences], document.language)
        weights = textrank_weights(counts)
        return pagerank(weights, damping=self.damping, epsilon=self.epsilon, progress=progress)
