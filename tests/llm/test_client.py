"""The client against a real loopback server: retries, backoff, timeouts and every planted fault."""

from __future__ import annotations

import random
import socket
import threading
import time

import pytest

from summarize.errors import (
    LLMAuthError,
    LLMConnectionError,
    LLMModelError,
    LLMResponseError,
)
from summarize.llm.cache import ResponseCache
from summarize.llm.client import LLMClient
from summarize.llm.prompts import ChatMessage
from summarize.llm.settings import resolve_settings
from tests.llm.fake_openai_server import FakeOpenAIServer

ARTICLE = (
    "<article>\n[1] The talks ended on Friday.\n[2] Both sides agreed to meet again.\n</article>"
)
MESSAGES = (ChatMessage("user", "Write exactly 2 sentences.\n" + ARTICLE),)


def make_client(server: FakeOpenAIServer, model: str, **settings: object) -> tuple[LLMClient, list]:
    """A client for ``model`` on ``server`` whose waits are recorded instead of slept."""
    waits: list[float] = []
    resolved = resolve_settings({"model": model, "base_url": server.base_url, **settings})
    client = LLMClient(resolved, sleep=waits.append, rng=random.Random(0))
    return client, waits


def test_a_normal_answer_is_returned_with_token_counts(server: FakeOpenAIServer) -> None:
    client, waits = make_client(server, "fake")
    completion = client.complete(MESSAGES)
    assert "The talks ended on Friday [1]" in completion.text
    assert completion.tokens_in > 0 and completion.tokens_out > 0
    assert client.usage.calls == 1 and client.usage.retries == 0 and waits == []


def test_429_waits_exactly_what_retry_after_asks_then_succeeds(server: FakeOpenAIServer) -> None:
    server.state.retry_after = "0.25"
    client, waits = make_client(server, "fake-429-once", backoff=5.0)
    completion = client.complete(MESSAGES)
    assert "[1]" in completion.text
    assert waits == [0.25]  # the server's Retry-After, not the 5 s backoff
    assert client.usage.calls == 2 and client.usage.retries == 1


def test_429_forever_ends_in_one_clear_error_after_the_retries(server: FakeOpenAIServer) -> None:
    client, waits = make_client(server, "fake-429", max_retries=3)
    with pytest.raises(
        LLMConnectionError, match=r"rate-limiting requests \(HTTP 429\) \(4 tries\)"
    ):
        client.complete(MESSAGES)
    assert len(waits) == 3 and client.usage.calls == 4


def test_a_retry_after_longer_than_max_backoff_is_not_waited_for(server: FakeOpenAIServer) -> None:
    server.state.retry_after = "3600"
    client, waits = make_client(server, "fake-429", max_backoff=30)
    with pytest.raises(LLMConnectionError, match="asks to wait 3600s"):
        client.complete(MESSAGES)
    assert waits == []


def test_500_is_retried_with_exponential_backoff_and_jitter(server: FakeOpenAIServer) -> None:
    client, waits = make_client(server, "fake-500", max_retries=4, backoff=1.0, max_backoff=30)
    with pytest.raises(LLMConnectionError, match=r"failed \(HTTP 500\) \(5 tries\)"):
        client.complete(MESSAGES)
    assert len(waits) == 4
    for retry, wait in enumerate(waits):
        assert 0.5 * 2**retry <= wait <= 2**retry  # full step times a jitter in [0.5, 1]
    assert len(set(waits)) == 4


def test_500_once_then_success_counts_one_retry(server: FakeOpenAIServer) -> None:
    client, _ = make_client(server, "fake-500-once")
    assert "[2]" in client.complete(MESSAGES).text
    assert client.usage.retries == 1


def test_a_hanging_server_times_out_with_the_timeout_in_the_message(
    server: FakeOpenAIServer,
) -> None:
    client, _ = make_client(server, "fake-hang", timeout=0.2, max_retries=1)
    started = time.monotonic()
    with pytest.raises(LLMConnectionError, match=r"no answer from .* within 0.2s.*\(2 tries\)"):
        client.complete(MESSAGES)
    assert time.monotonic() - started < 0.9  # two 0.2 s timeouts, not the 1 s hang


def test_malformed_json_is_retried_then_reported(server: FakeOpenAIServer) -> None:
    client, waits = make_client(server, "fake-malformed", max_retries=1)
    with pytest.raises(LLMResponseError, match="not a chat completion"):
        client.complete(MESSAGES)
    assert client.usage.calls == 2 and len(waits) == 1


def test_malformed_json_once_recovers(server: FakeOpenAIServer) -> None:
    client, _ = make_client(server, "fake-malformed-once")
    assert "[1]" in client.complete(MESSAGES).text


def test_an_empty_choice_list_is_an_error_not_an_empty_briefing(server: FakeOpenAIServer) -> None:
    client, _ = make_client(server, "fake-empty-choices", max_retries=1)
    with pytest.raises(LLMResponseError, match="no choices"):
        client.complete(MESSAGES)


def test_empty_text_is_an_error(server: FakeOpenAIServer) -> None:
    client, _ = make_client(server, "fake-empty-text", max_retries=0)
    with pytest.raises(LLMResponseError, match="empty text"):
        client.complete(MESSAGES)


def test_a_cut_off_answer_is_retried_once_with_twice_the_room(server: FakeOpenAIServer) -> None:
    client, waits = make_client(server, "fake-length-once", max_tokens=50, max_retries=0)
    answer = client.complete(MESSAGES)
    assert answer.text.startswith("Headline:")
    assert [r["max_tokens"] for r in server.requests] == [50, 100]
    assert waits == []  # no backoff: the server was fine, the room was short
    assert client.usage.calls == 2 and client.usage.retries == 1
    assert client.usage.tokens_out > answer.tokens_out  # the cut-off answer's tokens count too


