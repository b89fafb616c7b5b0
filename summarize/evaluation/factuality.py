"""Offline factuality checks: is each summary sentence supported by its source, and if not, where?

For every summary sentence the checker finds the source sentences that support it best
(evidence) and runs five rule-based checks against the source:

``entity``         a name (person, place, organisation) the source never mentions, or two names
                   the source relates the other way round ("Putin congratulated Modi")
``number``         a quantity the source does not state ("sixth term", "$30bn", "two-thirds")
``date``           a weekday, month or year the source does not name ("Thursday")
``quote``          quoted words that the source does not contain, modulo quote style and spacing
``novel-content``  content words that occur nowhere in the source (after stemming); a rare
                   one (an invented name, place or term) is a failed claim, capitals or not

Two more checks read the sentences that support the rest of a summary sentence (its
evidence): a number or date the source states, but for something else (``number``,
``date``), and who said it (``attribution``: a speaker the evidence does not name, or two
names the other way round). Every issue keeps its kind, the words at fault and the evidence.

The score is a calibrated probability that the summary is consistent: a logistic model over
style-proof features (:mod:`summarize.evaluation.features`: novel words and n-grams,
alignment to the best source sentences, failed claims, negation, pronouns, word order, and
whether the summary is one sentence, which may paraphrase more), fitted on FRANK and SummEval
and chosen by leave-one-source-out validation (``benchmarks/fit_factuality.py``, coefficients
in ``factuality_model.json``). Each failed claim (:data:`~summarize.evaluation.features.FAILED_CLAIMS`:
a number, date, quote or rare word the source lacks, a claim out of context, a negation, a
role swap, words in the wrong mouth) halves it. Everything reads one canonical text style
(:mod:`summarize.evaluation.style`), so raw and PTB-tokenized lower-cased text score alike.
Nothing is downloaded and nothing needs a GPU.

Evidence indices point into ``Document.from_string(source).sentences`` (the cleaned
document, page chrome set aside); claims are checked against the whole source text, chrome
included, so a date that only appears in an embedded post still counts as stated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from summarize.document import Document
from summarize.errors import InputError, ParameterError
from summarize.evaluation.claims import (
    TITLES,
    WORD_OR_NUMBER,
    NameMention,
    Token,
    dates,
    is_cased,
    name_mentions,
    normalize_word,
    numbers,
    numbers_agree,
    quotations,
    tokens,
)
from summarize.evaluation.features import (
    SUMMARY_FEATURES,
    SentenceAnalysis,
    SourceIndex,
    analyse_sentence,
    failed_claims,
    root,
    summary_features,
)
from summarize.evaluation.model import LogisticModel, default_model
from summarize.evaluation.style import sentence_spans as style_sentence_spans
from summarize.text import STOP_WORDS, sentence_spans, stem
from summarize.textnorm import undo_ptb_tokens

__all__ = [
    "DEFAULT_THRESHOLD",
    "ISSUE_KINDS",
    "FactualityChecker",
    "FactualityResult",
    "Issue",
    "SentenceVerdict",
    "check_factuality",
]

ISSUE_KINDS = ("entity", "number", "date", "quote", "attribution", "novel-content")
"""The kinds of :class:`Issue`."""

DEFAULT_THRESHOLD = default_model().threshold
"""Summaries scoring at or above this are labelled consistent (picked on pooled dev data)."""

_MODEL_ARTEFACTS = frozenset({"UNK", "unk", "lrb", "rrb", "lsb", "rsb", "lcb", "rcb"})
"""Placeholders for unknown words and PTB bracket codes (``-lrb-``); they claim nothing."""
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b")
_ROMAN = re.compile(r"[ivx]{1,4}")
_DEMONYM_ENDINGS = ("ish", "ian", "an", "ese", "i", "ic", "ch")
_ROLE_GAP = 4
"""At most this many words between two names for the role check to relate them."""
_ARTEFACT = re.compile(r"\bUNK\b")
_CLITICS = frozenset({"s", "t", "n't", "'s", "re", "ll", "ve", "m", "d", "nt"})


@dataclass(frozen=True, slots=True)
class Issue:
    """One unsupported claim: its kind, the offending span of the summary, and why."""

    kind: str
    """One of :data:`ISSUE_KINDS`."""
    span: str
    start: int
    end: int
    """Offsets in the summary text: ``summary[start:end] == span``."""
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "kind": self.kind,
            "span": self.span,
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class SentenceVerdict:
    """The verdict on one summary sentence, with its evidence in the source."""

    text: str
    start: int
    end: int
    """Offsets of the sentence in the summary."""
    supported: bool
    score: float
    """In [0, 1]; 1 means every word and claim was found in the source."""
    evidence: tuple[int, ...]
    """Indices into the source Document's ``.sentences``, best first."""
    evidence_spans: tuple[tuple[int, int], ...]
    """``(start, end)`` of each evidence sentence in the source text."""
    issues: tuple[Issue, ...]
    evidence_text: tuple[str, ...] = ()
    """The evidence sentences themselves: what the sentence was checked against."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "supported": self.supported,
            "score": self.score,
            "evidence": list(self.evidence),
            "evidence_spans": [list(span) for span in self.evidence_spans],
            "evidence_text": list(self.evidence_text),
            "issues": [issue.to_dict() for issue in self.issues],
        }


@dataclass(frozen=True, slots=True)
class FactualityResult:
    """How consistent a summary is with its source: score, label and per-sentence verdicts."""

    score: float
    """In [0, 1]: the product of the sentence scores (1.0 for an empty summary)."""
    label: bool
    """True when the summary is judged consistent (``score >= threshold``)."""
    threshold: float
    sentences: tuple[SentenceVerdict, ...]

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue of every sentence, in summary order."""
        return tuple(issue for sentence in self.sentences for issue in sentence.issues)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "score": self.score,
            "label": self.label,
            "threshold": self.threshold,
            "sentences": [sentence.to_dict() for sentence in self.sentences],
        }


