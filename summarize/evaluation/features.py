"""What the factuality score is computed from: style-proof signals of one summary sentence
against its source.

Everything here reads :func:`summarize.evaluation.style.canonical` text only (PTB tokens
undone, quotes unified, case folded), so the same summary in two dataset styles gets the same
features. Per summary sentence:

``novel_word``        share of content words whose stem occurs nowhere in the source
``novel_bigram``      share of word pairs the source never has (``novel_trigram`` for triples)
``unaligned``         share of the sentence's content (idf-weighted) missing from its best
                      single source sentence; ``unaligned_pair`` the same for its best two
``splice``            how much the second sentence adds (``unaligned - unaligned_pair``): a
                      sentence stitched from two source sentences
``number_missing``    quantities the source never states (``date_missing``, ``quote_missing``
                      for days/months/years and quoted words)
``out_of_context``    numbers and dates the source states, but not in the sentences that
                      support the rest of the summary sentence (a date borrowed from another
                      event)
``negation``          the summary sentence and its best source sentence disagree on negation
``pronoun``           a gendered pronoun the evidence sentences do not use
``order``             share of content-word pairs in the opposite order to the evidence
                      ("Putin congratulated Modi" against "Modi congratulated Putin")
``speaker``           who said it: the speaker named before a speech verb occurs in the source,
                      but not around the evidence for what was said

The summary's features are the worst sentence's (largest value) for each signal, plus the
mean share and the count of novel words, and its length. :mod:`summarize.evaluation.model`
turns them into a probability.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.document import Document
from summarize.evaluation.claims import WORD_OR_NUMBER, dates, normalize_word, numbers, quotations
from summarize.evaluation.claims import numbers_agree as _numbers_agree
from summarize.evaluation.style import canonical
from summarize.text import STOP_WORDS, stem

__all__ = [
    "SENTENCE_FEATURES",
    "SUMMARY_FEATURES",
    "ContextFinding",
    "SentenceAnalysis",
    "SourceIndex",
    "analyse_sentence",
    "summary_features",
]

SENTENCE_FEATURES = (
    "novel_word",
    "novel_bigram",
    "novel_trigram",
    "unaligned",
    "unaligned_pair",
    "splice",
    "number_missing",
    "date_missing",
    "quote_missing",
    "out_of_context",
    "negation",
    "pronoun",
    "order",
    "speaker",
)
"""Names of the per-sentence signals, in the order of :attr:`SentenceAnalysis.values`."""
SUMMARY_FEATURES = (
    *SENTENCE_FEATURES,
    "mean_novel_word",
    "novel_words",
    "sentences",
    "log_words",
)
"""Names of the summary-level features: the worst sentence's signals, then three more."""

_ARTEFACTS = frozenset({"unk", "lrb", "rrb", "lsb", "rsb", "lcb", "rcb"})
_CLITICS = frozenset({"s", "t", "n't", "'s", "re", "ll", "ve", "m", "d", "nt"})
_NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without cannot n't nowhere".split()
)
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_SPEECH = frozenset(
    """said says say told tells added adds stated states claimed claims announced announces
    insisted warned wrote writes posted tweeted revealed explained admitted confirmed
    according""".split()
)
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)
_TITLES = frozenset(
    "mr mrs ms dr prof sir president minister prime spokesman spokeswoman spokesperson".split()
)


def words_of(text: str) -> list[str]:
    """Canonical words and numbers of already-canonical ``text``; hyphenated words split."""
    out: list[str] = []
    for word in WORD_OR_NUMBER.findall(text):
        norm = normalize_word(word)
        if norm in _ARTEFACTS:
            continue
        if "-" in norm:
            out.extend(p for p in norm.split("-") if p and p not in _CLITICS)
        elif norm not in _CLITICS:
            out.append(norm)
    return out


def is_content(word: str) -> bool:
    """Whether a canonical word carries content (a letter word, not a stop word)."""
    return word[:1].isalpha() and word not in STOP_WORDS and word not in _CLITICS and len(word) > 1


def _negated(words: Sequence[str]) -> bool:
    return any(w in _NEGATIONS or w.endswith("n't") for w in words)


def _genders(words: Sequence[str]) -> frozenset[str]:
    found = set()
    if any(w in _MALE for w in words):
        found.add("m")
    if any(w in _FEMALE for w in words):
        found.add("f")
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class _IndexedSentence:
    words: tuple[str, ...]
    word_set: frozenset[str]
    stems: frozenset[str]
    first_position: dict[str, int]
    numbers: tuple[float, ...]
    dates: frozenset[tuple[str, str]]
    negated: bool
    genders: frozenset[str]


