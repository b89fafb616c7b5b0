"""What the report shows, as plain values: one view per document, one column per method.

Built from a :class:`~summarize.report.run.RunFolder` (the benchmark report) or from one
document and its briefing (``summarize brief --format html``); the templates only lay them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from summarize.bench.datasets import DatasetRow
from summarize.bench.results import ResultRow
from summarize.briefing import Briefing
from summarize.document import Document
from summarize.errors import SummarizeError
from summarize.evaluation.factuality import FactualityChecker
from summarize.report.align import Alignment, align_summary, fold
from summarize.report.claims import Claim, claims_from_row, recheck_lines
from summarize.report.run import RunFolder
from summarize.summarizers.base import ProgressCallback

__all__ = [
    "ArticleParagraph",
    "ArticleSentence",
    "BriefingLine",
    "DocumentView",
    "MethodView",
    "Segment",
    "briefing_view",
    "document_views",
]


@dataclass(frozen=True, slots=True)
class ArticleSentence:
    """A sentence of the article; ``index`` is its ``Document.sentences`` index (None: set aside)."""

    text: str
    index: int | None


@dataclass(frozen=True, slots=True)
class ArticleParagraph:
    """A paragraph of the article; ``chrome`` says why cleaning set it aside (None: body text)."""

    sentences: tuple[ArticleSentence, ...]
    chrome: str | None


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a briefing sentence; ``claim`` is set on the words a flagged claim is about."""

    text: str
    claim: Claim | None = None


@dataclass(frozen=True, slots=True)
class BriefingLine:
    """One briefing sentence: its words (with flagged spans), its sources and its claims."""

    text: str
    sources: tuple[int, ...]
    how: str
    """How the sources were found (see :class:`~summarize.report.align.Alignment`)."""
    claims: tuple[Claim, ...] = ()

    @property
    def segments(self) -> list[Segment]:
        """The text cut at the words flagged claims are about (overlaps: the first wins)."""
        spans = sorted(
            (c.start, c.end, c)
            for c in self.claims
            if c.start is not None and c.end is not None and 0 <= c.start < c.end <= len(self.text)
        )
        pieces: list[Segment] = []
        position = 0
        for start, end, claim in spans:
            if start < position:
                continue
            if start > position:
                pieces.append(Segment(self.text[position:start]))
            pieces.append(Segment(self.text[start:end], claim))
            position = end
        if position < len(self.text):
            pieces.append(Segment(self.text[position:]))
        return pieces


@dataclass(frozen=True)
class MethodView:
    """One method's briefing of one document and its scores."""

    method: str
    status: str
    error: str | None = None
    lines: tuple[BriefingLine, ...] = ()
    rouge: Mapping[str, float] | None = None
    factuality: float | None = None
    consistent: bool | None = None
    words: int = 0
    seconds: float = 0.0

    @property
    def flagged(self) -> int:
        """How many of its sentences carry a flagged claim."""
        return sum(1 for line in self.lines if line.claims)


@dataclass(frozen=True)
class DocumentView:
    """One document: the article (when its dataset was found), references and every briefing."""

    key: str
    """Unique in the report: the id, or ``dataset/id`` when two datasets share an id."""
    id: str
    dataset: str
    number: int
    """Position in the report (0-based), used in element ids."""
    paragraphs: tuple[ArticleParagraph, ...] | None
    references: tuple[str, ...]
    methods: tuple[MethodView, ...]
    notes: tuple[str, ...] = field(default=())
    title: str | None = None
    """The page's title, when the article is an HTML page that names one."""

    @property
    def flagged(self) -> int:
        """Flagged sentences over all methods."""
        return sum(m.flagged for m in self.methods)

    @cached_property
    def _sentences(self) -> dict[int, str]:
        return {
            s.index: s.text
            for p in self.paragraphs or ()
            for s in p.sentences
            if s.index is not None
        }

    def sentence(self, index: int) -> str | None:
        """The text of source sentence ``index`` (``Document.sentences``), if the article is here."""
        return self._sentences.get(index)

    def index_entry(self) -> dict[str, Any]:
        """A compact record for the page's document list (filters and sorting in the browser):
        key, dataset, and per method its ROUGE-2 (``None`` without references or on failure)
        and how many of its sentences are flagged."""
        return {
            "k": self.key,
            "d": self.dataset,
            "m": {
                m.method: [
                    None if not m.rouge or "rouge2" not in m.rouge else round(m.rouge["rouge2"], 4),
                    m.flagged,
                ]
                for m in self.methods
            },
        }


