"""Startup cost: ``import summarize`` and ``summarize brief`` vs importing rouge-score's scorer.

    .venv/bin/python benchmarks/startup.py              # 7 repeats of each
    .venv/bin/python benchmarks/startup.py --repeat 15

Every measurement is a fresh Python process (nothing cached in memory between runs) that times
its own imports with ``time.perf_counter``, so interpreter start-up is left out of the import
rows; the CLI rows are wall clock of the whole process, as a user waits for it. Runs of the
different rows are interleaved, so a busy moment on a shared machine hits them all alike, and
the median of the repeats is shown. The goal (issue 14): ``import summarize`` costs at most a
third of ``from rouge_score import rouge_scorer``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "benchmarks" / "modi_putin" / "article.txt"
SUMMARIZE = Path(sys.executable).parent / "summarize"

TIMED = "import time; started = time.perf_counter(); {code}; print(time.perf_counter() - started)"
IMPORTS = {
    "from rouge_score import rouge_scorer (reference)": "from rouge_score import rouge_scorer",
    "import nltk (what we used to pay)": "import nltk",
    "import summarize": "import summarize",
    "import summarize + brief(article, 'position')": (
        "import summarize; summarize.brief(open({article!r}).read(), 'position')"
    ),
}
COMMANDS = {
    "summarize --version": ["--version"],
    "summarize methods": ["methods"],
    "summarize brief article.txt (default method)": ["brief", str(ARTICLE)],
}


def time_import(code: str) -> float:
    """Seconds a fresh interpreter spends running ``code`` (interpreter start-up excluded)."""
    program = TIMED.format(code=code.format(article=str(ARTICLE)))
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip().splitlines()[-1])


def time_command(arguments: list[str]) -> float:
    """Wall-clock seconds of one ``summarize`` process, start to exit."""
    started = time.perf_counter()
    subprocess.run([str(SUMMARIZE), *arguments], capture_output=True, check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    """Measure every row ``--repeat`` times, interleaved, and print the medians as a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each row (default 7)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in [*IMPORTS, *COMMANDS]}
    for _ in range(args.repeat):
        for name, code in IMPORTS.items():
            times[name].append(time_import(code))
        for name, arguments in COMMANDS.items():
            times[name].append(time_command(arguments))
    reference = statistics.median(times[next(iter(IMPORTS))])
    print(
        f"Startup, median of {args.repeat} fresh processes; {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC\n"
    )
    print("| what | median s | min s | max s | × rouge-score import |")
    print("|---|--:|--:|--:|--:|")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"| {name} | {median:.3f} | {min(values):.3f} | {max(values):.3f} | "
            f"{median / reference:.2f} |"
        )
    ours = statistics.median(times["import summarize"])
    verdict = "met" if ours <= reference / 3 else "NOT met"
    print(f"\nimport summarize ≤ ⅓ of rouge-score's scorer import: {verdict}")


if __name__ == "__main__":
    main()
