"""A third-party-style summarizer used by the registry tests: registered as a real entry point."""

from __future__ import annotations

import numpy as np

from summarize.summarizers.base import ScoringSummarizer


class LastSentence(ScoringSummarizer):
    """Keeps the last sentences (a plugin would do something cleverer)."""

    name = "last"
    description = "The last N sentences (test plugin)."
    origin = "tests"

    def score(self, document, progress=None):
        """Later sentences score higher."""
        return np.arange(len(document.sentences), dtype=float)


def broken_factory(**params):
    """A factory whose module imports fine but which fails when called."""
    raise RuntimeError("plugin exploded")
