"""Fixtures for the extractive family: real articles, a long document, stock sumy runs."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest

from summarize.document import Document
from summarize.summarizers.sumy_family import sumy_document
from summarize.text import STOP_WORDS, stem
from tests.conftest import SHARED_DATA

AGREEMENT_ARTICLES = 24
"""How many real articles the agreement tests compare on (the issue asks for at least 20)."""


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.fail(f"shared data not found at {path}; clone the repo beside ../shared")
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="session")
def news_articles() -> list[Document]:
    """The first real articles of news_writer_summaries.jsonl whose sentences are all distinct.

    Stock sumy keys its ratings by sentence text, so on an article with a repeated sentence it
    is not a fair reference; those few articles are skipped (and the adapters' own handling of
    repeats is tested separately).
    """
    documents = []
    for row in _read_jsonl("news_writer_summaries.jsonl"):
        document = Document.from_text(row["source"])
        texts = [s.text for s in document.sentences]
        if len(set(texts)) == len(texts) and len(texts) >= 5:
            documents.append(document)
        if len(documents) == AGREEMENT_ARTICLES:
            break
    assert len(documents) == AGREEMENT_ARTICLES
    return documents


@pytest.fixture(scope="session")
def long_document() -> Document:
    """A 5,000-sentence document of real news sentences (concatenated dev articles)."""
    rows = _read_jsonl("news_writer_summaries.jsonl") + _read_jsonl("cnndm_summeval_dev.jsonl")
    text = "\n\n".join(row["source"] for row in rows)
    document = Document.from_text(text)
    assert len(document.sentences) >= 5_000
    return Document.from_text(text[: document.sentences[4_999].end])


def stock_sumy_ratings(summarizer: Any, document: Document) -> np.ndarray:
    """Stock sumy's own rating of every sentence (by index), on plain sumy sentences.

    Runs sumy's unchanged summarizer on a model of plain ``sumy`` sentences with our
    tokenization and reads the ratings it sorts before cutting to the count.
    """
    recorded: list[Any] = []

    def count(infos: Any) -> list[Any]:
        recorded.extend(infos)
        return []

    summarizer(sumy_document(document, indexed=False), count)
    index = {s.text: s.index for s in document.sentences}
    ratings = np.zeros(len(document.sentences))
    for info in recorded:
        ratings[index[str(info.sentence)]] = info.rating
    return ratings


def stock_sumy_picks(summarizer: Any, document: Document, count: int) -> list[int]:
    """Indices of the sentences stock sumy returns for ``count`` sentences."""
    model = sumy_document(document, indexed=False)
    index = {s.text: s.index for s in document.sentences}
    return sorted(index[str(s)] for s in summarizer(model, count))


def configured(sumy_class: type, **attributes: Any) -> Any:
    """A stock sumy summarizer with our stemmer and stop words (and any other attributes)."""
    summarizer = sumy_class(stem)
    summarizer.stop_words = STOP_WORDS
    for key, value in attributes.items():
        setattr(summarizer, key, value)
    return summarizer


def assert_same_or_tied(
    ours: Sequence[int], theirs: Sequence[int], ratings: Callable[[int], float], label: str
) -> None:
    """Same picks, or picks that differ only between sentences the reference rates equal."""
    if sorted(ours) == sorted(theirs):
        return
    only_ours, only_theirs = set(ours) - set(theirs), set(theirs) - set(ours)
    values = {round(ratings(i), 12) for i in only_ours | only_theirs}
    assert len(values) == 1, f"{label}: ours {sorted(ours)} vs sumy {sorted(theirs)}"
