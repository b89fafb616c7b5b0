"""A resilient chat-completions client on the ``openai`` package, with accounting and a cache.

The ``openai`` client is built with ``max_retries=0``: retries are ours, so they are counted,
tested and documented. One request is tried at most ``1 + max_retries`` times:

* **retried** after a wait: HTTP 429 and 5xx (also 408/409), timeouts, connection errors, an
  answer that is not a chat completion (malformed JSON, no choices), an empty answer. The wait
  is the server's ``Retry-After`` (or ``retry-after-ms``) when it sends one, else exponential
  backoff with jitter: ``min(max_backoff, backoff × 2^retry) × uniform(0.5, 1)``. A
  ``Retry-After`` longer than ``max_backoff`` is not waited for: the error says so at once.
* **retried once**: an answer the caller's ``validate`` rejects (not in the asked format).
* **retried once with twice the room**: an answer cut off at ``max_tokens``
  (``finish_reason == "length"``); cut off again, it is an error, never half a briefing passed
  off as whole. Its tokens are counted either way.
* **never retried**, a one-line error at once: 401/403 (wrong key), 404 (unknown model or wrong
  base URL), 400 (refused request).

All failures are :class:`~summarize.errors.LLMError` subclasses. At most ``concurrency``
requests to one server are in flight at once in a process, across threads and clients (e.g.
a benchmark summarizing documents in parallel); :meth:`LLMClient.map` runs work in parallel
within that limit.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import openai

from summarize.errors import (
    LLMAuthError,
    LLMConnectionError,
    LLMError,
    LLMModelError,
    LLMResponseError,
)
from summarize.llm.cache import CachedAnswer, ResponseCache, cache_key
from summarize.llm.prompts import ChatMessage
from summarize.llm.settings import LLMSettings
from summarize.llm.usage import Usage

__all__ = ["Completion", "LLMClient", "Traffic", "UsageMeter", "traffic"]

T = TypeVar("T")
R = TypeVar("R")

FORMAT_RETRIES = 1
"""How often an answer in the wrong format is asked for again."""
_NO_KEY = "no-key"  # local servers ignore the key, but the openai client wants one


@dataclass
class UsageMeter:
    """What a client has spent so far (summed across threads); :meth:`snapshot` is the value."""

    calls: int = 0
    """Requests sent to the server (retries included, cache hits not)."""
    retries: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    """Time spent waiting for the server, including backoff."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **amounts: float) -> None:
        """Add to the counters, thread-safely."""
        with self._lock:
            for name, amount in amounts.items():
                setattr(self, name, getattr(self, name) + amount)

    def snapshot(self) -> Usage:
        """The counters now, as a frozen :class:`~summarize.llm.usage.Usage`."""
        with self._lock:
            return Usage(
                tokens_in=self.tokens_in,
                tokens_out=self.tokens_out,
                calls=self.calls,
                retries=self.retries,
                cache_hits=self.cache_hits,
                llm_seconds=self.seconds,
            )


@dataclass(frozen=True)
class Completion:
    """One complete, usable answer."""

    text: str
    tokens_in: int
    tokens_out: int
    cached: bool = False


class _Retry(Exception):
    """An attempt failed in a way worth another try."""

    def __init__(
        self,
        final: LLMError,
        wait: float | None = None,
        *,
        format_problem: bool = False,
        rate_limited: bool = False,
    ):
        super().__init__(str(final))
        self.final = final
        self.wait = wait
        self.format_problem = format_problem
        self.rate_limited = rate_limited


@dataclass(frozen=True)
class Traffic:
    """What every client of this process is doing and has spent (for progress displays)."""

    in_flight: int = 0
    """Requests sent and not yet answered."""
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0


class _TrafficMeter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = Traffic()

    def add(self, **amounts: int) -> None:
        with self._lock:
            value = self._value
            self._value = Traffic(
                **{name: getattr(value, name) + amounts.get(name, 0) for name in _TRAFFIC_FIELDS}
            )

    def now(self) -> Traffic:
        with self._lock:
            return self._value


_TRAFFIC_FIELDS = ("in_flight", "requests", "tokens_in", "tokens_out")
_METER = _TrafficMeter()


def traffic() -> Traffic:
    """Requests in flight now, and requests and tokens so far, across this process's clients."""
    return _METER.now()


class _CutOff(Exception):
    """The answer stopped at ``max_tokens``; what it cost."""

    def __init__(self, tokens_in: int, tokens_out: int) -> None:
        super().__init__("cut off")
        self.tokens_in = tokens_in
        self.tokens_out = tokens_out


class LLMClient:
    """Chat completions against the server in ``settings``, with retries, cache and accounting."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cache: ResponseCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.usage = UsageMeter()
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self._slots = _slots_for(settings.display_base_url, settings.concurrency)
        self._gate = _gate_for(settings.display_base_url)
        self._openai = _openai_for(settings)

    def __repr__(self) -> str:
        return f"LLMClient(model={self.settings.model!r}, base_url={self._url!r})"

    @property
    def _url(self) -> str:
        return self.settings.display_base_url

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        validate: Callable[[str], str | None] | None = None,
    ) -> Completion:
        """Send ``messages``; return a complete answer or raise an :class:`LLMError`.

        ``validate(text)`` returns ``None`` for an answer in the asked format, else what is
        wrong with it; a rejected answer is asked for again once, then reported.
        """
        payload = [m.to_dict() for m in messages]
        key = cache_key(
            base_url=self._url,
            model=self.settings.model,
            messages=payload,
            temperature=self.settings.temperature,
            max_tokens=self.settings.max_tokens,
        )
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None and (validate is None or validate(hit.text) is None):
                self.usage.add(cache_hits=1)
                return Completion(hit.text, hit.tokens_in, hit.tokens_out, cached=True)
        retries = format_retries = 0
        max_tokens = self.settings.max_tokens
        while True:
            if retries == 0:  # a retry has waited already; a first try waits out a 429 elsewhere
                self._gate.wait(self._sleep)
            started = time.monotonic()
            try:
                with self._slots:
                    self.usage.add(calls=1)
                    _METER.add(in_flight=1, requests=1)
                    try:
                        completion = self._attempt(payload, validate, max_tokens)
                    finally:
                        _METER.add(in_flight=-1)
            except _CutOff as cut:
                spent = time.monotonic() - started
                self.usage.add(seconds=spent, tokens_in=cut.tokens_in, tokens_out=cut.tokens_out)
                _METER.add(tokens_in=cut.tokens_in, tokens_out=cut.tokens_out)
                if max_tokens == self.settings.max_tokens:  # once more, with twice the room
                    max_tokens *= 2
                    retries += 1
                    self.usage.add(retries=1)
                    continue
                raise LLMResponseError(
                    f"the answer was cut off at max_tokens={self.settings.max_tokens}, and again "
                    f"at {max_tokens} (finish_reason 'length'); raise max_tokens=N "
                    f"({retries + 1} tries)"
                ) from None
            except _Retry as retry:
                spent = time.monotonic() - started
                if retry.format_problem:
                    format_retries += 1
                    allowed = (
                        format_retries <= FORMAT_RETRIES and retries < self.settings.max_retries
                    )
                else:
                    allowed = retries < self.settings.max_retries
                if not allowed:
                    self.usage.add(seconds=spent)
                    raise _with_tries(retry.final, retries + 1) from None
                wait = self._wait(retries, retry.wait)
                if wait is None:
                    self.usage.add(seconds=spent)
                    raise LLMConnectionError(
                        f"{retry.final} and asks to wait {retry.wait:g}s, longer than "
                        f"max_backoff ({self.settings.max_backoff:g}s); try again later"
                    ) from None
                if retry.rate_limited:
                    self._gate.hold(wait)  # the other requests to this server back off too
                self._sleep(wait)
                retries += 1
                self.usage.add(retries=1, seconds=spent + wait)
                continue
            except LLMError:
                self.usage.add(seconds=time.monotonic() - started)
                raise
            self.usage.add(
                seconds=time.monotonic() - started,
                tokens_in=completion.tokens_in,
                tokens_out=completion.tokens_out,
            )
            _METER.add(tokens_in=completion.tokens_in, tokens_out=completion.tokens_out)
            if self.cache is not None:
                self.cache.put(
                    key, CachedAnswer(completion.text, completion.tokens_in, completion.tokens_out)
                )
            return completion

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """Apply ``function`` to ``items`` on up to ``concurrency`` threads; results in order."""
        items = list(items)
        if len(items) <= 1 or self.settings.concurrency == 1:
            return [function(item) for item in items]
        with ThreadPoolExecutor(max_workers=min(self.settings.concurrency, len(items))) as pool:
            futures = [pool.submit(function, item) for item in items]
            try:
                return [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def available_models(self) -> list[str]:
        """The model names the server lists at ``/models`` (empty if it cannot say)."""
        try:
            return sorted(model.id for model in self._openai.models.list())
        except Exception:  # only a hint for an error message; any failure means "unknown"
            return []

    def _wait(self, retries: int, retry_after: float | None) -> float | None:
        if retry_after is not None:
            return max(retry_after, 0.0) if retry_after <= self.settings.max_backoff else None
        ceiling = min(self.settings.max_backoff, self.settings.backoff * 2.0**retries)
        return ceiling * self._rng.uniform(0.5, 1.0)

    def _attempt(
        self,
        payload: list[dict[str, str]],
        validate: Callable[[str], str | None] | None,
        max_tokens: int,
    ) -> Completion:
        settings = self.settings
        try:
            response = self._openai.chat.completions.create(
                model=settings.model,
                messages=payload,  # type: ignore[arg-type]
                temperature=settings.temperature,
                max_tokens=max_tokens,
            )
        except openai.APITimeoutError:
            raise _Retry(
                LLMConnectionError(
                    f"no answer from {self._url} within {settings.timeout:g}s "
                    "(raise timeout=SECONDS, or check the server)"
                )
            ) from None
        except openai.APIConnectionError:
            raise _Retry(
                LLMConnectionError(
                    f"cannot reach the LLM server at {self._url}: is it running? (check base_url=URL)"
                )
            ) from None
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise LLMAuthError(
                f"the server at {self._url} refused the API key (HTTP {exc.status_code}): "
                "check OPENAI_API_KEY or SUMMARIZE_API_KEY"
            ) from None
        except openai.NotFoundError:
            raise self._not_found() from None
        except openai.APIStatusError as exc:
            status = exc.status_code
            if status == 429 or status >= 500 or status in (408, 409):
                what = "is rate-limiting requests" if status == 429 else "failed"
                raise _Retry(
                    LLMConnectionError(f"the server at {self._url} {what} (HTTP {status})"),
                    _retry_after(exc.response.headers),
                    rate_limited=status == 429,
                ) from None
            raise LLMError(
                f"the server at {self._url} refused the request (HTTP {status}): "
                f"{_server_message(exc)}"
            ) from None
        except (openai.APIResponseValidationError, json.JSONDecodeError, ValueError) as exc:
            raise _Retry(self._unparseable(type(exc).__name__)) from None
        return self._read(response, validate)

    def _read(self, response: Any, validate: Callable[[str], str | None] | None) -> Completion:
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list):
            raise _Retry(self._unparseable("not a chat completion"))
        if not choices:
            raise _Retry(LLMResponseError(f"the server at {self._url} answered with no choices"))
        choice = choices[0]
        message = getattr(choice, "message", None)
        text = getattr(message, "content", None)
        usage = getattr(response, "usage", None)
        tokens_in = int(getattr(usage, "prompt_tokens", None) or 0)
        tokens_out = int(getattr(usage, "completion_tokens", None) or 0)
        if getattr(choice, "finish_reason", None) == "length":
            raise _CutOff(tokens_in, tokens_out)
        if not isinstance(text, str) or not text.strip():
            raise _Retry(LLMResponseError(f"the server at {self._url} answered with empty text"))
        if validate is not None:
            problem = validate(text)
            if problem is not None:
                raise _Retry(
                    LLMResponseError(f"the model did not answer in the asked format: {problem}"),
                    format_problem=True,
                )
        return Completion(text, tokens_in, tokens_out)

    def _unparseable(self, detail: str) -> LLMResponseError:
        return LLMResponseError(
            f"the server at {self._url} sent an answer that is not a chat completion ({detail})"
        )

    def _not_found(self) -> LLMModelError:
        models = self.available_models()
        if models:
            shown = ", ".join(models[:10]) + (" …" if len(models) > 10 else "")
            return LLMModelError(
                f"model '{self.settings.model}' not found at {self._url} (HTTP 404); "
                f"the server offers: {shown} (choose with model=NAME)"
            )
        return LLMModelError(
            f"model '{self.settings.model}' or the API not found at {self._url} (HTTP 404): "
            "check model=NAME, and that base_url=URL ends where the API starts (often /v1)"
        )


_SLOTS: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def _slots_for(base_url: str, concurrency: int) -> threading.BoundedSemaphore:
    """One semaphore per server and limit, shared by every client in the process (batch work)."""
    with _SLOTS_LOCK:
        return _SLOTS.setdefault((base_url, concurrency), threading.BoundedSemaphore(concurrency))


class _ServerGate:
    """When one request to a server is told to wait (HTTP 429), new requests wait too.

    Without it, 32 documents in flight would each find out on their own, and the server would
    get a new wave of requests while it asks for a pause.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._not_before = 0.0

    def hold(self, seconds: float) -> None:
        """Ask new requests to wait ``seconds`` from now."""
        with self._lock:
            self._not_before = max(self._not_before, time.monotonic() + seconds)

    def wait(self, sleep: Callable[[float], None]) -> None:
        """Wait until the server's pause, if any, is over."""
        with self._lock:
            remaining = self._not_before - time.monotonic()
        if remaining > 0:
            sleep(remaining)


