"""`summarize brief URL`: pages fetched from a real HTTP server on 127.0.0.1 that the tests run."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from summarize import FetchError, InputTooLargeError
from summarize.cli import app
from summarize.sources import load
from summarize.sources.fetch import USER_AGENT, fetch_page

ARTICLE = (
    "<!DOCTYPE html><html><head><title>Leaders agree to 3 new talks</title>"
    "<meta name='author' content='Jane Doe'></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Leaders agree to 3 new talks</h1><p class='byline'>By Jane Doe</p>"
    "<p>Prime Minister Narendra Modi on Wednesday congratulated Vladimir Putin on his "
    "re-election. The two leaders agreed to stay in close touch over the coming months.</p>"
    "<figure><img src='a.jpg'><figcaption>Putin in Moscow. (Photo: Reuters)</figcaption></figure>"
    "<p>India has called for dialogue and diplomacy as the way forward in the conflict, "
    "officials said on Thursday.</p><p>Also Read: Why Russia still matters to India</p>"
    "<p>Trade between the two countries has grown sharply since 2022, led by oil.</p>"
    "</article><footer>Copyright 2024 The Daily. All rights reserved.</footer></body></html>"
)
seen_agents: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (the timeout test)

    def do_GET(self) -> None:
        seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, ARTICLE.encode())
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-again" if self.path == "/loop" else "/loop")
            self.end_headers()
        elif self.path == "/hang":
            time.sleep(3)
            self._send(200, ARTICLE.encode())
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(200 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>" + b" " * 1024)
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(4096):
                    self.wfile.write(b"<p>" + b"x" * 1024 + b"</p>")
            except OSError:
                pass
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image/png")
        elif self.path == "/binary-as-html":
            self._send(200, bytes(range(256)) * 8, "text/html")
        elif self.path == "/empty-page":
            self._send(200, b"<html><body><nav>Home</nav><div></div></body></html>")
        else:
            self._send(404, b"<html><body>Not found</body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_and_briefed_like_an_html_file(server):
    result = CliRunner().invoke(app, ["brief", f"{server}/article", "--method", "lead", "-n", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Leaders agree to 3 new talks"  # the page title, as the headline
    assert lines[2].startswith("Prime Minister Narendra Modi on Wednesday congratulated")
    assert "Photo" not in result.stdout and "Also Read" not in result.stdout
    assert seen_agents[-1] == USER_AGENT


def test_the_json_keeps_title_author_url_and_language_apart_from_the_sentences(server):
    import json

    result = CliRunner().invoke(app, ["brief", f"{server}/moved", "--format", "json"])
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.stdout)
    assert briefing["headline"] == "Leaders agree to 3 new talks"
    assert briefing["document"]["title"] == "Leaders agree to 3 new talks"
    assert briefing["document"]["author"] == "Jane Doe"
    assert briefing["document"]["url"] == f"{server}/article"  # after the redirect
    assert briefing["document"]["language"] == "en"
    assert all("Leaders agree" not in s["text"] for s in briefing["sentences"])


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "404"),
        ("/loop", "redirect"),
        ("/image", "image/png, not a web page"),
        ("/binary-as-html", "binary"),
        ("/empty-page", "no article text"),
    ],
)
def test_a_failed_fetch_is_one_line_and_exit_1(server, path, message):
    result = CliRunner().invoke(app, ["brief", f"{server}{path}"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("error:")
    assert message in result.output


def test_a_page_over_the_size_limit_is_refused_without_reading_it(server):
    with pytest.raises(InputTooLargeError, match="is 200 MB, over the 20 MB limit"):
        fetch_page(f"{server}/huge", max_bytes=20 * 1024 * 1024)
    with pytest.raises(InputTooLargeError):
        fetch_page(f"{server}/endless", max_bytes=1024 * 1024)


def test_a_server_that_hangs_times_out(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer within 0.5 seconds"):
        fetch_page(f"{server}/hang", max_bytes=10**6, timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_a_refused_connection_is_a_fetch_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        load(f"http://127.0.0.1:{port}/article")


def test_a_url_typed_without_scheme_slashes_gets_a_hint(tmp_path):
    result = CliRunner().invoke(app, ["brief", "https:/www.example.com/story"])
    assert result.exit_code == 1
    assert result.output == (
        "error: no such file: https:/www.example.com/story "
        "(a web address must start with http:// or https://)\n"
    )
