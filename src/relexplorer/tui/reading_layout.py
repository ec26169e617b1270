"""The reading view's layout: a document's text wrapped into screen lines, and what each line shows.

Pure (no Textual), so that it can be tested and timed alone. Lines are kept as one array of
offsets into the document text rather than as strings or rich objects: a 20 MB report wraps into
a few hundred thousand lines, and only the lines on screen are ever turned into text. Wrapping
is greedy at word boundaries, done by one regular expression over the whole text (the loop runs
in C), and counts one cell per character (wide CJK characters may run past the edge and be cut).
The facts and figures are read a window of text at a time, as the lines on screen need them
(:class:`SpanWindows`): reading all of a 20 MB report's would take longer than the rest together.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from relexplorer.catalog import ReadingDocument, ReadingSpans

WINDOW = 32_768  # characters of text whose facts and figures are read at once


@lru_cache(maxsize=8)
def _wrapper(width: int) -> re.Pattern[str]:
    # A screen line is up to `width - 1` characters and the space or newline that ends it, else a
    # hard cut of `width` characters (a word longer than the line). Only the end of each match is
    # kept: asking a match for anything more costs as much again as the matching.
    return re.compile(rf"[^\n]{{0,{width - 1}}}(?:[ \t\n]|$)|[^\n]{{{width}}}")


def wrap_ends(text: str, width: int) -> array:
    """Where each screen line of ``text`` wrapped at ``width`` cells ends (line ``i`` runs from
    the end of line ``i - 1``, or 0, to ``ends[i]``, its closing space or newline included)."""
    ends = array("q", [m.end() for m in _wrapper(max(width, 2)).finditer(text)])
    while len(ends) > 1 and ends[-1] == ends[-2]:
        ends.pop()  # the empty match at the very end of the text
    return ends


def _overlapping(starts: list[int], spans: list, start: int, end: int, *, at: int = 0) -> Iterator[int]:
    """Indexes of the ``spans`` (sorted by start; ``span[at]`` is the start, ``span[at+1]`` the end)
    that overlap ``[start, end)``; a span that starts before the line is found too."""
    i = max(bisect_right(starts, start) - 2, 0)  # the one that starts before may cover the line
    while i < len(spans) and starts[i] < end:
        if spans[i][at + 1] > start:
            yield i
        i += 1


class ReadingLayout:
    """``document`` wrapped at ``width`` cells: lookups from offsets to screen lines and back."""

    def __init__(self, document: ReadingDocument, width: int) -> None:
        self.document = document
        self.width = max(width, 1)
        self.ends = wrap_ends(document.text, self.width)
        self.heading_starts = [h[0] for h in document.headings]

    def __len__(self) -> int:
        return len(self.ends)

    def line_of(self, offset: int) -> int:
        """The screen line that shows document offset ``offset``."""
        return min(bisect_right(self.ends, offset), len(self.ends) - 1)

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """The first and last screen line of the text ``[start, end)``."""
        return self.line_of(start), self.line_of(max(end - 1, start))

    def line_span(self, line: int) -> tuple[int, int]:
        """The document offsets ``[start, end)`` of screen line ``line`` (its closing space or
        newline included)."""
        return (self.ends[line - 1] if line > 0 else 0), self.ends[line]

    def headings_on(self, line: int) -> list[tuple[int, int, int]]:
        """The section headings ``(start, end, level)`` on line ``line``."""
        start, end = self.line_span(line)
        headings = self.document.headings
        return [headings[i] for i in _overlapping(self.heading_starts, headings, start, end)]


class SpanWindows:
    """The facts and figures of a document, as far as they were read: windows of
    :data:`WINDOW` characters of its text, each read once (by a worker) and kept."""

    def __init__(self) -> None:
        self._windows: dict[int, tuple[ReadingSpans, list[int], list[int]]] = {}

    @staticmethod
    def windows_of(start: int, end: int) -> range:
        """The windows that the text ``[start, end)`` touches."""
        return range(start // WINDOW, max(end - 1, start) // WINDOW + 1)

    @staticmethod
    def bounds(window: int) -> tuple[int, int]:
        """The text offsets ``[start, end)`` of ``window``."""
        return window * WINDOW, (window + 1) * WINDOW

    def missing(self, start: int, end: int) -> list[int]:
        """The windows of ``[start, end)`` not read yet."""
        return [w for w in self.windows_of(start, end) if w not in self._windows]

    def add(self, window: int, spans: ReadingSpans) -> None:
        """Keep what was read for ``window``."""
        self._windows[window] = (spans, [f[1] for f in spans.facts], [g[0] for g in spans.figures])

    def facts_on(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The facts ``(id, start, end)`` that overlap ``[start, end)``, from the windows read."""
        found: dict[int, tuple[int, int, int]] = {}
        for window in self.windows_of(start, end):
            if window in self._windows:
                spans, starts, _ = self._windows[window]
                for i in _overlapping(starts, spans.facts, start, max(end, start + 1), at=1):
                    found[spans.facts[i][0]] = spans.facts[i]
        return list(found.values())

    def figures_on(self, start: int, end: int) -> list[tuple[int, int]]:
        """The figures ``(start, end)`` that overlap ``[start, end)``, from the windows read."""
        found: set[tuple[int, int]] = set()
        for window in self.windows_of(start, end):
            if window in self._windows:
                spans, _, starts = self._windows[window]
                found.update(spans.figures[i] for i in _overlapping(starts, spans.figures, start, end))
        return sorted(found)
