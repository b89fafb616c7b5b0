"""Render the report (a bench run) or one briefing as one self-contained HTML page.

Everything the page needs is inside it: CSS, the script, the plot as SVG, the data. Nothing is
fetched, so it works from ``file://`` and as an e-mail attachment; a Content-Security-Policy
forbids any fetch and allows only the page's own script (by its hash), so even text that
slipped past escaping could not run. Every piece of text from the data goes through Jinja's
autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
import json
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup

from summarize.bench.leaderboard import (
    ROUGE_LABELS,
    SIGNIFICANCE,
    Leaderboard,
    MethodStanding,
    build_leaderboard,
)
from summarize.briefing import Briefing
from summarize.document import Document
from summarize.evaluation.rouge import ROUGE_TYPES
from summarize.report.run import RunFolder
from summarize.report.svg import leaderboard_svg
from summarize.report.views import DocumentView, briefing_view, document_views
from summarize.summarizers.base import ProgressCallback

__all__ = ["GENERATOR", "render_briefing", "render_report"]

GENERATOR = "summarize report"
"""The ``<meta name="generator">`` of every page we write (how we know a file is ours)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A leaderboard cell: what it shows, what it sorts by, and an optional CSS class."""

    text: str
    sort: str
    detail: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """One dataset's leaderboard table and its plot."""

    dataset: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    svg: Markup | None


def render_report(
    run: RunFolder,
    *,
    recheck: bool = True,
    now: datetime | None = None,
    progress: ProgressCallback | None = None,
) -> str:
    """The report of a benchmark run as one HTML page (see the module docstring).

    ``progress(done, total)`` counts the documents prepared.
    """
    docs = document_views(run, recheck=recheck, progress=progress)
    leaderboard = build_leaderboard(run.rows, checker=_factuality_of(run.settings)[0])
    datasets = [d for d in run.dataset_order if any(v.dataset == d for v in docs)]
    title = f"Benchmark report: {', '.join(datasets)}"
    return _page(
        "report.html.j2",
        title=title,
        docs=docs,
        methods=list(run.methods),
        datasets=datasets,
        row_count=len(run.rows),
        expected_rows=run.expected_rows,
        status=run.status,
        partial=run.partial,
        notes=list(run.notes),
        baseline=leaderboard.baseline,
        confidence=leaderboard.confidence,
        significance=SIGNIFICANCE,
        tables=[_table(leaderboard, dataset) for dataset in leaderboard.datasets],
        settings_table=_run_settings(run, now),
        settings_json=json.dumps(dict(run.settings), indent=2, ensure_ascii=False)
        if run.settings
        else "(this run folder has no run.json)",
        index_json=Markup(_script_json([doc.index_entry() for doc in docs])),
    )


def render_briefing(
    document: Document, briefing: Briefing, *, name: str = "article", title: str | None = None
) -> str:
    """One article (called ``name``) and its briefing side by side, provenance highlighted."""
    view: DocumentView = briefing_view(document, briefing, name=name)
    described = briefing.budget.describe() if briefing.budget is not None else {}
    budget = ", ".join(f"{v} {k}" for k, v in described.items())
    settings = [
        ("method", briefing.method),
        ("parameters", json.dumps(dict(briefing.params), sort_keys=True, default=repr)),
        ("budget", budget or "–"),
        ("sentences", f"{len(briefing.sentences)} of {briefing.document_sentences}"),
        ("cleaning", "page chrome set aside" if document.cleaned else "off"),
        *_versions(None),
    ]
    return _page(
        "briefing.html.j2",
        title=title or briefing.headline or "Briefing",
        doc=view,
        method=view.methods[0],
        budget=budget,
        settings_table=settings,
    )


_HEAD_SCRIPT = 'document.documentElement.classList.add("js");'
"""Runs before the body is parsed: with it, the hidden documents are never laid out."""


def _page(template: str, **context: Any) -> str:
    script = _asset("report.js")
    hashes = " ".join(f"'{_digest(s)}'" for s in (_HEAD_SCRIPT, script))
    page = _environment().get_template(template)
    return page.render(
        generator=GENERATOR,
        css=Markup(_asset("report.css")),
        head_js=Markup(_HEAD_SCRIPT),
        js=Markup(script),
        script_hashes=Markup(hashes),
        **context,
    )


