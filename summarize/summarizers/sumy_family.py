"""The sumy family, offline: sumy's own summarizers fed with our sentences, words and stems.

Each adapter builds a sumy ``ObjectDocumentModel`` straight from a :class:`Document` (our
sentence splitter, so nothing needs ``punkt``), gives sumy a tokenizer that returns
:func:`summarize.text.words`, our Snowball :func:`~summarize.text.stem` and our
:data:`~summarize.text.STOP_WORDS`, and runs sumy's unchanged summarizer class. Only the
algorithm is sumy's.

How the ranking comes back: every sumy summarizer ends in ``_get_best_sentences``, which sorts
all sentences by rating (stable, so ties keep document order) and then calls ``count`` on the
sorted list when ``count`` is callable. We pass a callable that records that full ranking, so
the length budget is applied by our :func:`~summarize.summarizers.base.select_sentences`, the
same way for every method (``sentences``, ``words`` and ``ratio``).

Duplicate sentences: sumy keys its ratings by ``Sentence`` objects that compare equal when
their texts are equal, so two identical sentences would share one rating. Our sentences
compare by position instead (:class:`IndexedSentence`), so every sentence keeps its own rating
and maps back to its own index.

Long documents: several sumy algorithms are quadratic or worse in pure Python (KL-Sum is
cubic). Each adapter has a ``max_sentences`` cap (a parameter; see ``SUMY_LIMITS``); a longer
document raises :class:`~summarize.errors.InputTooLargeError` at once instead of running for
minutes. Our own ``textrank``, ``lexrank`` and ``kl`` handle long documents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import numpy as np

from summarize._nltk import load_nltk
from summarize.document import Document
from summarize.errors import InputTooLargeError, ParameterError
from summarize.summarizers.base import ProgressCallback, ScoringSummarizer
from summarize.text import STOP_WORDS, language_tools, words

load_nltk()  # before sumy imports nltk: ours leaves out the scipy.stats it does not need

from sumy.models.dom import ObjectDocumentModel
from sumy.models.dom import Paragraph as SumyParagraph
from sumy.models.dom import Sentence as SumySentence
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer as SumyTextRankAlgorithm

__all__ = [
    "DEFAULT_BONUS_WORDS",
    "DEFAULT_STIGMA_WORDS",
    "SUMY_LIMITS",
    "IndexedSentence",
    "OurWordTokenizer",
    "SumyEdmundson",
    "SumyKL",
    "SumyLexRank",
    "SumyLsa",
    "SumyLuhn",
    "SumyReduction",
    "SumySumBasic",
    "SumyTextRank",
    "sumy_document",
    "sumy_ranking",
]

SUMY_LIMITS: dict[str, int] = {
    "sumy-lexrank": 1_200,
    "sumy-lsa": 800,
    "sumy-luhn": 10_000,
    "sumy-kl": 250,
    "sumy-sumbasic": 4_000,
    "sumy-edmundson": 50_000,
    "sumy-reduction": 1_500,
    "sumy-textrank": 2_500,
}
"""Default ``max_sentences`` per adapter: about what sumy's algorithm does in 10 s on 2 cores."""

DEFAULT_BONUS_WORDS: tuple[str, ...] = (
    "announced", "agreed", "according", "decided", "first", "important", "key", "main",
    "major", "new", "official", "president", "result", "said", "significant", "will",
)  # fmt: skip
"""Edmundson cue method: words that make a news sentence more summary-worthy (stemmed on use)."""

DEFAULT_STIGMA_WORDS: tuple[str, ...] = (
    "advertisement", "allegedly", "click", "comment", "follow", "hardly", "maybe", "perhaps",
    "photo", "possibly", "read", "reportedly", "share", "subscribe", "video", "watch",
)  # fmt: skip
"""Edmundson cue method: words that make a sentence less summary-worthy (page chrome, hedges)."""


