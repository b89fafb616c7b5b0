"""What the factuality score is computed from: style-proof signals of one summary sentence
against its source.

Everything here reads :func:`summarize.evaluation.style.canonical` text only (PTB tokens
undone, quotes unified, case folded), so the same summary in two dataset styles gets the same
features. Per summary sentence:

``novel_word``        share of content words found nowhere in the source (after stemming and
                      irregular verb forms: "won" is "win")
``novel_bigram``      share of word pairs the source never has (``novel_trigram`` for triples)
``novel_pair``        share of neighbouring content-word pairs that no source sentence has
                      close together in that order (who did what to whom, recombined facts)
``unaligned``         share of the sentence's content (idf-weighted) missing from its best
                      single source sentence; ``unaligned_pair`` the same for its best two
``splice``            how much the second sentence adds (``unaligned - unaligned_pair``)
``number_missing``    quantities the source never states (``date_missing``, ``quote_missing``
                      for days/months/years and quoted words)
``out_of_context``    numbers and dates the source states, but not in the sentences that
                      support the rest of the summary sentence (a date borrowed from another
                      event); small whole numbers and claims stated only in set-aside text
                      (an embedded post) are not checked in context
``name_elsewhere``    names the source uses (words it only ever capitalises), but not in the
                      sentences that support the rest ("ties with Ukraine" for "with Moscow");
                      a signal only, not reported: too many good summaries do it
``negation``          a negation the supporting source sentence does not have
``pronoun``           a gendered pronoun the evidence sentences do not use
``order``             share of shared content-word pairs in the opposite order to the best
                      source sentence ("Putin congratulated Modi")
``speaker``           who said it: a speaker the source names (a name it capitalises,
                      anyone it has speaking, or anyone when the sentence quotes), but not
                      as the speaker of the
                      evidence ("the Kremlin said" for the Indian readout)
``quote_speaker``     the same for a sentence that quotes: words put in the wrong mouth
``role_swap``         two names around a verb the other way round from the best source
                      sentence ("Putin congratulated Modi" for "Modi congratulated Putin")
``wrong_speaker``     ``speaker``, when the evidence names a speaker of its own: who said it
                      is someone the source has speaking elsewhere ("the election
                      commission stated" for what the Prime Minister's Office stated)
``rare_novel``        rare words the source never uses (Zipf frequency under
                      :data:`RARE_ZIPF` in general English, from ``wordfreq``): invented
                      names, places and terms ("shehbaz sharif"), found without capitals

The summary's features are the worst sentence's (largest value) for each signal, plus the
mean share and the count of novel words, whether it is a single sentence (and that times the
novel word and pair shares: one-sentence summaries paraphrase more, so novelty means less
there), and its length. :mod:`summarize.evaluation.model`
turns them into a probability.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from summarize.document import Document
from summarize.evaluation.claims import WORD_OR_NUMBER, dates, normalize_word, numbers, quotations
from summarize.evaluation.claims import numbers_agree as _numbers_agree
from summarize.evaluation.style import canonical
from summarize.text import STOP_WORDS, stem

__all__ = [
    "FAILED_CLAIMS",
    "SENTENCE_FEATURES",
    "SUMMARY_FEATURES",
    "ContextFinding",
    "SentenceAnalysis",
    "SourceIndex",
    "analyse_sentence",
    "failed_claims",
    "is_content",
    "root",
    "summary_features",
    "words_of",
]

SENTENCE_FEATURES = (
    "novel_word",
    "novel_bigram",
    "novel_trigram",
    "novel_pair",
    "unaligned",
    "unaligned_pair",
    "splice",
    "number_missing",
    "date_missing",
    "quote_missing",
    "out_of_context",
    "name_elsewhere",
    "negation",
    "pronoun",
    "order",
    "speaker",
    "quote_speaker",
    "role_swap",
    "wrong_speaker",
    "rare_novel",
)
"""Names of the per-sentence signals, in the order of :attr:`SentenceAnalysis.values`."""
SUMMARY_FEATURES = (
    *SENTENCE_FEATURES,
    "mean_novel_word",
    "novel_words",
    "single_sentence",
    "single_novel_word",
    "single_novel_bigram",
    "sentences",
    "log_words",
)
"""Names of the summary-level features: the worst sentence's signals, then seven more."""
FAILED_CLAIMS = (
    "role_swap",
    "number_missing",
    "date_missing",
    "quote_missing",
    "out_of_context",
    "negation",
    "quote_speaker",
    "wrong_speaker",
    "rare_novel",
)
"""Signals that count failed claims; each halves the score, so one puts a summary below any
threshold. Leave-one-source-out left the balanced accuracy within a point with them. A wrong
speaker without a quotation counts only as ``wrong_speaker`` (the evidence names its own
speaker): counted whenever the evidence lacks a speaker, it cost 2-3 points on XSum, whose
sources lack the lead sentence that names many speakers."""


