"""URLs: a page or a PDF fetched with httpx, then read like a file of its kind.

Bounded in every way a server could make it hang or flood: connect and read time-outs, an
overall deadline, a size cap (``Content-Length`` checked first, the body counted as it comes),
a limit on redirects. The request names relexplorer and its version in its User-Agent. The body
is read by its content type (HTML, PDF, plain text, Markdown; a PDF also by its first bytes);
anything else, an HTTP error, a time-out or a redirect loop is one :class:`ReadError` line.

The final URL (after redirects) becomes the document's ``url`` and its origin, so that
ingesting the same URL again replaces the document.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from relexplorer import __version__
from relexplorer.errors import ReadError

USER_AGENT = f"relexplorer/{__version__} (article reader; +https://pypi.org/project/relexplorer/)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
DEADLINE = 60.0  # seconds for the whole download
MAX_BYTES = 50 * 2**20
MAX_REDIRECTS = 5
_URL = re.compile(r"(?i)^https?://\S+$")
_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
}


@dataclass(slots=True)
class Download:
    """A fetched body, the URL it finally came from, and the format to read it as."""

    data: bytes
    url: str
    format: str


def is_url(value: str) -> bool:
    """``value`` is an http(s) URL (and not a file path)."""
    return bool(_URL.match(value.strip()))


def fetch(url: str, *, timeout: float = READ_TIMEOUT, deadline: float = DEADLINE,
          max_bytes: int = MAX_BYTES, max_redirects: int = MAX_REDIRECTS) -> Download:
    """Download ``url``; :class:`ReadError` with one line when it cannot be had or read."""
    import httpx

    name = url.strip()
    started = time.monotonic()
    try:
        with httpx.Client(
            follow_redirects=True, max_redirects=max_redirects,
            timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/pdf;q=0.9, text/*;q=0.5"},
        ) as client, client.stream("GET", name) as response:
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise ReadError(f"{name}: HTTP {response.status_code} {reason}; nothing stored")
            final = str(response.url)
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(f"{name}: too large ({int(declared) // 2**20} MiB; "
                                f"the limit is {max_bytes // 2**20} MiB)")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise ReadError(f"{name}: too large (more than {max_bytes // 2**20} MiB)")
                if time.monotonic() - started > deadline:
                    raise ReadError(f"{name}: too slow (not downloaded within {deadline:.0f} s)")
                chunks.append(chunk)
    except httpx.TooManyRedirects:
        raise ReadError(f"{name}: too many redirects (more than {max_redirects}; a redirect loop?)") from None
    except httpx.TimeoutException:  # httpx's time-outs (connect, read, pool), not a catch-all
        raise ReadError(f"{name}: timed out (no answer within {timeout:.0f} s)") from None
    except httpx.InvalidURL:
        raise ReadError(f"{name}: not a valid URL") from None
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise ReadError(f"{name}: cannot fetch ({type(exc).__name__}: {_one_line(exc)})") from None
    data = b"".join(chunks)
    return Download(data, final, _format(name, kind, data))


def _format(name: str, kind: str, data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    fmt = _TYPES.get(kind)
    if fmt is None and not kind and data.lstrip()[:1] == b"<":
        fmt = "html"  # no content type at all, but markup
    if fmt is None:
        raise ReadError(f"{name}: not an article ({kind or 'no content type'}); "
                        "relexplorer reads HTML, PDF and text")
    if not data.strip():
        raise ReadError(f"{name}: empty response")
    return fmt


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or "no detail"
