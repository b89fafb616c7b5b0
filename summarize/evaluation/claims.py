"""Checkable claims in text: names, numbers, dates and quotations, with their offsets.

Everything here is rule-based and offline. The extractors work on raw text as well as on
PTB-tokenized (``team 's``, ``` `` ``, ``-lrb-``) and lower-cased text, which is how many
summarization datasets ship their summaries. Every claim keeps the ``(start, end)`` offsets
of the text it came from, so ``text[claim.start:claim.end] == claim.text``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from summarize.text import STOP_WORDS, WORD_PATTERN, sentence_spans

__all__ = [
    "TITLES",
    "WORD_OR_NUMBER",
    "DateClaim",
    "NameMention",
    "NumberClaim",
    "Quotation",
    "Token",
    "dates",
    "is_cased",
    "name_mentions",
    "normalize_word",
    "numbers",
    "numbers_agree",
    "quotations",
    "tokens",
]

WORD_OR_NUMBER = re.compile(rf"\d+(?:[.,:]\d+)*|{WORD_PATTERN.pattern}")
"""A number (with inner separators, "1,500.5") or a word as :data:`summarize.text.WORD_PATTERN`."""
_TOKEN = re.compile(rf"{WORD_OR_NUMBER.pattern}|\S")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark and its offsets."""

    text: str
    start: int
    end: int

    @property
    def norm(self) -> str:
        """The lower-cased word without a possessive ending (``Putin's`` -> ``putin``)."""
        return normalize_word(self.text)


@lru_cache(maxsize=100_000)
def normalize_word(word: str) -> str:
    """Lower-case ``word`` and strip a possessive ending; curly apostrophes become straight."""
    lowered = word.lower().replace("’", "'")
    if lowered.endswith("'s") and len(lowered) > 2:
        return lowered[:-2]
    return lowered


def tokens(text: str) -> list[Token]:
    """Split ``text`` into words (with inner apostrophes and hyphens), numbers and marks."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def is_cased(text: str) -> bool:
    """Whether ``text`` keeps its capital letters (lower-cased datasets hide names)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return any(c.isupper() for c in letters)
    capitals = sum(c.isupper() for c in letters)
    starts = max(1, len(sentence_spans(text)))
    return capitals > starts


# --- names -----------------------------------------------------------------------------------