def test_an_answer_cut_off_twice_is_an_error_and_its_tokens_still_count(
    server: FakeOpenAIServer,
) -> None:
    client, waits = make_client(server, "fake-length", max_tokens=50)
    with pytest.raises(
        LLMResponseError, match=r"cut off at max_tokens=50, and again at 100.*raise max_tokens=N"
    ):
        client.complete(MESSAGES)
    assert client.usage.calls == 2 and waits == []
    assert client.usage.tokens_in > 0 and client.usage.tokens_out > 0


def test_a_wrong_key_is_a_401_error_naming_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong-0123456789")
    with FakeOpenAIServer(required_key="sk-right") as server:
        client, waits = make_client(server, "fake")
        with pytest.raises(LLMAuthError) as caught:
            client.complete(MESSAGES)
    message = str(caught.value)
    assert "HTTP 401" in message and "OPENAI_API_KEY" in message
    assert "sk-wrong" not in message and "sk-wrong" not in repr(client)
    assert waits == []


def test_the_right_key_is_sent_as_a_bearer_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_API_KEY", "sk-right")
    with FakeOpenAIServer(required_key="sk-right") as server:
        client, _ = make_client(server, "fake")
        assert "[1]" in client.complete(MESSAGES).text


def test_an_unknown_model_is_a_404_listing_what_the_server_offers(
    server: FakeOpenAIServer,
) -> None:
    client, waits = make_client(server, "gpt-17")
    with pytest.raises(LLMModelError, match=r"model 'gpt-17' not found .*offers: fake, "):
        client.complete(MESSAGES)
    assert waits == []


def test_an_unreachable_server_says_so(tmp_path: object) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = resolve_settings({"model": "m", "base_url": f"http://127.0.0.1:{port}/v1"})
    waits: list[float] = []
    client = LLMClient(settings, sleep=waits.append)
    with pytest.raises(LLMConnectionError, match=r"cannot reach the LLM server at http://127"):
        client.complete(MESSAGES)
    assert len(waits) == settings.max_retries


def test_an_answer_in_the_wrong_format_is_asked_for_once_more(server: FakeOpenAIServer) -> None:
    client, _ = make_client(server, "fake-french", max_retries=4)
    with pytest.raises(LLMResponseError, match="asked format: no citation"):
        client.complete(MESSAGES, validate=lambda text: None if "[" in text else "no citation")
    assert client.usage.calls == 2  # one format retry, not four


def test_concurrency_limit_holds_across_threads(server: FakeOpenAIServer) -> None:
    server.state.hang_seconds = 0.15
    client, _ = make_client(server, "fake-hang", concurrency=2, timeout=5)
    results = client.map(lambda _: client.complete(MESSAGES).text, range(6))
    assert results == ["too late"] * 6
    assert server.state.max_in_flight == 2


def test_cache_answers_reruns_without_a_request_and_never_stores_the_key(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, llm_env
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-do-not-store")
    first, _ = make_client(server, "fake")
    first.cache = ResponseCache()
    second, _ = make_client(server, "fake")
    second.cache = ResponseCache()
    assert first.complete(MESSAGES).cached is False
    again = second.complete(MESSAGES)
    assert again.cached is True and second.usage.cache_hits == 1 and second.usage.calls == 0
    assert len(server.requests) == 1
    stored = [p.read_text() for p in (llm_env / "cache").rglob("*.json")]
    assert stored and not any("sk-secret" in text for text in stored)


def test_cache_key_changes_with_model_params_and_prompt(server: FakeOpenAIServer) -> None:
    cache = ResponseCache()
    for model, temperature, messages in [
        ("fake", 0.0, MESSAGES),
        ("fake", 0.5, MESSAGES),
        ("fake-500-once", 0.0, MESSAGES),
        ("fake", 0.0, (ChatMessage("user", "Write exactly 1 sentence.\n" + ARTICLE),)),
    ]:
        client, _ = make_client(server, model, temperature=temperature)
        client.cache = cache
        assert client.complete(messages).cached is False


def test_errors_are_not_cached(server: FakeOpenAIServer) -> None:
    client, _ = make_client(server, "fake-length")
    client.cache = ResponseCache()
    for _ in range(2):
        with pytest.raises(LLMResponseError):
            client.complete(MESSAGES)
    assert len(server.requests) == 4  # each time: the answer, and once more with more room


def test_concurrency_limit_is_shared_by_clients_of_one_server(server: FakeOpenAIServer) -> None:
    server.state.hang_seconds = 0.15
    clients = [make_client(server, "fake-hang", concurrency=3, timeout=5)[0] for _ in range(6)]
    threads = [threading.Thread(target=client.complete, args=(MESSAGES,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(server.requests) == 6 and server.state.max_in_flight == 3


def test_traffic_counts_requests_in_flight_and_tokens_across_clients(
    server: FakeOpenAIServer,
) -> None:
    from summarize.llm.client import traffic

    server.state.hang_seconds = 0.3
    before = traffic()
    clients = [make_client(server, "fake-hang", timeout=5)[0] for _ in range(3)]
    threads = [threading.Thread(target=client.complete, args=(MESSAGES,)) for client in clients]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    while server.state.in_flight < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert traffic().in_flight - before.in_flight == 3  # all three are waiting on the server
    for thread in threads:
        thread.join()
    after = traffic()
    assert after.in_flight == before.in_flight and after.requests - before.requests == 3
    spent = sum(client.usage.tokens_out for client in clients)
    assert after.tokens_out - before.tokens_out == spent > 0
