"""The :class:`Source` record: a decoded, normalised document and the way back to its original.

Offsets: ``Source.offset_map`` is a sparse list of ``(stored_offset, original_offset)``
anchors; :meth:`Source.original_offset` maps a stored offset back to an index into the
decoded original text (for HTML, into the markup, at block precision; for a PDF, whose
original is no text, offsets are those of the text as read). ``Source.pages`` holds where
each page of a PDF starts in the text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Source:
    """A decoded, normalised source: ``text`` is what gets stored and indexed."""

    text: str
    path: Path | None
    sha256: str
    format: str = "txt"
    front_matter: dict = field(default_factory=dict)
    encoding: str = "utf-8"
    offset_map: list[tuple[int, int]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # PDF: where each page starts in ``text``
    url: str = ""  # the final URL a fetched source came from

    def page_at(self, pos: int) -> int | None:
        """The PDF page (from 1) that the text at ``pos`` is on; None for other formats."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, pos))

    def original_offset(self, pos: int) -> int:
        """Map an offset into ``text`` to an offset into the decoded original text."""
        k = bisect_right(self.offset_map, (pos, float("inf"))) - 1
        if k < 0:
            return pos
        stored, original = self.offset_map[k]
        return original + (pos - stored)


def display_name(path: Path | str | None) -> str:
    """A path as shown in a one-line message: control characters escaped."""
    if path is None:
        return "input"
    name = str(path)
    if any(c < " " or c == "\x7f" for c in name):
        name = name.encode("unicode_escape", "backslashreplace").decode("ascii")
    return name
