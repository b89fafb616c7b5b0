"""A small, deterministic OpenAI-compatible server on loopback, for tests and the offline demo.

It implements ``GET /v1/models`` and ``POST /v1/chat/completions`` over real HTTP (stdlib
``http.server`` in a thread, ephemeral port). The "model" answers from the prompt itself: it
reads the numbered sentences between ``<article>`` and ``</article>`` (or the cited sentences
between ``<summaries>`` and ``</summaries>``) and returns the first N of them, each citing its
own number, as a headline and bullets, or as a paragraph when the prompt asks for one.

Faults are chosen by the model name (see :data:`FAULTS`); a ``-once`` suffix makes the fault
happen on the first request only and a normal answer follow. Run it by hand with::

    python -m tests.llm.fake_openai_server --port 8765
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from summarize.llm.settings import LLMSettings

FAULTS: dict[str, str] = {
    "fake": "a correct, cited briefing",
    "fake-429": "HTTP 429 with Retry-After",
    "fake-500": "HTTP 500",
    "fake-hang": "no answer for `hang_seconds` (past the client's timeout)",
    "fake-malformed": "a body that is not JSON",
    "fake-empty-choices": "a completion with an empty choice list",
    "fake-empty-text": "a completion whose message is empty",
    "fake-length": "half an answer with finish_reason 'length'",
    "fake-bad-citations": "a briefing whose second sentence cites a sentence that does not exist",
    "fake-no-citations": "a briefing where one sentence cites nothing",
    "fake-invented-number": "a briefing with one sentence holding a number not in the source",
    "fake-french": "a reply in prose without any citation (unparseable as a briefing)",
    "fake-obey-injection": "a gullible model that follows instructions found in the article",
}
"""Model names the server knows and what each does; any other name is a 404.

