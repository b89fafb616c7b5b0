"""Token counts estimated offline, with no tokenizer download.

``tiktoken`` fetches its encodings from the network on first use, so we estimate instead.
BPE tokenizers of current chat models spend about one token per four characters of English
and one per word-or-punctuation piece at least; :func:`estimate_tokens` takes the larger of
``ceil(characters / 4)`` and the number of word and punctuation pieces. It is a rule of thumb,
not a count: it leans high for English prose (words and punctuation are rarely split finer),
and high is the safe side here, since it only makes map-reduce split a little early. Servers
report the real counts, and those are what the briefing's metadata records.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

__all__ = ["MESSAGE_OVERHEAD", "estimate_messages_tokens", "estimate_tokens"]

_PIECES = re.compile(r"\w+|[^\w\s]", re.UNICODE)
MESSAGE_OVERHEAD = 4
"""Tokens a chat API adds per message (role and separators)."""


def estimate_tokens(text: str) -> int:
    """Estimate how many tokens ``text`` costs: ``max(ceil(chars / 4), word and symbol pieces)``."""
    if not text:
        return 0
    return max(math.ceil(len(text) / 4), len(_PIECES.findall(text)))


def estimate_messages_tokens(contents: Iterable[str]) -> int:
    """Estimate the prompt tokens of chat messages with these contents."""
    return sum(estimate_tokens(content) + MESSAGE_OVERHEAD for content in contents)
