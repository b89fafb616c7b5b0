"""Fetching a web page by URL: a timeout, a size cap, a user agent, and one-line errors."""

from __future__ import annotations

import time
from dataclasses import dataclass

from summarize.errors import FetchError, InputTooLargeError

__all__ = ["DEFAULT_TIMEOUT", "USER_AGENT", "FetchedPage", "fetch_page", "is_url"]

DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for the server to connect or send the next bytes."""
USER_AGENT = "summarize/0.1 (+https://github.com/summarize; news briefings)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_MAX_REDIRECTS = 10
_TOTAL_TIMEOUTS = 3
"""A page must arrive whole within this many timeouts (a server can trickle bytes forever)."""


@dataclass(frozen=True)
class FetchedPage:
    """The body of a fetched page, as text, with the address it finally came from."""

    url: str
    text: str
    is_html: bool


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) address rather than a path."""
    return source.lower().startswith(("http://", "https://"))


def fetch_page(url: str, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> FetchedPage:
    """Fetch ``url`` and return its text; refuse what is not a web page.

    Raises :class:`FetchError` for refused connections, timeouts, redirect loops, HTTP errors
    and bodies that are not HTML or text, and :class:`InputTooLargeError` past ``max_bytes``.
    """
    import httpx2 as httpx

    from summarize.document import decode_bytes
    from summarize.errors import DecodingError

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain"}
    try:
        with (
            httpx.Client(
                headers=headers,
                timeout=timeout,
                follow_redirects=True,
                max_redirects=_MAX_REDIRECTS,
                trust_env=False,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(f"{url} answered {response.status_code} {reason}")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind and not kind.startswith(_HTML_TYPES + _TEXT_TYPES):
                raise FetchError(f"{url} is {kind}, not a web page (HTML)")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, int(declared), max_bytes)
            body = bytearray()
            deadline = time.monotonic() + _TOTAL_TIMEOUTS * timeout
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise _too_large(url, None, max_bytes)
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"{url} is still sending after {_TOTAL_TIMEOUTS * timeout:g} seconds"
                    )
            final_url = str(response.url)
    except httpx.TooManyRedirects:
        raise FetchError(f"{url} redirects too many times (a redirect loop?)") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url} did not answer within {timeout:g} seconds") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"cannot connect to {url} ({_reason(exc)})") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"not a valid address: {url} ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"fetching {url} failed ({_reason(exc)})") from None
    try:
        text, _ = decode_bytes(bytes(body))
    except DecodingError:
        raise FetchError(f"{url} sent binary data, not a web page") from None
    is_html = kind.startswith(_HTML_TYPES) or (not kind and "<html" in text[:2000].lower())
    return FetchedPage(final_url, text, is_html)


def _too_large(url: str, size: int | None, max_bytes: int) -> InputTooLargeError:
    limit = f"{max_bytes / 1024 / 1024:g} MB"
    what = f"is {size / 1024 / 1024:.0f} MB" if size is not None else "sends more than"
    return InputTooLargeError(
        f"{url} {what}, over the {limit} limit "
        "(raise it with --max-mb if this really is one article)"
    )


def _reason(exc: Exception) -> str:
    message = str(exc).strip() or type(exc).__name__
    return message.splitlines()[0][:200]