_GATES: dict[str, _ServerGate] = {}


def _gate_for(base_url: str) -> _ServerGate:
    with _SLOTS_LOCK:
        return _GATES.setdefault(base_url, _ServerGate())


_OPENAI: dict[tuple[str, str, float], openai.OpenAI] = {}


def _openai_for(settings: LLMSettings) -> openai.OpenAI:
    """One ``openai`` client per server, key and timeout, shared in the process.

    Building one costs ~60 ms (it loads the CA certificates), more than a loopback answer; a
    benchmark asks for thousands. The client is safe to share across threads.
    """
    secret = hashlib.sha256((settings.api_key or _NO_KEY).encode()).hexdigest()
    key = (settings.effective_base_url, secret, settings.timeout)
    with _SLOTS_LOCK:
        client = _OPENAI.get(key)
        if client is None:
            client = _OPENAI[key] = openai.OpenAI(
                api_key=settings.api_key or _NO_KEY,
                base_url=settings.effective_base_url,
                timeout=settings.timeout,
                max_retries=0,
            )
        return client


def _retry_after(headers: Any) -> float | None:
    """Seconds a response asks us to wait (``retry-after-ms`` or ``Retry-After``), if any."""
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name) if headers is not None else None
        if value is None:
            continue
        try:
            return float(value) / divisor
        except ValueError:
            pass
    value = headers.get("retry-after") if headers is not None else None
    if value:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None
    return None


def _server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and error.get("message"):
            return " ".join(str(error["message"]).split())
    return " ".join(str(exc.message).split())[:200]


def _with_tries(error: LLMError, tries: int) -> LLMError:
    suffix = f" ({tries} tries)" if tries > 1 else ""
    return type(error)(f"{error}{suffix}")