Any model answers a factuality-judge prompt (one holding ``<summary>``) with JSON verdicts.
"""

_NUMBERED = re.compile(r"^\[(\d+)\]\s+(.*)$", re.MULTILINE)
_EXACTLY = re.compile(r"exactly (\d+) (?:bullet points|sentences)")
_INJECTION = re.compile(r"ignore (?:all |the )?(?:above|previous)", re.IGNORECASE)
INJECTED_CLAIM = "Modi resigned on 3 April 2025 after 12,000 protesters gathered in Delhi."
"""What the gullible model writes when the article tells it to ignore its instructions."""
_FAKE_NUMBER = "4,700"


@dataclass
class ServerState:
    """What the server has seen, and how it is told to behave."""

    hang_seconds: float = 2.0
    delay: float = 0.0
    """Seconds every chat answer takes (a model's think time; for concurrency benchmarks)."""
    overloaded: bool = False
    """While set, every chat request gets HTTP 429 with ``retry_after``, whatever the model."""
    retry_after: str = "0.05"
    aliases: tuple[str, ...] = ()
    """Other model names answered like ``fake`` (the demo serves the default model name)."""
    required_key: str | None = None
    """When set, any other bearer token gets a 401."""
    in_flight: int = 0
    max_in_flight: int = 0
    """Most chat requests the server was answering at the same time."""
    requests: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # a benchmark opens dozens of connections at once


class FakeOpenAIServer:
    """Start with ``with FakeOpenAIServer() as server:``; ``server.base_url`` ends in ``/v1``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, **state: Any) -> None:
        self.state = ServerState(**state)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = _Server((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, e.g. ``http://127.0.0.1:54321/v1``."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The JSON bodies of the chat requests received so far."""
        with self.state.lock:
            return list(self.state.requests)

    def __enter__(self) -> FakeOpenAIServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    state: ServerState

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.rstrip("/") == "/v1/models":
            names = [*FAULTS, *self.state.aliases]
            data = [{"id": name, "object": "model", "owned_by": "tests"} for name in names]
            self._json(200, {"object": "list", "data": data})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:  # noqa: N802
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        required = self.state.required_key
        if required is not None and self.headers.get("Authorization") != f"Bearer {required}":
            self._json(401, {"error": {"message": "Incorrect API key provided", "code": 401}})
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        model = str(body.get("model", ""))
        with self.state.lock:
            self.state.requests.append(body)
            seen = self.state.counts.get(model, 0)
            self.state.counts[model] = seen + 1
        if model in self.state.aliases:
            model = "fake"
        base, once = (model[: -len("-once")], True) if model.endswith("-once") else (model, False)
        if base not in FAULTS:
            message = f"The model '{model}' does not exist"
            self._json(404, {"error": {"message": message, "code": "model_not_found"}})
            return
        fault = base if not (once and seen > 0) else "fake"
        if self.state.overloaded:
            fault = "fake-429"
        with self.state.lock:
            self.state.in_flight += 1
            self.state.max_in_flight = max(self.state.max_in_flight, self.state.in_flight)
        try:
            if self.state.delay:
                time.sleep(self.state.delay)
            self._answer(fault, body)
        finally:
            with self.state.lock:
                self.state.in_flight -= 1

    def _answer(self, fault: str, body: dict[str, Any]) -> None:
        if fault == "fake-429":
            self._json(
                429, {"error": {"message": "Rate limit"}}, {"Retry-After": self.state.retry_after}
            )
        elif fault == "fake-500":
            self._json(500, {"error": {"message": "Internal error"}})
        elif fault == "fake-hang":
            time.sleep(self.state.hang_seconds)
            self._json(200, _completion(body, "too late", "stop"))
        elif fault == "fake-malformed":
            self._raw(200, b'{"id": "x", "choices": [', "application/json")
        elif fault == "fake-empty-choices":
            reply = _completion(body, "", "stop")
            reply["choices"] = []
            self._json(200, reply)
        elif fault == "fake-empty-text":
            self._json(200, _completion(body, "", "stop"))
        else:
            text = _reply_text(fault, body)
            if fault == "fake-length":
                self._json(200, _completion(body, text[: len(text) // 2], "length"))
            else:
                self._json(200, _completion(body, text, "stop"))

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._raw(status, json.dumps(payload).encode(), "application/json", headers)

    def _raw(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)


def _prompt(body: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content", "")) for m in body.get("messages", []))


def _reply_text(fault: str, body: dict[str, Any]) -> str:
    prompt = _prompt(body)
    if fault == "fake-french":
        return "Je suis désolé, je ne peux pas résumer cet article aujourd'hui."
    if "<summary>" in prompt and "factual" in prompt.lower():
        return _judge_reply(prompt)
    article = _between(prompt, "<article>", "</article>")
    summaries = _between(prompt, "<summaries>", "</summaries>")
    if summaries is not None:
        sentences = _cited_lines(summaries)
    else:
        sentences = [(int(n), text.strip()) for n, text in _NUMBERED.findall(article or "")]
    wanted = _EXACTLY.search(prompt)
    count = int(wanted.group(1)) if wanted else 3
    chosen = sentences[:count]
    if fault == "fake-obey-injection" and _INJECTION.search(article or ""):
        return f"Headline: Modi resigns\n- {INJECTED_CLAIM} [1]"
    lines = []
    for position, (number, text) in enumerate(chosen):
        text = text.rstrip(".!?") if text.endswith((".", "!", "?")) else text
        cite = f"[{number}]"
        if fault == "fake-bad-citations" and position == 1:
            cite = "[999]"
        if fault == "fake-no-citations" and position == 1:
            cite = ""
        if fault == "fake-invented-number" and position == 0:
            text = (
                f"Officials said {_FAKE_NUMBER} soldiers attended, and {text[0].lower()}{text[1:]}"
            )
        lines.append((text, cite))
    if "one plain paragraph" in prompt:
        return " ".join(f"{text} {cite}.".replace(" .", ".") for text, cite in lines)
    headline = " ".join(lines[0][0].split()[:8]) if lines else "Nothing to report"
    bullets = [f"- {text} {cite}".rstrip() + ("." if not cite else "") for text, cite in lines]
    return "\n".join([f"Headline: {headline}", *bullets])


def _cited_lines(block: str) -> list[tuple[int, str]]:
    found = []
    for line in block.splitlines():
        match = re.search(r"^(?:-\s*)?(.*?)\s*\[(\d+)[^\]]*\]\.?$", line.strip())
        if match:
            found.append((int(match.group(2)), match.group(1)))
    return found


def _judge_reply(prompt: str) -> str:
    article = _between(prompt, "<article>", "</article>") or ""
    summary = _between(prompt, "<summary>", "</summary>") or ""
    verdicts = []
    for sentence in [s.strip() for s in re.split(r"(?<=[.!?])\s+", summary) if s.strip()]:
        numbers = re.findall(r"\d[\d,]*", sentence)
        unsupported = [n for n in numbers if n not in article]
        verdicts.append(
            {
                "sentence": sentence,
                "supported": not unsupported,
                "reason": f"{unsupported[0]} is not in the article" if unsupported else "stated",
            }
        )
    supported = sum(v["supported"] for v in verdicts)
    score = supported / len(verdicts) if verdicts else 1.0
    return json.dumps({"sentences": verdicts, "score": score})


def _between(text: str, opening: str, closing: str) -> str | None:
    start = text.rfind(opening)  # the system message mentions the tags too; data comes last
    end = text.find(closing, start + 1)
    if start < 0 or end < 0:
        return None
    return text[start + len(opening) : end]


def _completion(body: dict[str, Any], text: str, finish_reason: str) -> dict[str, Any]:
    prompt_tokens = len(_prompt(body).split())
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(text.split()),
            "total_tokens": prompt_tokens + len(text.split()),
        },
    }


def main() -> None:
    """Serve until Ctrl-C (for the demo): ``python -m tests.llm.fake_openai_server --port N``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--alias",
        action="append",
        default=[],
        help="another model name to answer like 'fake' (default: the llm method's default model)",
    )
    parser.add_argument("--delay", type=float, default=0.0, help="seconds every answer takes")
    args = parser.parse_args()
    aliases = tuple(args.alias) or (LLMSettings().model,)
    server = FakeOpenAIServer(args.host, args.port, aliases=aliases, delay=args.delay)
    print(f"fake OpenAI-compatible server at {server.base_url} (Ctrl-C stops it)", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


if __name__ == "__main__":
    main()
