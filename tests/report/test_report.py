"""The report page, read as HTML: what a reader relies on, and what bad input does."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from typer.testing import CliRunner

from summarize import Document, ReportError, check_factuality, get
from summarize.bench.datasets import load_dataset
from summarize.cli import app
from summarize.errors import OutputExistsError
from summarize.report import load_run, render_briefing, render_report, write_page
from summarize.report.align import align_summary
from summarize.report.claims import Claim, claims_from_row
from summarize.report.views import document_views
from summarize.summarizers.base import Budget
from tests.report.conftest import HOSTILE_ID, SCRIPT, with_hostile_id

runner = CliRunner()


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def having(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def copy_run(run: Path, tmp_path: Path) -> Path:
    target = tmp_path / "run"
    shutil.copytree(run, target)
    return target


def test_every_document_and_method_has_its_column(run_20x3: Path) -> None:
    page = parse(render_report(load_run(run_20x3)))
    docs = page.having("article", **{"class": "doc"})
    assert [d["data-key"] for d in docs] == [f"doc-{i}" for i in range(20)]
    columns = page.having("section", **{"class": "method"})
    assert [c["data-method"] for c in columns] == ["lead", "textrank", "fibber"] * 20


def test_extractive_provenance_is_the_summarizers_own(small_run: Path) -> None:
    run = load_run(small_run)
    dataset = run.datasets["articles"]
    for row in dataset.rows:
        document = Document.from_string(row.source)
        for method in ("lead", "textrank"):
            briefing = get(method).summarize(document, Budget(sentences=2))
            aligned = align_summary(document, briefing.text.split("\n"))
            assert [a.sources for a in aligned] == [s.source_sentences for s in briefing.sentences]
            assert {a.how for a in aligned} == {"exact"}


def test_word_budget_cuts_align_to_the_sentence_they_start(small_run: Path) -> None:
    document = Document.from_string(load_run(small_run).datasets["articles"].rows[0].source)
    briefing = get("textrank").summarize(document, Budget(words=8))
    assert briefing.sentences[0].truncated
    [aligned] = align_summary(document, [briefing.sentences[0].text])
    assert (aligned.sources, aligned.how) == (briefing.sentences[0].source_sentences, "prefix")


def test_a_wrong_number_is_flagged_with_kind_words_and_evidence(small_run: Path) -> None:
    views = {v.id: v for v in document_views(load_run(small_run))}
    fibber = {m.method: m for m in views["doc-0"].methods}["fibber"]  # vote of 5 -> 99
    [claim] = fibber.lines[0].claims
    assert (claim.kind, claim.words) == ("number", "99")
    assert fibber.lines[0].text[claim.start : claim.end] == "99"
    assert claim.evidence and claim.evidence[0] == 0  # checked against the true first sentence
    assert not {m.method: m for m in views["doc-1"].methods}["fibber"].flagged  # 6 is even
    html = render_report(load_run(small_run))
    assert "⚠ flagged: number" in html and '<mark class="bad"' in html


def test_without_recheck_flags_only_come_from_the_rows(small_run: Path) -> None:
    views = document_views(load_run(small_run), recheck=False)
    assert sum(v.flagged for v in views) == 0


def test_claims_a_row_carries_are_shown_without_rechecking(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    results = run_dir / "results.jsonl"
    rows = [json.loads(line) for line in results.read_text().splitlines()]
    lead = next(r for r in rows if r["method"] == "lead" and r["id"] == "doc-2")
    first = lead["summary"].split("\n")[0]
    lead["factuality"]["unsupported"] = [
        {"text": first, "start": 0, "end": len(first), "supported": False, "score": 0.2,
         "evidence": [1], "issues": [{"kind": "entity", "span": "Carver", "message": "made up"}]}
    ]  # fmt: skip
    results.write_text("".join(json.dumps(r) + "\n" for r in rows))
    views = {v.id: v for v in document_views(load_run(run_dir), recheck=False)}
    lead_view = {m.method: m for m in views["doc-2"].methods}["lead"]
    [claim] = lead_view.lines[0].claims
    assert (claim.kind, claim.words, claim.reason, claim.evidence) == (
        "entity",
        "Carver",
        "made up",
        (1,),
    )


def test_provenance_the_row_records_is_used(small_run: Path) -> None:
    views = {v.id: v for v in document_views(load_run(small_run))}
    fibber = {m.method: m for m in views["doc-0"].methods}["fibber"]  # its first line is edited
    assert [(line.sources, line.how) for line in fibber.lines] == [((0,), "given"),
                                                                  ((1,), "given")]  # fmt: skip


def test_rows_without_provenance_are_aligned_by_text(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    results = run_dir / "results.jsonl"
    rows = [json.loads(line) for line in results.read_text().splitlines()]
    for row in rows:
        del row["provenance"]  # as rows written before the field existed
    results.write_text("".join(json.dumps(r) + "\n" for r in rows))
    views = {v.id: v for v in document_views(load_run(run_dir))}
    fibber = {m.method: m for m in views["doc-0"].methods}["fibber"]
    assert [(line.sources, line.how) for line in fibber.lines] == [((0,), "overlap"),
                                                                  ((1,), "exact")]  # fmt: skip
    lead = {m.method: m for m in views["doc-1"].methods}["lead"]
    assert [line.how for line in lead.lines] == ["exact", "exact"]


def test_the_checkers_own_json_is_read_line_by_line() -> None:
    source = "The council met on Tuesday. It approved a bridge by 5 votes to 2. Work starts soon."
    lines = ["The council met on Tuesday.", "It approved a bridge by 9 votes to 2."]
    result = check_factuality("\n".join(lines), source)
    row = {"factuality": {"score": result.score, "label": result.label,
                          **{"sentences": result.to_dict()["sentences"]}}}  # fmt: skip
    verdicts = claims_from_row(row, lines)
    assert verdicts is not None and [v.supported for v in verdicts] == [True, False]
    [claim] = verdicts[1].claims
    assert (claim.kind, claim.words, lines[1][claim.start : claim.end]) == ("number", "9", "9")
    assert claim.evidence == (1,)
    assert claims_from_row({"factuality": {"score": 1.0, "label": True}}, lines) is None
    flat = {"claims": [{"kind": "number", "words": "9", "reason": "not stated", "evidence": [1],
                        "start": len(lines[0]) + 1 + lines[1].index("9")}]}  # fmt: skip
    verdicts = claims_from_row(flat, lines)
    assert verdicts is not None and [len(v.claims) for v in verdicts] == [0, 1]
    assert verdicts[1].claims[0] == Claim("number", "not stated", "9", 24, 25, (1,))


def test_html_in_articles_and_references_is_escaped(small_run: Path) -> None:
    html = render_report(load_run(small_run))
    page = parse(html)
    assert SCRIPT not in html
    assert str(escape(SCRIPT)) in html
    # Our script elements only: the page's own code (head, body) and the index (data).
    types = [t[1].get("type") for t in page.tags if t[0] == "script"]
    assert types == [None, "application/json", None]
    assert not any("PWNED" in script for script in page.scripts)
    # And a CSP that allows no other script to run, even if one slipped through.
    csp = page.having("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert (
        "script-src 'sha256-" in (csp or "")
        and "unsafe-inline" not in (csp or "").split("script-src")[1].split(";")[0]
    )


def test_a_hostile_document_id_is_escaped_everywhere(tmp_path: Path, small_run: Path) -> None:
    run_dir, dataset = with_hostile_id(small_run, tmp_path)
    run = load_run(run_dir, [dataset])
    assert any("not the file the run used" in n for n in run.notes)
    html = render_report(run)
    page = parse(html)
    assert HOSTILE_ID not in html and not page.having("img")
    assert [t[1].get("type") for t in page.tags if t[0] == "script"] == [
        None,
        "application/json",
        None,
    ]
    index = json.loads(page.scripts[1])
    assert index[0]["k"] == HOSTILE_ID  # the data survives, as data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=300))
def test_any_article_text_comes_out_as_text(text: str) -> None:
    body = f"The mayor said {text} on Tuesday. The council agreed to it. Work starts soon."
    document = Document.from_string(body, clean=False)
    html = render_briefing(document, get("lead").summarize(document, Budget(sentences=2)))
    page = parse(html)
    assert len(page.scripts) == 2  # only the page's own scripts
    for sentence in document.sentences:
        assert str(escape(sentence.text)) in html


def test_a_document_without_references_says_so(small_run: Path) -> None:
    html = render_report(load_run(small_run))
    assert "This document has no reference summaries" in html


def test_run_settings_and_versions_are_at_the_bottom(small_run: Path) -> None:
    html = render_report(load_run(small_run))
    footer = html[html.index('<footer id="settings">') :]
    for expected in ("command", "test", "summarize (run)", "Python (run)", "budget", "2 sentences",
                     "method textrank", "dataset articles", "report made by"):  # fmt: skip
        assert expected in footer


def test_leaderboard_has_cis_and_tests_against_lead(run_20x3: Path) -> None:
    html = render_report(load_run(run_20x3))
    page = parse(html)
    assert page.having("table", **{"class": "leaderboard sortable"})
    assert "R2 vs lead" in html and "(baseline)" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert "<img" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_a_half_finished_run_is_reported_as_partial(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    results = run_dir / "results.jsonl"
    lines = results.read_text().splitlines(keepends=True)
    results.write_text("".join(lines[:5]) + lines[5][:40])  # a killed run: last line cut short
    settings_file = run_dir / "run.json"
    record = json.loads(settings_file.read_text())
    record["status"] = "interrupted"
    settings_file.write_text(json.dumps(record))
    run = load_run(run_dir)
    assert run.partial and len(run.rows) == 5 and run.expected_rows == 12
    assert any("cut short" in n for n in run.notes)
    html = render_report(run)
    assert "Partial run:" in html and "5 of 12 rows" in html


def test_a_failed_method_shows_its_error(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    results = run_dir / "results.jsonl"
    rows = [json.loads(line) for line in results.read_text().splitlines()]
    for row in rows:
        if row["method"] == "textrank" and row["id"] == "doc-2":
            row.update(status="error", error="RuntimeError: <b>boom</b>", summary="", rouge=None,
                       factuality=None, extractiveness=None)  # fmt: skip
    results.write_text("".join(json.dumps(r) + "\n" for r in rows))
    html = render_report(load_run(run_dir))
    assert "failed: RuntimeError: &lt;b&gt;boom&lt;/b&gt;" in html
    assert "(1 failed)" in html  # the plot's label; the table counts it too


def test_no_results_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="holds no results"):
        load_run(tmp_path)
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error:") and "summarize bench" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "no run folder" in result.output


def test_an_older_results_schema_is_refused_with_advice(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    (run_dir / "run.json").unlink()
    (run_dir / "results.jsonl").write_text(
        json.dumps({"doc_id": "a", "system": "lead", "scores": {"r1": 0.3}}) + "\n"
    )
    with pytest.raises(ReportError, match=r"results.jsonl:1 is not a results row .*older"):
        load_run(run_dir)


@pytest.mark.parametrize(("schema", "advice"), [(0, "rerun the benchmark"), (2, "upgrade")])
def test_another_run_schema_is_refused(
    tmp_path: Path, small_run: Path, schema: int, advice: str
) -> None:
    run_dir = copy_run(small_run, tmp_path)
    record = json.loads((run_dir / "run.json").read_text())
    record["run_schema"] = schema
    (run_dir / "run.json").write_text(json.dumps(record))
    result = runner.invoke(app, ["report", str(run_dir)])
    assert result.exit_code == 1 and advice in result.output and "Traceback" not in result.output


def test_a_moved_dataset_leaves_articles_out_until_given(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    record = json.loads((run_dir / "run.json").read_text())
    original = Path(record["datasets"][0]["path"])
    record["datasets"][0]["path"] = str(tmp_path / "gone.jsonl")
    (run_dir / "run.json").write_text(json.dumps(record))
    run = load_run(run_dir)
    assert not run.datasets and any("not found" in n for n in run.notes)
    assert "The article is not available" in render_report(run)
    assert load_run(run_dir, [original]).datasets["articles"] == load_dataset(original)
    renamed = tmp_path / "elsewhere" / "renamed.jsonl"  # matched by its content, not its name
    renamed.parent.mkdir()
    shutil.copy(original, renamed)
    assert load_run(run_dir, [renamed]).datasets["articles"].path == renamed


def test_a_changed_dataset_is_not_used_silently(tmp_path: Path, small_run: Path) -> None:
    run_dir = copy_run(small_run, tmp_path)
    record = json.loads((run_dir / "run.json").read_text())
    changed = tmp_path / "changed.jsonl"
    changed.write_text(Path(record["datasets"][0]["path"]).read_text().replace("bridge", "tunnel"))
    record["datasets"][0]["path"] = str(changed)
    (run_dir / "run.json").write_text(json.dumps(record))
    run = load_run(run_dir)
    assert not run.datasets and any("changed since the run" in n for n in run.notes)


def test_cli_writes_the_report_and_regenerates_it(tmp_path: Path, small_run: Path) -> None:
    target = tmp_path / "report.html"
    for _ in range(2):  # the second run replaces the report it wrote itself
        result = runner.invoke(app, ["report", str(small_run), "--output", str(target)])
        assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_a_file_the_user_wrote_is_never_overwritten(tmp_path: Path, small_run: Path) -> None:
    mine = tmp_path / "notes.html"
    mine.write_text("<p>my notes</p>")
    result = runner.invoke(app, ["report", str(small_run), "--output", str(mine)])
    assert result.exit_code == 1 and "--force" in result.output
    assert mine.read_text() == "<p>my notes</p>"
    with pytest.raises(OutputExistsError):
        write_page("<p>x</p>", tmp_path)
    assert runner.invoke(app, ["report", str(small_run), "-o", str(mine), "--force"]).exit_code == 0


def test_brief_format_html_shows_the_briefing_beside_its_article(tmp_path: Path) -> None:
    article = Path("benchmarks/modi_putin/article.txt")
    result = runner.invoke(app, ["brief", str(article), "--method", "textrank", "--format", "html"])
    assert result.exit_code == 0, result.output
    page = parse(result.output)
    document = Document.from_file(article)
    briefing = get("textrank").summarize(document, Budget(sentences=3))
    items = page.having("li", **{"class": "bl"})
    assert [i["data-src"] for i in items] == [
        " ".join(map(str, s.source_sentences)) for s in briefing.sentences
    ]
    ids = {a.get("id") for _, a in page.tags}
    assert all(f"s0-{i}" in ids for i in range(len(document.sentences)))
    assert "set aside (embedded-post)" in result.output


def test_brief_html_of_a_web_page_names_its_title(tmp_path: Path) -> None:
    body = " ".join(
        f"<p>The council of Arden approved bridge number {i} on Tuesday after a long vote. "
        f"Mayor Ruth Okafor said work on bridge {i} starts in March.</p>"
        for i in range(1, 6)
    )
    page = tmp_path / "story.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Arden &lt;b&gt;approves&lt;/b&gt; bridges</title>"
        f"</head><body><article><h1>Arden approves bridges</h1>{body}</article></body></html>"
    )
    result = runner.invoke(app, ["brief", str(page), "--format", "html", "--method", "lead"])
    assert result.exit_code == 0, result.output
    title = Document.from_file(page).title
    assert title and "approves" in title
    assert f"<cite>{escape(title)}</cite>" in result.output
    assert f"<h1>Briefing: {escape(title)}</h1>" in result.output
