"""One text style for the factuality checks: the same words give the same verdict however a
dataset spelled them.

Summarization data comes raw ("Russia's", “quotes”, "(CNN)"), PTB-tokenized and lower-cased
("russia 's", ``` `` quotes '' ```, "-lrb- cnn -rrb-"), or anywhere between. :func:`canonical`
maps every such style to one form (PTB tokens undone, quotes and dashes unified, Unicode
compatibility forms folded, case folded) and :func:`sentence_spans` splits sentences without
looking at case, so a check that reads only canonical text cannot tell the styles apart.
:func:`to_ptb` does the opposite transformation, for testing that claim.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["canonical", "detokenize", "sentence_spans", "to_ptb"]

_PTB_BRACKETS = {
    "-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}",
}  # fmt: skip
_BRACKET_CODE = re.compile(r"-(?:lrb|rrb|lsb|rsb|lcb|rcb)-", re.IGNORECASE)
_CLITIC = re.compile(r"(\w)\s+(n't|'s|'re|'ll|'ve|'m|'d|')(?=\s|$|[^\w])", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}])")
_SPACE_AFTER = re.compile(r"([(\[{$£€])\s+")
_SPLIT_THOUSANDS = re.compile(r"(\d),\s(\d{3})(?!\d)")
_QUOTE_PAIR = re.compile(r"``\s*(.*?)\s*''")
_SINGLE_PAIR = re.compile(r"(?<!\w)`\s*([^`'\n]*?)\s*'(?!\w)")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*(?:--+|(?<=\s)-(?=\s))\s*")
_TRANSLATE = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
        "–": "-", "—": " - ", "‒": "-", "―": " - ", "\u00ad": "",
    }
)  # fmt: skip


def detokenize(text: str) -> str:
    """Undo PTB tokenization: ``russia 's`` -> ``russia's``, ``` `` hi '' ``` -> ``"hi"``,
    ``-lrb- cnn -rrb-`` -> ``(cnn)``, ``£50, 000`` -> ``£50,000``. Raw text passes unchanged
    except for runs of white space, which become one space."""
    text = _BRACKET_CODE.sub(lambda m: _PTB_BRACKETS[m.group().lower()], text)
    text = text.replace("\\'", "'")
    text = _QUOTE_PAIR.sub(r'"\1"', text)
    text = _SINGLE_PAIR.sub(r"'\1'", text)
    text = _CLITIC.sub(r"\1\2", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = _SPLIT_THOUSANDS.sub(r"\1,\2", text)
    return _SPACES.sub(" ", text).strip()


def canonical(text: str) -> str:
    """The one form the checks read: NFKC, quotes and dashes unified, PTB undone, case folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _SINGLE_PAIR.sub(r"'\1'", _QUOTE_PAIR.sub(r'"\1"', text))
    text = _DASHES.sub(" - ", text.translate(_TRANSLATE))
    return detokenize(text).casefold()


_PTB_SPLIT = re.compile(r"(n't|'s|'re|'ll|'ve|'m|'d)\b", re.IGNORECASE)
_PTB_PUNCT = re.compile(r"([,;:!?%()\[\]{}$£€])")
_PTB_PERIOD = re.compile(r"(\S+)\.(?=[\"'”’)\]]*(?:\s|$))")


def to_ptb(text: str) -> str:
    """Lower-case, PTB-tokenized text as many datasets ship it: ``"Russia's" -> `` russia 's ''``.

    For testing that checks do not depend on the style; not an exact PTB tokenizer.
    """
    opened = False

    def quote(_: re.Match[str]) -> str:
        nonlocal opened
        opened = not opened
        return " `` " if opened else " '' "

    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).replace(" - ", " -- ")
    text = re.sub(r'"', quote, text)
    text = _PTB_SPLIT.sub(r" \1", text)
    text = _PTB_PUNCT.sub(r" \1 ", text)
    text = _PTB_PERIOD.sub(_split_period, text)
    text = text.replace("(", "-lrb-").replace(")", "-rrb-")
    return _SPACES.sub(" ", text).strip().lower()


def _split_period(match: re.Match[str]) -> str:
    word = match.group(1)
    if word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return match.group()
    return f"{word} ."


_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st mt ft rev fr hon pres gov sen rep amb supt insp gen lt col
    maj capt cpl sgt adm cmdr brig pvt det const jan feb mar apr jun jul aug sep sept oct nov
    dec a.m p.m u.s u.k u.n e.u u.s.a d.c e.g i.e vs v inc corp co ltd no nos vol etc approx
    fig st""".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text``, found the same way in every style.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with closing quotes or brackets) before
    white space, or at a line break; not after an abbreviation ("Mr.", "U.S.") or an initial.
    Case is never looked at, so lower-cased and PTB-tokenized text split where raw text does.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group()[0] == ".":
            before = text[start : match.start()].rsplit(None, 1)
            last = before[-1].casefold().lstrip("\"'“‘(") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        _append(text, start, end, spans)
        start = end
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped and any(c.isalnum() for c in stripped):
        left = start + len(piece) - len(piece.lstrip())
        spans.append((left, left + len(stripped)))