def _digest(script: str) -> str:
    """The CSP source of an inline script: ``sha256-`` and its SHA-256 in base64."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("summarize.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return files("summarize.report").joinpath("templates", name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _table(leaderboard: Leaderboard, dataset: str) -> Table:
    base = leaderboard.baseline
    header = (
        "method", "docs", "failed",
        *(ROUGE_LABELS[k] for k in ROUGE_TYPES),
        f"R1 vs {base}", f"R2 vs {base}",
        "factuality", "consistent", "coverage", "density", "s/doc",
    )  # fmt: skip
    rows = []
    for s in leaderboard.for_dataset(dataset):
        rows.append(
            (
                Cell(s.method + (" (baseline)" if s.method == base else ""), s.method),
                Cell(str(s.documents), str(s.documents)),
                Cell(str(s.failures), str(s.failures)),
                *(_rouge_cell(s, kind) for kind in ROUGE_TYPES),
                _versus_cell(s, "rouge1"),
                _versus_cell(s, "rouge2"),
                _plain(s.factuality, "{:.3f}"),
                _plain(s.consistent, "{:.0%}"),
                _plain(s.coverage, "{:.3f}"),
                _plain(s.density, "{:.2f}"),
                _seconds(s.median_seconds),
            )
        )
    svg = leaderboard_svg(leaderboard, dataset)
    return Table(dataset, header, tuple(rows), Markup(svg) if svg else None)


def _rouge_cell(standing: MethodStanding, kind: str) -> Cell:
    interval = standing.rouge.get(kind)
    if interval is None:
        return Cell("–", "")
    return Cell(
        f"{interval.mean * 100:.2f}",
        f"{interval.mean:.6f}",
        f"[{interval.low * 100:.2f}, {interval.high * 100:.2f}]",
    )


def _versus_cell(standing: MethodStanding, kind: str) -> Cell:
    comparison = standing.versus_baseline.get(kind)
    if comparison is None:
        return Cell("–", "")
    p = "p<0.001" if comparison.p_value < 0.001 else f"p={comparison.p_value:.3f}"
    return Cell(
        comparison.verdict,
        f"{comparison.delta:.6f}",
        f"({comparison.delta * 100:+.2f}, {p})",
        comparison.verdict if comparison.verdict != "same" else "",
    )


def _plain(value: float | None, form: str) -> Cell:
    return Cell("–", "") if value is None else Cell(form.format(value), f"{value:.6f}")


def _seconds(value: float | None) -> Cell:
    if value is None:
        return Cell("–", "")
    text = f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return Cell(text, f"{value:.6f}")


def _factuality_of(settings: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """The factuality checker a run used (``rules`` unless its config names another) and the
    parameters it was given."""
    config = settings.get("config")
    factuality = config.get("factuality") if isinstance(config, Mapping) else None
    if not isinstance(factuality, Mapping):
        return "rules", {}
    params = factuality.get("params")
    return str(factuality.get("checker") or "rules"), params if isinstance(params, Mapping) else {}


def _run_settings(run: RunFolder, now: datetime | None) -> list[tuple[str, str]]:
    settings = run.settings
    rows: list[tuple[str, str]] = [("run folder", str(run.path))]
    for key, label in (
        ("command", "command"),
        ("status", "status"),
        ("started", "started"),
        ("finished", "finished"),
        ("workers", "workers"),
        ("limit", "limit (documents per dataset)"),
    ):
        if settings.get(key) is not None:
            rows.append((label, str(settings[key])))
    budget = settings.get("budget")
    if isinstance(budget, Mapping):
        rows.append(("budget", ", ".join(f"{v} {k}" for k, v in budget.items())))
    config = settings.get("config")
    if isinstance(config, Mapping) and "clean" in config:
        rows.append(("cleaning", "page chrome set aside" if config["clean"] else "off"))
    checker, checker_params = _factuality_of(settings)
    described = f"; params {json.dumps(dict(checker_params))}" if checker_params else ""
    rows.append(("factuality checker", checker + described))
    for method in _dicts(settings.get("methods")):
        params = json.dumps(method.get("params") or {}, sort_keys=True)
        rows.append(
            (
                f"method {method.get('name')}",
                f"{method.get('family', '?')}, by {method.get('origin', '?')}; params {params}",
            )
        )
    for dataset in _dicts(settings.get("datasets")):
        rows.append(
            (
                f"dataset {dataset.get('name')}",
                f"{dataset.get('path', '?')}: {dataset.get('rows_used', '?')} of "
                f"{dataset.get('rows', '?')} rows, sha256 {str(dataset.get('sha256', '?'))[:12]}…",
            )
        )
    for key, label in (
        ("summarize_version", "summarize (run)"),
        ("python", "Python (run)"),
        ("platform", "platform (run)"),
    ):
        if settings.get(key) is not None:
            rows.append((label, str(settings[key])))
    rows.extend(_versions(now))
    return rows


def _versions(now: datetime | None) -> list[tuple[str, str]]:
    from summarize import __version__

    moment = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    return [
        ("report made", moment),
        ("report made by", f"summarize {__version__}, Jinja2 {version('jinja2')}, "
                           f"Python {platform.python_version()}"),
    ]  # fmt: skip


def _dicts(value: Any) -> Sequence[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []
