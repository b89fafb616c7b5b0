"""Third-party-style plugins for the tests, and how to install them as pip would."""

from __future__ import annotations

from pathlib import Path

CHECKER_ENTRY_POINTS = """\
[summarize.checkers]
length = tests.plugins.checkers:LengthChecker
rules = tests.plugins.checkers:LengthChecker
unruly = tests.plugins.checkers:UnrulyChecker
hollow = tests.plugins.checkers:NoCheckMethod
ghost = no_such_module_anywhere:Thing
"""


def install_checker_plugin(site: Path) -> None:
    """Write the metadata pip would write for a distribution that declares checkers."""
    dist = site / "fake_checkers-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-checkers\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(CHECKER_ENTRY_POINTS)
