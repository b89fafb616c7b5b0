"""The leaderboard as a picture: ROUGE-2 with CI bars per dataset, and quality against speed."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullFormatter

from summarize.bench.leaderboard import Leaderboard, MethodStanding
from summarize.files import write_atomic

__all__ = ["plot_leaderboard"]


def plot_leaderboard(leaderboard: Leaderboard, path: Path) -> Path:
    """Draw ``leaderboard`` into a PNG at ``path`` (matplotlib's Agg canvas) and return ``path``.

    One panel per dataset: mean ROUGE-2 F1 per method with its confidence interval, the
    baseline in dark grey with a dashed line at its mean, the others coloured by the paired
    test against it (significantly better, no significant difference, significantly worse).
    The last panel: ROUGE-2 against the median time per document (log scale), one marker per
    method and dataset.
    """
    datasets = [d for d in leaderboard.datasets if _ranked(leaderboard, d)]
    if not datasets:
        figure = Figure(figsize=(6, 1.5))
        figure.text(
            0.5,
            0.5,
            "No ROUGE scores to plot: no document has references.\n"
            "Factuality and extractiveness are in leaderboard.md.",
            ha="center",
            va="center",
        )
        return _save(figure, path)
    panels = max(1, len(datasets)) + 1
    most = max((len(_ranked(leaderboard, d)) for d in datasets), default=1)
    figure = Figure(figsize=(5.2 * panels, 1.2 + 0.42 * max(most, 4)), layout="constrained")
    axes = figure.subplots(1, panels, squeeze=False)[0]
    colours = matplotlib.colormaps["tab10"]
    for ax, dataset in zip(axes, datasets, strict=False):
        standings = _ranked(leaderboard, dataset)[::-1]  # best at the top
        means = [s.rouge["rouge2"].mean * 100 for s in standings]
        low = [m - s.rouge["rouge2"].low * 100 for m, s in zip(means, standings, strict=True)]
        high = [s.rouge["rouge2"].high * 100 - m for m, s in zip(means, standings, strict=True)]
        base = leaderboard.baseline
        ax.barh(
            range(len(standings)),
            means,
            xerr=[low, high],
            color=[_bar_colour(s, base) for s in standings],
            error_kw={"ecolor": "black", "capsize": 3, "linewidth": 1},
        )
        for s, m in zip(standings, means, strict=True):
            if s.method == base:
                ax.axvline(m, color="#4c4c4c", linestyle="--", linewidth=1)
        ax.set_yticks(range(len(standings)), [_label(s) for s in standings])
        ax.set_xlabel(f"ROUGE-2 F1 ×100 ({leaderboard.confidence:.0%} bootstrap CI)")
        documents = max(s.documents for s in standings)
        ax.set_title(f"{dataset} ({documents} docs)")
        ax.grid(axis="x", alpha=0.3)
    if datasets:
        figure.legend(
            handles=[
                Patch(color=colour, label=label) for label, colour in _legend(leaderboard.baseline)
            ],
            loc="outside lower left",
            ncols=4,
            fontsize=8,
            title=f"bars: ROUGE-2 against {leaderboard.baseline}, paired test, p < 0.05",
            title_fontsize=8,
            frameon=False,
        )
    speed = axes[-1]
    for i, dataset in enumerate(datasets):
        labels: dict[float, tuple[float, list[str]]] = {}
        for s in _ranked(leaderboard, dataset):
            if s.median_seconds is None:
                continue
            milliseconds = max(s.median_seconds, 1e-5) * 1000
            quality = s.rouge["rouge2"].mean * 100
            speed.scatter(
                milliseconds,
                quality,
                color=colours(i % 10),
                marker="s" if s.method == leaderboard.baseline else "o",
                label=dataset,
            )
            # Methods with the same score (e.g. a port and its sumy original) share one label.
            labels.setdefault(round(quality, 2), (milliseconds, []))[1].append(s.method)
        for quality, (milliseconds, names) in labels.items():
            speed.annotate(
                ", ".join(names),
                (milliseconds, quality),
                fontsize=7,
                xytext=(4, 2),
                textcoords="offset points",
            )
    speed.set_xscale("log")
    speed.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    speed.xaxis.set_minor_formatter(NullFormatter())
    speed.set_xlabel("median time per document (ms, log scale)")
    speed.set_ylabel("ROUGE-2 F1 ×100")
    speed.set_title("quality vs speed (up and left is better)")
    speed.grid(alpha=0.3)
    handles, labels = speed.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    if unique:
        speed.legend(unique.values(), unique.keys(), fontsize=8, loc="best")
    return _save(figure, path)


def _save(figure: Figure, path: Path) -> Path:
    # The Agg canvas of this figure only: no pyplot, no global backend switch, no window.
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    write_atomic(path, buffer.getvalue())
    return path


def _ranked(leaderboard: Leaderboard, dataset: str) -> list[MethodStanding]:
    return [s for s in leaderboard.for_dataset(dataset) if "rouge2" in s.rouge]


_COLOURS = {"baseline": "#4c4c4c", "better": "#59a14f", "same": "#7fa7d1", "worse": "#e8a29b"}


def _legend(baseline: str) -> list[tuple[str, str]]:
    return [
        (baseline, _COLOURS["baseline"]),
        ("better", _COLOURS["better"]),
        ("no significant difference", _COLOURS["same"]),
        ("worse", _COLOURS["worse"]),
    ]


def _bar_colour(standing: MethodStanding, baseline: str) -> str:
    if standing.method == baseline:
        return _COLOURS["baseline"]
    comparison = standing.versus_baseline.get("rouge2")
    return _COLOURS[comparison.verdict if comparison is not None else "same"]


def _label(standing: MethodStanding) -> str:
    failed = f" ({standing.failures} failed)" if standing.failures else ""
    return f"{standing.method}{failed}"