def failed_claims(values: Sequence[float]) -> float:
    """How many claims failed, from summary features (:data:`SUMMARY_FEATURES` order)."""
    return sum(values[SUMMARY_FEATURES.index(name)] for name in FAILED_CLAIMS)


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
_IRREGULAR = {
    form: base
    for base, forms in {
        "win": "won", "speak": "spoke spoken", "begin": "began begun", "break": "broke broken",
        "take": "took taken", "give": "gave given", "go": "went gone", "come": "came",
        "see": "saw seen", "make": "made", "say": "said", "tell": "told", "find": "found",
        "get": "got gotten", "hold": "held", "leave": "left", "lead": "led", "meet": "met",
        "pay": "paid", "run": "ran", "send": "sent", "sell": "sold", "stand": "stood",
        "bring": "brought", "buy": "bought", "catch": "caught", "fight": "fought",
        "think": "thought", "teach": "taught", "seek": "sought", "know": "knew known",
        "grow": "grew grown", "throw": "threw thrown", "write": "wrote written",
        "drive": "drove driven", "rise": "rose risen", "fall": "fell fallen",
        "choose": "chose chosen", "freeze": "froze frozen", "steal": "stole stolen",
        "eat": "ate eaten", "hide": "hid hidden", "strike": "struck", "shoot": "shot",
        "lose": "lost", "keep": "kept", "sleep": "slept", "feel": "felt", "deal": "dealt",
        "mean": "meant", "build": "built", "spend": "spent", "lend": "lent", "hang": "hung",
        "sing": "sang sung", "ring": "rang rung", "drink": "drank drunk", "sink": "sank sunk",
        "fly": "flew flown", "draw": "drew drawn", "wear": "wore worn", "tear": "tore torn",
        "swear": "swore sworn", "forget": "forgot forgotten", "forgive": "forgave forgiven",
        "understand": "understood", "withdraw": "withdrew withdrawn", "arise": "arose arisen",
        "bite": "bit bitten", "flee": "fled", "feed": "fed", "bleed": "bled",
        "shake": "shook shaken", "wake": "woke woken", "become": "became", "sit": "sat",
        "hear": "heard", "read": "read", "ride": "rode ridden",
    }.items()
    for form in forms.split()
}  # fmt: skip
"""Irregular verb forms and their base ("won" -> "win"): the stemmer leaves them apart."""


RARE_ZIPF = 3.5
"""Words rarer than this in general English (Zipf scale: 3.5 is about 3 per million words)
that the source never uses count as failed claims. On the dev labels a summary with one is
inconsistent 83% of the time on FRANK-CNN/DM (base rate 41%), 96% on FRANK-XSum (92%) and 48%
on SummEval (18%); leave-one-source-out was flat from 2.75 to 3.5."""


