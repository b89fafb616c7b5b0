"""Offline text processing: blocks, sentence spans, words, stems and stop words, in any script.

Nothing here downloads data. Sentences come from one regular-expression scan for sentence
ends (``. ! ? …``, the CJK ``。！？``, Devanagari ``। ॥``, Arabic ``؟ ۔``) and a few rules
about the word before and after each one: abbreviations of English, German, French, Spanish
and Russian, initials, ordinals ("15. März"), closing quotes and guillemets. Words are runs of
letters with their combining marks (so "हिन्दी" stays one word); every Chinese or Japanese
character counts as a word of its own. Stems come from NLTK's Snowball stemmers (pure code)
and stop words from the lists ``sumy`` ships, per language (:func:`language_tools`).
"""

from __future__ import annotations

import pkgutil
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from summarize._nltk import load_nltk

__all__ = [
    "STOP_WORDS",
    "WORD_PATTERN",
    "LanguageTools",
    "content_terms",
    "hard_blocks",
    "language_tools",
    "sentence_spans",
    "stem",
    "words",
]


def _mark_ranges() -> str:
    """A character class body of every combining mark (Mn, Mc, Me) in the Basic Plane."""
    ranges: list[str] = []
    start = previous = -2
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if code != previous + 1:
                if start >= 0:
                    ranges.append(f"\\u{start:04x}-\\u{previous:04x}")
                start = code
            previous = code
    ranges.append(f"\\u{start:04x}-\\u{previous:04x}")
    return "".join(ranges)


_MARKS = _mark_ranges()
MARK_CLASS = _MARKS
"""The body of a regular-expression character class of every combining mark (BMP)."""
# Scripts written without spaces between words: every character is a word of its own.
UNSPACED = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
_LETTER = rf"[^\W\d_{UNSPACED}]"
_MARK = rf"[{_MARKS}\u200c\u200d]"  # combining marks, and the zero-width (non-)joiners
_PART = rf"{_LETTER}(?:{_LETTER}+|{_MARK}+)*"
WORD_PATTERN = re.compile(rf"[{UNSPACED}]|{_PART}(?:['’\-]{_PART})*")
"""A word: one CJK character, or letters with their combining marks, inner ' ’ - allowed."""

# --- Sentence ends -----------------------------------------------------------------------

# Lower-case, without the final period. Internal periods stay ("u.s", "z.b").
# After one of these a period ends the sentence only before a common sentence starter.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sr jr st mt ft rev fr hon pres gov sen rep reps sens amb supt insp
    gen lt col maj capt cpl sgt adm cmdr brig pvt cdr lieut det const
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    a.m p.m u.s u.k u.n e.u u.s.a d.c l.a n.y n.j ph.d m.d b.a m.a b.sc ll.b e.g i.e cf viz
    vs v inc corp co ltd llc plc bros dept univ assn est approx fig figs vol vols
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    z.b d.h u.a u.ä o.ä bzw ca vgl ggf inkl evtl zzgl usw hr frl abs jh jhd mio mrd str
    dt dtsch eur gegr geb gest max min s.o s.u u.u v.a
    mme mlle mm mgr me av apr.-j.-c j.-c cie ste st-é éd p.ex
    sra srta dña dn ud uds dra lic ing ee uu aprox pág págs tel avda
    т.е т.к т.н т.п т.д г гг им ул д пр просп проф акад тыс млн млрд руб коп см ср стр
    т е к н п
    """.split()
)
# Abbreviations that usually end a sentence when one ends there: break before any capital.
_ENDING = frozenset("etc usw т.д т.п др и.т.д г гг".split())
# Only an abbreviation before a number ("No. 5", "Nr. 3", "S. 12"), else an ordinary word.
_BEFORE_NUMBER = frozenset("no nos nr nrn núm art pp p s op".split())
# Titles never end a sentence, so a split right after one is always wrong.
_TITLES = frozenset(
    """mr mrs ms mx dr prof rev hon gen lt col maj capt cpl sgt adm cmdr brig pvt det supt
    insp gov sen rep hr frl mme mlle mgr sra srta dña dra lic ing проф акад डॉ""".split()
)
# Capitalised words that start a new sentence after an abbreviation ("… the U.S. The move").
_SENTENCE_STARTERS = frozenset(
    """
    the he she it they we i you but and in a an this that these those there his her its their
    our my on at after as when while however meanwhile yet so if for one two three some many
    der die das er sie es wir ich aber und in im am ein eine dies diese auch doch dann
    le la les il elle ils elles nous on mais et en un une ce cette ces
    el los las ella ellos nosotros pero y en un una este esta estos sin con
    он она оно они мы я но и в на это эти однако
    """.split()
)
_MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    januar jänner februar märz mai juni juli oktober dezember
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    """.split()
)

