"""The leaderboard: per dataset and method, mean scores with bootstrap CIs, and tests against lead.

Means are over the documents a method summarized (``ok`` rows); failures are counted, not
scored as zero. ROUGE means are over the rows that have references; rows without references
are counted in ``no_refs`` and still scored on factuality and extractiveness. The comparison
with the baseline (``lead``) is a paired test (``summarize.evaluation.stats.paired_test``) on
the documents both methods summarized, per ROUGE type; ``p < 0.05`` counts as a difference.
Methods that report accounting (the LLM's tokens, calls, retries) have it summed over all their
rows in ``usage_totals``; the Markdown table shows those columns only for datasets where some
method has it.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarize.bench.results import ResultRow
from summarize.evaluation.rouge import ROUGE_TYPES
from summarize.evaluation.stats import Interval, bootstrap_ci, paired_test
from summarize.files import write_atomic
from summarize.llm.usage import USAGE_KEYS, Usage

__all__ = [
    "BASELINE",
    "SIGNIFICANCE",
    "USAGE_COLUMNS",
    "Comparison",
    "Leaderboard",
    "MethodStanding",
    "build_leaderboard",
    "write_leaderboard",
]

BASELINE = "lead"
ROUGE_LABELS = {"rouge1": "R1", "rouge2": "R2", "rougeL": "RL", "rougeLsum": "RLsum"}
SIGNIFICANCE = 0.05
USAGE_COLUMNS = {"tokens_in": "tokens in", "tokens_out": "tokens out", "calls": "calls",
                 "retries": "retries"}  # fmt: skip
"""The accounting totals shown in ``leaderboard.md`` (all of them are in the CSV and JSON)."""


@dataclass(frozen=True)
class Comparison:
    """A method against the baseline on the documents both summarized, for one ROUGE type."""

    delta: float
    """Mean of (method − baseline), 0–1."""
    p_value: float
    documents: int

    @property
    def verdict(self) -> str:
        """``better``, ``worse`` or ``same`` (not significant at p < 0.05)."""
        if self.p_value >= SIGNIFICANCE or self.delta == 0:
            return "same"
        return "better" if self.delta > 0 else "worse"


@dataclass(frozen=True)
class MethodStanding:
    """One method on one dataset: how many documents, what scores, how fast."""

    dataset: str
    method: str
    documents: int
    failures: int
    no_refs: int
    """Summarized documents without references (scored on factuality only)."""
    rouge: Mapping[str, Interval]
    factuality: float | None
    """Mean factuality score, 0–1 (``None`` when no checker ran)."""
    consistent: float | None
    """Share of summaries the checker judged consistent."""
    coverage: float | None
    density: float | None
    novel_bigrams: float | None
    median_seconds: float | None
    versus_baseline: Mapping[str, Comparison] = field(default_factory=dict)
    """Per ROUGE type; empty for the baseline itself or when it is missing."""
    usage_totals: Usage | None = None
    """LLM accounting summed over the method's rows; ``None`` if none reports any."""

    @property
    def scored(self) -> int:
        """Documents the method summarized."""
        return self.documents - self.failures

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (ROUGE and shares 0–1, times in seconds)."""
        return {
            "dataset": self.dataset,
            "method": self.method,
            "documents": self.documents,
            "failures": self.failures,
            "no_refs": self.no_refs,
            "rouge": {
                k: {"mean": v.mean, "low": v.low, "high": v.high} for k, v in self.rouge.items()
            },
            "factuality": self.factuality,
            "consistent": self.consistent,
            "coverage": self.coverage,
            "density": self.density,
            "novel_bigrams": self.novel_bigrams,
            "median_seconds": self.median_seconds,
            "versus_baseline": {
                k: {
                    "delta": c.delta,
                    "p_value": c.p_value,
                    "documents": c.documents,
                    "verdict": c.verdict,
                }
                for k, c in self.versus_baseline.items()
            },
            "usage_totals": None if self.usage_totals is None else self.usage_totals.to_dict(),
        }


@dataclass(frozen=True)
class Leaderboard:
    """Every (dataset, method) standing, best ROUGE-2 first within each dataset."""

    standings: tuple[MethodStanding, ...]
    baseline: str = BASELINE
    confidence: float = 0.95
    checker: str = "rules"
    """The factuality checker whose scores the factuality columns hold."""

    @property
    def datasets(self) -> list[str]:
        """Dataset names in order of first appearance."""
        return list(dict.fromkeys(s.dataset for s in self.standings))

    def for_dataset(self, dataset: str) -> list[MethodStanding]:
        """The standings of one dataset, best first."""
        return [s for s in self.standings if s.dataset == dataset]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: settings and one entry per standing."""
        return {
            "baseline": self.baseline,
            "confidence": self.confidence,
            "significance": SIGNIFICANCE,
            "checker": self.checker,
            "standings": [s.to_dict() for s in self.standings],
        }

    def to_markdown(self) -> str:
        """One Markdown table per dataset (ROUGE F1 ×100 with the CI in brackets)."""
        out = []
        for dataset in self.datasets:
            accounted = any(s.usage_totals is not None for s in self.for_dataset(dataset))
            out.append(f"### {dataset}\n")
            header = [
                "method", "docs", "failed", "no refs",
                *(f"{ROUGE_LABELS[k]} [95% CI]" for k in ROUGE_TYPES),
                f"R1 vs {self.baseline}", f"R2 vs {self.baseline}",
                "factuality", "consistent", "coverage", "density", "s/doc (median)",
                *(USAGE_COLUMNS.values() if accounted else ()),
            ]  # fmt: skip
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join("---" if i == 0 else "--:" for i in range(len(header))) + "|")
            for s in self.for_dataset(dataset):
                cells = [
                    f"**{s.method}**" if s.method == self.baseline else s.method,
                    str(s.documents),
                    str(s.failures),
                    str(s.no_refs),
                    *(_interval(s.rouge.get(k)) for k in ROUGE_TYPES),
                    _versus(s, "rouge1"),
                    _versus(s, "rouge2"),
                    _number(s.factuality, 3),
                    _percent(s.consistent),
                    _number(s.coverage, 3),
                    _number(s.density, 2),
                    _seconds(s.median_seconds),
                    *(_usage_cells(s) if accounted else ()),
                ]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        return "\n".join(out)

    def to_csv(self) -> str:
        """One CSV line per standing; ROUGE as F1 ×100 with CI ends, p-values against lead."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        header = ["dataset", "method", "documents", "failures", "no_refs"]
        for k in ROUGE_TYPES:
            header += [k, f"{k}_low", f"{k}_high", f"{k}_delta_vs_{self.baseline}",
                       f"{k}_p_vs_{self.baseline}"]  # fmt: skip
        header += ["factuality", "consistent", "coverage", "density", "novel_bigrams",
                   "median_seconds", *USAGE_KEYS]  # fmt: skip
        writer.writerow(header)
        for s in self.standings:
            line: list[Any] = [s.dataset, s.method, s.documents, s.failures, s.no_refs]
            for k in ROUGE_TYPES:
                interval = s.rouge.get(k)
                comparison = s.versus_baseline.get(k)
                line += [
                    _round(interval.mean * 100 if interval else None, 4),
                    _round(interval.low * 100 if interval else None, 4),
                    _round(interval.high * 100 if interval else None, 4),
                    _round(comparison.delta * 100 if comparison else None, 4),
                    _round(comparison.p_value if comparison else None, 6),
                ]
            line += [
                _round(s.factuality, 6),
                _round(s.consistent, 6),
                _round(s.coverage, 6),
                _round(s.density, 6),
                _round(s.novel_bigrams, 6),
                _round(s.median_seconds, 6),
                *_usage_values(s.usage_totals),
            ]
            writer.writerow(["" if v is None else v for v in line])
        return buffer.getvalue()


def build_leaderboard(
    rows: Iterable[ResultRow],
    *,
    baseline: str = BASELINE,
    confidence: float = 0.95,
    resamples: int = 1000,
    seed: int = 0,
    checker: str = "rules",
) -> Leaderboard:
    """Aggregate result rows into standings (see the module docstring for the rules)."""
    groups: dict[tuple[str, str], list[ResultRow]] = {}
    for row in rows:
        groups.setdefault((row.dataset, row.method), []).append(row)
    for group in groups.values():
        # Workers finish in any order; sorted rows make the bootstrap independent of it.
        group.sort(key=lambda row: row.id)
    standings = []
    for (dataset, method), group in groups.items():
        ok = [r for r in group if r.ok]
        rouge = {}
        for kind in ROUGE_TYPES:
            values = [r.rouge[kind] for r in ok if r.rouge is not None and kind in r.rouge]
            if values:
                rouge[kind] = bootstrap_ci(
                    values, confidence=confidence, resamples=resamples, seed=seed
                )
        versus = {}
        base_rows = groups.get((dataset, baseline))
        if method != baseline and base_rows:
            versus = _compare(ok, [r for r in base_rows if r.ok], seed)
        factual = [r.factuality for r in ok if r.factuality is not None]
        extractive = [r.extractiveness for r in ok if r.extractiveness is not None]
        standings.append(
            MethodStanding(
                dataset=dataset,
                method=method,
                documents=len(group),
                failures=len(group) - len(ok),
                no_refs=sum(1 for r in ok if r.rouge is None),
                rouge=rouge,
                factuality=_mean([f.score for f in factual]),
                consistent=_mean([float(f.label) for f in factual]),
                coverage=_mean([e.coverage for e in extractive]),
                density=_mean([e.density for e in extractive]),
                novel_bigrams=_mean([e.novel_ngrams[2] for e in extractive if 2 in e.novel_ngrams]),
                median_seconds=statistics.median([r.seconds for r in ok]) if ok else None,
                versus_baseline=versus,
                usage_totals=_usage_totals(group),
            )
        )
    order = {name: i for i, name in enumerate(dict.fromkeys(d for d, _ in groups))}
    standings.sort(key=lambda s: (order[s.dataset], -_rank_value(s), s.method))
    return Leaderboard(tuple(standings), baseline, confidence, checker)


def write_leaderboard(leaderboard: Leaderboard, out_dir: Path) -> list[Path]:
    """Write ``leaderboard.md``, ``.csv`` and ``.json`` into ``out_dir``; return their paths."""
    paths = [out_dir / f"leaderboard.{ext}" for ext in ("md", "csv", "json")]
    title = (
        f"# Leaderboard\n\nROUGE F1 ×100, mean over documents with a {leaderboard.confidence:.0%} "
        f"bootstrap CI; 'vs {leaderboard.baseline}': paired test, p < {SIGNIFICANCE} "
        f"('same' = no significant difference). Factuality: mean score of the "
        f"`{leaderboard.checker}` checker (0–1); consistent: share judged consistent.\n\n"
    )
    write_atomic(paths[0], title + leaderboard.to_markdown())
    write_atomic(paths[1], leaderboard.to_csv())
    write_atomic(paths[2], json.dumps(leaderboard.to_dict(), indent=2) + "\n")
    return paths


def _compare(
    rows: Sequence[ResultRow], baseline_rows: Sequence[ResultRow], seed: int
) -> dict[str, Comparison]:
    base = {r.id: r.rouge for r in baseline_rows if r.rouge is not None}
    result = {}
    for kind in ROUGE_TYPES:
        pairs = [
            (r.rouge[kind], base[r.id][kind])
            for r in rows
            if r.rouge is not None and kind in r.rouge and r.id in base and kind in base[r.id]
        ]
        if len(pairs) < 2:
            continue
        ours, theirs = [p[0] for p in pairs], [p[1] for p in pairs]
        result[kind] = Comparison(
            delta=statistics.fmean(ours) - statistics.fmean(theirs),
            p_value=paired_test(ours, theirs, seed=seed),
            documents=len(pairs),
        )
    return result


def _usage_totals(rows: Sequence[ResultRow]) -> Usage | None:
    """The accounting summed over the rows that report it; ``None`` when none does."""
    accounted = [r.usage for r in rows if r.usage is not None]
    if not accounted:
        return None
    return sum(accounted[1:], accounted[0])


def _usage_values(usage: Usage | None) -> list[float | None]:
    values = usage.to_dict() if usage is not None else {}
    return [values.get(key) for key in USAGE_KEYS]


def _usage_cells(standing: MethodStanding) -> list[str]:
    totals = standing.usage_totals.to_dict() if standing.usage_totals is not None else {}
    return ["–" if totals.get(k) is None else f"{totals[k]:,.0f}" for k in USAGE_COLUMNS]


def _rank_value(standing: MethodStanding) -> float:
    interval = standing.rouge.get("rouge2")
    if interval is not None:
        return interval.mean
    return standing.factuality if standing.factuality is not None else -1.0


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _interval(interval: Interval | None) -> str:
    if interval is None:
        return "–"
    return f"{interval.mean * 100:.2f} [{interval.low * 100:.2f}, {interval.high * 100:.2f}]"


def _versus(standing: MethodStanding, kind: str) -> str:
    comparison = standing.versus_baseline.get(kind)
    if comparison is None:
        return "–"
    p = "p<0.001" if comparison.p_value < 0.001 else f"p={comparison.p_value:.3f}"
    return f"{comparison.verdict} ({comparison.delta * 100:+.2f}, {p})"


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
