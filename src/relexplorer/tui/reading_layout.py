"""The reading view's layout: a document's text wrapped into screen lines, and what each line shows.

Pure (no Textual), so that it can be tested and timed alone. Lines are kept as two arrays of
offsets into the document text rather than as strings or rich objects: a 20 MB report wraps into
a few hundred thousand lines, and only the lines on screen are ever turned into text. Wrapping
is greedy at word boundaries, done by one regular expression per long paragraph (the loop runs
in C), and counts one cell per character (wide CJK characters may run past the edge and be cut).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from relexplorer.catalog import ReadingDocument


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
    i = max(bisect_right(starts, start) - 1, 0)
    # A long span starting well before may cover the line; look back a little for it.
    i = max(i - 2, 0)
    while i < len(spans) and starts[i] < end:
        if spans[i][at + 1] > start:
            yield i
        i += 1


class ReadingLayout:
    """``document`` wrapped at ``width`` cells, with lookups from offsets to lines and back."""

    def __init__(self, document: ReadingDocument, width: int) -> None:
        self.document = document
        self.width = max(width, 1)
        self.ends = wrap_ends(document.text, self.width)
        self.fact_starts = [f[1] for f in document.facts]
        self.figure_starts = [g[0] for g in document.figures]
        self.heading_starts = [h[0] for h in document.headings]
        self.fact_index = {f[0]: i for i, f in enumerate(document.facts)}

    def __len__(self) -> int:
        return len(self.ends)

    def line_of(self, offset: int) -> int:
        """The screen line that shows document offset ``offset``."""
        return min(bisect_right(self.ends, offset), len(self.ends) - 1)

    def fact_lines(self, fact_id: int) -> tuple[int, int] | None:
        """The first and last screen line of fact ``fact_id`` (None if it is not in the document)."""
        index = self.fact_index.get(fact_id)
        if index is None:
            return None
        _, start, end = self.document.facts[index]
        return self.line_of(start), self.line_of(max(end - 1, start))

    def line_span(self, line: int) -> tuple[int, int]:
        """The document offsets ``[start, end)`` of screen line ``line`` (its closing space or
        newline included)."""
        return (self.ends[line - 1] if line > 0 else 0), self.ends[line]

    def facts_on(self, line: int) -> list[tuple[int, int, int]]:
        """The facts ``(id, start, end)`` that line ``line`` shows part of."""
        start, end = self.line_span(line)
        end = max(end, start + 1)
        facts = self.document.facts
        return [facts[i] for i in _overlapping(self.fact_starts, facts, start, end, at=1)]

    def figures_on(self, line: int) -> list[tuple[int, int]]:
        """The figures ``(start, end)`` that line ``line`` shows part of."""
        start, end = self.line_span(line)
        figures = self.document.figures
        return [figures[i] for i in _overlapping(self.figure_starts, figures, start, end)]

    def headings_on(self, line: int) -> list[tuple[int, int, int]]:
        """The section headings ``(start, end, level)`` on line ``line``."""
        start, end = self.line_span(line)
        headings = self.document.headings
        return [headings[i] for i in _overlapping(self.heading_starts, headings, start, end)]

    def neighbour(self, fact_id: int, step: int, among: list[int] | None = None) -> int | None:
        """The fact ``step`` places after (negative: before) ``fact_id`` in text order, among the
        ids ``among`` when given (a search's hits); None at either end."""
        facts = self.document.facts
        if among is None:
            index = self.fact_index.get(fact_id)
            if index is None:
                return None
            target = index + step
            return facts[target][0] if 0 <= target < len(facts) else None
        order = sorted(self.fact_index[i] for i in among if i in self.fact_index)
        here = self.fact_index.get(fact_id, -1)
        if step > 0:
            after = bisect_right(order, here)
            return facts[order[after]][0] if after < len(order) else None
        before = bisect_left(order, here) - 1
        return facts[order[before]][0] if before >= 0 else None
