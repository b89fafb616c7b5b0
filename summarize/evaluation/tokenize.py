"""Tokenizers for ROUGE: rouge-score's exact rules (default) and an opt-in Unicode-aware one.

:class:`RougeTokenizer` reproduces ``rouge_score.tokenize.tokenize`` token for token: lower
case, every run of characters outside ``[a-z0-9]`` becomes a space, words longer than three
characters go through NLTK's ``PorterStemmer`` (the same class and mode rouge-score uses),
and only ``[a-z0-9]+`` tokens survive. It is faster only because it remembers stems.

That rule drops every non-ASCII letter: "São Paulo" becomes ``s o paulo`` and a Greek,
Cyrillic or Chinese summary has no tokens at all, so it scores 0 against anything.
:class:`UnicodeTokenizer` keeps letters and digits of every script (after NFKC
normalisation and case folding) with their combining marks ("हिन्दी" is one token, not five),
treats each character of scripts written without spaces (Chinese, Japanese kana and kanji,
Thai, Lao, Khmer, Myanmar) as one token, and stems only ASCII words, so English scores stay
close to the default while other text gets scored. :func:`choose_tokenizer` picks between
them automatically: rouge-score's whenever it can tokenize the texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from summarize._nltk import load_nltk
from summarize.text import MARK_CLASS as _MARKS

__all__ = [
    "TOKENIZERS",
    "RougeTokenizer",
    "Tokenizer",
    "UnicodeTokenizer",
    "choose_tokenizer",
    "rouge_score_drops",
]

TOKENIZERS = ("auto", "rouge-score", "unicode")
"""Names ``--tokenizer`` takes: ``auto`` picks per summary (:func:`choose_tokenizer`)."""

_NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_STEM_CACHE_LIMIT = 500_000

# Scripts written without spaces between words: every character is a token.
_UNSPACED = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
# A combining mark (a Devanagari vowel sign or virama, an Arabic vowel mark …) belongs to the
# letter before it: it never starts or ends a token.
_MARK = rf"[{_MARKS}\u200c\u200d]"
_UNICODE_TOKEN = re.compile(
    rf"[{_UNSPACED}]{_MARK}*|[^\W_{_UNSPACED}](?:[^\W_{_UNSPACED}]+|{_MARK}+)*"
)
_ALPHANUMERIC = re.compile(rf"[^\W_]|{_MARK}")
_ASCII_WORD = re.compile(r"^[a-z]+$")


def _valid(token: str) -> bool:
    # rouge-score drops any token that is not [a-z0-9]+ (only an empty stem, in practice);
    # stems are lower case, so isascii() and isalnum() is that test, only cheaper.
    return token.isascii() and token.isalnum()


@runtime_checkable
class Tokenizer(Protocol):
    """Anything with ``tokenize(text) -> list[str]`` (rouge-score's tokenizer interface)."""

    def tokenize(self, text: str) -> list[str]:
        """Return the tokens of ``text``."""
        ...


class _Stemmer:
    """NLTK's Porter stemmer (rouge-score's exact one) with a bounded memory of stems."""

    def __init__(self) -> None:
        load_nltk()  # on first use, and without the scipy.stats nltk would import
        from nltk.stem import porter

        self._stemmer = porter.PorterStemmer()
        self.cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        """Return the stem of ``word`` (remembered)."""
        stemmed = self.cache.get(word)
        if stemmed is None:
            stemmed = self._stemmer.stem(word)
            if len(self.cache) >= _STEM_CACHE_LIMIT:
                self.cache.clear()
            self.cache[word] = stemmed
        return stemmed

    def __getstate__(self) -> dict[str, object]:
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]


class RougeTokenizer:
    """rouge-score's default tokenizer, identical output, with cached Porter stems."""

    def __init__(self, use_stemmer: bool = False) -> None:
        self.use_stemmer = use_stemmer
        self._stem = _Stemmer() if use_stemmer else None

    def tokenize(self, text: str) -> list[str]:
        """Return the lower-case ASCII alphanumeric tokens of ``text``, stemmed if asked."""
        pieces = self.pieces(text)
        stem = self._stem
        if stem is None:
            return pieces
        cache = stem.cache
        pieces = [p if len(p) < 4 else cache.get(p) or stem(p) for p in pieces]
        return [p for p in pieces if _valid(p)]

    @staticmethod
    def pieces(text: str) -> list[str]:
        """The words of ``text`` before stemming: lower-case runs of ``[a-z0-9]``."""
        return _NON_ALPHANUMERIC.sub(" ", text.lower()).split()

    def token(self, piece: str) -> str | None:
        """The token one of :meth:`pieces` becomes (its stem), or None if it is dropped."""
        if self._stem is not None and len(piece) > 3:
            piece = self._stem(piece)
        return piece if _valid(piece) else None

    def __repr__(self) -> str:
        return f"RougeTokenizer(use_stemmer={self.use_stemmer})"


class UnicodeTokenizer:
    """Letters and digits of every script; one token per character where words have no spaces.

    >>> UnicodeTokenizer().tokenize("São Paulo, 北京")
    ['são', 'paulo', '北', '京']
    """

    def __init__(self, use_stemmer: bool = False) -> None:
        self.use_stemmer = use_stemmer
        self._stem = _Stemmer() if use_stemmer else None

    def tokenize(self, text: str) -> list[str]:
        """Return the NFKC-normalised, case-folded word tokens of ``text``."""
        tokens = _UNICODE_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())
        stem = self._stem
        if stem is None:
            return tokens
        return [stem(t) if len(t) > 3 and _ASCII_WORD.match(t) else t for t in tokens]

    def __repr__(self) -> str:
        return f"UnicodeTokenizer(use_stemmer={self.use_stemmer})"


def rouge_score_drops(text: str) -> bool:
    """Whether rouge-score's tokenizer would drop most of ``text``: fewer than half of its
    letters, digits and marks are ASCII (Chinese, Hindi, Arabic, Russian … text)."""
    characters = _ALPHANUMERIC.findall(text)
    if not characters:
        return False
    ascii_count = sum(1 for c in characters if c.isascii())
    return ascii_count * 2 < len(characters)


def choose_tokenizer(texts: Sequence[str]) -> str:
    """``unicode`` when rouge-score would drop any of ``texts`` (so it scores them), else
    ``rouge-score``: English and other mostly-ASCII text keeps rouge-score's exact scores."""
    return "unicode" if any(rouge_score_drops(t) for t in texts) else "rouge-score"
