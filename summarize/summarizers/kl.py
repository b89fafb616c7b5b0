"""KL-Sum (Haghighi & Vanderwende 2009) with incremental updates; picks as ``sumy``'s KL-Sum.

Greedy: start from an empty summary and repeatedly add the sentence that makes the summary's
word distribution closest to the document's, measured as sumy measures it,

    KL = Σ_{w in summary ∪ s} P(w) · log(P(w) / Q(w)),

with P the document's relative word frequencies and Q the candidate summary's. The words are
exactly sumy's (unstemmed, lower-cased): P counts the words not in the stop list *before*
lower-casing ("The" counts as "the"); a candidate brings its lower-cased content words, but a
sentence already in the summary brings all its words as written, and Q divides by all of them.
These quirks are reproduced so that ``kl`` picks what ``sumy-kl`` picks.

sumy recomputes every candidate's distribution from scratch at every step (cubic in the
document). Here the summary keeps three running sums — Σ P log P, Σ P log c and Σ P over its
words — and one sparse pass over the sentence × word matrix updates every candidate at once,
so a step costs O(non-zeros). Only as many steps run as the budget can use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from summarize.document import Document
from summarize.summarizers.base import (
    Budget,
    ProgressCallback,
    ScoringSummarizer,
)
from summarize.text import STOP_WORDS, language_tools, words

__all__ = ["KLSummarizer", "kl_greedy_order"]

_TIE = 1e-12  # relative: values this close are one tie, broken by document order (as sumy)


def _sentence_words(text: str, stop_words: frozenset[str]) -> list[str]:
    return [w for w in (w.lower() for w in words(text)) if w not in stop_words]


def _count_matrix(sentences: Sequence[Sequence[str]], keys: dict[str, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for row, ws in enumerate(sentences):
        for w in ws:
            rows.append(row)
            cols.append(keys.setdefault(w, len(keys)))
    shape = (len(sentences), max(len(keys), 1))
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    matrix.sum_duplicates()
    return matrix


class GreedyStop:
    """Says when a greedy method has ranked enough sentences for ``select_sentences``.

    A sentence or ratio budget needs exactly that many picks. A word budget needs picks until
    no unpicked sentence with words could still fit, filling the budget the way
    :func:`~summarize.summarizers.base.select_sentences` does (sentences without words fit
    anywhere, so they never need ranking). ``budget=None``: rank every sentence.
    """

    def __init__(self, budget: Budget | None, lengths: Sequence[int]) -> None:
        self.sizes = np.asarray(lengths, dtype=int)
        n = len(self.sizes)
        self.picked = np.zeros(n, dtype=bool)
        self.steps = n if budget is None or budget.words is not None else budget.sentence_count(n)
        self.word_limit = None if budget is None else budget.words
        self.used = 0

    @property
    def total(self) -> int:
        """The most picks this budget can need (for progress reports)."""
        return int(self.steps or 0)

    def pick(self, index: int) -> bool:
        """Record a pick; return ``True`` when no further pick can change the selection."""
        self.picked[index] = True
        count = int(self.picked.sum())
        if self.word_limit is not None:
            if self.used + self.sizes[index] <= self.word_limit:
                self.used += int(self.sizes[index])
            remaining = self.sizes[~self.picked]
            remaining = remaining[remaining > 0]
            if remaining.size == 0 or remaining.min() > self.word_limit - self.used:
                return True
        return count >= (self.steps or 0)


def kl_greedy_order(
    texts: Sequence[str],
    budget: Budget | None = None,
    *,
    progress: ProgressCallback | None = None,
    stop_words: frozenset[str] = STOP_WORDS,
) -> list[int]:
    """Return sentence indices in the order KL-Sum's greedy search adds them.

    With ``budget``, stop as soon as the picks suffice for that budget (see :class:`GreedyStop`);
    without, rank every sentence. ``stop_words`` are the document language's.
    """
    n = len(texts)
    raw = [words(t) for t in texts]
    # sumy's document distribution: words not in the stop list *before* lower-casing, then
    # lower-cased (so "The" counts as "the"); its denominator counts all of them.
    document_counts = Counter(w.lower() for ws in raw for w in ws if w not in stop_words)
    denominator = max(sum(document_counts.values()), 1)
    keys: dict[str, int] = {}
    content = _count_matrix([_sentence_words(t, stop_words) for t in texts], keys)
    # sumy adds a picked sentence to the summary with *all* its words, as written.
    summary_side = _count_matrix(raw, keys)
    v = max(len(keys), 1)
    content.resize((n, v))
    summary_side.resize((n, v))
    p = np.zeros(v)
    for key, column in keys.items():
        p[column] = document_counts.get(key, 0) / denominator
    p_log_p = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    counts = content
    sentence_lengths = np.asarray(content.sum(axis=1)).ravel()
    summary_lengths = np.asarray(summary_side.sum(axis=1)).ravel()

    row_of_entry = np.repeat(np.arange(n), np.diff(counts.indptr))
    entry_word, entry_count = counts.indices, counts.data
    ones = np.ones(len(entry_word))

    summary_counts = np.zeros(v)
    summary_length = 0.0
    sum_plogp = sum_plogc = sum_p = 0.0  # over the words in the summary
    stop = GreedyStop(budget, [len(ws) for ws in raw])
    picked = stop.picked
    order: list[int] = []
    while len(order) < n:
        in_summary = summary_counts > 0
        new_word = ~in_summary[entry_word]
        c_old = summary_counts[entry_word]
        # Per entry (sentence i, word w): the change in Σ P log P, Σ P log c and Σ P over words.
        d_plogp = np.where(new_word, p_log_p[entry_word], 0.0)
        d_p = np.where(new_word, p[entry_word], 0.0)
        d_plogc = p[entry_word] * (
            np.log(c_old + entry_count) - np.log(np.where(new_word, 1.0, c_old))
        )
        per_sentence = np.vstack(
            [
                np.bincount(row_of_entry, weights=d, minlength=n)
                for d in (d_plogp, d_p, d_plogc, ones)
            ]
        )
        total = summary_length + sentence_lengths
        mass = sum_p + per_sentence[1]
        with np.errstate(divide="ignore", invalid="ignore"):
            kls = (
                (sum_plogp + per_sentence[0])
                - (sum_plogc + per_sentence[2])
                + np.where(total > 0, np.log(np.where(total > 0, total, 1.0)), 0.0) * mass
            )
        kls[picked] = np.inf
        best_value = kls.min()
        tied = np.flatnonzero(kls <= best_value + _TIE * max(1.0, abs(best_value)))
        best = int(tied[0])
        order.append(best)
        start, end = summary_side.indptr[best], summary_side.indptr[best + 1]
        ws, cs = summary_side.indices[start:end], summary_side.data[start:end]
        fresh = summary_counts[ws] == 0
        sum_plogp += float(p_log_p[ws][fresh].sum())
        sum_p += float(p[ws][fresh].sum())
        old = summary_counts[ws]
        sum_plogc += float((p[ws] * (np.log(old + cs) - np.log(np.where(fresh, 1.0, old)))).sum())
        summary_counts[ws] += cs
        summary_length += float(summary_lengths[best])
        done = stop.pick(best)
        if progress is not None:
            progress(len(order), max(stop.total, len(order)))
        if done:
            break
    return order


class KLSummarizer(ScoringSummarizer):
    """Greedy KL-divergence minimisation between summary and document (Haghighi & Vanderwende)."""

    name = "kl"
    description = (
        "KL-Sum: greedily bring the summary's word distribution closest to the document's "
        "(ours, incremental; picks as sumy's)."
    )

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Score every sentence by its place in the full greedy order (first pick scores highest)."""
        return self.score_within(document, None, progress)

    def score_within(
        self, document: Document, budget: Budget | None, progress: ProgressCallback | None = None
    ) -> np.ndarray:
        """Rank only as many sentences as ``budget`` can use; the rest score ``-inf``."""
        texts = [s.text for s in document.sentences]
        n = len(texts)
        stop_words = language_tools(document.language).stop_words
        order = kl_greedy_order(texts, budget, progress=progress, stop_words=stop_words)
        # Unpicked sentences rank last (-inf); select_sentences could not have used them,
        # except sentences without words, which fit any word budget wherever they rank.
        scores = np.full(n, -np.inf)
        scores[order] = -np.arange(len(order), dtype=float)
        return scores