def _normalized_words(text: str) -> list[str]:
    """Lower-case words and numbers of ``text`` with PTB artefacts undone and marks dropped."""
    out: list[str] = []
    for word in WORD_OR_NUMBER.findall(undo_ptb_tokens(text)):
        if word not in _MODEL_ARTEFACTS:
            norm = normalize_word(word)
            if "-" in norm:
                out.extend(part for part in norm.split("-") if part and part not in _CLITICS)
            elif norm not in _CLITICS:
                out.append(norm)
    return out


def _is_content(norm: str) -> bool:
    return norm[:1].isalpha() and norm not in STOP_WORDS and norm not in _CLITICS and len(norm) > 1


class _Source:
    """The source analysed once: vocabulary, stems, word pairs, claims and sentence index."""

    def __init__(self, document: Document) -> None:
        self.document = document
        text = document.text
        self.words = _normalized_words(text)
        self.word_set = frozenset(self.words)
        self.stems = frozenset(stem(w) for w in self.word_set if w[:1].isalpha())
        self.roots = frozenset(root(w) for w in self.word_set if w[:1].isalpha())
        self.pairs = frozenset(zip(self.words, self.words[1:], strict=False))
        self.joined = " " + " ".join(self.words) + " "
        self.numbers = tuple(claim.value for claim in numbers(undo_ptb_tokens(text)))
        self.dates = frozenset((claim.kind, claim.value) for claim in dates(text))
        self.lowercase_words = frozenset(
            tok.norm for tok in tokens(text) if tok.text[:1].islower() and tok.text.isalpha()
        )
        mentions = name_mentions(text, self.lowercase_words, _sentence_starts(document))
        self.name_words = frozenset(word for mention in mentions for word in mention.words)
        self.acronyms = frozenset(
            m.group().replace(".", "").lower() for m in _ACRONYM.finditer(text)
        )
        """Acronyms the source writes ("U.S.", "NHS")."""
        self.initialisms = frozenset(
            "".join(w[0] for w in capitals).lower()
            for m in mentions
            if len(capitals := [w for w in WORD_OR_NUMBER.findall(m.text) if w[0].isupper()]) > 1
        )
        """Initials of the names the source spells out ("un" for "United Nations")."""

    def has_word(self, word: str) -> bool:
        """Whether ``word`` (normalized) or a word of the same stem occurs in the source;
        a hyphenated word needs each of its parts (``re-election``: ``re`` and ``election``)."""
        if word in self.word_set or stem(word) in self.stems or root(word) in self.roots:
            return True
        parts = [part for part in word.split("-") if part]
        return len(parts) > 1 and all(
            p in self.word_set or root(p) in self.roots or not _is_content(p) for p in parts
        )

    def has_name_word(self, word: str) -> bool:
        """Whether a name word occurs in the source, allowing demonyms (Russia/Russian,
        England/English, Britain/British)."""
        if word in self.word_set or stem(word) in self.stems or _ROMAN.fullmatch(word):
            return True
        if "-" in word:
            return all(self.has_name_word(part) for part in word.split("-") if part)
        return any(
            min(len(word), len(name)) >= 4
            and abs(len(word) - len(name)) <= 3
            and (word.startswith(name) or name.startswith(word))
            for name in self.name_words
        ) or (
            word.endswith(_DEMONYM_ENDINGS)
            and any(name[:4] == word[:4] for name in self.name_words if len(name) >= 4)
        )

    def contains_phrase(self, words: Sequence[str]) -> bool:
        """Whether the normalized ``words`` occur contiguously in the source."""
        return bool(words) and (" " + " ".join(words) + " ") in self.joined


