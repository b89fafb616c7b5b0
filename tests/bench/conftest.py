"""Fixtures for the benchmark tests: small made-up datasets and a registry with test doubles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.registry import Registry
from tests.bench import doubles

TOWNS = ["Arden", "Belmont", "Carver", "Dunmore", "Easton", "Fairview", "Glenrock", "Hanford"]


def article(town: str, number: int) -> str:
    """A short made-up news article about ``town`` (six sentences, numbers and names in it)."""
    return (
        f"The council of {town} approved a new bridge on Tuesday after a vote of {number} to 2. "
        f"Mayor Ruth Okafor said the bridge would cut the drive to the hospital by {number + 10} "
        "minutes. "
        f"Work is due to start in March and to cost {number * 3} million dollars. "
        "Opponents argued that the money should go to schools instead. "
        f"The old crossing in {town} was closed last year after an inspection found cracks. "
        "Residents will be able to comment on the design until the end of the month."
    )


def write_dataset(path: Path, count: int, *, boom_at: int | None = None) -> Path:
    """Write a dataset of ``count`` articles; row ``boom_at`` mentions BOOM; the last has no refs."""
    lines = []
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        source = article(town, i + 5)
        if i == boom_at:
            source += " A BOOM was heard during the meeting."
        references = [
            f"{town} approved a new bridge after a vote of {i + 5} to 2.",
            f"The bridge in {town} will cost {(i + 5) * 3} million dollars and work starts in March.",
        ]
        if i == count - 1:
            references = []
        lines.append(json.dumps({"id": f"doc-{i}", "source": source, "references": references}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def registry() -> Registry:
    """A fresh registry with the built-ins plus ``slow-lead`` and ``boom``."""
    return doubles.register(Registry(group=None))
