"""LexRank (Erkan & Radev 2004) on sparse matrices; ranks as ``sumy``'s LexRank does.

Each sentence is a TF-IDF vector of its stemmed content words (tf = count / the sentence's
largest count; idf = log(n / (1 + sentences containing the term)), sumy's formulas). Two
sentences are linked when their cosine is above ``threshold``; each row of the 0/1 graph is
divided by its degree, and the scores are the power method's fixed point (sumy's
``power_method``: no damping, normalised each step, until the step is at most ``epsilon``).

The cosine matrix is computed in blocks of rows and only the links above the threshold are
kept, so memory grows with the number of links, not with n²: a 5,000-sentence document never
holds more than ``block × n`` floats at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from summarize.document import Document
from summarize.errors import ParameterError
from summarize.summarizers.base import ProgressCallback, ScoringSummarizer
from summarize.summarizers.terms import content_term_counts, l2_normalize_rows, term_counts

__all__ = ["LexRankSummarizer", "lexrank_graph", "power_method", "tfidf_matrix"]

_BLOCK_ROWS = 512
_MAX_ITERATIONS = 10_000


def tfidf_matrix(sentences: Sequence[Sequence[str]] | sparse.spmatrix) -> sparse.csr_matrix:
    """Return the sentences × vocabulary TF-IDF matrix with sumy's LexRank weighting.

    ``sentences`` is tokenised sentences or their term count matrix. Rows are L2-normalised
    (rows with no weight stay zero), so a row product is a cosine.
    """
    counts = term_counts(sentences)
    n = counts.shape[0]
    max_tf = counts.max(axis=1).toarray().ravel()
    max_tf[max_tf == 0] = 1.0
    tf = sparse.diags(1.0 / max_tf) @ counts
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(n / (1.0 + document_frequency))
    return l2_normalize_rows((tf @ sparse.diags(idf)).tocsr())


def lexrank_graph(
    vectors: sparse.csr_matrix,
    threshold: float,
    progress: ProgressCallback | None = None,
) -> sparse.csr_matrix:
    """Return the degree-normalised 0/1 graph of cosines above ``threshold`` (block by block)."""
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    rows, cols = [], []
    blocks = max(1, -(-n // _BLOCK_ROWS))
    for block, start in enumerate(range(0, n, _BLOCK_ROWS)):
        cosines = (vectors[start : start + _BLOCK_ROWS] @ transposed).tocoo()
        keep = cosines.data > threshold
        rows.append(cosines.row[keep] + start)
        cols.append(cosines.col[keep])
        if progress is not None:
            progress(block + 1, blocks + 1)
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=int)
    degrees = np.bincount(row, minlength=n).astype(float)
    degrees[degrees == 0] = 1.0
    return sparse.csr_matrix((1.0 / degrees[row], (row, col)), shape=(n, n))


def power_method(matrix: sparse.spmatrix, epsilon: float) -> np.ndarray:
    """sumy's power method: ``p ← Mᵀp / |Mᵀp|`` from the uniform vector until the step ≤ ε.

    A graph with no links at all (no sentence has a content word) scores every sentence 0.
    """
    n = matrix.shape[0]
    transposed = matrix.T.tocsr()
    p = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITERATIONS):
        following = transposed @ p
        norm = float(np.linalg.norm(following))
        if norm == 0.0:
            return np.zeros(n)
        following /= norm
        step = float(np.linalg.norm(following - p))
        p = following
        if step <= epsilon:
            break
    return p


class LexRankSummarizer(ScoringSummarizer):
    """Eigenvector centrality in the graph of similar sentences (Erkan & Radev 2004)."""

    name = "lexrank"
    description = (
        "LexRank: centrality in the thresholded TF-IDF cosine graph (ours, sparse and "
        "blocked; ranks as sumy's)."
    )
    parameter_help = {
        "threshold": "link two sentences when their TF-IDF cosine is above this, in [0, 1)",
        "epsilon": "stop the power method once a step moves the scores less than this",
    }

    def __init__(self, threshold: float = 0.1, epsilon: float = 0.1) -> None:
        if isinstance(threshold, bool) or not 0.0 <= threshold < 1.0:
            raise ParameterError(f"threshold must be in [0, 1), got {threshold}")
        if isinstance(epsilon, bool) or not epsilon > 0.0:
            raise ParameterError(f"epsilon must be positive, got {epsilon}")
        self.threshold = float(threshold)
        self.epsilon = float(epsilon)

    @property
    def params(self) -> dict[str, float]:
        """Cosine threshold for a link, and the power method's stopping step."""
        return {"threshold": self.threshold, "epsilon": self.epsilon}

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Return each sentence's LexRank centrality."""
        counts = content_term_counts([s.text for s in document.sentences], document.language)
        graph = lexrank_graph(tfidf_matrix(counts), self.threshold, progress)
        scores = power_method(graph, self.epsilon)
        if progress is not None:
            progress(1, 1)
        return scores
