"""Shared test fixtures: where the shared evaluation data and the running example live."""

from __future__ import annotations

from pathlib import Path

import pytest

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
