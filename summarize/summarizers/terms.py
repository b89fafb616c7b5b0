"""Sentence × term matrices shared by the graph methods (textrank, lexrank, position).

Terms are :func:`summarize.text.content_terms`' (lower-cased, stop words dropped, Snowball
stems); :func:`content_term_counts` gathers them for a whole document in one cached pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import chain, count

import numpy as np
from scipy import sparse

from summarize.text import WORD_PATTERN, LanguageTools, language_tools

__all__ = ["content_term_counts", "l2_normalize_rows", "term_count_matrix", "term_counts"]


def term_count_matrix(sentences: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Return the sentences × vocabulary matrix of term counts."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, terms in enumerate(sentences):
        for term in terms:
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    data = np.ones(len(rows), dtype=float)
    shape = (len(sentences), max(len(vocabulary), 1))
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=shape)
    matrix.sum_duplicates()
    return matrix


# Per language: a word as written → its content term ("" for a stop word).
_TERM_OF: dict[str, dict[str, str]] = {}
_TERM_CACHE_LIMIT = 500_000


def _term_of(word: str, cache: dict[str, str], tools: LanguageTools) -> str:
    lower = word.lower()
    term = "" if lower in tools.stop_words else tools.stem(lower)
    if len(cache) >= _TERM_CACHE_LIMIT:
        cache.clear()
    cache[word] = term
    return term


def content_term_counts(texts: Sequence[str], language: str = "en") -> sparse.csr_matrix:
    """Return the sentences × vocabulary count matrix of :func:`summarize.text.content_terms`.

    The same terms as ``content_terms`` (lower-cased, stop words dropped, Snowball stems), with
    the stop words and stemmer of ``language`` (ISO 639-1; see
    :func:`summarize.text.language_tools`), in one pass with a cache keyed by the word as
    written; the per-word work runs in C-level ``map`` calls, so a long document costs little
    more than its regular-expression scan.
    """
    found = [WORD_PATTERN.findall(text) for text in texts]
    flat = list(chain.from_iterable(found))
    cache = _TERM_OF.setdefault(language, {})
    cached = list(map(cache.get, flat))
    if None in cached:
        tools = language_tools(language)
        terms = [
            _term_of(w, cache, tools) if t is None else t for w, t in zip(flat, cached, strict=True)
        ]
    else:
        terms = cached  # type: ignore[assignment]  # no None left in it
    vocabulary: defaultdict[str, int] = defaultdict(count().__next__)
    vocabulary[""]  # id 0: stop words, dropped below
    ids = np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.int64, count=len(terms))
    rows = np.repeat(np.arange(len(texts)), [len(ws) for ws in found])
    keep = ids > 0
    data = np.ones(int(keep.sum()), dtype=float)
    shape = (len(texts), max(len(vocabulary) - 1, 1))
    matrix = sparse.csr_matrix((data, (rows[keep], ids[keep] - 1)), shape=shape)
    matrix.sum_duplicates()
    return matrix


def term_counts(sentences: Sequence[Sequence[str]] | sparse.spmatrix) -> sparse.csr_matrix:
    """The count matrix of tokenised ``sentences``, or ``sentences`` itself if already one."""
    if sparse.issparse(sentences):
        return sparse.csr_matrix(sentences)
    return term_count_matrix(sentences).tocsr()


def l2_normalize_rows(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    """Scale every row to unit length (rows with no weight stay zero): row products are cosines."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return (sparse.diags(inverse) @ matrix).tocsr()