TITLES = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady rev sen gov rep gen col capt lt sgt president
    prime minister chancellor king queen prince princess duke duchess pope judge justice
    secretary chairman chief officer coach manager boss captain striker midfielder defender
    goalkeeper star actor actress singer mayor governor senator inspector detective sergeant
    constable superintendent general colonel major admiral professor doctor saint st""".split()
)
"""Titles and roles that precede names (``Prime Minister``, ``Dr``); not names themselves."""
_CONNECTORS = frozenset(
    {"of", "de", "da", "del", "van", "von", "der", "la", "le", "al", "bin", "&"}
)
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A run of capitalised words that names someone or something (``Vladimir Putin``)."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]
    """The normalized words that must be found in the source (titles and connectors left out)."""


def name_mentions(
    text: str,
    common_words: Collection[str] = frozenset(),
    sentence_starts: Collection[int] | None = None,
) -> list[NameMention]:
    """Return the proper-name mentions in ``text`` (capitalisation heuristics).

    A sentence-initial capital counts only if the word is not a stop word and not in
    ``common_words`` (words the caller knows to occur in lower case, such as those of the
    source). Titles (``Mr``, ``President``), month and day names and all-caps shouting are
    not names here; possessives are stripped (``Putin's`` -> ``putin``). ``sentence_starts``
    (offsets where sentences begin) saves splitting ``text`` again when the caller has them.
    """
    mentions: list[NameMention] = []
    if sentence_starts is None:
        sentence_starts = [start for start, _ in sentence_spans(text)]
    initial = _first_letters(text, sentence_starts)
    toks = tokens(text)
    run: list[Token] = []

    def close() -> None:
        while run and run[-1].norm in _CONNECTORS:
            run.pop()
        if run:
            kept = tuple(
                t.norm
                for t in run
                if t.norm not in TITLES and t.norm not in _CONNECTORS and t.norm not in STOP_WORDS
            )
            if kept:
                start, end = run[0].start, run[-1].end
                mentions.append(NameMention(text[start:end], start, end, kept))
        run.clear()

    for index, tok in enumerate(toks):
        word = tok.text
        capital = word[:1].isupper() and word[:1].isalpha()
        if capital and word.isupper() and len(word) > 5:
            capital = False  # shouting, not an acronym
        if capital and tok.norm in _CALENDAR_WORDS:
            capital = False
        if capital and (tok.start in initial or _after_opening_mark(toks, index)):
            if not run and (tok.norm in STOP_WORDS or tok.norm in common_words):
                capital = False
        if capital:
            run.append(tok)
        elif run and tok.norm in _CONNECTORS and word.islower():
            run.append(tok)
        else:
            close()
    close()
    return mentions


_LETTER = re.compile(r"[^\W\d_]")


def _first_letters(text: str, sentence_starts: Collection[int]) -> set[int]:
    starts: set[int] = set()
    for start in sentence_starts:
        first = _LETTER.search(text, start, start + 40)
        if first:
            starts.add(first.start())
    return starts


def _after_opening_mark(toks: list[Token], index: int) -> bool:
    return index > 0 and toks[index - 1].text in {'"', "“", "‘", "'", "`", "(", ":", "-", "—"}


# --- numbers ---------------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_UNIT_ONES = {"one": 1, **{k: v for k, v in _UNITS.items() if v < 10}}
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
_FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25}
_FRACTIONS.update({"quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1})
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted({*_UNITS, *_ORDINALS}, key=len, reverse=True))
_SCALE_WORD = "|".join(sorted(_SCALES, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\s?\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUMBER = re.compile(
    rf"""(?<![\w.,:])(?:[$£€]\s?)?
    (?:
        (?P<digits>{_DIGITS})(?P<ordinal>st|nd|rd|th)?
      | (?P<fraction>(?:one|two|three|four|a)[\s-](?:half|halves|thirds?|quarters?|fifths?|tenths?))
      | (?P<words>(?:{_NUMBER_WORD})(?:[\s-](?:{_NUMBER_WORD}))*)(?![\w])
    )
    (?:\s?(?P<scale>{_SCALE_WORD})(?![\w]))?
    (?:\s?(?P<percent>%|per\s?cent\b|percent\b))?
    (?![\w]*\d)""",
    re.IGNORECASE | re.VERBOSE,
)
_YEAR = re.compile(r"^(?:1[6-9]|20)\d\d$")
_OF = re.compile(r"\s+of\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NumberClaim:
    """A quantity: its value after scale (``$30bn`` -> 3e10) and whether it is a percentage."""

    text: str
    start: int
    end: int
    value: float
    percent: bool


def numbers(text: str) -> list[NumberClaim]:
    """Return the quantities stated in ``text`` ("five", "1.5 million", "$30bn", "20%").

    Years, clock times and the ambiguous "one"/"first" are left out: years are dates, and
    "one of the" is rarely a claim about a number.
    """
    claims: list[NumberClaim] = []
    for match in _NUMBER.finditer(text):
        value = _number_value(match)
        if value is None:
            continue
        scale = match.group("scale")
        if scale:
            if scale.lower() in {"m", "b", "k"} and not _looks_money_or_number(match):
                value_scale = 1.0
                end = match.start("scale")
                end = end - (len(text[:end]) - len(text[:end].rstrip()))
            else:
                value_scale = _SCALES[scale.lower()]
                end = match.end()
            value *= value_scale
        else:
            end = match.end()
        start = match.start()
        fraction = match.group("fraction")
        if fraction and fraction[:2].lower() == "a " and not _OF.match(text, match.end()):
            part = fraction[2:].strip().lower()
            if part in _ORDINALS and not scale and not match.group("percent"):
                # "a fifth term" is an ordinal, "a fifth of the vote" a fraction
                value, start = float(_ORDINALS[part]), match.start("fraction") + 2
        digits = match.group("digits")
        if digits and _YEAR.match(digits) and not scale and not match.group("percent"):
            continue
        if digits and text[end : end + 1] == ":":
            continue
        if (
            digits
            and not scale
            and not match.group("percent")
            and _is_day_of_month(text, start, end)
        ):
            continue  # a date, checked by dates()
        claims.append(NumberClaim(text[start:end], start, end, value, bool(match.group("percent"))))
    return claims


def _looks_money_or_number(match: re.Match[str]) -> bool:
    return match.group().lstrip()[:1] in "$£€" or match.group("digits") is not None


def _number_value(match: re.Match[str]) -> float | None:
    if match.group("digits"):
        try:
            return float(re.sub(r"[,\s]", "", match.group("digits")))
        except ValueError:
            return None
    if match.group("fraction"):
        count, _, part = re.split(r"([\s-])", match.group("fraction").lower(), maxsplit=1)
        return _UNIT_ONES.get(count, 1) * _FRACTIONS[part]
    total = 0.0
    current = 0.0
    for word in re.split(r"[\s-]+", match.group("words").lower()):
        if word in _ORDINALS:
            current += _ORDINALS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _UNITS:
            current += _UNITS[word]
    total += current
    return total or (0.0 if "zero" in match.group("words").lower() else None)


def numbers_agree(claimed: float, stated: float) -> bool:
    """Whether a summary's ``claimed`` value can be a faithful rendering of ``stated``.

    Equal values agree; so does ``stated`` rounded to the precision of ``claimed`` when
    ``claimed`` is large or fractional (1.46 million -> 1.5 million, but 29 is not 28), and
    a percentage against the same fraction (two-thirds -> 66.7%).
    """
    for candidate in (stated, stated * 100, stated / 100):
        if _close(claimed, candidate):
            return True
    return False


def _close(claimed: float, stated: float) -> bool:
    if abs(claimed - stated) <= 1e-9 * max(1.0, abs(stated)):
        return True
    if claimed == 0 or stated == 0 or (abs(claimed) < 100 and claimed == int(claimed)):
        return False
    digits = _significant_digits(claimed)
    return _round_significant(stated, digits) == _round_significant(claimed, digits)


def _significant_digits(value: float) -> int:
    mantissa = f"{abs(value):.6g}".replace(".", "").lstrip("0")
    if "e" in mantissa:
        mantissa = mantissa.split("e")[0]
    return max(1, len(mantissa.rstrip("0")) if "." not in f"{abs(value):.6g}" else len(mantissa))


def _round_significant(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    import math

    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


# --- dates -----------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {m[:3]: m for m in _MONTHS} | {"sept": "september"}
_DATE = re.compile(
    r"(?<![\w])(?:(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?"
    r"|(?P<month>january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
    r"|(?P<year>(?:1[6-9]|20)\d\d)s?)(?![\w])",
    re.IGNORECASE,
)
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|last|next|early|late|mid|this|from|to|between|and)\s+$"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateClaim:
    """A day of the week, a month, a day of a month or a year; ``value`` is its lower-case
    full name, ``"march 20"`` for a day, or digits."""

    text: str
    start: int
    end: int
    kind: str
    """``weekday``, ``month``, ``day`` or ``year``."""
    value: str


def dates(text: str) -> list[DateClaim]:
    """Return the days, months and years named in ``text`` ("Wednesday", "March 20, 2024").

    A day number next to a month ("March 20", "20th of March") is a ``day`` claim as well.

    Ambiguous month words count only as dates in a date context: "may" needs a capital
    letter in cased text and a neighbouring day number, year or preposition; "mar", "jan"
    and the like need a day number or year next to them.
    """
    claims: list[DateClaim] = []
    for match in _DATE.finditer(text):
        word = match.group()
        if match.group("weekday"):
            value = match.group("weekday").lower()
            claims.append(DateClaim(word, match.start(), match.end(), "weekday", value))
        elif match.group("month"):
            name = match.group("month").lower()
            value = _MONTH_ABBREVIATIONS.get(name, name)
            if _month_in_context(text, match, name):
                claims.append(DateClaim(word, match.start(), match.end(), "month", value))
                day = _day_of_month(text, match)
                if day is not None:
                    start, end, number = day
                    claims.append(
                        DateClaim(text[start:end], start, end, "day", f"{value} {number}")
                    )
        else:
            year = match.group("year")
            claims.append(DateClaim(word, match.start(), match.end(), "year", year))
    return claims


_DAY_AFTER = re.compile(
    r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d%.]|\s*(?:%|per\b|[mb]n?\b|million))"
)
_DAY_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")


def _day_of_month(text: str, match: re.Match[str]) -> tuple[int, int, int] | None:
    """The day number written next to a month ("March 20", "20th of March"), if any:
    ``(start, end, day)`` of the whole date."""
    after = _DAY_AFTER.match(text, match.end())
    if after and 1 <= int(after.group(1)) <= 31:
        return match.start(), after.end(1), int(after.group(1))
    window = max(0, match.start() - 12)
    before = _DAY_BEFORE.search(text[window : match.start()])
    if before and 1 <= int(before.group(1)) <= 31:
        return window + before.start(1), match.end(), int(before.group(1))
    return None


def _is_day_of_month(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is the day of a written-out month."""
    for match in _DATE.finditer(text, max(0, start - 16), min(len(text), end + 16)):
        if match.group("month") and _month_in_context(text, match, match.group("month").lower()):
            day = _day_of_month(text, match)
            if day is not None and day[0] <= start and end <= day[1]:
                return True
    return False


def _month_in_context(text: str, match: re.Match[str], name: str) -> bool:
    after = text[match.end() : match.end() + 8]
    before = text[max(0, match.start() - 20) : match.start()]
    dated = bool(re.match(r"\s*\d{1,4}\b", after)) or bool(
        re.search(r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$", before)
    )
    if name == "may":
        if match.group()[0] == "M" and text[match.start() - 2 : match.start()].strip() != "":
            return True  # capitalised mid-sentence
        return dated or bool(_MONTH_CONTEXT.search(before) and re.match(r"\s*[,.;]|\s*$", after))
    if name in _MONTH_ABBREVIATIONS and name not in _MONTHS:
        return dated
    if name == "march":
        return match.group()[0] == "M" or dated or bool(_MONTH_CONTEXT.search(before))
    return True


# --- quotations ------------------------------------------------------------------------------

_QUOTATION = re.compile(
    r"“(?P<curly>[^”\n]{2,400}?)”"
    r"|``\s*(?P<ptb>[^\n]{2,400}?)\s*''"
    r"|(?<![\w])\"(?P<straight>[^\"\n]{2,400}?)\"(?![\w])"
    r"|(?<![\w'’])(?:‘|`(?!`)|'(?=[^\s'’]))(?!(?:s|re|m|ll|ve|d|t)\b)"
    r"(?P<single>[^\n'‘’`]{2,400}?)[’'](?!\w)",
)


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text inside quotation marks (any style: “ ”, " ", ‘ ’, `` '' and PTB ` ')."""

    text: str
    """The quoted words, without the marks."""
    start: int
    end: int
    """Offsets of the quoted words (inside the marks)."""


def quotations(text: str) -> list[Quotation]:
    """Return the quoted passages of ``text`` that contain at least one word."""
    found: list[Quotation] = []
    for match in _QUOTATION.finditer(text):
        group = next(g for g in ("curly", "ptb", "straight", "single") if match.group(g))
        start, end = match.span(group)
        inner = text[start:end]
        start += len(inner) - len(inner.lstrip())
        end -= len(inner) - len(inner.rstrip())
        if end > start and re.search(r"[^\W\d_]{2}", text[start:end]):
            found.append(Quotation(text[start:end], start, end))
    return found
