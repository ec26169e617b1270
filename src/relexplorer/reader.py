"""Reader: decode a source file and normalise it into the stored document text.

STUB -- being replaced by the real reader (see the helper task).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from relexplorer.errors import ReadError

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")


@dataclass(slots=True)
class Source:
    """A decoded, normalised source: ``text`` is what gets stored and indexed."""

    text: str
    path: Path | None
    sha256: str
    format: str = "txt"
    front_matter: dict = field(default_factory=dict)


def read_text(raw: str, fmt: str = "txt", path: Path | None = None, sha256: str = "") -> Source:
    """Normalise already-decoded text into a :class:`Source`."""
    text = raw.replace("\r\n", "\n").replace("\u00a0", " ")
    if not text.strip():
        raise ReadError(f"{path or 'input'}: empty file")
    return Source(text=text, path=path, sha256=sha256 or hashlib.sha256(raw.encode()).hexdigest(), format=fmt)


def read_path(path: Path) -> Source:
    """Read and normalise one file; raise :class:`ReadError` with a clear message."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(f"{path}: not UTF-8 text") from None
    return read_text(raw, "md" if path.suffix in (".md", ".markdown") else "txt", path, hashlib.sha256(data).hexdigest())