def _sentence_starts(document: Document) -> set[int]:
    return {s.start for p in document.paragraphs for s in p.sentences}


class FactualityChecker:
    """Checks summaries against one source, analysed once.

    >>> checker = FactualityChecker(article_text)
    >>> result = checker.check(summary_text)
    >>> result.label, [issue.span for issue in result.issues]

    ``model`` replaces the shipped :class:`~summarize.evaluation.model.LogisticModel`;
    ``threshold`` the model's own threshold.
    """

    def __init__(
        self,
        source: str | Document,
        *,
        threshold: float | None = None,
        model: LogisticModel | None = None,
    ) -> None:
        if isinstance(source, Document):
            document = source
        elif isinstance(source, str):
            document = Document.from_string(source)
        else:
            raise InputError(
                f"expected the source as text or a Document, got {type(source).__name__}"
            )
        self.model = model or default_model()
        threshold = self.model.threshold if threshold is None else threshold
        if not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
            raise ParameterError(f"threshold must be between 0 and 1, got {threshold}")
        self.document = document
        self.threshold = float(threshold)
        self._columns = [SUMMARY_FEATURES.index(name) for name in self.model.features]

    @cached_property
    def _source(self) -> _Source:
        return _Source(self.document)

    @cached_property
    def _index(self) -> SourceIndex:
        return SourceIndex(self.document)

    def check(self, summary: str) -> FactualityResult:
        """Check every sentence of ``summary``; offsets in the result index ``summary``.

        An empty or blank summary claims nothing: score 1.0, consistent, no sentences.
        """
        if not isinstance(summary, str):
            raise InputError(f"expected the summary as text, got {type(summary).__name__}")
        spans = style_sentence_spans(summary)
        foreign = _foreign_script(summary, self._scripts)
        if foreign is not None and spans:
            return self._not_checked(summary, spans, foreign)
        parts = [self._verdict(summary, s, e, ()) for s, e in spans]
        verdicts = tuple(verdict for verdict, _ in parts)
        score = self._score([analysis for _, analysis in parts]) if parts else 1.0
        return FactualityResult(score, score >= self.threshold, self.threshold, verdicts)

    def check_sentence(
        self, sentence: str, evidence: Sequence[int] | None = None
    ) -> SentenceVerdict:
        """Check one sentence (offsets index ``sentence``), trying the ``evidence`` first.

        ``evidence`` holds indices into the source Document's ``.sentences`` (for instance
        those a generated sentence cites); better-supporting sentences are added after them.
        """
        if not isinstance(sentence, str):
            raise InputError(f"expected the sentence as text, got {type(sentence).__name__}")
        stripped = sentence.strip()
        if not stripped:
            return SentenceVerdict(sentence, 0, len(sentence), True, 1.0, (), (), ())
        start = len(sentence) - len(sentence.lstrip())
        return self._verdict(sentence, start, start + len(stripped), tuple(evidence or ()))[0]

    @cached_property
    def _scripts(self) -> dict[str, int]:
        # A sample is enough to know which scripts the source is written in.
        return _script_counts(self.document.text[:20_000])

    def _not_checked(
        self, summary: str, spans: Sequence[tuple[int, int]], script: str
    ) -> FactualityResult:
        """A summary in a script the source does not use: nothing can be verified."""
        message = f"written in {script} script, which the source does not use: not verified"
        verdicts = tuple(
            SentenceVerdict(
                summary[s:e],
                s,
                e,
                False,
                0.0,
                (),
                (),
                (Issue("novel-content", summary[s:e], s, e, message),),
            )
            for s, e in spans
        )
        return FactualityResult(0.0, False, self.threshold, verdicts)

    def _score(self, analyses: Sequence[SentenceAnalysis]) -> float:
        values = summary_features(analyses)
        probability = self.model.probability([values[i] for i in self._columns])
        return float(probability * 0.5 ** failed_claims(values))

    def _verdict(
        self, summary: str, start: int, end: int, cited: tuple[int, ...]
    ) -> tuple[SentenceVerdict, SentenceAnalysis]:
        text = summary[start:end]
        analysis = analyse_sentence(self._index, text, cited)
        issues = _analyse(self._source, summary, start, end, analysis.evidence)
        issues = _with_findings(summary, start, end, issues, analysis)
        score = self._score([analysis])
        evidence = analysis.evidence
        sentences = self.document.sentences
        spans = tuple((sentences[i].start, sentences[i].end) for i in evidence)
        supported = score >= self.threshold and not any(i.kind != "novel-content" for i in issues)
        quoted = tuple(sentences[i].text for i in evidence)
        verdict = SentenceVerdict(
            text, start, end, supported, score, evidence, spans, issues, quoted
        )
        return verdict, analysis


