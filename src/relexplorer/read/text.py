"""Character and whitespace normalisation passes, each recording its edits in the offset map.

- Line ends: CRLF / CR -> LF.
- HTML entities (``&nbsp;``, ``&amp;``, ``&#8217;``) decoded (not for HTML, whose parser
  already did).
- Control characters, ANSI escapes and zero-width characters removed; other line breaks
  (VT, FF, U+2028, U+2029, NEL) -> LF; lone surrogates -> U+FFFD.
- NBSP, tabs and other Unicode spaces -> space; runs of spaces collapsed; every line
  stripped of leading and trailing spaces.
- Runs of 3+ blank lines -> 2; leading and trailing blank space removed.
"""

from __future__ import annotations

import html
import re
from itertools import accumulate

from relexplorer.read.offsets import OffsetMap, substitute

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ODD = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]"  # ANSI CSI escape sequences, removed whole
    r"|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad\ufff9-\ufffb\u180e]+"
    r"|[\x0b\x0c\x85\u2028\u2029]"
    r"|[\ud800-\udfff]"
)
_ODD_ANY = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u00ad\ufff9-\ufffb\u180e"
    r"\u2028\u2029\ud800-\udfff]"
)
_SPACES = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Two passes that each start with a plain character class, which the regex engine scans
# for quickly: runs and odd spaces, then single spaces at the edges of lines.
_WS_RUNS = re.compile(rf"[{_SPACES}][{_SPACES}]+|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_WS_EDGES = re.compile(r" \n ?|\n ")
_BLANKS = re.compile(r"\n{4,}")


def normalise_line_ends(text: str, omap: OffsetMap) -> str:
    """CRLF and lone CR -> LF."""
    if "\r" in text:
        parts = text.split("\r\n")
        if len(parts) > 1:
            ends = accumulate(len(p) + 2 for p in parts[:-1])
            omap.apply([(e - 2, e, 1) for e in ends])
            text = "\n".join(parts)
        text = text.replace("\r", "\n")
    return text


def _decode_entity(m: re.Match[str]) -> str | None:
    decoded = html.unescape(m.group()).replace("\r", "\n")  # "&#13;" is a line break too
    return None if decoded == m.group() else decoded


def decode_entities(text: str, omap: OffsetMap) -> str:
    """HTML character references decoded."""
    if "&" in text:
        text = substitute(_ENTITY, _decode_entity, text, omap)
    return text


def _replace_odd(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in "\x0b\x0c\x85\u2028":
        return "\n"
    if ch == "\u2029":
        return "\n\n"
    if "\ud800" <= ch[0] <= "\udfff":
        return "\ufffd"
    return ""


def remove_odd(text: str, omap: OffsetMap) -> str:
    """Control, escape and zero-width characters removed; odd line breaks -> LF."""
    if _ODD_ANY.search(text):  # a quick scan first: most texts have none of these
        text = substitute(_ODD, _replace_odd, text, omap)
    return text


def _replace_ws(m: re.Match[str]) -> str | None:
    s = m.group()
    start = m.start()
    string = m.string
    at_line_start = start == 0 or string[start - 1] == "\n"
    at_line_end = m.end() == len(string) or string[m.end()] == "\n"
    if at_line_start or at_line_end:
        return ""
    return None if s == " " else " "


def normalise_spaces(text: str, omap: OffsetMap) -> str:
    """Unicode spaces -> one space; lines stripped of leading and trailing spaces."""
    text = substitute(_WS_RUNS, _replace_ws, text, omap)
    return substitute(_WS_EDGES, "\n", text, omap)


def collapse_blank_lines(text: str, omap: OffsetMap) -> str:
    """Runs of 3+ blank lines -> 2."""
    return substitute(_BLANKS, "\n\n\n", text, omap)


def strip_ends(text: str, omap: OffsetMap) -> str:
    """Leading and trailing blank space removed."""
    head = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    if head == 0 and tail == len(text):
        return text
    if head >= tail:
        omap.apply([(0, len(text), 0)])
        return ""
    edits = [(0, head, 0)] if head else []
    if tail < len(text):
        edits.append((tail, len(text), 0))
    omap.apply(edits)
    return text[head:tail]
