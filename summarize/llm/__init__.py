"""Talking to OpenAI-compatible servers: settings, prompts, client, cache, tokens, citations.

The ``llm`` summarizer (:mod:`summarize.summarizers.llm`) is built from these parts; each
module does one job and is usable alone (e.g. :func:`~summarize.llm.judge.judge_factuality`).
"""

from summarize.llm.cache import ResponseCache, cache_dir
from summarize.llm.client import Completion, LLMClient, Usage
from summarize.llm.judge import JudgeResult, judge_factuality
from summarize.llm.prompts import ChatMessage, PromptTemplate, load_prompt, load_prompt_file
from summarize.llm.settings import LLMSettings, config_path, resolve_settings
from summarize.llm.tokens import estimate_tokens

__all__ = [
    "ChatMessage",
    "Completion",
    "JudgeResult",
    "LLMClient",
    "LLMSettings",
    "PromptTemplate",
    "ResponseCache",
    "Usage",
    "cache_dir",
    "config_path",
    "estimate_tokens",
    "judge_factuality",
    "load_prompt",
    "load_prompt_file",
    "resolve_settings",
]
