"""Run the ``summarize`` CLI with the test summarizers registered (used as a subprocess)."""

from __future__ import annotations

import sys

from summarize.cli import main
from summarize.registry import default_registry
from tests.bench import doubles

if __name__ == "__main__":
    doubles.register(default_registry())
    sys.argv[0] = "summarize"
    main()