def _script_of(character: str) -> str:
    name = unicodedata.name(character, "")
    return name.split(" ")[0] if name else "UNKNOWN"


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for character in text:
        if character.isalpha():
            script = _script_of(character)
            counts[script] = counts.get(script, 0) + 1
    return counts


def _foreign_script(summary: str, source_scripts: dict[str, int]) -> str | None:
    """The summary's main script if the source barely uses it (under 1% of its letters)."""
    counts = _script_counts(summary)
    if not counts:
        return None
    script = max(counts, key=lambda name: counts[name])
    total = sum(source_scripts.values())
    return script if source_scripts.get(script, 0) < 0.01 * total else None


def _with_findings(
    summary: str,
    start: int,
    end: int,
    issues: tuple[Issue, ...],
    analysis: SentenceAnalysis,
) -> tuple[Issue, ...]:
    """Add the claims the source makes elsewhere or with someone else, at their words."""
    found = list(issues)
    taken = {offset for issue in issues for offset in range(issue.start, issue.end)}
    for finding in analysis.findings:
        pattern = r"[\W_]+".join(re.escape(w) for w in re.findall(r"\w+", finding.words))
        match = re.search(rf"(?<!\w){pattern}(?!\w)", summary[start:end], re.IGNORECASE)
        if not pattern or match is None:
            continue
        first, last = start + match.start(), start + match.end()
        if any(offset in taken for offset in range(first, last)):
            continue
        span = summary[first:last]
        message = finding.message.replace(finding.words, span)  # the summary's own spelling
        found.append(Issue(finding.kind, span, first, last, message))
        taken.update(range(first, last))
    return tuple(sorted(found, key=lambda issue: (issue.start, issue.end)))


