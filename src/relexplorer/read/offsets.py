"""Offset bookkeeping: every normalisation pass reports its edits, and the map is composed.

A pass that changes the text describes what it did as a list of :data:`Edit` (a range of the
text before the pass and the length of what replaced it); :class:`OffsetMap` composes them
pass by pass into a piecewise-linear map from the current text back to the original, so that
:meth:`~relexplorer.read.source.Source.original_offset` stays exact. :func:`substitute` and
:func:`unwrap` are ``re.sub`` for the passes: they rewrite the text and record the edits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

Edit = tuple[int, int, int]  # (start, end, replacement length) in the text before a pass


class OffsetMap:
    """Piecewise-linear map from the current text back to the original text."""

    __slots__ = ("s", "o")

    def __init__(self) -> None:
        self.s: list[int] = []
        self.o: list[int] = []

    def __call__(self, pos: int) -> int:
        k = bisect_right(self.s, pos) - 1
        return pos if k < 0 else self.o[k] + (pos - self.s[k])

    def apply(self, edits: list[Edit]) -> None:
        """Account for a pass that replaced ``text[a:b]`` by ``r`` characters, per edit."""
        edits = [e for e in edits if e[1] - e[0] != e[2]]
        if not edits:
            return
        if not self.s:  # identity so far: the anchors come straight from the edits
            delta = 0
            for a, b, r in edits:
                delta += r - (b - a)
                self.s.append(b + delta)
                self.o.append(b)
            return
        sa, oa = self.s, self.o
        s: list[int] = []
        o: list[int] = []
        delta = 0
        i = 0
        for a, b, r in edits:
            j = bisect_right(sa, a, i)
            if delta:
                s.extend([x + delta for x in sa[i:j]])
            else:
                s.extend(sa[i:j])
            o.extend(oa[i:j])
            i = bisect_left(sa, b, j)  # anchors inside the replaced range are dropped
            out_end = a + delta + r
            delta += r - (b - a)
            k = bisect_right(sa, b) - 1
            s.append(out_end)
            o.append(b if k < 0 else oa[k] + (b - sa[k]))
        s.extend([x + delta for x in sa[i:]])
        o.extend(oa[i:])
        self.s, self.o = s, o

    def pairs(self, limit: int) -> list[tuple[int, int]]:
        """The anchors as ``(stored, original)`` pairs, original offsets capped at ``limit``."""
        return [(s, min(o, limit)) for s, o in zip(self.s, self.o, strict=True)]


def rebuild(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``text[a:b]`` replaced by ``r``, for ordered ``(a, b, r)`` edits."""
    pieces = []
    last = 0
    for a, b, r in edits:
        pieces.append(text[last:a])
        pieces.append(r)
        last = b
    pieces.append(text[last:])
    return "".join(pieces)


def substitute(
    pattern: re.Pattern[str], repl, text: str, omap: OffsetMap, end: int | None = None
) -> str:
    """``pattern.sub`` (on ``text[:end]``) that records its edits in ``omap``; ``repl(m)`` -> str,
    or None to skip."""
    edits = []
    for m in pattern.finditer(text, 0, len(text) if end is None else end):
        r = repl(m) if callable(repl) else repl
        if r is not None:
            edits.append((m.start(), m.end(), r))
    if not edits:
        return text
    omap.apply([(a, b, len(r)) for a, b, r in edits])
    return rebuild(text, edits)


def unwrap(pattern: re.Pattern[str], text: str, omap: OffsetMap, group: int = 1) -> str:
    """Keep only ``group`` of each match (drop the markup around it), as two deletions."""
    edits = []
    for m in pattern.finditer(text):
        edits.append((m.start(), m.start(group), ""))
        edits.append((m.end(group), m.end(), ""))
    if not edits:
        return text
    omap.apply([(a, b, 0) for a, b, _ in edits])
    return rebuild(text, edits)
