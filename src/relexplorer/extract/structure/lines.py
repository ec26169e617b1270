"""The units the structure parser classes: lines, or coarse blocks of a pathological text.

The text is read line by line (the reader has already joined hard-wrapped lines, so a line
is a paragraph, a heading, a list item or a line of a header block); blank lines separate
blocks. When a text of eight lines or more has fewer than a fifth as many blocks as lines, its
paragraphs are separated by single line breaks, and every line is a block of its own.

A text of more than :data:`MAX_LINES` lines, or of more than :data:`SHORT_LINES` lines that
average under :data:`SHORT_LINE` characters, is read in blank-line separated blocks (or 64 KB
slices) instead of lines, so that time and memory stay proportional to its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relexplorer.lexicon import SENTENCE_END


@dataclass(slots=True)
class Line:
    """A stripped line (or coarse block) of the text, with its offsets and its block number."""

    start: int
    end: int
    text: str
    block: int
    kind: str = "body"  # body | debris | meta | skip | heading | back


MAX_LINES = 300_000
# More than SHORT_LINES lines of fewer than SHORT_LINE characters on average are a list, a log
# or a column of numbers rather than prose: read in blocks as well, since every line read alone
# costs as much as a paragraph (100 000 two-character lines took 17 us each).
SHORT_LINES = 10_000
SHORT_LINE = 16
# Coarse reading cuts the text into slices of about this many characters (at a line end) when
# its blocks are as many and as short as its lines, or when one block is over _BLOCK_MAX.
_SLICE = 65536
_BLOCK_MAX = 1 << 20

_CJK = re.compile(r"[\u3400-\u9fff]")


def read_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, numbered by block (coarse units if huge)."""
    breaks = text.count("\n")
    if breaks > MAX_LINES or (breaks > SHORT_LINES and len(text) < SHORT_LINE * breaks):
        return _coarse_lines(text)
    out: list[Line] = []
    block = 0
    last_end = 0
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        if text.count("\n", last_end, m.start()) > 1:
            block += 1
        lead = len(raw) - len(raw.lstrip())
        out.append(Line(m.start() + lead, m.start() + lead + len(stripped), stripped, block))
        last_end = m.end()
    if len(out) >= 8 and block + 1 < 0.2 * len(out):
        # paragraphs separated by single line breaks: every line stands alone
        for i, ln in enumerate(out):
            ln.block = i
    return out


def _coarse_lines(text: str) -> list[Line]:
    """Units for a text of more than :data:`MAX_LINES` lines (a list of numbers, a log...):
    blank-line separated blocks, or slices of about 64 KB cut at line ends, so that time and
    memory stay proportional to the size of the text rather than to its number of lines."""
    out: list[Line] = []
    spans = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    many = len(spans) > MAX_LINES // 4 or (
        len(spans) > SHORT_LINES and len(text) < SHORT_LINE * len(spans)
    )  # blocks as short as the lines that brought us here: no better
    if many or max(b - a for a, b in spans) > _BLOCK_MAX:
        spans = []
        pos = 0
        while pos < len(text):
            cut = text.find("\n", pos + _SLICE)
            cut = len(text) if cut == -1 else cut
            spans.append((pos, cut))
            pos = cut + 1
    for i, (a, b) in enumerate(spans):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Line(a, b, text[a:b], i))
    return out


def has_cjk(s: str) -> bool:
    """True when ``s`` holds a CJK ideograph."""
    return _CJK.search(s) is not None


def is_prose(s: str) -> bool:
    """A line that reads as running text (a paragraph), not a title or label."""
    if len(s) > 200:
        return True
    words = len(s.split())
    s = s.rstrip("\"”’'»)]") or s  # a sentence that ends inside quotes or brackets
    if s[-1] in "?？":  # questions are often titles and headings
        return words >= 15 or (has_cjk(s) and len(s) >= 30)
    return s[-1] in SENTENCE_END and (words >= 8 or (has_cjk(s) and len(s) >= 20))