_CLOSERS = "\"'”’»)\\]」』）》】〉›"
_OPENERS = "\"'“‘«„‚(\\[¿¡「『（《【〈‹—–-"
# A sentence end: the terminal marks, then closing quotes or brackets (a French guillemet may
# follow a space). Every part is greedy with nothing after it that can fail, so no input makes
# the scan backtrack; whether white space follows a Latin mark is checked in Python.
_END = re.compile(
    rf"""
    (?=[.!?…。！？｡।॥؟۔])  # a cheap first test, so the scan skips most characters fast
    (?:(?P<unspaced>[。！？｡।॥؟۔]+)(?P<uclose>[{_CLOSERS}]*)
  | (?P<mark>[.!?…]+)(?P<close>(?:[ \u00a0\u202f]?»)?[{_CLOSERS}]*))
    """,
    re.VERBOSE,
)
_NEXT_TOKEN = re.compile(rf"\s*[{_OPENERS}]*\s*(\S)(\S*)")
_DOTTED_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_HIRAGANA = re.compile(r"\s*[\u3040-\u309f]")


def _break_after(block: str, match: re.Match[str]) -> bool:
    """Whether the sentence end ``match`` in ``block`` really ends a sentence."""
    if match.group("unspaced"):
        # 「…。」と言った: a Japanese quotation goes on with its particle.
        return not (match.group("uclose") and _HIRAGANA.match(block, match.end()))
    following = _NEXT_TOKEN.match(block, match.end())
    if following is None:
        return True
    first, rest = following.group(1), following.group(2)
    mark = match.group("mark")
    if mark != "." or match.group("close"):
        # ? ! … and quotes closed after a period: a sentence ends unless the text goes on in
        # lower case ("Why now?" she asked. / Wait... what happened?)
        return not first.islower()
    end = match.start()
    begin = end
    while begin > 0 and not block[begin - 1].isspace():
        begin -= 1
    if begin == end:
        return True  # a period after white space, as in tokenized text ("Sunday . the")
    word = block[begin:end].lstrip(_OPENERS).lower()
    if first.islower():
        # Lower case after an abbreviation goes on ("the U.S. economy", "am 3. oder 4. Mai");
        # after an ordinary word it is lower-cased text, and the sentence ends.
        return not (
            word in _ABBREVIATIONS
            or word in _BEFORE_NUMBER
            or word in _ENDING
            or _is_initial(word)
            or _DOTTED_ACRONYM.match(word)
            or (word.isdigit() and len(word) <= 2)
        )
    next_word = (first + rest).rstrip(".,;:!?»”\"'").lower()
    if word in _TITLES:
        return False
    if word in _BEFORE_NUMBER:
        return not first.isdigit()
    if word.isdigit() and len(word) <= 2:
        return next_word not in _MONTHS  # "15. März": a day and its month are one date
    if first.isdigit():
        return word not in _ABBREVIATIONS and not _is_initial(word)
    if word in _ENDING or (word in ("д", "п") and block[max(0, begin - 3) : begin] == "т. "):
        return True  # etc., usw., и т. д. before a capital
    if _is_initial(word) and len(first + rest) == 2 and rest == ".":
        return False  # "J. R. Tolkien", "В. В. Путин"
    if word in _ABBREVIATIONS or _is_initial(word) or _DOTTED_ACRONYM.match(word):
        return next_word in _SENTENCE_STARTERS
    return True


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of ``text[start:end]``.

    Offsets index ``text`` itself, so ``text[s:e]`` is the sentence exactly; spans never
    include leading or trailing white space and never cross a hard line break.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for block_start, block_end in hard_blocks(text[start:end]):
        offset = start + block_start
        block = text[offset : start + block_end]
        spans.extend((offset + s, offset + e) for s, e in block_sentences(block))
    return spans


def block_sentences(block: str) -> list[tuple[int, int]]:
    """The sentence spans of one block of text (no hard line breaks inside), trimmed."""
    spans: list[tuple[int, int]] = []
    begin = 0
    length = len(block)
    for match in _END.finditer(block):
        end = match.end()
        if match.group("mark") and end < length and not block[end].isspace():
            continue  # "2.5", "U.S.-led", "example.com": not an end
        if _break_after(block, match):
            _add_trimmed(spans, block, begin, match.end())
            begin = match.end()
    _add_trimmed(spans, block, begin, len(block))
    return spans


def _add_trimmed(spans: list[tuple[int, int]], block: str, start: int, end: int) -> None:
    piece = block[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(stripped)))


# --- Blocks ------------------------------------------------------------------------------

_LINE = re.compile(r"[^\n]+")
_TERMINAL = re.compile(r"[.!?…。！？｡।॥؟۔][\"'”’»)\]」』）》】]*\s*$")
_MANY_WRAPPED_LINES = 4
"""With this many full-width lines, wrapped prose may go on after a line at a capital."""


