"""Test summarizers for the benchmark tests, registered through the real registry API.

``slow-lead`` is ``lead`` that sleeps a little per document (so a run can be killed halfway);
``boom`` raises on any document that mentions "BOOM" and is ``lead`` otherwise; ``crash`` kills
its worker process on any document that mentions "CRASH".
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import numpy as np

from summarize.document import Document
from summarize.registry import Registry
from summarize.summarizers.base import ProgressCallback, ScoringSummarizer


class SlowLead(ScoringSummarizer):
    """Lead-N that takes ``delay`` seconds per document."""

    name = "slow-lead"
    description = "lead, slowly (a test double)"

    def __init__(self, delay: float = 0.2) -> None:
        self.delay = delay

    @property
    def params(self) -> dict[str, float]:
        return {"delay": self.delay}

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        time.sleep(self.delay)
        return -np.arange(len(document.sentences), dtype=float)


class Boom(ScoringSummarizer):
    """Lead-N, except that it raises on documents mentioning BOOM."""

    name = "boom"
    description = "raises on BOOM (a test double)"

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        if "BOOM" in document.text:
            raise RuntimeError("this summarizer cannot handle BOOM")
        return -np.arange(len(document.sentences), dtype=float)


class Crash(ScoringSummarizer):
    """Lead-N, except that its worker process dies (SIGKILL, like the OOM killer) on CRASH."""

    name = "crash"
    description = "kills its worker process on CRASH (a test double)"

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        if "CRASH" in document.text:
            if multiprocessing.parent_process() is None:
                raise RuntimeError("refusing to kill the main process")
            os.kill(os.getpid(), signal.SIGKILL)
        return -np.arange(len(document.sentences), dtype=float)


def register(registry: Registry) -> Registry:
    """Add ``slow-lead``, ``boom`` and ``crash`` to ``registry`` and return it."""
    registry.register("slow-lead", SlowLead)
    registry.register("boom", Boom)
    registry.register("crash", Crash)
    return registry
