"""Which language a document is written in: an offline guess (``py3langid``, model shipped).

The guess picks the stop words and stemmer the methods use (:func:`summarize.text.language_tools`)
and is reported in the JSON output. Very short texts, where a guess is noise, fall back to
the script they are written in (Han → ``zh``, kana → ``ja``, Devanagari → ``hi`` …) and to
``en`` for Latin letters; text with no letters at all is ``und`` (undetermined).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["CANDIDATES", "SAMPLE_CHARACTERS", "detect_language"]

SAMPLE_CHARACTERS = 2000
"""How much of the text the guess reads: enough for a stable guess, cheap on long articles."""
_MIN_LETTERS = 40
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
CANDIDATES = (
    "ar bg bn ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv mr ms nl no pl "
    "pt ro ru sk sl sr sv sw ta te th tl tr uk ur vi zh"
).split()
"""The languages the guess chooses among."""
_SCRIPT_LANGUAGE = {
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "ARABIC": "ar",
    "HEBREW": "he",
    "CYRILLIC": "ru",
    "GREEK": "el",
    "THAI": "th",
}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Imported here: loading the model takes about half a second, paid on first use only.
    logging.getLogger("py3langid").setLevel(logging.WARNING)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    # The model knows ~100 labels, some rare enough to steal short English texts ('pcm',
    # 'la'); news languages only.
    identifier.set_languages([code for code in CANDIDATES if code in identifier.labels])
    return identifier


def _script_guess(sample: str) -> tuple[str, int]:
    """The language of the commonest script among the letters of ``sample``, and the letter count."""
    letters = (
        sum(1 for c in sample if c.isalpha())
        if not sample.isascii()
        else len(_ASCII_LETTERS.findall(sample))
    )
    if not letters:
        return "und", 0
    counts: dict[str, int] = {}
    for char in _NON_ASCII_LETTER.findall(sample):
        name = unicodedata.name(char, "")
        script = next((s for s in _SCRIPT_LANGUAGE if name.startswith(s)), "LATIN")
        counts[script] = counts.get(script, 0) + 1
    counts["LATIN"] = counts.get("LATIN", 0) + letters - sum(counts.values())
    kana = counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0)
    if kana and kana * 10 >= letters:
        return "ja", letters  # Japanese mixes kanji and kana; any real share of kana decides
    top = max(counts, key=lambda s: counts[s])
    return _SCRIPT_LANGUAGE.get(top, "en"), letters


_ENGLISH_ONLY = frozenset(
    "the of and to that with for was were this from have has which their they been would".split()
)
"""Function words that no other candidate language uses as words."""
_WORD = re.compile(r"[a-z']+")


def _plainly_english(sample: str) -> bool:
    """Whether ``sample`` is obviously English: at least 8% of its words are English-only
    function words (269 dev news articles: 12% at the least, 20% typically; German, French
    and Spanish text: 0%)."""
    words = _WORD.findall(sample.lower())
    return len(words) >= 20 and sum(w in _ENGLISH_ONLY for w in words) >= 0.08 * len(words)


def detect_language(text: str) -> str:
    """Guess the ISO 639-1 language of ``text`` (``und`` when there is nothing to go on).

    Plainly English text is recognised without loading the model (about half a second)."""
    sample = text[:SAMPLE_CHARACTERS]
    by_script, letters = _script_guess(sample)
    if letters < _MIN_LETTERS or by_script in ("ja", "ko", "th", "he", "el"):
        return by_script
    if by_script == "en" and _plainly_english(sample):
        return "en"
    language, _ = _identifier().classify(sample)
    if by_script == "zh" and language not in ("zh", "ja"):
        return by_script
    return str(language)
