"""Our ROUGE equals rouge-score 0.1.2 (|difference| < 1e-9 per document) on real data.

What "equal" means (also in docs/evaluation.md): with ``split_summaries=True`` (our default)
ROUGE-Lsum splits sentences with our splitter, so rouge-score (which would otherwise split at
newlines, or with punkt) is given the same sentences joined by newlines, ``lines(text)``.
With ``split_summaries=False`` both split at newlines, and are given the very same texts.

rouge-score is slow (pure-Python LCS tables), so its scores on all 56,670 XSum pairs are
computed once per test session, with its own stemmer memoized (a pure function: same stems)
and spread over two processes; everything else compares against that one run.
"""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from rouge_score import rouge_scorer

from summarize.evaluation.rouge import ROUGE_TYPES, RougeScorer
from summarize.text import sentence_spans

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TOLERANCE = 1e-9
SUMMEVAL_SYSTEM_STRIDE = 8  # every 8th of the 16 SummEval systems: 200 summaries x 11 references


def lines(text: str) -> str:
    """Our sentences of ``text``, one per line: what rouge-score's newline split then sees."""
    return "\n".join(text[s:e].replace("\n", " ") for s, e in sentence_spans(text))


def _reference_scorer(use_stemmer: bool) -> rouge_scorer.RougeScorer:
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=use_stemmer)
    stemmer = scorer._tokenizer._stemmer
    if stemmer is not None:
        stemmer.stem = lru_cache(maxsize=None)(stemmer.stem)
    return scorer


def _reference_chunk(args: tuple[list[tuple[str, str]], bool]) -> np.ndarray:
    pairs, use_stemmer = args
    scorer = _reference_scorer(use_stemmer)
    table = np.empty((len(pairs), len(ROUGE_TYPES), 3))
    for i, (target, prediction) in enumerate(pairs):
        scores = scorer.score(target, prediction)
        for k, rouge_type in enumerate(ROUGE_TYPES):
            table[i, k] = tuple(scores[rouge_type])
    return table


def reference_scores(pairs: list[tuple[str, str]], use_stemmer: bool) -> np.ndarray:
    """rouge-score's (pairs x types x P/R/F) table, computed in two processes."""
    half = len(pairs) // 2 + 1
    chunks = [(pairs[:half], use_stemmer), (pairs[half:], use_stemmer)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return np.concatenate(list(pool.map(_reference_chunk, chunks)))


def our_scores(scores: list[dict]) -> np.ndarray:
    return np.array(
        [[(s[t].precision, s[t].recall, s[t].fmeasure) for t in ROUGE_TYPES] for s in scores]
    )


def assert_agree(ours: np.ndarray, theirs: np.ndarray, ids: list[str]) -> None:
    difference = np.abs(ours - theirs)
    worst = np.unravel_index(np.argmax(difference), difference.shape)
    assert difference.max() < TOLERANCE, (
        f"document {ids[worst[0]]}, {ROUGE_TYPES[worst[1]]}, {('P', 'R', 'F')[worst[2]]}: "
        f"ours {ours[worst]} vs rouge-score {theirs[worst]}"
    )


@pytest.fixture(scope="module")
def xsum() -> dict:
    """All XSum pairs (5 systems x 11,334 documents), and rouge-score's scores on them."""
    references = {}
    with (DATA / "xsum_references.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            references[row["id"]] = row["references"][0]
    ids, targets, predictions = [], [], []
    with (DATA / "xsum_system_outputs.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            for system, summary in sorted(row["systems"].items()):
                ids.append(f"{row['id']}/{system}")
                targets.append(references[row["id"]])
                predictions.append(summary)
    lined = [(lines(t), lines(p)) for t, p in zip(targets, predictions, strict=True)]
    return {
        "ids": ids,
        "targets": targets,
        "predictions": predictions,
        "lined": lined,
        "theirs": reference_scores(lined, use_stemmer=True),
    }


def test_xsum_has_every_pair(xsum):
    assert len(xsum["ids"]) == 56_670 == 5 * 11_334


def test_xsum_all_pairs_agree_with_our_sentence_splitter(xsum):
    scorer = RougeScorer(use_stemmer=True)  # the defaults: stemming, our splitter for Lsum
    ours = our_scores(scorer.score_batch(xsum["targets"], xsum["predictions"]))
    assert_agree(ours, xsum["theirs"], xsum["ids"])


def test_xsum_scores_are_not_trivial(xsum):
    # Guards the agreement tests against comparing two columns of zeros.
    f1 = xsum["theirs"][:, :, 2]
    assert 0.15 < f1[:, 0].mean() < 0.45
    assert (f1 > 0).mean() > 0.8


@pytest.fixture(scope="module")
def summeval() -> list[tuple[str, list[str], str]]:
    """(id, 11 references, summary) for two of the 16 systems on all 100 SummEval documents."""
    items = []
    with (DATA / "cnndm_summeval_dev.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            assert len(row["references"]) == 11
            for system in sorted(row["systems"])[::SUMMEVAL_SYSTEM_STRIDE]:
                summary = row["systems"][system]["summary"]
                items.append((f"{row['id']}/{system}", row["references"], summary))
    return items


@pytest.mark.parametrize(
    ("use_stemmer", "split_summaries", "stride"), [(True, True, 1), (False, False, 2)]
)
def test_summeval_eleven_references_agree_for_best_and_mean(
    summeval, use_stemmer, split_summaries, stride
):
    """Multi-sentence, PTB-tokenized text with 11 references; newline mode gets raw lines."""
    items = summeval[::stride]
    theirs = _reference_scorer(use_stemmer)
    ours = RougeScorer(use_stemmer=use_stemmer, split_summaries=split_summaries)
    best_ours, best_theirs, mean_ours, mean_theirs = [], [], [], []
    for _, references, summary in items:
        lined_references = [lines(r) for r in references]
        per_reference = [theirs.score(r, lines(summary)) for r in lined_references]
        table = np.array([[tuple(s[t]) for t in ROUGE_TYPES] for s in per_reference])
        # rouge-score's score_multi: per type, the first reference with the highest F1.
        best_theirs.append(table[np.argmax(table[:, :, 2], axis=0), range(len(ROUGE_TYPES))])
        mean_theirs.append(table.mean(axis=0))
        if not split_summaries:
            references, summary = lined_references, lines(summary)
        best_ours.append(ours.score_multi(references, summary, aggregate="max"))
        mean_ours.append(ours.score_multi(references, summary, aggregate="mean"))
    ids = [item[0] for item in items]
    assert_agree(our_scores(best_ours), np.array(best_theirs), ids)
    assert_agree(our_scores(mean_ours), np.array(mean_theirs), ids)
    # Multi-sentence references: ROUGE-Lsum really differs from ROUGE-L here.
    assert any(s["rougeLsum"].fmeasure != s["rougeL"].fmeasure for s in best_ours)