class SourceIndex:
    """A source analysed once for the checks: vocabulary, n-grams, claims and sentences."""

    def __init__(self, document: Document) -> None:
        self.document = document
        text = canonical(document.text)
        self.words = words_of(text)
        self.word_set = frozenset(self.words)
        self.stems = frozenset(stem(w) for w in self.word_set if w[:1].isalpha())
        self.bigrams = frozenset(zip(self.words, self.words[1:], strict=False))
        self.trigrams = frozenset(zip(self.words, self.words[1:], self.words[2:], strict=False))
        self.joined = " " + " ".join(self.words) + " "
        self.numbers = tuple(claim.value for claim in numbers(text))
        self.dates = frozenset((claim.kind, claim.value) for claim in dates(text))
        self.sentences = tuple(_index_sentence(s.text) for s in document.sentences)
        frequency: dict[str, int] = {}
        for sentence in self.sentences:
            for term in sentence.stems:
                frequency[term] = frequency.get(term, 0) + 1
        count = len(self.sentences)
        self.idf = {term: math.log((count + 1) / df) + 1.0 for term, df in frequency.items()}

    def has_stem(self, word: str) -> bool:
        """Whether ``word`` (canonical) or a word of the same stem occurs in the source."""
        return word in self.word_set or stem(word) in self.stems

    def contains_phrase(self, words: Sequence[str]) -> bool:
        """Whether the canonical ``words`` occur contiguously in the source."""
        return bool(words) and (" " + " ".join(words) + " ") in self.joined

    def coverage(self, stems: frozenset[str], chosen: Sequence[int]) -> float:
        """Idf-weighted share of ``stems`` found in the ``chosen`` source sentences."""
        total = sum(self.idf.get(t, 1.0) for t in stems)
        if not total:
            return 1.0
        covered: set[str] = set().union(*(self.sentences[i].stems for i in chosen))
        return sum(self.idf.get(t, 1.0) for t in stems & covered) / total

    def evidence(
        self, stems: frozenset[str], cited: Sequence[int] = (), limit: int = 3
    ) -> tuple[int, ...]:
        """The source sentences that best cover ``stems`` (cited ones first), greedily."""
        chosen = [i for i in cited if 0 <= i < len(self.sentences)]
        covered: set[str] = set().union(*(self.sentences[i].stems for i in chosen))
        total = sum(self.idf.get(t, 1.0) for t in stems)
        while len(chosen) < limit:
            best, best_gain = -1, 0.0
            for index, sentence in enumerate(self.sentences):
                if index in chosen:
                    continue
                gain = sum(self.idf.get(t, 0.0) for t in (stems & sentence.stems) - covered)
                if gain > best_gain:
                    best, best_gain = index, gain
            if best < 0 or (chosen and best_gain < 0.2 * total):
                break
            chosen.append(best)
            covered |= self.sentences[best].stems
        return tuple(chosen)


def _index_sentence(raw: str) -> _IndexedSentence:
    text = canonical(raw)
    words = words_of(text)
    first: dict[str, int] = {}
    for position, word in enumerate(words):
        if is_content(word):
            first.setdefault(stem(word), position)
    return _IndexedSentence(
        tuple(words),
        frozenset(words),
        frozenset(first),
        first,
        tuple(claim.value for claim in numbers(text)),
        frozenset((claim.kind, claim.value) for claim in dates(text)),
        _negated(words),
        _genders(words),
    )


@dataclass(frozen=True, slots=True)
class ContextFinding:
    """A claim of the sentence that the source makes elsewhere, or with someone else."""

    kind: str
    """``number``, ``date`` or ``attribution``."""
    words: str
    """The words at fault, in canonical form (``monday``, ``the kremlin``)."""
    message: str


@dataclass(frozen=True, slots=True)
class SentenceAnalysis:
    """The signals of one summary sentence, the evidence it was checked against, and the
    claims found out of context."""

    values: tuple[float, ...]
    """One value per name in :data:`SENTENCE_FEATURES`."""
    evidence: tuple[int, ...]
    """Indices into the source Document's ``.sentences``, best first."""
    findings: tuple[ContextFinding, ...]
    words: int
    """How many words the sentence has (canonical)."""
    novel: int
    """How many of its content words occur nowhere in the source."""

    def feature(self, name: str) -> float:
        """The value of one named signal."""
        return self.values[SENTENCE_FEATURES.index(name)]


