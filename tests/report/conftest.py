"""Fixtures for the report tests: real benchmark runs (the real runner, in-process) to report on.

The articles are made up (``tests.bench.conftest.article``). ``fibber`` is a test summarizer,
registered through the real registry API, that copies the lead sentences but changes the first
number of the first sentence: the checker flags that claim, so the report has something to show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarize.bench.datasets import load_dataset
from summarize.bench.runner import BenchConfig, BenchmarkRun, MethodSpec
from summarize.briefing import Briefing, BriefingSentence
from summarize.document import Document
from summarize.registry import Registry
from summarize.summarizers.base import Budget, ProgressCallback
from tests.bench.conftest import TOWNS, article

SCRIPT = '<script>document.title = "PWNED"; window.pwned = true;</script>'


class Fibber:
    """Lead-N, but when the first number of the first sentence is odd it becomes 99 (an error)."""

    name = "fibber"
    description = "lead with a wrong number (a test double)"
    family = "abstractive"

    def summarize(
        self, document: Document, budget: Budget, *, progress: ProgressCallback | None = None
    ) -> Briefing:
        count = budget.sentence_count(len(document.sentences)) or 3
        chosen = document.sentences[:count]
        sentences = []
        for number, s in enumerate(chosen):
            first = re.search(r"\d+", s.text)
            fib = number == 0 and first is not None and int(first.group()) % 2 == 1
            text = (
                s.text[: first.start()] + "99" + s.text[first.end() :] if fib and first else s.text
            )
            sentences.append(BriefingSentence(text, (s.index,), ((s.start, s.end),)))
        return Briefing(tuple(sentences), "fibber", budget=budget)


def write_articles(path: Path, count: int, *, script_in: int | None = None) -> Path:
    """A dataset of ``count`` made-up articles; ``script_in`` gets a ``<script>`` in its text
    and its references; the last one has no references."""
    lines = []
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        source = "Local news\n\n" + article(town, i + 5)
        references = [f"{town} approved a new bridge after a vote of {i + 5} to 2."]
        if i == script_in:
            source = source.replace("Opponents argued", f"Opponents {SCRIPT} argued")
            references.append(f"A reference with {SCRIPT} in it.")
        if i == count - 1:
            references = []
        lines.append(json.dumps({"id": f"doc-{i}", "source": source, "references": references}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_run(
    tmp: Path, count: int, methods: tuple[str, ...], *, script_in: int | None = None
) -> Path:
    """Run the real benchmark on ``count`` articles with ``methods``; return the run folder."""
    registry = Registry(group=None)
    registry.register("fibber", Fibber)
    dataset = load_dataset(write_articles(tmp / "articles.jsonl", count, script_in=script_in))
    config = BenchConfig((dataset,), tuple(MethodSpec(m) for m in methods), Budget(sentences=2))
    out = tmp / "run"
    run = BenchmarkRun(config, out, workers=1, registry=registry, plot=False, command="test")
    run.prepare()
    run.execute()
    return out


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 articles x (lead, textrank, fibber); article 1 holds a <script>, article 3 no refs."""
    return make_run(tmp_path_factory.mktemp("small"), 4, ("lead", "textrank", "fibber"),
                    script_in=1)  # fmt: skip


@pytest.fixture(scope="session")
def run_20x3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 articles x 3 methods, as the issue asks the browser to render."""
    return make_run(tmp_path_factory.mktemp("twenty"), 20, ("lead", "textrank", "fibber"))


HOSTILE_ID = '"><img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'


def with_hostile_id(run: Path, tmp: Path) -> tuple[Path, Path]:
    """A copy of ``run`` whose document ``doc-0`` is called :data:`HOSTILE_ID` (rows and
    dataset alike); returns the run folder and the dataset file to pass as ``--dataset``."""
    import shutil

    target = tmp / "hostile-run"
    shutil.copytree(run, target)
    record = json.loads((target / "run.json").read_text())
    dataset = tmp / "articles.jsonl"
    original = Path(record["datasets"][0]["path"]).read_text()
    dataset.write_text(original.replace('"doc-0"', json.dumps(HOSTILE_ID)))
    results = target / "results.jsonl"
    results.write_text(results.read_text().replace('"doc-0"', json.dumps(HOSTILE_ID)))
    return target, dataset
