"""ROUGE speed: ours vs rouge-score 0.1.2 on the 11,334 XSum test pairs, same run, same scores.

    .venv/bin/python benchmarks/rouge_speed.py                 # PTGEN only (about a minute)
    .venv/bin/python benchmarks/rouge_speed.py --systems all   # all five systems

Both score ROUGE-1/2/L/Lsum with Porter stemming, Lsum sentences split at newlines (rouge-score's
default; XSum texts are one line each), on the very same texts. Each of our timings starts
from a fresh scorer (no cached stems or tokens). Runs alternate (theirs, ours, ours pooled)
``--repeat`` times and the best of each is shown, wall clock and CPU time of this process,
because the machine may be shared. max |diff| is over every pair, type and P/R/F.

The end-to-end table runs our CLI as a user would, ``summarize eval pairs.jsonl -o scores.jsonl``
in a fresh process (start-up, reading, scoring on every core, per-row JSON, corpus means with
bootstrap CIs), against rouge-score's scoring loop alone (its import and reading not counted),
in the same run, and compares the per-document F1 the CLI wrote with rouge-score's.

A third table checks our corpus means against the published ROUGE-1.5.5 F1 of Narayan et
al. (2018), for all five systems, with 95% bootstrap intervals.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer

from summarize.evaluation.rouge import ROUGE_TYPES, RougeScorer
from summarize.evaluation.stats import bootstrap_ci

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SYSTEMS = ("lead", "ext-oracle", "ptgen", "convs2s", "topic-convs2s")
PUBLISHED = {  # ROUGE-1.5.5 F1 (R1, R2, RL), Narayan et al. 2018, table in ../shared/data/README.md
    "lead": (16.30, 1.60, 11.95),
    "ext-oracle": (29.79, 8.81, 22.66),
    "ptgen": (29.70, 9.21, 23.24),
    "convs2s": (31.27, 11.07, 25.23),
    "topic-convs2s": (31.89, 11.54, 25.75),
}


def load() -> tuple[list[str], dict[str, list[str]]]:
    """The reference of every XSum document, and each system's summary, in one order."""
    references: dict[str, str] = {}
    with (DATA / "xsum_references.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            references[row["id"]] = row["references"][0]
    targets: list[str] = []
    outputs: dict[str, list[str]] = {system: [] for system in SYSTEMS}
    with (DATA / "xsum_system_outputs.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            targets.append(references[row["id"]])
            for system in SYSTEMS:
                outputs[system].append(row["systems"][system])
    return targets, outputs


def table(scores: list[dict]) -> np.ndarray:
    """(pairs x types x P/R/F) from either implementation's score dicts."""
    return np.array([[tuple(s[t])[:3] for t in ROUGE_TYPES] for s in scores], dtype=float)


def as_tuple_scores(scores: list[dict]) -> list[dict]:
    return [{t: (s[t].precision, s[t].recall, s[t].fmeasure) for t in s} for s in scores]


def reference_scores(
    scorer: rouge_scorer.RougeScorer, targets: list[str], predictions: list[str]
) -> list[dict]:
    """rouge-score, one pair after the other (it has no batch or pool of its own)."""
    return [scorer.score(t, p) for t, p in zip(targets, predictions, strict=True)]


def timed(function, *args, **kwargs):
    """The result, the wall-clock seconds and the CPU seconds of this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def ours_serial(targets: list[str], predictions: list[str]) -> list[dict]:
    """Ours from a fresh scorer: no stems or tokens remembered from an earlier run."""
    return RougeScorer(use_stemmer=True, split_summaries=False).score_batch(targets, predictions)


def ours_pooled(targets: list[str], predictions: list[str], workers: int) -> list[dict]:
    scorer = RougeScorer(use_stemmer=True, split_summaries=False)
    return scorer.score_batch(targets, predictions, workers=workers)


def end_to_end(
    predictions: list[str], targets: list[str], theirs: list[dict], their_wall: float, repeat: int
) -> str:
    """One table row: ``summarize eval`` as a subprocess vs rouge-score's loop, same pairs."""
    summarize_cli = Path(sys.executable).with_name("summarize")
    with tempfile.TemporaryDirectory() as folder:
        pairs = Path(folder) / "pairs.jsonl"
        with pairs.open("w", encoding="utf-8") as stream:
            for i, (target, prediction) in enumerate(zip(targets, predictions, strict=True)):
                row = {"id": i, "summary": prediction, "references": [target]}
                stream.write(json.dumps(row) + "\n")
        scores = Path(folder) / "scores.jsonl"
        timings: dict[str, float] = {}
        for _ in range(repeat):
            for label, extra in (("all cores", []), ("1 process", ["--workers", "1"])):
                command = [str(summarize_cli), "eval", str(pairs), "-o", str(scores), "--force"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                subprocess.run([*command, *extra], check=True, capture_output=True)
                wall = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                timings[label] = min(timings.get(label, float("inf")), wall)
                timings[f"{label} cpu"] = min(timings.get(f"{label} cpu", float("inf")), cpu)
        ours = [json.loads(line)["rouge"] for line in scores.read_text().splitlines()]
    differences = {
        kind: max(
            abs(o[kind]["fmeasure"] - t[kind].fmeasure) for o, t in zip(ours, theirs, strict=True)
        )
        for kind in ROUGE_TYPES
    }
    same = max(differences[k] for k in ("rouge1", "rouge2", "rougeL"))
    return (
        f"| {their_wall:.2f} | {timings['all cores']:.2f} | "
        f"{their_wall / timings['all cores']:.1f}x | {timings['1 process']:.2f} | "
        f"{their_wall / timings['1 process']:.1f}x | {timings['1 process cpu']:.2f} | "
        f"{timings['all cores cpu']:.2f} | {same:.1e} | {differences['rougeLsum']:.1e} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", default="ptgen", help="comma-separated, or 'all'")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pool column")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is shown")
    args = parser.parse_args()
    chosen = SYSTEMS if args.systems == "all" else tuple(args.systems.split(","))
    targets, outputs = load()
    print(
        f"# ROUGE speed, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}"
    )
    print(f"# {len(targets):,} XSum pairs per system; rouge1/2/L/Lsum, Porter stemming on\n")
    print(
        "| system | rouge-score wall s | ours wall s | speed-up | rouge-score CPU s | ours CPU s "
        f"| CPU speed-up | ours, {args.workers} workers wall s | max abs diff |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    ours_by_system: dict[str, list[dict]] = {}
    theirs_by_system: dict[str, list[dict]] = {}
    their_by_system: dict[str, float] = {}
    for system in chosen:
        predictions = outputs[system]
        their_wall = their_cpu = our_wall = our_cpu = pool_wall = float("inf")
        for _ in range(args.repeat):  # interleaved, best of each: the machine may be shared
            scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
            theirs, wall, cpu = timed(reference_scores, scorer, targets, predictions)
            their_wall, their_cpu = min(their_wall, wall), min(their_cpu, cpu)
            ours, wall, cpu = timed(ours_serial, targets, predictions)
            our_wall, our_cpu = min(our_wall, wall), min(our_cpu, cpu)
            pooled, wall, _ = timed(ours_pooled, targets, predictions, args.workers)
            pool_wall = min(pool_wall, wall)
        ours_by_system[system] = ours
        theirs_by_system[system] = theirs
        their_by_system[system] = their_wall
        difference = max(
            np.abs(table(as_tuple_scores(ours)) - table(theirs)).max(),
            np.abs(table(as_tuple_scores(pooled)) - table(theirs)).max(),
        )
        print(
            f"| {system} | {their_wall:.2f} | {our_wall:.2f} | {their_wall / our_wall:.1f}x | "
            f"{their_cpu:.2f} | {our_cpu:.2f} | {their_cpu / our_cpu:.1f}x | {pool_wall:.2f} | "
            f"{difference:.1e} |"
        )

    print(
        f"\n# End to end: `summarize eval pairs.jsonl -o scores.jsonl` (a fresh process, "
        f"{os.cpu_count()} cores) vs rouge-score's scoring loop alone (best of {args.repeat})"
    )
    print(
        "| system | rouge-score loop s | summarize eval s | speed-up | summarize eval "
        "--workers 1 s | speed-up | CPU s, 1 process | CPU s, all cores | "
        "max abs diff F1 R1/R2/RL | max abs diff F1 RLsum |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for system in chosen:
        row = end_to_end(
            outputs[system], targets, theirs_by_system[system], their_by_system[system], args.repeat
        )
        print(f"| {system} {row}")
    print(
        "RLsum: `summarize eval` splits summaries into sentences for ROUGE-Lsum by default; "
        "rouge-score splits at newlines only (the first table scores with newlines, as it does)."
    )

    print("\n# Our ROUGE F1 x 100 (stemmed) vs the published ROUGE-1.5.5 numbers, all systems")
    print("| system | R1 ours [95% CI] | R1 paper | R2 ours | R2 paper | RL ours | RL paper |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for system in SYSTEMS:
        scores = ours_by_system.get(system) or ours_serial(targets, outputs[system])
        r1 = bootstrap_ci([s["rouge1"].fmeasure * 100 for s in scores])
        r2 = np.mean([s["rouge2"].fmeasure for s in scores]) * 100
        rl = np.mean([s["rougeL"].fmeasure for s in scores]) * 100
        paper = PUBLISHED[system]
        print(
            f"| {system} | {r1.mean:.2f} [{r1.low:.2f}, {r1.high:.2f}] | {paper[0]:.2f} | "
            f"{r2:.2f} | {paper[1]:.2f} | {rl:.2f} | {paper[2]:.2f} |"
        )


if __name__ == "__main__":
    main()
