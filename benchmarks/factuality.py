"""Factuality checks measured the way they will be judged: label sources held out, two text
styles, the Modi–Putin planted errors, and milliseconds per pair.

Reads ``../shared/data`` (beside the repository) and prints four tables:

1. leave-one-source-out (and leave-one-system-out) balanced accuracy and ROC AUC per label
   source, refitting the shipped model's setting without the source scored (never in-sample);
2. style agreement: the same pairs scored as written and in the other style (raw text made
   lower-case PTB, PTB text detokenized), labels that agree and the mean score change;
3. the 26 one-sentence Modi–Putin summaries of ``tests/fixtures`` (16 planted errors,
   10 faithful paraphrases);
4. milliseconds per pair for ``FactualityChecker(source).check(summary)``, source analysis
   included.

    python benchmarks/factuality.py             # everything (about two minutes)
    python benchmarks/factuality.py --quick     # 400 pairs for styles and speed, no hold-outs
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import numpy as np
from fit_factuality import (
    DATA,
    SEED,
    Pair,
    Setting,
    features_of,
    load_labelled,
    out_of_fold,
    report,
    synthetic_pairs,
)

from summarize.evaluation.factuality import FactualityChecker
from summarize.evaluation.model import default_model
from summarize.evaluation.style import detokenize, to_ptb

FIXTURE = Path(__file__).resolve().parents[1] / "tests/fixtures/modi_putin_one_sentence.jsonl"
ANCHORS = (
    "anchors, AggreFact-FtSota balanced accuracy CNN/DM / XSum (neural models, GPU): "
    "SummaC-ZS 64.0/56.4, QAFactEval 67.8/63.9, DAE 65.4/70.2"
)


def held_out(labelled: list[Pair]) -> None:
    """Refit the shipped setting without each source (then each system) and score it."""
    model = default_model()
    provenance = model.provenance
    synthetic = synthetic_pairs(SEED)
    pairs = labelled + synthetic
    x = features_of(pairs)
    labels = np.array([p.label for p in pairs])
    groups = np.array([p.group for p in pairs])
    systems = np.array([f"{p.group}:{p.system}" for p in pairs])
    systems[groups == "synthetic"] = "synthetic"
    real = groups != "synthetic"
    setting = Setting(
        float(provenance.get("l2", 1.0)),
        float(provenance.get("synthetic_weight", 0.0)),
        model.features,
    )
    for title, holdout in (("source", groups), ("system", systems)):
        scores = out_of_fold(x, labels, groups, holdout, setting)
        table = report(scores[real], labels[real], groups[real], model.threshold)
        print(f"\nheld out: one {title} at a time, threshold {model.threshold}")
        print(f"{'label source':<14} {'n':>5} {'consistent':>10} {'bal.acc':>8} {'ROC AUC':>8}")
        for row in table:
            print(
                f"{row['source']:<14} {row['n']:>5} {row['consistent']:>10.1%} "
                f"{row['balanced_accuracy']:>8} {row['roc_auc']:>8}"
            )
    print(ANCHORS)


def restyled(text: str) -> str:
    """The other style: raw text becomes lower-case PTB, PTB text is detokenized."""
    tokenized = " 's " in text or " ." in text or "``" in text or " n't" in text
    return detokenize(text) if tokenized else to_ptb(text)


def styles(pairs: list[Pair]) -> None:
    """Label agreement and mean score change when the same pairs change style."""
    print(f"\nstyle agreement on {len(pairs)} pairs (as written vs the other style)")
    print(f"{'restyled':<22} {'labels agree':>12} {'mean |score change|':>20}")
    for title, both in (("summary only", False), ("summary and source", True)):
        agree, change = [], []
        for pair in pairs:
            first = FactualityChecker(pair.source).check(pair.summary)
            source = restyled(pair.source) if both else pair.source
            second = FactualityChecker(source).check(restyled(pair.summary))
            agree.append(first.label == second.label)
            change.append(abs(first.score - second.score))
        print(f"{title:<22} {statistics.fmean(agree):>12.1%} {statistics.fmean(change):>20.3f}")


def writer_pairs() -> list[Pair]:
    """Raw-text summaries written by freelance writers (no labels; used for style checks)."""
    pairs = []
    with (DATA / "news_writer_summaries.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            for summary in item["references"][:1]:
                pairs.append(Pair("writers", "writer", 1, summary, item["source"]))
    return pairs


def modi_putin() -> None:
    """Planted errors caught and faithful paraphrases passed on the running example."""
    checker = FactualityChecker((DATA / "modi_putin_call.txt").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in FIXTURE.open(encoding="utf-8")]
    caught = sum(not checker.check(r["summary"]).label for r in rows if not r["consistent"])
    passed = sum(checker.check(r["summary"]).label for r in rows if r["consistent"])
    errors = sum(1 for r in rows if not r["consistent"])
    print(
        f"\nModi–Putin one-sentence summaries: {caught} of {errors} planted errors caught, "
        f"{passed} of {len(rows) - errors} faithful paraphrases passed"
    )


def speed(pairs: list[Pair]) -> None:
    """Milliseconds per pair, source analysis included."""
    started = time.perf_counter()
    for pair in pairs:
        FactualityChecker(pair.source).check(pair.summary)
    elapsed = time.perf_counter() - started
    print(
        f"\n{1000 * elapsed / len(pairs):.1f} ms per pair (source analysis included), "
        f"{len(pairs)} pairs, one process"
    )


def main() -> None:
    """Parse the options and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="400 pairs, no hold-out refits")
    options = parser.parse_args()
    labelled = load_labelled()
    print(f"factuality checks, {time.strftime('%Y-%m-%d %H:%M')}, shipped model")
    if not options.quick:
        held_out(labelled)
    generator = random.Random(SEED)
    sample = generator.sample(labelled, 300 if options.quick else 600)
    writers = writer_pairs()
    styles(sample + (writers[:100] if options.quick else writers))
    modi_putin()
    speed(sample[:400])


if __name__ == "__main__":
    main()