@lru_cache(maxsize=65536)
def is_rare(word: str) -> bool:
    """Whether a canonical word is rare in general English (names, places, terms, typos)."""
    from wordfreq import zipf_frequency  # its word list loads on first use (~0.1 s)

    return zipf_frequency(word, "en") < RARE_ZIPF


def root(word: str) -> str:
    """The stem of ``word``'s base form: "won" and "winning" both give "win"; "long-standing"
    gives the stem of "longstanding"."""
    return stem(_IRREGULAR.get(word, word).replace("-", ""))


_TITLES = frozenset(
    "mr mrs ms dr prof sir president minister prime spokesman spokeswoman spokesperson".split()
)


def words_of(text: str, *, split_hyphens: bool = True) -> list[str]:
    """Canonical words and numbers of already-canonical ``text``; hyphenated words split
    into their parts unless ``split_hyphens`` is false."""
    out: list[str] = []
    for word in WORD_OR_NUMBER.findall(text):
        norm = normalize_word(word)
        if norm in _ARTEFACTS:
            continue
        if "-" in norm and split_hyphens:
            out.extend(p for p in norm.split("-") if p and p not in _CLITICS)
        elif norm not in _CLITICS:
            out.append(norm)
    return out


def is_content(word: str) -> bool:
    """Whether a canonical word carries content (a letter word, not a stop word)."""
    return word[:1].isalpha() and word not in STOP_WORDS and word not in _CLITICS and len(word) > 1


def _negations(words: Sequence[str]) -> list[str]:
    return [w for w in words if w in _NEGATIONS or w.endswith("n't")]


def _genders(words: Sequence[str]) -> frozenset[str]:
    found = set()
    if any(w in _MALE for w in words):
        found.add("m")
    if any(w in _FEMALE for w in words):
        found.add("f")
    return frozenset(found)


_PAIR_WINDOW = 3
"""Content words at most this far apart (in content words) count as close together."""


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
    speakers: frozenset[str]
    has_speech: bool
    roots: tuple[str, ...]


class SourceIndex:
    """A source analysed once for the checks: vocabulary, n-grams, claims and sentences."""

    def __init__(self, document: Document) -> None:
        self.document = document
        text = canonical(document.text)
        self.words = words_of(text)
        self.word_set = frozenset(self.words)
        whole = words_of(text, split_hyphens=False)
        self.roots = frozenset(root(w) for w in {*self.word_set, *whole} if w[:1].isalpha())
        self.bigrams = frozenset(zip(self.words, self.words[1:], strict=False))
        self.trigrams = frozenset(zip(self.words, self.words[1:], self.words[2:], strict=False))
        self.joined = " " + " ".join(self.words) + " "
        self.numbers = tuple(claim.value for claim in numbers(text))
        self.dates = frozenset((claim.kind, claim.value) for claim in dates(text))
        self.names = _source_names(document)
        self.sentences = tuple(_index_sentence(s.text) for s in document.sentences)
        self.sentence_numbers = frozenset(v for s in self.sentences for v in s.numbers)
        """Quantities stated in the kept sentences (not only in page chrome)."""
        self.sentence_dates = frozenset(d for s in self.sentences for d in s.dates)
        self.speakers = frozenset(w for s in self.sentences for w in s.speakers)
        """Words naming whoever speaks somewhere in the kept sentences."""
        self.content_pairs: set[tuple[str, str]] = set()
        for indexed in self.sentences:
            roots = indexed.roots
            for i, first in enumerate(roots):
                for second in roots[i + 1 : i + 1 + _PAIR_WINDOW]:
                    self.content_pairs.add((first, second))
        frequency: dict[str, int] = {}
        for indexed in self.sentences:
            for term in indexed.stems:
                frequency[term] = frequency.get(term, 0) + 1
        count = len(self.sentences)
        self.idf = {term: math.log((count + 1) / df) + 1.0 for term, df in frequency.items()}

    @cached_property
    def initialisms(self) -> frozenset[str]:
        """Initials of runs of source words ("pmo" for "prime minister's office"); built only
        when a summary has a rare word to check against them."""
        return _initialisms(self.words)

    def knows(self, word: str) -> bool:
        """Whether the source has ``word`` (canonical) in some form: the same root, or for a
        hyphenated word the joined word or each of its content parts."""
        if word in self.word_set or root(word) in self.roots:
            return True
        parts = [p for p in word.split("-") if p]
        return len(parts) > 1 and all(
            p in self.word_set or root(p) in self.roots or not is_content(p) for p in parts
        )

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


