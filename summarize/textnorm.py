"""Text normalisation shared by the evaluation measures: undoing Penn Treebank tokenization.

Datasets such as CNN/DM (SummEval) and XSum ship PTB-tokenized text (``team 's``, ``-lrb-``,
`` `` quotes ``, ``said .``); raw-text summaries do not. Pure functions of ``str`` only (no
I/O, no models), cheap to import, so every measure can normalise both sides the same way.

* :func:`undo_ptb_tokens` re-attaches clitics and turns bracket codes back into brackets;
  it keeps every other character where it was (what the factuality checks read).
* :func:`normalize_ptb` also turns PTB quotes back into ``"`` and drops the spaces PTB puts
  before closing and after opening punctuation (what ROUGE on mixed styles wants).
"""

from __future__ import annotations

import re

__all__ = ["PTB_BRACKETS", "normalize_ptb", "undo_ptb_tokens"]

PTB_BRACKETS = {
    "-lrb-": "(",
    "-rrb-": ")",
    "-lsb-": "[",
    "-rsb-": "]",
    "-lcb-": "{",
    "-rcb-": "}",
}
"""PTB's codes for brackets (matched in any case) and the brackets they stand for."""

_BRACKET = re.compile("|".join(PTB_BRACKETS), re.IGNORECASE)
_CLITIC_ANY_SPACE = re.compile(r"\s+(['’](?:s|re|ll|ve|m|d)|n['’]t)\b", re.IGNORECASE)
_CLITIC_ONE_SPACE = re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}])")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _brackets(text: str) -> str:
    return _BRACKET.sub(lambda match: PTB_BRACKETS[match.group(0).lower()], text)


def undo_ptb_tokens(text: str) -> str:
    """Re-attach split clitics (``team 's`` → ``team's``, ``did n't`` → ``didn't``), unescape
    ``\\'`` and turn bracket codes (``-lrb-``) back into brackets; other spacing stays.

    >>> undo_ptb_tokens("the team 's coach -lrb- 52 -rrb- did n't say")
    "the team's coach ( 52 ) didn't say"
    """
    return _brackets(_CLITIC_ANY_SPACE.sub(r"\1", text.replace("\\'", "'")))


def normalize_ptb(text: str) -> str:
    """Undo Penn Treebank tokenization so raw and tokenized text score alike.

    >>> normalize_ptb("the team 's coach -lrb- 52 -rrb- said `` no '' .")
    'the team\\'s coach (52) said " no ".'
    """
    text = _brackets(text)
    text = text.replace("``", '"').replace("''", '"')
    text = _CLITIC_ONE_SPACE.sub(r"\1", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)
