"""The leaderboard plot as inline SVG: ROUGE-2 per method with its CI, one panel per dataset.

The same picture as ``leaderboard.png`` (:mod:`summarize.bench.plot`) but text, so the report
stays one file that scales, prints sharply and can be read by a screen reader. The paired test
against the baseline is written next to each bar as a word, not only shown as a colour.
"""

from __future__ import annotations

import math
from html import escape

from summarize.bench.leaderboard import Leaderboard, MethodStanding

__all__ = ["leaderboard_svg"]

_ROW = 22
_LABEL = 150
_BARS = 300
_NOTE = 210
_TOP = 34
_COLOURS = {"baseline": "#4c4c4c", "better": "#3d8b37", "same": "#6f9ccc", "worse": "#d46a5f"}
_WORDS = {"baseline": "baseline", "better": "better", "same": "no sig. difference",
          "worse": "worse"}  # fmt: skip


def leaderboard_svg(leaderboard: Leaderboard, dataset: str) -> str | None:
    """One dataset's panel as an ``<svg>`` element, or ``None`` when no method has ROUGE-2."""
    standings = [s for s in leaderboard.for_dataset(dataset) if "rouge2" in s.rouge]
    if not standings:
        return None
    top = max(s.rouge["rouge2"].high for s in standings) * 100
    scale_max = _nice_ceiling(top)
    width = _LABEL + _BARS + _NOTE
    height = _TOP + _ROW * len(standings) + 30
    title = f"ROUGE-2 F1 ×100 per method on {dataset}, {leaderboard.confidence:.0%} bootstrap CI"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="plot-{_id(dataset)}" '
        'class="plot" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="plot-{_id(dataset)}">{escape(title)}</title>',
        f'<text x="0" y="14" font-weight="bold">{escape(dataset)}: ROUGE-2 F1 ×100 '
        f"({leaderboard.confidence:.0%} CI) against {escape(leaderboard.baseline)}</text>",
    ]
    for tick in _ticks(scale_max):
        x = _LABEL + tick / scale_max * _BARS
        bottom = _TOP + _ROW * len(standings)
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="#555">{tick:g}</text>'
        )
    for row, standing in enumerate(standings):
        parts.append(_bar(standing, leaderboard.baseline, row, scale_max))
    parts.append("</svg>")
    return "".join(parts)


def _bar(standing: MethodStanding, baseline: str, row: int, scale_max: float) -> str:
    interval = standing.rouge["rouge2"]
    verdict = _verdict(standing, baseline)
    y = _TOP + row * _ROW
    mean, low, high = (v * 100 / scale_max * _BARS for v in (interval.mean, interval.low,
                                                             interval.high))  # fmt: skip
    label = standing.method + (f" ({standing.failures} failed)" if standing.failures else "")
    note = (
        f"{interval.mean * 100:.2f} [{interval.low * 100:.2f}, {interval.high * 100:.2f}] "
        f"{_WORDS[verdict]}"
    )
    middle = y + _ROW / 2
    return (
        f"<g><title>{escape(label)}: {escape(note)}</title>"
        f'<text x="{_LABEL - 6}" y="{middle + 4:.1f}" text-anchor="end">{escape(label)}</text>'
        f'<rect x="{_LABEL}" y="{y + 4}" width="{max(mean, 0.5):.1f}" height="{_ROW - 8}" '
        f'fill="{_COLOURS[verdict]}"/>'
        f'<line x1="{_LABEL + low:.1f}" y1="{middle:.1f}" x2="{_LABEL + high:.1f}" '
        f'y2="{middle:.1f}" stroke="#000"/>'
        f'<line x1="{_LABEL + low:.1f}" y1="{y + 6}" x2="{_LABEL + low:.1f}" y2="{y + _ROW - 6}" '
        'stroke="#000"/>'
        f'<line x1="{_LABEL + high:.1f}" y1="{y + 6}" x2="{_LABEL + high:.1f}" '
        f'y2="{y + _ROW - 6}" stroke="#000"/>'
        f'<text x="{_LABEL + _BARS + 8}" y="{middle + 4:.1f}" fill="#222">{escape(note)}</text>'
        "</g>"
    )


def _verdict(standing: MethodStanding, baseline: str) -> str:
    if standing.method == baseline:
        return "baseline"
    comparison = standing.versus_baseline.get("rouge2")
    return comparison.verdict if comparison is not None else "same"


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(value))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * step >= value:
            return multiple * step
    return 10 * step


def _ticks(scale_max: float) -> list[float]:
    step = scale_max / 5
    return [round(step * i, 6) for i in range(6)]


def _id(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text)
