"""Sentences: split a paragraph into sentences with exact offsets.

STUB -- being replaced by the real splitter (see the helper task).
"""

from __future__ import annotations

import re

_END = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text[start:end]``, whitespace trimmed."""
    end = len(text) if end is None else end
    spans = []
    for m in _END.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans
