"""Reader: decode a source file and normalise it into the stored document text.

Decoding (:mod:`~relexplorer.read.decode`): UTF-8, UTF-16/32 or a detected legacy encoding;
binary, empty and undecodable files raise :class:`ReadError` with one line. A PDF (by its suffix
or its first bytes) is read by :func:`read_pdf` instead: text per page, furniture dropped,
paragraphs joined; it skips the steps below.

Normalisation (all formats), in this order; each step is described in its module:

1. ``.html``: markup to text, ``<meta>`` tags fill ``front_matter``
   (:mod:`~relexplorer.read.html`).
2. CRLF / CR -> LF (:mod:`~relexplorer.read.text`); a leading YAML front matter block is
   parsed into ``front_matter`` and removed (:mod:`~relexplorer.read.front_matter`).
3. HTML entities decoded.
4. Control characters, ANSI escapes and zero-width characters removed; other line breaks -> LF.
5. Unicode spaces -> space, runs collapsed, lines stripped (3 to 5:
   :mod:`~relexplorer.read.text`).
6. Hard-wrapped lines inside a paragraph joined (:mod:`~relexplorer.read.wrap`).
7. Markdown only: links, images, emphasis, inline code and inline HTML reduced to text
   (:mod:`~relexplorer.read.markdown`), then spaces normalised again.
8. Runs of 3+ blank lines -> 2; leading and trailing blank space removed.

Offsets: every step records its edits in an :class:`~relexplorer.read.offsets.OffsetMap`,
which becomes ``Source.offset_map`` (:mod:`~relexplorer.read.source`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from relexplorer.errors import ReadError
from relexplorer.read.decode import decode_bytes
from relexplorer.read.fetch import fetch
from relexplorer.read.front_matter import split_front_matter
from relexplorer.read.html import html_to_text
from relexplorer.read.markdown import reduce_inline
from relexplorer.read.offsets import OffsetMap
from relexplorer.read.pdf import open_pdf, pdf_front_matter, read_pages
from relexplorer.read.pdf_layout import pages_to_text
from relexplorer.read.source import Source, display_name
from relexplorer.read.text import (
    collapse_blank_lines,
    decode_entities,
    normalise_line_ends,
    normalise_spaces,
    remove_odd,
    strip_ends,
)
from relexplorer.read.wrap import join_lines

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".pdf")
MAX_BYTES = 512 * 1024 * 1024


def _format_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    return "txt"


def read_path(path: Path) -> Source:
    """Read and normalise one file; raise :class:`ReadError` with a clear message."""
    path = Path(path)
    name = display_name(path)
    try:
        if path.is_dir():
            raise ReadError(f"{name}: is a directory, not a file")
        if not path.exists():
            what = "dangling symbolic link" if path.is_symlink() else "no such file"
            raise ReadError(f"{name}: {what}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                f"{name}: too large ({size // 2**20} MiB; the limit is {MAX_BYTES // 2**20} MiB)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, _format_for(path), path)


def read_bytes(data: bytes, fmt: str, path: Path | None = None, *, name: str = "") -> Source:
    """Read a file's or a download's bytes as ``fmt``; ``name`` (else the path) is shown in errors."""
    name = name or display_name(path)
    if fmt == "pdf" or data.startswith(b"%PDF-"):
        return read_pdf(data, path, name)
    raw, encoding = decode_bytes(data, name)
    source = read_text(raw, fmt, path, hashlib.sha256(data).hexdigest(), name=name)
    source.encoding = encoding
    return source


def read_url(url: str) -> Source:
    """Fetch a URL (:mod:`~relexplorer.read.fetch`) and read the body as its content type says;
    the final URL is the document's ``url``."""
    download = fetch(url)
    source = read_bytes(download.data, download.format, None, name=url.strip())
    source.url = download.url
    source.front_matter["url"] = download.url
    return source


def read_pdf(data: bytes, path: Path | None, name: str) -> Source:
    """A PDF's text, page starts and metadata (:mod:`~relexplorer.read.pdf`,
    :mod:`~relexplorer.read.pdf_layout`)."""
    pdf = open_pdf(data, name)
    try:
        pages = read_pages(pdf, name)
        front = pdf_front_matter(pdf, pages)
    finally:
        pdf.close()
    text, starts = pages_to_text(pages, front.get("title", ""))
    if not text.strip():
        raise ReadError(f"{name}: scanned PDF with no text layer: OCR it first")
    return Source(text=text, path=path, sha256=hashlib.sha256(data).hexdigest(), format="pdf",
                  front_matter=front, pages=starts)


def read_text(
    raw: str, fmt: str = "txt", path: Path | None = None, sha256: str = "", *, name: str = ""
) -> Source:
    """Normalise already-decoded text into a :class:`Source` (see the module docstring).

    Raises :class:`ReadError` when nothing but whitespace and control characters is left, and
    for a web page with no article text.
    """
    name = name or display_name(path)
    omap = OffsetMap()
    text = raw
    front: dict = {}
    if fmt == "html":
        text, front = html_to_text(raw, omap, name)
    text = normalise_line_ends(text, omap)
    if fmt != "html":
        text, front = split_front_matter(text, omap)
        text = decode_entities(text, omap)
    text = remove_odd(text, omap)
    text = normalise_spaces(text, omap)
    text = join_lines(text, fmt, omap)
    if fmt == "md":
        text = reduce_inline(text, omap)
        text = normalise_spaces(text, omap)
    text = collapse_blank_lines(text, omap)
    text = strip_ends(text, omap)
    if not text.strip():
        raise ReadError(f"{name}: empty file (no text after normalisation)")
    return Source(
        text=text,
        path=path,
        sha256=sha256 or hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        format=fmt,
        front_matter=front,
        offset_map=omap.pairs(len(raw)),
    )
