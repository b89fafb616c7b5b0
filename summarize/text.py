"""Offline text processing: sentence spans, words, stems and stop words.

Nothing here downloads data. Sentences come from NLTK's Punkt algorithm run with a
hand-written parameter set (abbreviations and common sentence starters) instead of the
``punkt_tab`` model, which would need a download; words come from one regular expression;
stems from NLTK's Snowball stemmer (pure code); stop words from the list ``sumy`` ships.
"""

from __future__ import annotations

import pkgutil
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summarize._nltk import load_nltk

if TYPE_CHECKING:
    from nltk.stem.snowball import EnglishStemmer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = [
    "STOP_WORDS",
    "WORD_PATTERN",
    "content_terms",
    "hard_blocks",
    "sentence_spans",
    "stem",
    "words",
]

# Lower-case, without the final period, as Punkt stores them. Internal periods stay ("u.s").
_ABBREVIATIONS = """
mr mrs ms mx dr prof sr jr st mt ft rev fr hon pres gov sen rep reps sens amb supt insp
gen lt col maj capt cpl sgt adm cmdr brig pvt cdr lieut det const
jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
a.m p.m u.s u.k u.n e.u u.s.a d.c l.a n.y n.j ph.d m.d b.a m.a b.sc ll.b e.g i.e cf viz
etc vs v inc corp co ltd llc plc bros dept univ assn est approx fig figs no nos vol vols pp
ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
mont neb nev okla ore pa tenn tex va vt wash wis wyo
""".split()

# Capitalised words that start a new sentence after an abbreviation ("... the U.S. The move").
_SENTENCE_STARTERS = """
the he she it they we i you but and in a an this that these those there his her its their
our my on at after as when while however meanwhile yet so if for one two three some many
""".split()

# Titles never end a sentence, so a split right after one is always wrong.
_TITLES = "mr mrs ms mx dr prof rev hon gen lt col maj capt cpl sgt adm cmdr brig pvt det supt insp"
_TITLES += " gov sen rep"
_ENDS_WITH_TITLE = re.compile(
    rf"(?:^|[\s\"'“‘(\[])(?:{'|'.join(_TITLES.split())})\.$", re.IGNORECASE
)
_ENDS_WITH_ACRONYM = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}$")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    load_nltk()  # on first use, and without the scipy.stats nltk would import
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = PunktParameters()
    parameters.abbrev_types = set(_ABBREVIATIONS)
    parameters.sent_starters = set(_SENTENCE_STARTERS)
    return PunktSentenceTokenizer(parameters)


def hard_blocks(text: str) -> list[tuple[int, int]]:
    """Split ``text`` at hard line breaks into ``(start, end)`` blocks, whitespace trimmed.

    A line break is soft (the block goes on) when the line does not end a sentence and
    either the next line starts in lower case or the line has the length of hard-wrapped
    prose (50 to 100 characters); otherwise every line is its own block (headings, list
    items, web-page lines).
    """
    blocks: list[tuple[int, int]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    current: tuple[int, int] | None = None
    for start, end in lines:
        stripped = text[start:end].strip()
        if not stripped:
            if current:
                blocks.append(current)
            current = None
            continue
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end -= len(text[start:end]) - len(text[start:end].rstrip())
        if current is not None and _continues(text[current[0] : current[1]], stripped):
            current = (current[0], end)
        else:
            if current:
                blocks.append(current)
            current = (start, end)
    if current:
        blocks.append(current)
    return blocks


def _continues(previous_line_block: str, next_line: str) -> bool:
    last_line = previous_line_block.rsplit("\n", 1)[-1]
    if _TERMINAL.search(last_line) or last_line.endswith(":"):
        return False
    return next_line[:1].islower() or 50 <= len(last_line) <= 100


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of ``text[start:end]``.

    Offsets index ``text`` itself, so ``text[s:e]`` is the sentence exactly; spans never
    include leading or trailing white space and never cross a hard line break.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for block_start, block_end in hard_blocks(text[start:end]):
        block = text[start + block_start : start + block_end]
        block_spans: list[tuple[int, int]] = []
        for s, e in _punkt().span_tokenize(block):
            piece = block[s:e]
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            if e <= s:
                continue
            if block_spans and _wrongly_split(block[slice(*block_spans[-1])], piece.strip()):
                block_spans[-1] = (block_spans[-1][0], e)
            else:
                block_spans.append((s, e))
        offset = start + block_start
        spans.extend((offset + s, offset + e) for s, e in block_spans)
    return spans


def _wrongly_split(previous: str, following: str) -> bool:
    """Catch the two splits Punkt makes without its trained model: after a quoted title
    ("'Dr. Oz") and after a dotted acronym followed by a lower-case word ("P.E. in")."""
    if _ENDS_WITH_TITLE.search(previous):
        return True
    return bool(following[:1].islower() and _ENDS_WITH_ACRONYM.search(previous))


def words(text: str) -> list[str]:
    """Return the words of ``text``: runs of letters, with inner apostrophes or hyphens."""
    return WORD_PATTERN.findall(text)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    data = pkgutil.get_data("sumy", "data/stopwords/english.txt") or b""
    return frozenset(w.strip() for w in data.decode("utf-8").splitlines() if w.strip())


STOP_WORDS: frozenset[str] = _stop_words()
"""English stop words (the list ``sumy`` ships), lower case."""


@lru_cache(maxsize=1)
def _stemmer() -> EnglishStemmer:
    load_nltk()
    from nltk.stem.snowball import EnglishStemmer

    return EnglishStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Snowball (Porter2) stem of a lower-case ``word``."""
    return str(_stemmer().stem(word))


def content_terms(text: str) -> list[str]:
    """Return the stemmed, lower-cased, non-stop words of ``text``, in order."""
    return [stem(w) for w in (w.lower() for w in words(text)) if w not in STOP_WORDS]