def analyse_sentence(
    source: SourceIndex, sentence: str, cited: Sequence[int] = ()
) -> SentenceAnalysis:
    """Compute the signals of one summary ``sentence`` (any style) against ``source``."""
    text = canonical(sentence)
    words = words_of(text)
    content = [w for w in words if is_content(w)]
    stems = frozenset(stem(w) for w in content)
    novel = sum(1 for w in content if not source.has_stem(w))
    novel_word = novel / len(content) if content else 0.0
    bigrams = list(zip(words, words[1:], strict=False))
    trigrams = list(zip(words, words[1:], words[2:], strict=False))
    novel_bigram = _share_missing(bigrams, source.bigrams)
    novel_trigram = _share_missing(trigrams, source.trigrams)

    speaker = _speaker(words)
    claim_stems = {stem(w) for w in speaker} | {stem(w) for w in content if w in _CALENDAR}
    context_stems = stems - claim_stems or stems
    evidence = source.evidence(context_stems, cited)
    best = source.evidence(stems, cited, limit=1)
    pair = source.evidence(stems, cited, limit=2)
    aligned = source.coverage(stems, best) if best else 0.0
    aligned_pair = source.coverage(stems, pair) if pair else 0.0

    findings: list[ContextFinding] = []
    number_missing = date_missing = 0
    window = [source.sentences[i] for i in evidence]
    for claim in numbers(text):
        if not any(_numbers_agree(claim.value, stated) for stated in source.numbers):
            number_missing += 1
        elif window and not any(
            _numbers_agree(claim.value, stated) for s in window for stated in s.numbers
        ):
            findings.append(
                ContextFinding(
                    "number",
                    claim.text,
                    f"the source states '{claim.text}', but not where it says the rest",
                )
            )
    for claim in dates(text):
        if (claim.kind, claim.value) not in source.dates:
            date_missing += 1
        elif window and not any((claim.kind, claim.value) in s.dates for s in window):
            findings.append(
                ContextFinding(
                    "date",
                    claim.text,
                    f"the source names {claim.text}, but for something else",
                )
            )
    quote_missing = sum(
        1
        for quote in quotations(text)
        if not source.contains_phrase(words_of(quote.text))
        and any(is_content(w) for w in words_of(quote.text))
    )
    speaker_mismatch = 0.0
    if speaker and all(source.has_stem(w) for w in speaker):
        around = set(evidence) | {i - 1 for i in evidence if i > 0}
        said_near = set().union(*(source.sentences[i].word_set for i in around if i >= 0))
        if evidence and not any(w in said_near for w in speaker):
            speaker_mismatch = 1.0
            findings.append(
                ContextFinding(
                    "attribution",
                    " ".join(speaker),
                    f"the source does not say '{' '.join(speaker)}' said or did this",
                )
            )

    top = source.sentences[best[0]] if best else None
    negation = float(top is not None and _negated(words) != top.negated and aligned >= 0.5)
    genders = _genders(words)
    window_genders: set[str] = set()
    for i in evidence:
        for j in (i - 1, i):
            if j >= 0:
                window_genders |= source.sentences[j].genders
    pronoun = float(bool(genders - window_genders) and bool(evidence))
    order = _order_disagreement(content, top.first_position) if top is not None else 0.0

    values = (
        novel_word,
        novel_bigram,
        novel_trigram,
        1.0 - aligned,
        1.0 - aligned_pair,
        aligned_pair - aligned,
        float(number_missing),
        float(date_missing),
        float(quote_missing),
        float(len([f for f in findings if f.kind != "attribution"])),
        negation,
        pronoun,
        order,
        speaker_mismatch,
    )
    return SentenceAnalysis(values, evidence, tuple(findings), len(words), novel)


def _share_missing(grams: Sequence[tuple[str, ...]], known: frozenset[tuple[str, ...]]) -> float:
    return sum(1 for g in grams if g not in known) / len(grams) if grams else 0.0


def _speaker(words: Sequence[str]) -> tuple[str, ...]:
    """The content words naming who speaks in ``words`` ("the kremlin said" -> kremlin)."""
    for index, word in enumerate(words):
        if word not in _SPEECH:
            continue
        if word == "according":
            after = [w for w in words[index + 2 : index + 5] if is_content(w)]
            return tuple(w for w in after[:2] if w not in _TITLES)
        before: list[str] = []
        for w in reversed(words[max(0, index - 3) : index]):
            if not is_content(w) or w in _SPEECH:
                break
            before.append(w)
        names = tuple(w for w in reversed(before) if w not in _TITLES)
        if names:
            return names
    return ()


def _order_disagreement(content: Sequence[str], positions: dict[str, int]) -> float:
    """Share of pairs of shared content words that the source sentence has the other way round."""
    seen: list[int] = []
    for word in content:
        position = positions.get(stem(word))
        if position is not None and position not in seen:
            seen.append(position)
    if len(seen) < 3:
        return 0.0
    pairs = discordant = 0
    for i in range(len(seen)):
        for j in range(i + 1, len(seen)):
            pairs += 1
            discordant += seen[i] > seen[j]
    return discordant / pairs


def summary_features(analyses: Sequence[SentenceAnalysis]) -> tuple[float, ...]:
    """The summary's features (:data:`SUMMARY_FEATURES`) from its sentences' analyses."""
    if not analyses:
        return tuple(0.0 for _ in SUMMARY_FEATURES)
    worst = tuple(max(a.values[k] for a in analyses) for k in range(len(SENTENCE_FEATURES)))
    novel = SENTENCE_FEATURES.index("novel_word")
    mean_novel = sum(a.values[novel] for a in analyses) / len(analyses)
    total_words = sum(a.words for a in analyses)
    novel_words = math.log1p(sum(a.novel for a in analyses))
    return (*worst, mean_novel, novel_words, float(len(analyses)), math.log1p(total_words))
