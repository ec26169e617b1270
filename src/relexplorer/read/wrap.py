"""Joining hard-wrapped lines: lines broken inside a paragraph are joined back into one line.

Joined with one space (with nothing between CJK characters, and ``inter-\\nnational`` ->
``inter-national``). Markdown paragraphs are always joined; plain text only when the document
is visibly wrapped at a fixed width. Headings, list items, table rows, metadata lines and web
debris are never joined, and nothing is joined in a text of more than ``MAX_JOIN_LINES`` lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from relexplorer.extract.debris import load_debris
from relexplorer.read.offsets import OffsetMap

MAX_JOIN_LINES = 1_500_000

# Line shapes that are never joined to the line before them (matched at line starts).
_STARTS_BLOCK = re.compile(
    r"^(?:#{1,6}\s|>|\||```|~~~|[-*+•·▪●◦‣■□➢►–—]\s|\d{1,3}[.)]\s|\d{1,2}\.\d{1,2}\.?\s"
    r"|\(\d{1,3}\)\s|[A-Z][.)]\s|[a-z]\)\s|[IVXLC]{1,7}[.)]\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
    r"|[-=*_]{3,}[ \t]*$|\[\^?\w+\]:|\d{1,4}[ \t]*$)",
    re.M,
)
# Line shapes that never absorb the line after them: headings, fences, rules, table rows
# and header blocks ("Journal | Author: ...").
_ENDS_BLOCK = re.compile(r"^(?:#{1,6}\s|```|~~~|[-=*_]{3,}[ \t]*$|\d{1,4}[ \t]*$)", re.M)
_PIPE = re.compile(r"[|｜]")  # a line with a pipe (a header block, a table row) ends its block
_METADATA_LINE = re.compile(
    r"^(?:(?:By|BY|Written by|Text by)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|and|&|de|van|von|da|bin|al|,)){0,8}[ \t]*$"
    r"|(?i:(?:published|updated|last updated|posted|first published|date|time|author|authors|writer"
    r"|editor|editors|edited by|source|photo|credit|tags|keywords|filed under|translated by"
    r"|translator|newspaper section|category|作者|时间|日期|来源|责编|编辑|责任编辑)[ \t]*[:：]))",
    re.M,
)
_TERMINAL = '.!?。！？:;"”’)]'
_CJK = re.compile(
    r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None



def _wrap_width(lengths: list[int]) -> int:
    """The column a plain-text document is hard-wrapped at, or 0 if it is not wrapped."""
    if len(lengths) < 3:
        return 0
    ordered = sorted(lengths)
    width = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    if not 30 <= width <= 160:
        return 0
    near = sum(1 for n in lengths if width - 20 <= n <= width + 5)
    return width if near >= 3 and near >= 0.6 * len(lengths) else 0


def join_lines(text: str, fmt: str, omap: OffsetMap) -> str:
    """Join hard-wrapped lines inside paragraphs (see the module docstring)."""
    if text.count("\n") > MAX_JOIN_LINES:
        return text  # millions of lines are not wrapped prose; and splitting them costs memory
    lines = text.split("\n")
    n = len(lines)
    if n < 2:
        return text
    starts = [0, *accumulate(len(x) + 1 for x in lines[:-1])]
    index = {s: i for i, s in enumerate(starts)}
    keep_before = bytearray(n)  # 1: never joined to the line before
    keep_after = bytearray(n)  # 1: never joined to the line after
    # Whole-text scans (in C) rather than one regex call per line.
    for m in _STARTS_BLOCK.finditer(text):
        keep_before[index[m.start()]] = 1
    for m in _ENDS_BLOCK.finditer(text):
        keep_after[index[m.start()]] = 1
    for m in _PIPE.finditer(text):
        keep_after[bisect_right(starts, m.start()) - 1] = 1
    pairs = [
        i
        for i in range(n - 1)
        if lines[i] and lines[i + 1] and not keep_after[i] and not keep_before[i + 1]
    ]
    if not pairs:
        return text
    if fmt == "md":
        width = 0
    else:
        width = _wrap_width([len(lines[i]) for i in pairs])
        if not width:
            return text
    # Furniture and metadata lines keep their own line. Only short lines of candidate pairs
    # are tested (a full-width wrapped line is prose), and only against the whole-line debris
    # rules (the "contains" rules are costly).
    debris = load_debris().line
    limit = min(160, 0.8 * width) if width else 100
    fixed: dict[int, bool] = {}

    def is_fixed(i: int) -> bool:
        v = fixed.get(i)
        if v is None:
            line = lines[i]
            v = fixed[i] = len(line) < limit and (
                _METADATA_LINE.match(line) is not None or debris.fullmatch(line) is not None
            )
        return v

    pairs = [i for i in pairs if not is_fixed(i) and not is_fixed(i + 1)]
    if not pairs:
        return text
    short = 0.75 * width
    seps = ["\n"] * (n - 1)
    for i in pairs:
        line, nxt = lines[i], lines[i + 1]
        last, first = line[-1], nxt[0]
        hyphen = last == "-" and first.isalpha() and len(line) > 1 and line[-2].isalpha()
        if hyphen:
            pass  # "inter-" / "China-" at the end of a line: always a wrapped word
        elif width:
            if len(line) < short and not first.islower():
                space = nxt.find(" ")
                if len(line) + 1 + (space if space >= 0 else len(nxt)) <= width:
                    continue  # the next word would have fitted: the break was the author's
        elif len(line) < 60 and last not in _TERMINAL and (first.isupper() or first.isdigit()):
            continue  # a short line without punctuation before a capital: a heading or label
        if last >= "\u3000" and first >= "\u3000" and _is_cjk(last) and _is_cjk(first):
            seps[i] = ""
        elif hyphen:
            seps[i] = ""
        else:
            seps[i] = " "
    deletions = [i for i in range(n - 1) if seps[i] == ""]
    if deletions:
        ends = list(accumulate(len(x) + 1 for x in lines))  # offset just past each "\n"
        omap.apply([(ends[i] - 1, ends[i], 0) for i in deletions])
    out = [None] * (2 * n - 1)
    out[0::2] = lines
    out[1::2] = seps
    return "".join(out)