def _initialisms(words: Sequence[str]) -> frozenset[str]:
    """The initials of every run of 2-5 words, with and without the stop words in it."""
    found: set[str] = set()
    letters = [w[:1] for w in words]
    content = [w[:1] for w in words if is_content(w)]
    for sequence in (letters, content):
        for size in range(2, 6):
            for start in range(len(sequence) - size + 1):
                found.add("".join(sequence[start : start + size]))
    return frozenset(found)


_CAPITALISED = re.compile(r"(?<=[\w,;:] )[A-Z][\w'’-]*")


def _source_names(document: Document) -> frozenset[str]:
    """Words the source only ever writes capitalised, away from a sentence start (empty for a
    lower-cased source)."""
    capitalised: set[str] = set()
    for sentence in document.sentences:
        capitalised.update(normalize_word(m.group()) for m in _CAPITALISED.finditer(sentence.text))
    lower = {w for w in WORD_OR_NUMBER.findall(document.text) if w[:1].islower()}
    return frozenset(w for w in capitalised if w not in lower and w not in STOP_WORDS)


def _index_sentence(raw: str) -> _IndexedSentence:
    text = canonical(raw)
    words = words_of(text)
    first: dict[str, int] = {}
    roots = []
    for position, word in enumerate(words):
        if is_content(word):
            roots.append(root(word))
            first.setdefault(roots[-1], position)
    speakers = frozenset(w for speaker in _speakers(_clause_tokens(text)) for w in speaker)
    return _IndexedSentence(
        tuple(words),
        frozenset(words),
        frozenset(first),
        first,
        tuple(claim.value for claim in numbers(text)),
        frozenset((claim.kind, claim.value) for claim in dates(text)),
        bool(_negations(words)),
        _genders(words),
        speakers,
        any(w in _SPEECH for w in words),
        tuple(roots),
    )


