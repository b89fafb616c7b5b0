"""Shared test fixtures: where the shared evaluation data and the running example live."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize.checkers import default_checkers
from tests.plugins import install_checker_plugin

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLE_ARTICLE = REPO / "benchmarks" / "modi_putin" / "article.txt"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real evaluation data that sits beside the repository."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA}; clone the repo beside ../shared")
    return SHARED_DATA


@pytest.fixture(scope="session")
def modi_text() -> str:
    """The running example: the Modi–Putin article, page chrome included."""
    return EXAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def checker_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test checkers (``length``, ``unruly``...) installed through a real entry point.

    Installed as pip would (a ``*.dist-info`` on ``sys.path``); the process-wide registry is
    forgotten before and after, so that it finds them here and nowhere else.
    """
    site = tmp_path / "site"
    install_checker_plugin(site)
    monkeypatch.syspath_prepend(str(site))
    default_checkers.cache_clear()
    yield site
    default_checkers.cache_clear()