def check_factuality(
    summary: str, source: str | Document, *, threshold: float | None = None
) -> FactualityResult:
    """Check ``summary`` against ``source`` (text or a Document); see :class:`FactualityChecker`."""
    return FactualityChecker(source, threshold=threshold).check(summary)


# --- the checks ------------------------------------------------------------------------------


@dataclass
class _Findings:
    issues: list[Issue] = field(default_factory=list)
    flagged: set[int] = field(default_factory=set)
    """Summary offsets already reported, so a word is not reported twice."""
    cleared: set[int] = field(default_factory=set)
    """Summary offsets of names the source supports in another form ("Russian", "U.S.")."""

    def add(self, summary: str, kind: str, start: int, end: int, message: str) -> None:
        if any(start <= s < end for s in self.flagged):
            return
        self.issues.append(Issue(kind, summary[start:end], start, end, message))
        self.flagged.update(range(start, end))


def _analyse(
    source: _Source, summary: str, start: int, end: int, evidence: tuple[int, ...]
) -> tuple[Issue, ...]:
    text = summary[start:end]
    plain = undo_ptb_tokens(text)
    findings = _Findings()

    toks = [t for t in tokens(text) if t.text[0].isalnum() and t.text not in _MODEL_ARTEFACTS]
    content = [t for t in toks if _is_content(t.norm)]

    _check_quotes(source, summary, start, text, findings)
    _check_numbers(source, summary, start, plain, text, findings)
    _check_dates(source, summary, start, text, findings)
    _check_names(source, summary, start, text, evidence, findings)

    novel = [
        t
        for t in content
        if not source.has_word(t.norm) and start + t.start not in findings.cleared
    ]
    for tok in _merge_adjacent(novel, text):
        findings.add(
            summary,
            "novel-content",
            start + tok.start,
            start + tok.end,
            f"'{tok.text}' does not occur in the source",
        )
    findings.issues.sort(key=lambda issue: (issue.start, issue.end))
    return tuple(findings.issues)


def _merge_adjacent(novel: list[Token], text: str) -> list[Token]:
    merged: list[Token] = []
    for tok in novel:
        if merged and not text[merged[-1].end : tok.start].strip():
            last = merged[-1]
            merged[-1] = Token(text[last.start : tok.end], last.start, tok.end)
        else:
            merged.append(tok)
    return merged


def _check_quotes(source: _Source, summary: str, offset: int, text: str, found: _Findings) -> int:
    failed = 0
    for quote in quotations(text):
        fragments = [f for f in re.split(r"\.\.\.|…|\[[^\]]*\]", quote.text) if f.strip()]
        missing = [f for f in fragments if not source.contains_phrase(_normalized_words(f))]
        if missing:
            failed += 1
            found.add(
                summary,
                "quote",
                offset + quote.start,
                offset + quote.end,
                "the source does not contain these quoted words",
            )
    return failed


def _check_numbers(
    source: _Source, summary: str, offset: int, plain: str, text: str, found: _Findings
) -> int:
    failed = 0
    for claim in numbers(text):
        if any(numbers_agree(claim.value, stated) for stated in source.numbers):
            continue
        failed += 1
        found.add(
            summary,
            "number",
            offset + claim.start,
            offset + claim.end,
            f"the source states no quantity equal to '{claim.text}'",
        )
    return failed


def _check_dates(source: _Source, summary: str, offset: int, text: str, found: _Findings) -> int:
    failed = 0
    for claim in dates(text):
        if (claim.kind, claim.value) in source.dates:
            continue
        failed += 1
        named = sorted(value for kind, value in source.dates if kind == claim.kind)
        hint = f" (it names {', '.join(v.title() for v in named[:4])})" if named else ""
        found.add(
            summary,
            "date",
            offset + claim.start,
            offset + claim.end,
            f"the source does not name {claim.value.title()}{hint}",
        )
    return failed