@dataclass(frozen=True, slots=True)
class ContextFinding:
    """A claim of the sentence that the source makes elsewhere, or with someone else."""

    kind: str
    """``number``, ``date``, ``entity``, ``attribution``, ``negation`` or ``novel-content``."""
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
    tokens = [w for w in words_of(text, split_hyphens=False) if is_content(w)]
    unknown = [w for w in tokens if not source.knows(w)]
    novel = len(unknown)
    novel_word = novel / len(tokens) if tokens else 0.0
    rare = [
        w
        for w in dict.fromkeys(unknown)
        if w[:1].isalpha() and is_rare(w) and w not in source.initialisms
    ]
    content = [w for w in words if is_content(w)]
    roots = [root(w) for w in content]
    stems = frozenset(roots)
    # Too short for pairs (or triples): back off to the shorter n-gram, so a one-word
    # sentence of invented words does not look copied.
    bigrams = list(zip(words, words[1:], strict=False))
    novel_bigram = _share_missing(bigrams, source.bigrams) if bigrams else novel_word
    trigrams = list(zip(words, words[1:], words[2:], strict=False))
    novel_trigram = _share_missing(trigrams, source.trigrams) if trigrams else novel_bigram
    content_pairs = [
        (a, b)
        for a, b in zip(roots, roots[1:], strict=False)
        if a in source.roots and b in source.roots
    ]
    novel_pair = _share_missing(content_pairs, frozenset(source.content_pairs))

    speaker = _speakers(_clause_tokens(text))[:1]
    claim_words = {w for found in speaker for w in found} | {w for w in content if w in _CALENDAR}
    context_stems = frozenset(root(w) for w in content if w not in claim_words) or stems
    evidence = source.evidence(context_stems, cited)
    best = source.evidence(stems, cited, limit=1)
    pair = source.evidence(stems, cited, limit=2)
    aligned = source.coverage(stems, best) if best else 0.0
    aligned_pair = source.coverage(stems, pair) if pair else 0.0
    window = [source.sentences[i] for i in evidence]

    findings: list[ContextFinding] = []
    number_missing = date_missing = 0
    for claim in numbers(text):
        if not any(_numbers_agree(claim.value, stated) for stated in source.numbers):
            number_missing += 1
        elif (
            window
            and any(_numbers_agree(claim.value, v) for v in source.sentence_numbers)
            and not _small_count(claim.value)
            and not any(_numbers_agree(claim.value, v) for s in window for v in s.numbers)
        ):
            findings.append(
                ContextFinding(
                    "number", claim.text, f"the source states {claim.text}, but for something else"
                )
            )
    for day in dates(text):
        if (day.kind, day.value) not in source.dates:
            date_missing += 1
        elif (
            window
            and (day.kind, day.value) in source.sentence_dates
            and not any((day.kind, day.value) in s.dates for s in window)
        ):
            findings.append(
                ContextFinding(
                    "date", day.text, f"the source names {day.text}, but for something else"
                )
            )
    out_of_context = len(findings)
    quote_missing = sum(
        1
        for quote in quotations(text)
        if any(is_content(w) for w in words_of(quote.text))
        and not source.contains_phrase(words_of(quote.text))
    )
    around = sorted({j for i in evidence for j in (i - 1, i) if j >= 0})
    around_words: set[str] = set().union(*(source.sentences[j].word_set for j in around))
    elsewhere = [w for w in dict.fromkeys(content) if w in source.names and w not in around_words]
    speaker_mismatch = wrong_speaker = 0.0
    quoting = bool(quotations(text))
    # Named: a name the source capitalises, anyone when quoting, or someone the source has
    # speaking elsewhere ("the election commission announced" for a lower-case body).
    named = (
        quoting
        or any(w in source.names for w in speaker[0])
        or all(w in source.speakers for w in speaker[0])
        if speaker
        else False
    )
    if speaker and window and named and all(source.knows(w) for w in speaker[0]):
        said_by = set().union(*(source.sentences[j].speakers for j in around))
        speaks = any(source.sentences[j].has_speech for j in around)
        candidates = said_by if speaks and said_by else around_words
        if not any(w in candidates for w in speaker[0]):
            speaker_mismatch = 1.0
            wrong_speaker = float(bool(said_by) and speaks)
            who = " ".join(speaker[0])
            findings.append(
                ContextFinding(
                    "attribution", who, f"in the source, '{who}' is not who said or did this"
                )
            )

    top = source.sentences[best[0]] if best else None
    negation = 0.0
    negations = _negations(words)
    if top is not None and negations and not top.negated and aligned >= 0.6:
        negation = 1.0
        findings.append(
            ContextFinding(
                "negation", negations[0], "the supporting source sentence says the opposite"
            )
        )
    window_genders: set[str] = set()
    for j in around:
        window_genders |= source.sentences[j].genders
    pronoun = float(bool(_genders(words) - window_genders) and bool(window))
    order = _order_disagreement(roots, top.first_position) if top is not None else 0.0
    swapped = _role_swap(words, top.words, source.names) if top is not None else None
    if swapped is not None:
        findings.append(
            ContextFinding("attribution", swapped, "the source has these names the other way round")
        )

    for word in rare:
        findings.append(
            ContextFinding(
                "novel-content", word, "a rare word (a name, place or term) the source never uses"
            )
        )

    values = (
        novel_word,
        novel_bigram,
        novel_trigram,
        novel_pair,
        1.0 - aligned,
        1.0 - aligned_pair,
        aligned_pair - aligned,
        float(number_missing),
        float(date_missing),
        float(quote_missing),
        float(out_of_context),
        float(len(elsewhere)),
        negation,
        pronoun,
        order,
        speaker_mismatch,
        speaker_mismatch if quoting else 0.0,
        float(swapped is not None),
        wrong_speaker,
        float(len(rare)),
    )
    return SentenceAnalysis(values, evidence, tuple(findings), len(words), novel)


