"""Talking to OpenAI-compatible servers, one job per module.

``settings`` (flags > env > config file), ``prompts`` (strict templates from ``summarize/prompts/``),
``client`` (retries, backoff, timeouts, concurrency limit), ``cache`` (answers on disk),
``tokens`` (offline estimates), ``citations`` (``[3, 5]`` in and out), ``guard`` (factuality of
generated sentences) and ``judge`` (an LLM as factuality judge). The ``llm`` summarizer in
:mod:`summarize.summarizers.llm` puts them together.

Nothing is re-exported here on purpose: importing this package must not import ``openai``
(about a second), so the CLI and ``import summarize`` stay fast for the offline methods.
"""