def hard_blocks(text: str) -> list[tuple[int, int]]:
    """Split ``text`` at hard line breaks into ``(start, end)`` blocks, whitespace trimmed.

    Every line is a block of its own (headlines, bylines, captions and the one-paragraph-a-line
    text a browser copies), except in hard-wrapped prose: when most long lines of the text
    end near one width (at most 100 characters), a line that reaches near that width and does
    not end a sentence goes on into the next line. A line without end punctuation is never
    glued to the next one otherwise.
    """
    lines: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            lines.append((start, start + len(stripped)))
    lengths = [e - s for s, e in lines]
    width = _wrap_width(lengths)
    many = sum(1 for n in lengths if n >= 0.75 * width) >= _MANY_WRAPPED_LINES
    blocks: list[tuple[int, int]] = []
    for start, end in lines:
        if blocks and width and _soft_break(text, blocks[-1], start, width, many):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks


def _soft_break(
    text: str, block: tuple[int, int], next_start: int, width: int, wrapped_lines: bool
) -> bool:
    between = text[block[1] : next_start]
    if between.count("\n") != 1:
        return False  # a blank line always ends a block
    last_line_start = text.rfind("\n", block[0], block[1]) + 1
    last_line = text[max(last_line_start, block[0]) : block[1]]
    if _TERMINAL.search(last_line) or last_line.endswith(":") or len(last_line) < 0.6 * width:
        return False
    following = text[next_start : next_start + 1]
    if following.islower():
        return True
    # A capital after a full line: wrapped prose goes on when the text is clearly wrapped (many
    # full lines) and the line is not a headline (most of its words capitalised).
    if not wrapped_lines:
        return False
    line_words = last_line.split()
    capitalised = sum(1 for w in line_words if w[:1].isupper() or w[:1].isdigit())
    return capitalised * 3 < len(line_words)


def _wrap_width(lengths: list[int]) -> int:
    """The width the text is hard-wrapped at, or 0 when it is not hard-wrapped."""
    long_lines = [n for n in lengths if n >= 30]
    if len(long_lines) < 2 or max(long_lines) > 100:
        return 0
    width = max(long_lines)
    near = sum(1 for n in long_lines if n >= 0.75 * width)
    return width if near >= 0.6 * len(long_lines) else 0


# --- Words, stems, stop words ------------------------------------------------------------


def words(text: str) -> list[str]:
    """Return the words of ``text``: runs of letters (with their combining marks and inner
    apostrophes or hyphens), and every Chinese or Japanese character on its own."""
    return WORD_PATTERN.findall(text)


_STOP_WORD_FILES = {
    "ar": "arabic",
    "cs": "czech",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "he": "hebrew",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "pl": "polish",
    "pt": "portuguese",
    "sk": "slovak",
    "sv": "swedish",
    "th": "thai",
    "uk": "ukrainian",
    "zh": "chinese",
}
_SNOWBALL = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
}
# Russian has a Snowball stemmer but sumy ships no list; NLTK's would need a download.
_EXTRA_STOP_WORDS = {
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
    только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже
    или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
    тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем
    чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после
    над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо
    свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это
    также который которые которая которое года году""",
}


@dataclass(frozen=True)
class LanguageTools:
    """What the methods need to know about a language: its stop words and its stemmer."""

    language: str
    """ISO 639-1 code, e.g. ``en``, or ``und`` when undetermined."""
    stop_words: frozenset[str]
    stem: Callable[[str], str]
    stemmer: str | None
    """Name of the Snowball stemmer used, or ``None`` (words are then left as they are)."""


def _identity(word: str) -> str:
    return word


@lru_cache(maxsize=64)
def language_tools(language: str) -> LanguageTools:
    """Stop words and stemmer for ``language`` (ISO 639-1); none of either where we have none."""
    stop_words: frozenset[str] = frozenset()
    name = _STOP_WORD_FILES.get(language)
    if name:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt") or b""
        stop_words = frozenset(w.strip().lower() for w in data.decode("utf-8").splitlines())
    stop_words |= frozenset(_EXTRA_STOP_WORDS.get(language, "").split())
    stop_words -= {""}
    snowball = _SNOWBALL.get(language)
    if language == "en":
        return LanguageTools(language, stop_words, stem, "english")
    if snowball is None:
        return LanguageTools(language, stop_words, _identity, None)
    load_nltk()  # on first use, and without the scipy.stats nltk would import
    from nltk.stem.snowball import SnowballStemmer

    stemmer = SnowballStemmer(snowball)
    return LanguageTools(language, stop_words, lru_cache(maxsize=100_000)(stemmer.stem), snowball)


@lru_cache(maxsize=1)
def _english_stemmer() -> Callable[[str], str]:
    load_nltk()  # on first use, and without the scipy.stats nltk would import
    from nltk.stem.snowball import EnglishStemmer

    english: Callable[[str], str] = EnglishStemmer().stem
    return english


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Snowball (Porter2) stem of a lower-case English ``word``."""
    return _english_stemmer()(word)


STOP_WORDS: frozenset[str] = language_tools("en").stop_words
"""English stop words (the list ``sumy`` ships), lower case."""


def content_terms(text: str) -> list[str]:
    """Return the stemmed, lower-cased, non-stop words of ``text``, in order (English)."""
    return [stem(w) for w in (w.lower() for w in words(text)) if w not in STOP_WORDS]
