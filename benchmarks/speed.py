"""Speed of every extractive method, ours next to stock sumy's algorithm on our tokenization.

    .venv/bin/python benchmarks/speed.py                  # the full table (a few minutes)
    .venv/bin/python benchmarks/speed.py --sizes 50,200   # quicker
    .venv/bin/python benchmarks/speed.py --no-memory      # skip the peak-memory runs

Documents are the first N sentences of the articles of ``../shared/data/news_writer_summaries.jsonl``
concatenated (real news sentences). Every method summarizes each document to 3 sentences through
the registry (what ``summarize brief`` runs); sumy's algorithms run through our adapters, so both
sides use the same sentences, words, stems and stop words and only the algorithm differs (the
adapters' sentence caps are lifted here). Times are wall-clock seconds, the best of 3 runs when
a run takes under half a second; word stems are cached for both sides before timing. Above 500
sentences, a sumy method is skipped where its measured growth (cubic for KL, quadratic for the
others) predicts more than ``--max-seconds`` (the cell says so, with the estimate). Peak memory
(MB) is measured by ``tracemalloc`` in a separate, untimed run at 500 and 2,000 sentences
(NumPy and SciPy buffers included), skipped ("-") where the timed run took over
``--memory-seconds``, since tracing slows pure Python several-fold.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from summarize.document import Document
from summarize.registry import Registry
from summarize.summarizers.base import Budget
from summarize.text import content_terms, words

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
BUDGET = Budget(sentences=3)

PAIRS = [("textrank", "sumy-textrank"), ("lexrank", "sumy-lexrank"), ("kl", "sumy-kl")]
OTHERS = ["lead", "position", "sumy-lsa", "sumy-luhn", "sumy-sumbasic", "sumy-edmundson",
          "sumy-reduction"]  # fmt: skip
GROWTH = {"sumy-kl": 3.0}  # cubic; every other sumy method is at most quadratic
UNCAPPED = 10**9


def document_texts(sizes: Sequence[int]) -> dict[int, str]:
    """The text of the first ``n`` sentences of the concatenated articles, for every ``n``."""
    with open(DATA / "news_writer_summaries.jsonl", encoding="utf-8") as handle:
        text = "\n\n".join(json.loads(line)["source"] for line in handle)
    whole = Document.from_text(text)
    return {n: text[: whole.sentences[n - 1].end] for n in sizes}


def building_seconds(text: str) -> float:
    """Best of 5 wall-clock seconds to build the Document (split, clean, guess the language)."""
    Document.from_text(text)  # load the language model once, outside the timing
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        Document.from_text(text)
        best = min(best, time.perf_counter() - started)
    return best


def documents(sizes: Sequence[int]) -> dict[int, Document]:
    """The first ``n`` sentences of the concatenated articles, for every ``n`` in ``sizes``."""
    with open(DATA / "news_writer_summaries.jsonl", encoding="utf-8") as handle:
        text = "\n\n".join(json.loads(line)["source"] for line in handle)
    whole = Document.from_text(text)
    if max(sizes) > len(whole.sentences):
        sys.exit(f"only {len(whole.sentences)} sentences available")
    for sentence in whole.sentences:  # warm the stem cache both sides share
        content_terms(sentence.text)
        words(sentence.text)
    return {n: Document.from_text(text[: whole.sentences[n - 1].end]) for n in sizes}


def summarizer(name: str):
    """A fresh summarizer; sumy adapters without their sentence cap."""
    if name.startswith("sumy-"):
        return Registry().get(name, max_sentences=UNCAPPED)
    return Registry().get(name)


def timed(name: str, document: Document) -> float:
    """Best wall-clock seconds of up to 3 runs (one run if it takes half a second or more)."""
    method = summarizer(name)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        method.summarize(document, BUDGET)
        best = min(best, time.perf_counter() - started)
        if best >= 0.5:
            break
    return best


def peak_megabytes(name: str, document: Document) -> float:
    """Peak traced allocation (MB) of one summarize call."""
    method = summarizer(name)
    tracemalloc.start()
    try:
        method.summarize(document, BUDGET)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Time every method on every size and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,500,2000", help="sentences per document")
    parser.add_argument("--max-seconds", type=float, default=90.0, help="skip longer runs")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    parser.add_argument(
        "--memory-seconds", type=float, default=10.0, help="skip memory runs of slower methods"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    docs = documents(sizes)
    names = [n for pair in PAIRS for n in pair] + OTHERS
    times: dict[str, dict[int, float | str]] = {name: {} for name in names}
    texts = document_texts(sizes)
    building = {n: building_seconds(texts[n]) for n in sizes}
    memory: dict[str, dict[int, str]] = {name: {} for name in names}
    for name in names:
        previous: tuple[int, float] | None = None
        for n in sizes:
            if previous is not None:
                estimate = previous[1] * (n / previous[0]) ** GROWTH.get(name, 2.0)
                if name.startswith("sumy-") and n > 500 and estimate > args.max_seconds:
                    times[name][n] = f"skip ~{estimate / 60:.0f}m"
                    continue
            seconds = timed(name, docs[n])
            times[name][n] = seconds
            previous = (n, seconds)
            print(f"  {name} @ {n}: {seconds:.3f}s", file=sys.stderr, flush=True)
        if not args.no_memory:
            # tracemalloc slows pure Python several-fold: only where the timed run was short.
            for n in sizes:
                seconds = times[name].get(n)
                if n >= 500 and isinstance(seconds, float) and seconds <= args.memory_seconds:
                    memory[name][n] = f"{peak_megabytes(name, docs[n]):.0f}"

    def cell(value: float | str | None) -> str:
        if value is None:
            return "-"
        return value if isinstance(value, str) else f"{value:.3f}"

    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"extractive speed, 3-sentence budget, {now}, {os.cpu_count()} cores (shared, loaded)")
    print("seconds per document of N real news sentences; ratio = sumy's time / ours;")
    print("(document) = building the Document every method starts from (split, clean, language)")
    head = f"| {'method':<15} | {'origin':<9} |" + "".join(f" {n:>9} |" for n in sizes)
    big = [n for n in sizes if n >= 500]
    head += "".join(f" {'MB @' + str(n):>8} |" for n in big)
    head += "".join(f" {'ratio @' + str(n):>11} |" for n in sizes)
    print(head)
    print("|" + "|".join("-" * (len(part)) for part in head.split("|")[1:-1]) + "|")
    partner = {ours: theirs for ours, theirs in PAIRS}
    row = f"| {'(document)':<15} | {'ours':<9} |"
    row += "".join(f" {building[n]:>9.3f} |" for n in sizes)
    row += "".join(f" {'-':>8} |" for n in big) + "".join(f" {'-':>11} |" for n in sizes)
    print(row)
    for name in names:
        origin = "sumy" if name.startswith("sumy-") else "ours"
        row = f"| {name:<15} | {origin:<9} |"
        row += "".join(f" {cell(times[name].get(n)):>9} |" for n in sizes)
        row += "".join(f" {memory[name].get(n, '-'):>8} |" for n in big)
        for n in sizes:
            ratio = "-"
            if name in partner:
                ours, theirs = times[name].get(n), times[partner[name]].get(n)
                if isinstance(ours, float) and isinstance(theirs, float) and ours > 0:
                    ratio = f"{theirs / ours:.0f}x"
            row += f" {ratio:>11} |"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