class OurWordTokenizer:
    """The tokenizer sumy's sentences call: our :func:`summarize.text.words`."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        """Return the words of ``text``."""
        return tuple(words(text))

    @staticmethod
    def to_sentences(text: str) -> tuple[str, ...]:
        """Sentences are never split here: documents come already split (by our splitter)."""
        return (text,)


class IndexedSentence(SumySentence):  # type: ignore[misc]  # sumy has no type information
    """A sumy sentence that remembers its index in our Document and compares by that index."""

    __slots__ = ("index",)

    def __init__(self, text: str, index: int, tokenizer: Any, is_heading: bool = False) -> None:
        super().__init__(text, tokenizer, is_heading)
        self.index = index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IndexedSentence) and self.index == other.index

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((IndexedSentence, self.index))


def sumy_document(
    document: Document, *, indexed: bool = True, tokenizer: Any = None
) -> ObjectDocumentModel:
    """Return ``document`` as a sumy document model: our paragraphs, sentences and headings.

    Paragraphs that cleaning set aside as headings become sumy headings (Edmundson's title and
    location methods read them) at the start of the body paragraph that follows, as sumy's own
    plain-text parser places a heading line, so the first and last *body* paragraphs are
    sumy's first and last paragraphs (Edmundson's location method); headings after the last
    body paragraph end it. Other page chrome is left out. With ``indexed`` (the default)
    sentences are :class:`IndexedSentence`; otherwise plain sumy sentences (what stock sumy
    would build), which the agreement tests use.
    """
    tokenizer = tokenizer or OurWordTokenizer()
    bodies: list[list[SumySentence]] = []
    headings: list[SumySentence] = []
    for paragraph in document.paragraphs:
        if paragraph.chrome == "heading":
            headings.extend(
                SumySentence(s.text, tokenizer, is_heading=True) for s in paragraph.sentences
            )
        elif paragraph.chrome is None or any(s.index >= 0 for s in paragraph.sentences):
            body: list[SumySentence] = [
                IndexedSentence(s.text, s.index, tokenizer)
                if indexed
                else SumySentence(s.text, tokenizer)
                for s in paragraph.sentences
                if s.index >= 0
            ]
            if body:
                bodies.append([*headings, *body])
                headings = []
    if headings:
        if bodies:
            bodies[-1].extend(headings)
        else:
            bodies.append(headings)
    return ObjectDocumentModel([SumyParagraph(items) for items in bodies])


class _RankingRecorder:
    """The ``count`` sumy calls with its full ranking; keeps it, returns no sentences."""

    def __init__(self) -> None:
        self.ranking: list[Any] | None = None

    def __call__(self, infos: Iterable[Any]) -> list[Any]:
        # A NaN rating (sumy's LexRank on a document without content words) ranks last.
        self.ranking = [info.sentence for info in infos if _finite(info.rating)]
        return []


def _finite(rating: Any) -> bool:
    try:
        return math.isfinite(float(rating))
    except (TypeError, ValueError):
        return False


def sumy_ranking(summarizer: AbstractSummarizer, model: ObjectDocumentModel) -> list[Any] | None:
    """Run a sumy summarizer; return its sentences best first, without NaN-rated ones.

    ``None`` when sumy gave up without ranking (it returns early on documents with no words).
    """
    recorder = _RankingRecorder()
    with np.errstate(all="ignore"):
        summarizer(model, recorder)
    return recorder.ranking


class _SumyAdapter(ScoringSummarizer):
    """Base of the adapters: run sumy's ``algorithm`` on our document and tokenization."""

    origin = "sumy"
    algorithm: ClassVar[type[AbstractSummarizer]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.parameter_help = {
            **cls.parameter_help,
            "max_sentences": f"refuse longer documents (default {SUMY_LIMITS[cls.name]:,}: "
            "about 10 s of sumy's pure-Python algorithm)",
        }

    def __init__(self, max_sentences: int | None = None) -> None:
        limit = SUMY_LIMITS[self.name] if max_sentences is None else max_sentences
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ParameterError(f"max_sentences must be a whole number >= 1, got {limit!r}")
        self.max_sentences = limit

    @property
    def params(self) -> dict[str, Any]:
        """The sentence cap (and, in subclasses, sumy's own settings)."""
        return {"max_sentences": self.max_sentences}

    def build(self, language: str = "en") -> AbstractSummarizer:
        """Return sumy's summarizer configured with our stemmer and stop words for ``language``."""
        tools = language_tools(language)
        summarizer = self.algorithm(tools.stem)
        summarizer.stop_words = tools.stop_words
        return summarizer

    def score(self, document: Document, progress: ProgressCallback | None = None) -> np.ndarray:
        """Return scores that order the sentences exactly as sumy ranks them."""
        count = len(document.sentences)
        if count > self.max_sentences:
            raise InputTooLargeError(
                f"{self.name} runs sumy's pure-Python algorithm, too slow for "
                f"{count} sentences (limit {self.max_sentences}); use a method of ours "
                f"(textrank, lexrank, kl, position) or raise the max_sentences parameter"
            )
        if progress is not None:
            progress(0, 1)
        ranking = sumy_ranking(self.build(document.language), sumy_document(document))
        if progress is not None:
            progress(1, 1)
        return ranking_scores(ranking, count)


def ranking_scores(ranking: Sequence[Any] | None, count: int) -> np.ndarray:
    """Turn sumy's best-first list of :class:`IndexedSentence` into one score per sentence.

    Sentences sumy did not rank (or rated NaN) score 0, below every ranked one.
    """
    scores = np.zeros(count)
    if ranking:
        for position, sentence in enumerate(ranking):
            scores[sentence.index] = count - position
    return scores


class SumyLexRank(_SumyAdapter):
    """sumy's LexRank (Erkan & Radev 2004) on our tokenization."""

    name = "sumy-lexrank"
    description = (
        "LexRank by sumy: thresholded TF-IDF cosine graph, eigenvector centrality "
        "(quadratic pure Python; capped at 1,200 sentences)."
    )
    algorithm = LexRankSummarizer


class SumyLsa(_SumyAdapter):
    """sumy's LSA (Steinberger & Ježek 2004) on our tokenization."""

    name = "sumy-lsa"
    description = (
        "LSA by sumy: SVD of the term-sentence matrix, sentences by weighted singular vectors "
        "(dense, Python loops; capped at 800 sentences)."
    )
    algorithm = LsaSummarizer

    def build(self, language: str = "en") -> AbstractSummarizer:
        """sumy's LSA warns when words < sentences; that is normal for tiny inputs."""
        import warnings

        summarizer = super().build(language)
        warnings.filterwarnings("ignore", message="Number of words", module="sumy")
        return summarizer


class SumyLuhn(_SumyAdapter):
    """sumy's Luhn (1958) on our tokenization."""

    name = "sumy-luhn"
    description = (
        "Luhn by sumy: clusters of frequent significant words (1958); capped at 10,000 sentences."
    )
    algorithm = LuhnSummarizer


class SumyKL(_SumyAdapter):
    """sumy's KL-Sum (Haghighi & Vanderwende 2009) on our tokenization."""

    name = "sumy-kl"
    description = (
        "KL-Sum by sumy: greedy KL-divergence minimisation (cubic pure Python; "
        "capped at 250 sentences; use 'kl')."
    )
    algorithm = KLSummarizer


class SumySumBasic(_SumyAdapter):
    """sumy's SumBasic (Nenkova & Vanderwende 2005) on our tokenization."""

    name = "sumy-sumbasic"
    description = (
        "SumBasic by sumy: greedy by average word probability, squaring used words "
        "(quadratic; capped at 4,000 sentences)."
    )
    algorithm = SumBasicSummarizer


class SumyReduction(_SumyAdapter):
    """sumy's Reduction (graph of word-overlap edges, sentence = sum of its edges)."""

    name = "sumy-reduction"
    description = (
        "Reduction by sumy: each sentence scored by its summed word-overlap edges "
        "(quadratic pure Python; capped at 1,500 sentences)."
    )
    algorithm = ReductionSummarizer


class SumyTextRank(_SumyAdapter):
    """sumy's TextRank (Mihalcea & Tarau 2004) on our tokenization."""

    name = "sumy-textrank"
    description = (
        "TextRank by sumy: PageRank over word overlap (quadratic pure Python; capped at "
        "2,500 sentences; use 'textrank')."
    )
    algorithm = SumyTextRankAlgorithm


class SumyEdmundson(_SumyAdapter):
    """sumy's Edmundson (1969): cue words, key words, title words and location.

    ``bonus_words`` and ``stigma_words`` default to :data:`DEFAULT_BONUS_WORDS` and
    :data:`DEFAULT_STIGMA_WORDS`; ``null_words`` (ignored in titles) to our stop words. Title
    words come from the headings that cleaning set aside. Weights are sumy's defaults
    (cue 1, key 0, title 1, location 1); the key method needs ``bonus_words`` as well.
    """

    name = "sumy-edmundson"
    description = (
        "Edmundson by sumy: cue (bonus/stigma) words + title words + location; "
        "words settable via params."
    )
    algorithm = EdmundsonSummarizer
    parameter_help = {
        "bonus_words": "cue words that make a sentence more summary-worthy (default: news cues)",
        "stigma_words": "cue words that make a sentence less summary-worthy (default: chrome)",
        "null_words": "words ignored among title words (default: the stop words)",
        "cue_weight": "weight of the cue (bonus/stigma word) method",
        "key_weight": "weight of the key (frequent bonus word) method; needs bonus_words",
        "title_weight": "weight of the title method (words of the page's headings)",
        "location_weight": "weight of the location method (first and last paragraphs, headings)",
    }

    def __init__(
        self,
        bonus_words: Sequence[str] | None = None,
        stigma_words: Sequence[str] | None = None,
        null_words: Sequence[str] | None = None,
        cue_weight: float = 1.0,
        key_weight: float = 0.0,
        title_weight: float = 1.0,
        location_weight: float = 1.0,
        max_sentences: int | None = None,
    ) -> None:
        super().__init__(max_sentences)
        self.bonus_words = _word_list("bonus_words", bonus_words, DEFAULT_BONUS_WORDS)
        self.stigma_words = _word_list("stigma_words", stigma_words, DEFAULT_STIGMA_WORDS)
        self.null_words = _word_list("null_words", null_words, tuple(sorted(STOP_WORDS)))
        weights = {
            "cue_weight": cue_weight,
            "key_weight": key_weight,
            "title_weight": title_weight,
            "location_weight": location_weight,
        }
        for key, value in weights.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise ParameterError(f"{key} must be a number >= 0, got {value!r}")
        if not any(weights.values()):
            raise ParameterError("at least one Edmundson weight must be above 0")
        self.weights = {k: float(v) for k, v in weights.items()}

    @property
    def params(self) -> dict[str, Any]:
        """Cue words, weights and the sentence cap."""
        return {
            "bonus_words": list(self.bonus_words),
            "stigma_words": list(self.stigma_words),
            "null_words": "stop words" if set(self.null_words) == STOP_WORDS else
            list(self.null_words),
            **self.weights,
            "max_sentences": self.max_sentences,
        }  # fmt: skip

    def build(self, language: str = "en") -> AbstractSummarizer:
        """Return sumy's Edmundson with our stemmer, word lists and weights."""
        summarizer = EdmundsonSummarizer(language_tools(language).stem, **self.weights)
        summarizer.bonus_words = [w.lower() for w in self.bonus_words]
        summarizer.stigma_words = [w.lower() for w in self.stigma_words]
        summarizer.null_words = [w.lower() for w in self.null_words]
        return summarizer


def _word_list(name: str, given: Sequence[str] | None, default: Sequence[str]) -> tuple[str, ...]:
    if given is None:
        return tuple(default)
    if isinstance(given, str):
        given = given.replace(",", " ").split()
    result = tuple(given)
    if not result or not all(isinstance(w, str) and w.strip() for w in result):
        raise ParameterError(f"{name} must be a non-empty list of words, got {given!r}")
    return result
