"""Lead-N: the first sentences of the article, the classic news baseline."""

from __future__ import annotations

import numpy as np

from summarize.document import Document
from summarize.summarizers.base import ProgressCallback, ScoringSummarizer


class LeadSummarizer(ScoringSummarizer):
    """Keep the first sentences of the (cleaned) document."""

    name = "lead"
    description = "The first N sentences (after page chrome is removed): the news baseline."

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Score sentences by position: earlier is better."""
        return -np.arange(len(document.sentences), dtype=float)
