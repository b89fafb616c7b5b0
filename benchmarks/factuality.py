"""Factuality checks against human labels: balanced accuracy and ROC AUC per origin, ms per pair.

Reads ``../shared/data/factuality_frank.jsonl`` and ``factuality_summeval.jsonl`` (beside the
repository) and prints one table: FRANK's CNN/DM and XSum halves and SummEval, each split into
the calibration part (FRANK ``valid``; SummEval documents whose id hashes even) and the
held-out part (FRANK ``test``; the other SummEval documents). Only the calibration part was
used to choose the weights and the threshold in ``summarize/evaluation/factuality.py``.

    python benchmarks/factuality.py               # the table
    python benchmarks/factuality.py --calibrate   # grid search on the calibration part only
    python benchmarks/factuality.py --limit 200   # quicker, on the first rows of each file
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from summarize.evaluation import factuality
from summarize.evaluation.factuality import FactualityChecker

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
FILES = ("factuality_frank.jsonl", "factuality_summeval.jsonl")
ANCHORS = (
    "anchors, AggreFact balanced accuracy (CNN/DM / XSum): "
    "SummaC-ZS 64.0/56.4, QAFactEval 67.8/63.9, DAE 65.4/70.2"
)


@dataclass(frozen=True)
class Row:
    """One labelled summary with where it belongs in the table."""

    origin: str
    calibration: bool
    label: int
    summary: str
    source: str


def load(limit: int | None) -> list[Row]:
    """Read both files; SummEval has no split, so half of its documents (by id hash) calibrate."""
    rows: list[Row] = []
    for name in FILES:
        path = DATA / name
        if not path.exists():
            sys.exit(f"missing {path}: put the shared data beside the repository")
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if limit is not None and number >= limit:
                    break
                item = json.loads(line)
                if item["origin"] == "FRANK":
                    origin = "FRANK-CNN/DM" if item["dataset"] == "cnndm" else "FRANK-XSum"
                    calibration = item["split"] == "valid"
                else:
                    origin = "SummEval"
                    digest = hashlib.sha1(item["doc_id"].encode()).digest()
                    calibration = digest[0] % 2 == 0
                rows.append(
                    Row(origin, calibration, int(item["label"]), item["summary"], item["source"])
                )
    return rows


def roc_auc(scores: list[float], labels: list[int]) -> float:
    """Probability that a consistent summary outscores an inconsistent one (ties count half)."""
    positives = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    negatives = [s for s, y in zip(scores, labels, strict=True) if y == 0]
    if not positives or not negatives:
        return math.nan
    ranked = sorted(scores)
    rank: dict[float, float] = {}
    for value, group in itertools.groupby(enumerate(ranked, start=1), key=lambda p: p[1]):
        positions = [p for p, _ in group]
        rank[value] = sum(positions) / len(positions)
    rank_sum = sum(rank[s] for s in positives)
    return (rank_sum - len(positives) * (len(positives) + 1) / 2) / (
        len(positives) * len(negatives)
    )


def balanced_accuracy(predicted: list[bool], labels: list[int]) -> float:
    """Mean of the recall on consistent and on inconsistent summaries."""
    recalls = []
    for target in (0, 1):
        picked = [p for p, y in zip(predicted, labels, strict=True) if y == target]
        if picked:
            recalls.append(sum(1 for p in picked if p == bool(target)) / len(picked))
    return statistics.fmean(recalls) if recalls else math.nan


def sentence_features(rows: list[Row]) -> list[list[factuality._Features]]:
    """The per-sentence features of every row (for the grid search)."""
    out = []
    for row in rows:
        checker = FactualityChecker(row.source)
        spans = factuality.sentence_spans(row.summary)
        out.append(
            [factuality._analyse(checker._source, row.summary, s, e, ())[0] for s, e in spans]
        )
    return out


def calibrate(rows: list[Row]) -> None:
    """Grid-search the weights and the threshold on the calibration part only.

    The objective is the lowest balanced accuracy of the three origins (plus a hundredth of
    their mean to break ties), so that one threshold serves extractive and abstractive
    summaries alike.
    """
    part = [r for r in rows if r.calibration]
    features = sentence_features(part)
    origins = sorted({r.origin for r in part})
    by_origin = {o: [i for i, r in enumerate(part) if r.origin == o] for o in origins}
    best = None
    for weights in itertools.product(
        (1.0, 2.0, 3.0, 4.0, 6.0), (1.0, 2.0, 4.0, 8.0, 16.0), (0.1, 0.2, 0.3, 0.4)
    ):
        w_novel, w_splice, peak = weights
        scores = [math.exp(-sum(f.penalty(w_novel, w_splice, peak) for f in fs)) for fs in features]
        for threshold in [i / 100 for i in range(5, 96)]:
            accuracies = [
                balanced_accuracy(
                    [scores[i] >= threshold for i in by_origin[o]],
                    [part[i].label for i in by_origin[o]],
                )
                for o in origins
            ]
            objective = min(accuracies) + statistics.fmean(accuracies) / 100
            if best is None or objective > best[0]:
                best = (objective, weights, threshold, accuracies)
    if best is None:
        sys.exit("no calibration rows")
    _, weights, threshold, accuracies = best
    print(f"weights novel={weights[0]} splice={weights[1]} peak={weights[2]} threshold={threshold}")
    print("balanced accuracy on the calibration part:")
    for origin, accuracy in zip(origins, accuracies, strict=True):
        print(f"  {origin:<14} {100 * accuracy:.1f}")


def table(rows: list[Row]) -> None:
    """Score every row with the shipped defaults and print the per-origin table."""
    scores: list[float] = []
    labels_predicted: list[bool] = []
    started = time.perf_counter()
    for row in rows:
        result = FactualityChecker(row.source).check(row.summary)
        scores.append(result.score)
        labels_predicted.append(result.label)
    elapsed = time.perf_counter() - started
    print(
        f"factuality checks, {time.strftime('%Y-%m-%d')}, threshold {factuality.DEFAULT_THRESHOLD}"
    )
    print(f"{'origin':<14} {'part':<12} {'n':>5} {'consistent':>10} {'bal.acc':>8} {'ROC AUC':>8}")
    for origin in ("FRANK-CNN/DM", "FRANK-XSum", "SummEval"):
        for part_name, wanted in (("calibration", True), ("held-out", False), ("all", None)):
            picked = [
                i
                for i, r in enumerate(rows)
                if r.origin == origin and (wanted is None or r.calibration == wanted)
            ]
            if not picked:
                continue
            labels = [rows[i].label for i in picked]
            print(
                f"{origin:<14} {part_name:<12} {len(picked):>5} {statistics.fmean(labels):>10.1%} "
                f"{100 * balanced_accuracy([labels_predicted[i] for i in picked], labels):>8.1f} "
                f"{100 * roc_auc([scores[i] for i in picked], labels):>8.1f}"
            )
    print(
        f"{1000 * elapsed / len(rows):.1f} ms per pair (source analysis included), {len(rows)} pairs"
    )
    print(ANCHORS)


def main() -> None:
    """Parse the options and print the table (or calibrate)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--calibrate", action="store_true", help="grid search on the calibration part"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="read only the first N rows of each file"
    )
    options = parser.parse_args()
    rows = load(options.limit)
    if options.calibrate:
        calibrate(rows)
    else:
        table(rows)


if __name__ == "__main__":
    main()