def document_views(
    run: RunFolder, *, recheck: bool = True, progress: ProgressCallback | None = None
) -> list[DocumentView]:
    """One view per document of the run, in dataset order, methods in command-line order.

    ``progress(done, total)`` counts documents.
    """
    by_document: dict[tuple[str, str], dict[str, ResultRow]] = {}
    for row in run.rows:
        by_document.setdefault((row.dataset, row.id), {})[row.method] = row
    order = {name: i for i, name in enumerate(run.dataset_order)}
    positions: dict[tuple[str, str], int] = {}
    sources: dict[tuple[str, str], DatasetRow] = {}
    for name, found in run.datasets.items():
        for position, item in enumerate(found.rows):
            positions[(name, item.id)] = position
            sources[(name, item.id)] = item
    keys = sorted(
        by_document,
        key=lambda k: (order.get(k[0], len(order)), positions.get(k, len(positions)), k[1]),
    )
    shared_ids = _ids_in_several_datasets(keys)
    clean = bool(run.settings.get("config", {}).get("clean", True))
    views = []
    if progress:
        progress(0, len(keys))
    for number, (dataset, doc_id) in enumerate(keys):
        source = sources.get((dataset, doc_id))
        rows = by_document[(dataset, doc_id)]
        views.append(
            _document_view(
                number,
                f"{dataset}/{doc_id}" if doc_id in shared_ids else doc_id,
                dataset,
                doc_id,
                source,
                [rows[m] for m in run.methods if m in rows],
                run.raw_rows,
                clean=clean,
                recheck=recheck,
            )
        )
        if progress:
            progress(number + 1, len(keys))
    return views


def briefing_view(document: Document, briefing: Briefing, *, name: str = "article") -> DocumentView:
    """The view of one article and its briefing, provenance straight from the briefing."""
    checker = FactualityChecker(document)
    lines = []
    for sentence in briefing.sentences:
        text = fold(sentence.text)
        claims = [
            Claim(flag.kind, flag.message, flag.span, *_find(text, flag.span))
            for flag in sentence.flags
        ]
        claims += recheck_lines(checker, [text], [sentence.source_sentences])[0].claims
        lines.append(BriefingLine(text, tuple(sentence.source_sentences), "given", tuple(claims)))
    result = checker.check(briefing.text)
    view = MethodView(
        briefing.method,
        "ok",
        lines=tuple(lines),
        factuality=result.score,
        consistent=result.label,
        words=sum(len(line.text.split()) for line in lines),
        seconds=briefing.seconds,
    )
    return DocumentView(
        name, name, "", 0, _paragraphs(document), (), (view,), briefing.notes, document.title
    )


def _document_view(
    number: int,
    key: str,
    dataset: str,
    doc_id: str,
    source: DatasetRow | None,
    rows: Sequence[ResultRow],
    raw_rows: Mapping[tuple[str, str, str], Mapping[str, Any]],
    *,
    clean: bool,
    recheck: bool,
) -> DocumentView:
    notes: list[str] = []
    document: Document | None = None
    if source is not None:
        try:
            document = Document.from_string(source.source, clean=clean)
        except SummarizeError as exc:
            notes.append(f"the article cannot be read: {exc}")
    checker: FactualityChecker | None = None
    methods = []
    for row in rows:
        if not row.ok:
            methods.append(MethodView(row.method, row.status, row.error or "failed"))
            continue
        lines = [fold(line) for line in row.summary.split("\n") if line.strip()]
        raw = raw_rows.get(row.key, {})
        alignments = (
            _given(row, lines, document)
            or (align_summary(document, lines) if document is not None else None)
            or [Alignment(line, (), "none") for line in lines]
        )
        verdicts = claims_from_row(raw, lines)
        if verdicts is None and recheck and document is not None and _flagged(row):
            checker = checker or FactualityChecker(document)
            verdicts = recheck_lines(checker, lines, [a.sources for a in alignments])
        briefing_lines = tuple(
            BriefingLine(
                a.text,
                a.sources,
                a.how,
                verdicts[i].claims if verdicts is not None and i < len(verdicts) else (),
            )
            for i, a in enumerate(alignments)
        )
        methods.append(
            MethodView(
                row.method,
                row.status,
                None,
                briefing_lines,
                row.rouge,
                row.factuality.score if row.factuality else None,
                row.factuality.label if row.factuality else None,
                row.words,
                row.seconds,
            )
        )
    return DocumentView(
        key,
        doc_id,
        dataset,
        number,
        _paragraphs(document) if document is not None else None,
        source.references if source is not None else (),
        tuple(methods),
        tuple(notes),
        document.title if document is not None else None,
    )


def _flagged(row: ResultRow) -> bool:
    factuality = row.factuality
    return factuality is not None and (factuality.unsupported_sentences > 0 or not factuality.label)


def _given(
    row: ResultRow, lines: Sequence[str], document: Document | None
) -> list[Alignment] | None:
    """The source sentences the row records (``provenance``), when it does, line by line."""
    if row.provenance is None or len(row.provenance) != len(lines):
        return None
    limit = len(document.sentences) if document is not None else None
    return [
        Alignment(
            line, tuple(i for i in sources if i >= 0 and (limit is None or i < limit)), "given"
        )
        for line, sources in zip(lines, row.provenance, strict=True)
    ]


def _paragraphs(document: Document) -> tuple[ArticleParagraph, ...]:
    return tuple(
        ArticleParagraph(
            tuple(ArticleSentence(s.text, s.index if s.index >= 0 else None) for s in p.sentences),
            p.chrome,
        )
        for p in document.paragraphs
    )


def _ids_in_several_datasets(keys: Sequence[tuple[str, str]]) -> set[str]:
    seen: dict[str, set[str]] = {}
    for dataset, doc_id in keys:
        seen.setdefault(doc_id, set()).add(dataset)
    return {doc_id for doc_id, datasets in seen.items() if len(datasets) > 1}


def _find(text: str, words: str | None) -> tuple[int | None, int | None]:
    if not words:
        return None, None
    found = text.find(words)
    return (found, found + len(words)) if found >= 0 else (None, None)
