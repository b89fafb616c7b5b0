"""Factuality checks: each check on real rows of the dev data (row ids cited), the planted
errors of the Modi–Putin article, the result's shape, and arbitrary text (hypothesis)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import summarize
from summarize.document import Document
from summarize.errors import EmptyDocumentError, InputError, ParameterError
from summarize.evaluation.factuality import (
    DEFAULT_THRESHOLD,
    ISSUE_KINDS,
    FactualityChecker,
    FactualityResult,
    check_factuality,
)

FILES = ("factuality_frank.jsonl", "factuality_summeval.jsonl")
ROW_WRITERS = "0adb86356834452298d180104ff54179"

# Rows of the dev data the tests below use, by id (FRANK: Pagnoni et al. 2021; SummEval:
# Fabbri et al. 2021), with the human label: 1 = consistent.
ROW_IDS = {
    "frank-ba447de4b06c8615cc8c87944bb2b22f089f2842-bert_sum",  # "$ 20million" not in source
    "frank-36968311-BERTS2S",  # "£50, 000" (XSum tokenization) is the source's £50,000
    "frank-e17dfca32f47c9b529bef95eb457a42ca899154e-s2s",  # "saturday"; the source says Monday
    "frank-132e50805378d42b2996fdd648d1da78c60d235d-s2s",  # "1943", "1944": the source, 1931
    "summeval-cnn-test-d75b043ebefc3098aea84d92bb8bec0f509b1563-M20",  # invented "Baluchistan"
    "summeval-dm-test-f26d8400ae49b90d109c165d0f44b8f6ca253c08-M20",  # names all in the source
    "frank-fa24723dad6104750ada05628b44decba200720b-bus",  # altered quote "more jobs and ..."
    "frank-c7ed46b2ff217b502514ba71d63ddcbb652e44a9-bert_sum",  # PTB quotes found in source
    "frank-7aa0b829c17b92ceeae58ebee1d87f7b2c962ed3-s2s",  # invented "lana del rey"
    "frank-b71b7737562c6aa7c3ceefcbb2073a35c9854e54-bart",  # consistent, lower-cased PTB
    "frank-b71b7737562c6aa7c3ceefcbb2073a35c9854e54-bert_sum",  # consistent, lower-cased PTB
    "frank-a977c81aebc46b867132c2b6d594962d67522de0-bert_sum",  # "88th minute"; source: 89th
}


@pytest.fixture(scope="module")
def rows(shared_data: Path) -> dict[str, dict]:
    """The rows of ROW_IDS, read from the shared dev data."""
    found: dict[str, dict] = {}
    for name in FILES:
        with (shared_data / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row["id"] in ROW_IDS:
                    found[row["id"]] = row
    missing = ROW_IDS - found.keys()
    assert not missing, f"rows missing from the shared data: {sorted(missing)}"
    return found


def issues_of(result: FactualityResult, kind: str) -> list[str]:
    return [issue.span for issue in result.issues if issue.kind == kind]


def check_row(row: dict) -> FactualityResult:
    return check_factuality(row["summary"], row["source"])


# --- numbers ---------------------------------------------------------------------------------


def test_number_not_in_source_is_flagged(rows: dict[str, dict]) -> None:
    row = rows["frank-ba447de4b06c8615cc8c87944bb2b22f089f2842-bert_sum"]
    result = check_row(row)
    assert "$ 20million" in issues_of(result, "number")
    # "$ 5,000 a month" is in the source ("$5,000"), so only the invented figures are flagged.
    assert "$ 5,000" not in issues_of(result, "number")
    assert result.label is False


def test_ordinal_off_by_one_is_flagged(rows: dict[str, dict]) -> None:
    row = rows["frank-a977c81aebc46b867132c2b6d594962d67522de0-bert_sum"]
    result = check_row(row)
    assert issues_of(result, "number") == ["88th"]
    assert "100th" not in issues_of(result, "number")


def test_xsum_tokenized_thousands_match_the_source(rows: dict[str, dict]) -> None:
    row = rows["frank-36968311-BERTS2S"]
    assert row["label"] == 1
    result = check_row(row)
    assert issues_of(result, "number") == []
    assert result.label is True


# --- dates -----------------------------------------------------------------------------------


def test_wrong_weekday_is_flagged(rows: dict[str, dict]) -> None:
    result = check_row(rows["frank-e17dfca32f47c9b529bef95eb457a42ca899154e-s2s"])
    assert issues_of(result, "date") == ["saturday"]
    message = next(i.message for i in result.issues if i.kind == "date")
    assert "Monday" in message  # tells the reader what the source says instead


def test_wrong_year_is_flagged_and_right_year_passes(rows: dict[str, dict]) -> None:
    result = check_row(rows["frank-132e50805378d42b2996fdd648d1da78c60d235d-s2s"])
    # "1943" is nowhere in the source; "1944" is, but for the Great Escape, not for the
    # flying accident (1931) that the summary sentence pins it to.
    assert issues_of(result, "date") == ["1943", "1944"]
    assert "for something else" in result.issues[-1].message
    assert result.sentences[0].supported is False


# --- names -----------------------------------------------------------------------------------


def test_invented_place_is_flagged(rows: dict[str, dict]) -> None:
    result = check_row(rows["summeval-cnn-test-d75b043ebefc3098aea84d92bb8bec0f509b1563-M20"])
    assert issues_of(result, "entity") == ["Baluchistan"]
    assert result.label is False


def test_names_found_in_source_pass(rows: dict[str, dict]) -> None:
    row = rows["summeval-dm-test-f26d8400ae49b90d109c165d0f44b8f6ca253c08-M20"]
    result = check_row(row)
    assert row["label"] == 1
    assert result.issues == ()
    assert result.label is True


def test_misspelled_name_in_a_human_summary_is_flagged(shared_data: Path) -> None:
    # news_writer_summaries.jsonl, id 0adb86356834452298d180104ff54179: a freelance writer's
    # summary spells the jockey "Schofield"; the article (and the other writers) "Scholfield".
    with (shared_data / "news_writer_summaries.jsonl").open(encoding="utf-8") as handle:
        row = next(r for r in map(json.loads, handle) if r["id"] == ROW_WRITERS)
    checker = FactualityChecker(row["source"])
    wrong, right = (
        next(ref for ref in row["references"] if name in ref)
        for name in ("Schofield", "Scholfield")
    )
    assert issues_of(checker.check(wrong), "entity")[0] == "Nick Schofield"
    assert issues_of(checker.check(right), "entity") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a demonym for a country the source names ("Indian"/"India", "Russian"/"Russia")
        "Indian Prime Minister Narendra Modi congratulated Russian President Vladimir Putin.",
        # an acronym of a name the source spells out ("Prime Minister's Office")
        "The PMO stated that the two leaders agreed to remain in touch.",
    ],
)
def test_other_forms_of_source_names_are_not_entity_errors(
    modi: FactualityChecker, sentence: str
) -> None:
    result = modi.check(sentence)
    assert issues_of(result, "entity") == []
    assert issues_of(result, "novel-content") == []


# --- quotations ------------------------------------------------------------------------------


def test_altered_quote_is_flagged(rows: dict[str, dict]) -> None:
    result = check_row(rows["frank-fa24723dad6104750ada05628b44decba200720b-bus"])
    # The source has 'more jobs, more homes, ...'; the summary quotes "more jobs and more homes".
    assert "more jobs and more homes" in issues_of(result, "quote")
    # The PTB-quoted ` excites ' is in the source as 'excites': quote style does not matter.
    assert "excites" not in issues_of(result, "quote")


def test_ptb_quotes_found_in_source_pass(rows: dict[str, dict]) -> None:
    result = check_row(rows["frank-c7ed46b2ff217b502514ba71d63ddcbb652e44a9-bert_sum"])
    assert issues_of(result, "quote") == []


# --- novel content ---------------------------------------------------------------------------


def test_invented_content_is_flagged_with_offsets(rows: dict[str, dict]) -> None:
    row = rows["frank-7aa0b829c17b92ceeae58ebee1d87f7b2c962ed3-s2s"]
    result = check_row(row)
    spans = issues_of(result, "novel-content")
    assert "lana del rey" in spans
    for issue in result.issues:
        assert row["summary"][issue.start : issue.end] == issue.span
    assert result.label is False


@pytest.mark.parametrize(
    "row_id",
    [
        "frank-b71b7737562c6aa7c3ceefcbb2073a35c9854e54-bart",
        "frank-b71b7737562c6aa7c3ceefcbb2073a35c9854e54-bert_sum",
    ],
)
def test_consistent_lowercased_summaries_pass(rows: dict[str, dict], row_id: str) -> None:
    row = rows[row_id]
    assert row["label"] == 1
    result = check_row(row)
    assert result.issues == ()
    assert all(sentence.score > 0.5 for sentence in result.sentences)


def test_evidence_points_at_the_supporting_source_sentence(rows: dict[str, dict]) -> None:
    row = rows["frank-b71b7737562c6aa7c3ceefcbb2073a35c9854e54-bert_sum"]
    document = Document.from_string(row["source"])
    result = check_factuality(row["summary"], document)
    first = result.sentences[0]
    best = document.sentences[first.evidence[0]]
    assert "can increase grey matter in the brain" in best.text
    assert first.evidence_spans[0] == (best.start, best.end)
    assert row["source"][best.start : best.end] == best.text


# --- the running example: planted errors -----------------------------------------------------


@pytest.fixture(scope="module")
def modi(shared_data: Path) -> FactualityChecker:
    return FactualityChecker((shared_data / "modi_putin_call.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("sentence", "kind", "span"),
    [
        (
            "Prime Minister Narendra Modi on Thursday congratulated Vladimir Putin on his "
            "re-election as the President of the Russian Federation.",
            "date",
            "Thursday",
        ),
        (
            "Putin secured an unprecedented sixth term as president of Russia on Monday.",
            "number",
            "sixth",
        ),
        ("Narendra Modi posted on X on March 21, 2024.", "date", "March 21"),
        (
            "Vladimir Putin on Wednesday congratulated Narendra Modi on his re-election.",
            "attribution",
            "Vladimir Putin on Wednesday congratulated Narendra Modi",
        ),
        (
            "Prime Minister Shehbaz Sharif congratulated Vladimir Putin on his re-election.",
            "entity",
            "Prime Minister Shehbaz Sharif",
        ),
        (
            'Modi said the two countries would "stand united against all Western sanctions".',
            "quote",
            "stand united against all Western sanctions",
        ),
    ],
)
def test_planted_errors_are_caught(
    modi: FactualityChecker, sentence: str, kind: str, span: str
) -> None:
    result = modi.check(sentence)
    assert [(i.kind, i.span) for i in result.issues if i.kind == kind] == [(kind, span)]
    assert result.label is False
    assert result.sentences[0].supported is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his "
        "re-election as the President of the Russian Federation.",
        "Putin secured an unprecedented fifth term as president of Russia on Monday.",
        "Putin claimed his overwhelming margin was proof that Russians had placed their "
        '"trust" and "hopes" in him.',
        "Russia was a minor exporter of fuel to India, but Delhi began boosting shipments after "
        "the Ukraine war began in February 2022.",
        "The Prime Minister's Office stated that the two leaders agreed to remain in touch.",
    ],
)
def test_correct_sentences_from_the_article_pass(modi: FactualityChecker, sentence: str) -> None:
    result = modi.check(sentence)
    assert result.issues == ()
    assert result.label is True


@pytest.mark.parametrize(
    "sentence",
    ["Narendra Modi posted on X on March 20, 2024.", "Narendra Modi posted on X on 20 March 2024."],
)
def test_a_date_stated_only_in_an_embedded_post_is_no_issue(
    modi: FactualityChecker, sentence: str
) -> None:
    assert modi.check(sentence).issues == ()


def test_whole_planted_summary_points_at_each_error(modi: FactualityChecker) -> None:
    summary = (
        "Narendra Modi on Wednesday congratulated Vladimir Putin on his re-election. "
        "Putin secured an unprecedented sixth term on Thursday."
    )
    result = modi.check(summary)
    assert [(i.kind, i.span) for i in result.issues] == [("number", "sixth"), ("date", "Thursday")]
    assert [s.supported for s in result.sentences] == [True, False]
    assert result.label is False


def test_check_sentence_tries_cited_evidence_first(modi: FactualityChecker) -> None:
    sentences = modi.document.sentences
    cited = next(s.index for s in sentences if "fifth term" in s.text)
    verdict = modi.check_sentence(
        "  Putin secured an unprecedented fifth term as president of Russia on Monday.",
        evidence=[cited],
    )
    assert verdict.evidence[0] == cited
    assert verdict.supported is True
    assert verdict.start == 2  # offsets index the sentence as given
    out_of_range = modi.check_sentence("Putin won a fifth term.", evidence=[999])
    assert 999 not in out_of_range.evidence


# --- the result ------------------------------------------------------------------------------


def test_result_is_json_ready_and_exported(modi: FactualityChecker) -> None:
    result = modi.check("Putin won a sixth term.")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["label"] is False
    assert data["threshold"] == DEFAULT_THRESHOLD
    assert [i["span"] for i in data["sentences"][0]["issues"] if i["kind"] == "number"] == ["sixth"]
    assert summarize.check_factuality is check_factuality
    assert summarize.FactualityChecker is FactualityChecker


def test_empty_summary_is_consistent_with_no_sentences(modi: FactualityChecker) -> None:
    result = modi.check("   ")
    assert (result.score, result.label, result.sentences) == (1.0, True, ())


def test_bad_input_raises_typed_errors() -> None:
    with pytest.raises(EmptyDocumentError):
        check_factuality("A summary.", "   ")
    with pytest.raises(InputError):
        check_factuality(None, "A source.")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="threshold must be between 0 and 1"):
        FactualityChecker("A source.", threshold=1.5)


# --- arbitrary text --------------------------------------------------------------------------

PIECES = [*"abcXYZ019 .,;:'\"“”‘’`$£%-\n", "Monday", "May ", "five", " million", "UNK", "Mr. "]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=TEXT, source=TEXT.filter(lambda s: any(c.isalnum() for c in s)))
def test_arbitrary_text_never_crashes(summary: str, source: str) -> None:
    try:
        result = check_factuality(summary, source)
    except EmptyDocumentError:
        return  # a source without sentences is refused with a typed error
    assert 0.0 <= result.score <= 1.0
    assert result.label == (result.score >= result.threshold)
    for sentence in result.sentences:
        assert 0.0 <= sentence.score <= 1.0
        assert summary[sentence.start : sentence.end] == sentence.text
        for issue in sentence.issues:
            assert issue.kind in ISSUE_KINDS
            assert summary[issue.start : issue.end] == issue.span
            assert sentence.start <= issue.start < issue.end <= sentence.end


# --- bad input (issue 10): a documented result or a typed error, never a crash or NaN -------


def test_summary_in_another_script_is_not_verified(modi: FactualityChecker) -> None:
    result = modi.check("普京周一赢得第五个任期。")
    assert (result.score, result.label) == (0.0, False)
    (issue,) = result.issues
    assert issue.kind == "novel-content" and "CJK script" in issue.message


def test_summary_longer_than_its_source_is_scored() -> None:
    source = "Modi called Putin on Wednesday."
    result = check_factuality(" ".join([source] * 30), source)
    assert 0.0 <= result.score <= 1.0 and result.label == (result.score >= result.threshold)
    assert len(result.sentences) == 30


def test_one_megabyte_source_is_checked(rows: dict[str, dict]) -> None:
    source = "\n\n".join(row["source"] for row in rows.values())
    source = (source + "\n\n") * (1_000_000 // len(source) + 1)
    assert len(source) >= 1_000_000
    result = check_factuality("Exercise can increase grey matter in the brain.", source)
    assert math.isfinite(result.score) and result.issues == ()


@pytest.mark.parametrize("value", [None, 3, ["a summary"], b"bytes"])
def test_non_text_values_are_typed_errors(value: object) -> None:
    with pytest.raises(InputError, match="as text"):
        check_factuality(value, "A source.")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="as text or a Document"):
        check_factuality("A summary.", value)  # type: ignore[arg-type]


SCRIPTS = st.text(
    alphabet=st.sampled_from([*"abc XYZ.,\n", "é", "ß", "я", "Ж", "中", "文", "。", "ا", "ש", "1"]),
    max_size=80,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=SCRIPTS, source=SCRIPTS.filter(lambda s: any(c.isalnum() for c in s)))
def test_any_script_gives_a_finite_score(summary: str, source: str) -> None:
    try:
        result = check_factuality(summary, source)
    except EmptyDocumentError:
        return
    assert math.isfinite(result.score) and 0.0 <= result.score <= 1.0
    assert json.loads(json.dumps(result.to_dict()))["label"] == result.label


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Shehbaz Sharif congratulated Vladimir Putin on his re-election.",
        "prime minister shehbaz sharif congratulated vladimir putin on his re-election .",
    ],
)
def test_an_invented_rare_name_fails_with_or_without_capitals(
    modi: FactualityChecker, sentence: str
) -> None:
    # Capitals make it an entity issue; without them it is still a rare word the source never
    # uses, which counts as a failed claim either way.
    result = modi.check(sentence)
    assert result.label is False
    assert any("sharif" in issue.span.lower() for issue in result.issues)


def test_a_weekday_between_two_names_does_not_hide_their_swap(modi: FactualityChecker) -> None:
    result = modi.check(
        "Vladimir Putin on Wednesday congratulated Narendra Modi on his re-election."
    )
    assert result.label is False