def _check_names(
    source: _Source,
    summary: str,
    offset: int,
    text: str,
    evidence: tuple[int, ...],
    found: _Findings,
) -> int:
    if is_cased(_ARTEFACT.sub("", summary)):
        mentions = name_mentions(text, source.lowercase_words)
    else:
        mentions = _lowercased_mentions(source, text)
    failed = 0
    starts = {start - offset for start in _sentence_word_starts(summary, offset, text)}
    for mention in mentions:
        if len(mention.words) == 1 and mention.start in starts and " " not in mention.text:
            continue  # "Facing ..." or "Schofield said": left to the novel-content check
        known = _spelled_out(mention.words, source.acronyms)
        missing = [
            w
            for i, w in enumerate(mention.words)
            if i not in known
            and w not in _MODEL_ARTEFACTS
            and not (mention.text.isupper() and w in source.initialisms | source.acronyms)
            and not source.has_name_word(w)
        ]
        if missing:
            failed += 1
            found.add(
                summary,
                "entity",
                offset + mention.start,
                offset + mention.end,
                f"the source never mentions {', '.join(missing)}",
            )
        else:
            found.cleared.update(range(offset + mention.start, offset + mention.end))
    failed += _check_roles(source, summary, offset, text, mentions, evidence, found)
    return failed


def _spelled_out(words: tuple[str, ...], acronyms: frozenset[str]) -> set[int]:
    """Positions of the words whose initials spell an acronym of the source
    ("United States" when the source writes "U.S.")."""
    known: set[int] = set()
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + 5) + 1):
            if "".join(w[0] for w in words[i:j]) in acronyms:
                known.update(range(i, j))
    return known


def _sentence_word_starts(summary: str, offset: int, text: str) -> set[int]:
    """Offsets (in ``summary``) of the first word of each sentence of ``text``."""
    starts = set()
    for start, end in sentence_spans(text):
        first = re.search(r"[^\W\d_]", text[start:end])
        if first:
            starts.add(offset + start + first.start())
    return starts


def _lowercased_mentions(source: _Source, text: str) -> list[NameMention]:
    """Find names in lower-cased text with the source's help: runs of words that the source
    only ever capitalises. Such names are known to the source, so they serve the role check."""
    mentions: list[NameMention] = []
    run: list[Token] = []

    def close() -> None:
        if run:
            start, end = run[0].start, run[-1].end
            mentions.append(NameMention(text[start:end], start, end, tuple(t.norm for t in run)))
        run.clear()

    for tok in tokens(text):
        if tok.norm in source.name_words and tok.norm not in source.lowercase_words:
            run.append(tok)
        else:
            close()
    close()
    return mentions


def _check_roles(
    source: _Source,
    summary: str,
    offset: int,
    text: str,
    mentions: list[NameMention],
    evidence: tuple[int, ...],
    found: _Findings,
) -> int:
    """Catch two names the evidence relates the other way round ("Putin congratulated Modi")."""
    failed = 0
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = _normalized_words(text[first.end : second.start])
        verbs = [w for w in between if _is_content(w) and w not in TITLES]
        if (
            not verbs
            or len(between) > _ROLE_GAP
            or "by" in between
            or set(first.words) & set(second.words)
        ):
            continue
        for index in evidence:
            sentence = _normalized_words(source.document.sentences[index].text)
            a = _last_position(sentence, first.words)
            b = _last_position(sentence, second.words)
            if a is None or b is None or not b < a or a - b > 2 * _ROLE_GAP:
                continue
            middle = {stem(w) for w in sentence[b + 1 : a]}
            if "by" not in sentence[b + 1 : a] and any(stem(v) in middle for v in verbs):
                failed += 1
                found.add(
                    summary,
                    "attribution",
                    offset + first.start,
                    offset + second.end,
                    f"the source has {second.text} and {first.text} the other way round",
                )
                break
    return failed


def _last_position(words: list[str], name: tuple[str, ...]) -> int | None:
    positions = [i for i, w in enumerate(words) if w == name[-1]]
    return positions[0] if positions else None
