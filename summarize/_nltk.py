"""Import nltk without the ``scipy.stats`` it loads up front and we never use.

We need one small piece of nltk: the Snowball and Porter stemmers (pure code). But importing
any part of nltk runs ``nltk/__init__``, which imports all of nltk, and two of its modules
import ``scipy.stats`` at import time (``nltk.metrics.association`` for ``fisher_exact``,
``nltk.metrics.scores`` for ``betai``): about 0.6 s of the 0.85 s the import takes, which every
briefing would pay.

:func:`load_nltk` imports nltk while a finder on ``sys.meta_path`` answers "not installed" to
``scipy.stats`` requests *made by those nltk modules only* (other threads' imports are not
touched). nltk already handles that case. Then ``fisher_exact`` is pointed at a forwarder that
imports ``scipy.stats`` on first call, so nltk behaves exactly as before for anyone who uses it
(``betai`` is gone from current scipy, so nltk's fallback is what it gets anyway).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

__all__ = ["load_nltk"]

_DEFERRING_MODULES = frozenset({"nltk.metrics.association", "nltk.metrics.scores"})
_lock = threading.Lock()


class _DeferScipyStats(importlib.abc.MetaPathFinder):
    """Refuse ``scipy.stats`` to the nltk modules that would import it eagerly."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == "scipy.stats" or fullname.startswith("scipy.stats."):
            frame = sys._getframe(1)
            while frame is not None:
                if frame.f_globals.get("__name__") in _DEFERRING_MODULES:
                    raise ModuleNotFoundError(f"{fullname} deferred while nltk loads")
                frame = frame.f_back  # type: ignore[assignment]
        return None


def _fisher_exact(*args: Any, **kwargs: Any) -> Any:
    """``scipy.stats.fisher_exact``, imported when nltk first needs it."""
    from scipy.stats import fisher_exact

    return fisher_exact(*args, **kwargs)


def load_nltk() -> None:
    """Import nltk once, without importing ``scipy.stats`` (see the module docstring)."""
    if "nltk" in sys.modules:
        return
    with _lock:
        if "nltk" in sys.modules:
            return
        finder = _DeferScipyStats()
        sys.meta_path.insert(0, finder)
        try:
            import nltk  # noqa: F401
        finally:
            sys.meta_path.remove(finder)
        association = sys.modules.get("nltk.metrics.association")
        fallback = getattr(association, "fisher_exact", None)
        if getattr(fallback, "__module__", None) == "nltk.metrics.association":
            association.fisher_exact = _fisher_exact  # type: ignore[union-attr]