def _share_missing(grams: Sequence[tuple[str, ...]], known: frozenset[tuple[str, ...]]) -> float:
    return sum(1 for g in grams if g not in known) / len(grams) if grams else 0.0


def _small_count(value: float) -> bool:
    """Small whole numbers ("one of two horses", "the two leaders") recur all over an article
    and often refer back, so they are not checked in context (they are checked for presence)."""
    return value == int(value) and 0 <= value <= 10


_CLAUSE_TOKEN = re.compile(rf"{WORD_OR_NUMBER.pattern}|[,;:()\"]")


def _clause_tokens(text: str) -> list[str]:
    """Canonical words with the punctuation that ends a speaker's name kept as tokens."""
    return [normalize_word(t) for t in _CLAUSE_TOKEN.findall(text)]


def _speakers(words: Sequence[str]) -> list[tuple[str, ...]]:
    """The content words naming who speaks, per speech verb ("the kremlin said" -> kremlin;
    "according to the official readout" -> official readout; "..., said modi." -> modi).
    ``words`` keeps punctuation tokens, which end a name."""
    found: list[tuple[str, ...]] = []
    for index, word in enumerate(words):
        if word not in _SPEECH:
            continue
        if word == "according":
            after = [w for w in words[index + 2 : index + 5] if is_content(w)]
            names = tuple(w for w in after[:2] if w not in _TITLES)
        else:
            before: list[str] = []
            for w in reversed(words[max(0, index - 3) : index]):
                if not is_content(w) or w in _SPEECH:
                    break
                before.append(w)
            names = tuple(w for w in reversed(before) if w not in _TITLES)
            after = list(words[index + 1 : index + 3])
            if not names and after and is_content(after[0]):
                if len(after) == 1 or not after[1][:1].isalnum():
                    names = (after[0],)
        if names:
            found.append(names)
    return found


_ROLE_GAP = 4


def _role_swap(words: Sequence[str], evidence: Sequence[str], names: frozenset[str]) -> str | None:
    """The words "A verb B" when the evidence has "B verb A" (names: words the source only
    capitalises); None if there is no such pair."""
    runs: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        # Weekdays and months are capitalised but are when, not who.
        if word in names and word not in _CALENDAR:
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
    for (a_start, a_end), (b_start, b_end) in zip(runs, runs[1:], strict=False):
        between = words[a_end:b_start]
        verbs = {root(w) for w in between if is_content(w) and w not in _TITLES}
        if not verbs or len(between) > _ROLE_GAP or "by" in between:
            continue
        first, second = words[a_end - 1], words[b_end - 1]
        if first == second or first not in evidence or second not in evidence:
            continue
        a, b = evidence.index(first), evidence.index(second)
        middle = evidence[b + 1 : a]
        if b < a <= b + 2 * _ROLE_GAP and "by" not in middle and verbs & {root(w) for w in middle}:
            return " ".join(words[a_start:b_end])
    return None


def _order_disagreement(roots: Sequence[str], positions: dict[str, int]) -> float:
    """Share of pairs of shared content words that the source sentence has the other way round."""
    seen: list[int] = []
    for term in roots:
        position = positions.get(term)
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
    single = float(len(analyses) == 1)
    bigram = SENTENCE_FEATURES.index("novel_bigram")
    return (
        *worst,
        mean_novel,
        novel_words,
        single,
        single * worst[novel],
        single * worst[bigram],
        float(len(analyses)),
        math.log1p(total_words),
    )
