"""Joining hard-wrapped lines: lines broken inside a paragraph are joined back into one line.

Joined with one space (with nothing between CJK characters, and ``inter-\\nnational`` ->
``inter-national``); a drop cap alone on its line is joined to the rest of its word
(``I`` / ``ndonesia`` -> ``Indonesia``). Markdown paragraphs are always joined; plain text only when the document
is visibly wrapped at a fixed width: its long lines end near one column and often run on into
a line that starts in lower case (menus, buttons and headlines of a copied page around the
wrapped report do not hide it). Headings, list items, table rows, metadata lines and web
debris are never joined, and nothing is joined in a text of more than ``MAX_JOIN_LINES`` lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from relexplorer.extract.debris import load_debris
from relexplorer.extract.structure.dates import only_date
from relexplorer.lexicon import LINE_MAX
from relexplorer.read.offsets import OffsetMap, substitute

MAX_JOIN_LINES = 1_500_000

# A plain text is wrapped at width W when its long lines (of _WRAP_MIN_WIDTH characters or
# more, which leaves out menus, buttons and headings of a copied page) cluster just under W: W
# is their length at the _WRAP_PERCENTILE quantile, from _WRAP_MIN_WIDTH to _WRAP_MAX_WIDTH, and
# at least _WRAP_MIN_LINES of them, and _WRAP_NEAR_SHARE, are from W - _WRAP_NEAR_BELOW to
# W + _WRAP_NEAR_ABOVE long. And the breaks must visibly fall inside sentences: at least
# _WRAP_MIN_LINES, and _WRAP_RUN_ON_SHARE, of those near lines run on into a next line that
# starts with a lower-case letter (or in a script without case) and is long or ends a sentence
# itself - a list of headlines of even length never does, "by NAME" under a teaser is short.
_WRAP_MIN_LINES = 3
_WRAP_PERCENTILE = 0.95
_WRAP_MIN_WIDTH = 30
_WRAP_MAX_WIDTH = 160
_WRAP_NEAR_BELOW = 20
_WRAP_NEAR_ABOVE = 5
_WRAP_NEAR_SHARE = 0.3
_WRAP_RUN_ON_SHARE = 0.1
# Only lines shorter than this share of the wrap width (and than LINE_MAX) are tested as
# metadata or debris lines; in Markdown, which has no wrap width, lines shorter than
# _FIXED_MAX_MD.
_FIXED_SHARE = 0.8
_FIXED_MAX_MD = 100
# In a wrapped text, a line shorter than this share of the width after a sentence end is a
# heading or a label when it ends none itself (see _separators).
_SHORT_SHARE = 0.75
# In Markdown, a line shorter than this without closing punctuation, before a capital or a
# digit, is a heading or a label.
_LABEL_MAX = 60

# Line shapes that are never joined to the line before them (matched at line starts).
_STARTS_BLOCK = re.compile(
    r"^(?:#{1,6}\s|>|\||```|~~~|[-*+•·▪●◦‣■□➢►]\s|\(\d{1,3}\)\s|[A-Z][.)]\s|[a-z]\)\s"
    r"|[IVXLC]{1,7}[.)]\s|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
    r"|[-=*_]{3,}[ \t]*$|\[\^?\w+\]:|\d{1,4}[ \t]*$)",
    re.M,
)
# Line shapes that open a numbered item or heading, or a dash of an aside ("1. ", "2.1 ",
# "— "): never joined to the line before, except in a wrapped text where that line ends no
# sentence and the number's first word would not have fitted on it ("between 0.6 and" /
# "0.7 millimeters").
_STARTS_ITEM = re.compile(r"^(?:\d{1,3}[.)]\s|\d{1,2}\.\d{1,2}\.?\s|[–—]\s)", re.M)
# Line shapes that never absorb the line after them: headings, fences, rules, table rows
# and header blocks ("Journal | Author: ...").
_ENDS_BLOCK = re.compile(r"^(?:#{1,6}\s|```|~~~|[-=*_]{3,}[ \t]*$|\d{1,4}[ \t]*$)", re.M)
_PIPE = re.compile(r"[|｜]")  # a line with a pipe (a header block, a table row) ends its block
_METADATA_LINE = re.compile(
    r"^(?:(?:By|BY|Written by|Text by)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|and|&|de|van|von|da|bin|al|,)){0,8}"
    r"(?:[ \t]*(?:[|–—-]|\d).*[^.!?。])?[ \t]*$|(?i:by)[ \t]*$"
    # "by Jeff Foust — November 18, 2019" (no sentence end: "by Kyrgyzstan and Uzbekistan." ends one)
    r"|by[ \t]+[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*\.?|and|&|de|van|von|da|bin|al|,)){0,8}"
    r"(?:[ \t]*(?:[|–—-]|\d).*)?(?<![.!?。])[ \t]*$"
    r"|(?i:from[ \t]+\S.{0,60}[ \t]+(?:website|online|app))[ \t]*$"
    r"|(?i:(?:by|published|updated|last updated|posted|first published|date|time|author|authors|writer"
    r"|editor|editors|edited by|source|photo|credit|tags|keywords|filed under|translated by"
    r"|translator|newspaper section|category|作者|时间|日期|来源|责编|编辑|责任编辑)[ \t]*[:：]))",
    re.M,
)
# A drop cap copied from a page: the first letter alone on its line, the rest of its word
# opening the next ("I" / "ndonesia's trade ministry ...").
_DROP_CAP = re.compile(r"^([\"“‘']?[A-Z])\n(?=[a-z]{2})", re.M)
_BY = re.compile(r"by(?:\s|$)")
# A line that ends in one of these words (or a comma) goes on in the next line.
_RUNS_ON_WORD = re.compile(
    r"(?:,|\b(?:a|an|the|of|in|on|at|to|for|with|by|from|and|or|but|as|into|than|that|which|who"
    r"|whose|its|their|his|her|our|this|these|those|is|are|was|were|be|been|has|have|had|will"
    r"|would|can|could|should|may|might|not|no|about|over|under|between|after|before|since))$",
    re.I,
)
_TERMINAL = '.!?。！？:;"”’)]'
_CJK = re.compile(
    r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


def _drop_cap(m: re.Match[str]) -> str:
    return m.group(1)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def _runs_on(line: str, nxt: str) -> bool:
    """The break between ``line`` and ``nxt`` falls inside a sentence, visibly: ``nxt`` starts
    in lower case, or in a script without case (CJK, Hangul, Arabic ...) after no sentence end."""
    first = nxt[0]
    if first.islower():
        return True
    return first.isalpha() and not first.isupper() and line[-1] not in _TERMINAL


def _wrap_width(lines: list[str], pairs: list[int]) -> int:
    """The column a plain-text document is hard-wrapped at, or 0 if it is not wrapped."""
    long = [i for i in pairs if len(lines[i]) >= _WRAP_MIN_WIDTH]
    if len(long) < _WRAP_MIN_LINES:
        return 0
    ordered = sorted(len(lines[i]) for i in long)
    width = ordered[min(len(ordered) - 1, int(len(ordered) * _WRAP_PERCENTILE))]
    if width > _WRAP_MAX_WIDTH:
        return 0
    near = [
        i for i in long if width - _WRAP_NEAR_BELOW <= len(lines[i]) <= width + _WRAP_NEAR_ABOVE
    ]
    if len(near) < max(_WRAP_MIN_LINES, _WRAP_NEAR_SHARE * len(long)):
        return 0
    run_on = sum(
        1
        for i in near
        if _runs_on(lines[i], lines[i + 1])
        and (len(lines[i + 1]) >= width / 2 or lines[i + 1][-1] in _TERMINAL)
    )
    return width if run_on >= max(_WRAP_MIN_LINES, _WRAP_RUN_ON_SHARE * len(near)) else 0


def join_lines(text: str, fmt: str, omap: OffsetMap) -> str:
    """Join hard-wrapped lines inside paragraphs, and drop caps to their word (see the module
    docstring)."""
    if text.count("\n") > MAX_JOIN_LINES:
        return text  # millions of lines are not wrapped prose; and splitting them costs memory
    text = substitute(_DROP_CAP, _drop_cap, text, omap)
    lines = text.split("\n")
    n = len(lines)
    if n < 2:
        return text
    pairs, items = _candidate_pairs(text, lines)
    if not pairs:
        return text
    if fmt == "md":
        width = 0
    else:
        width = _wrap_width(lines, pairs)
        if not width:
            return text
    pairs = _without_fixed_lines(lines, pairs, width)
    if not pairs:
        return text
    seps = _separators(lines, pairs, width, items)
    deletions = [i for i in range(n - 1) if seps[i] == ""]
    if deletions:
        ends = list(accumulate(len(x) + 1 for x in lines))  # offset just past each "\n"
        omap.apply([(ends[i] - 1, ends[i], 0) for i in deletions])
    out = [None] * (2 * n - 1)
    out[0::2] = lines
    out[1::2] = seps
    return "".join(out)


def _candidate_pairs(text: str, lines: list[str]) -> tuple[list[int], set[int]]:
    """Each ``i`` where ``lines[i]`` and ``lines[i + 1]`` may be joined by their shapes, and
    those of them where ``lines[i + 1]`` opens a numbered item (see ``_STARTS_ITEM``)."""
    n = len(lines)
    starts = [0, *accumulate(len(x) + 1 for x in lines[:-1])]
    index = {s: i for i, s in enumerate(starts)}
    keep_before = bytearray(n)  # 1: never joined to the line before; 2: only when wrapped
    keep_after = bytearray(n)  # 1: never joined to the line after
    # Whole-text scans (in C) rather than one regex call per line.
    for m in _STARTS_ITEM.finditer(text):
        keep_before[index[m.start()]] = 2
    for m in _STARTS_BLOCK.finditer(text):
        keep_before[index[m.start()]] = 1
    for m in _ENDS_BLOCK.finditer(text):
        keep_after[index[m.start()]] = 1
    for m in _PIPE.finditer(text):
        keep_after[bisect_right(starts, m.start()) - 1] = 1
    pairs = [
        i
        for i in range(n - 1)
        if lines[i] and lines[i + 1] and not keep_after[i] and keep_before[i + 1] != 1
    ]
    return pairs, {i for i in pairs if keep_before[i + 1] == 2}


def _without_fixed_lines(lines: list[str], pairs: list[int], width: int) -> list[int]:
    """``pairs`` without those where either line is a metadata or furniture line."""
    # Furniture and metadata lines keep their own line. Only short lines of candidate pairs
    # are tested (a full-width wrapped line is prose), and only against the whole-line debris
    # rules (the "contains" rules are costly).
    debris = load_debris().line
    limit = min(LINE_MAX, _FIXED_SHARE * width) if width else _FIXED_MAX_MD
    fixed: dict[int, bool] = {}

    def is_fixed(i: int) -> bool:
        v = fixed.get(i)
        if v is None:
            line = lines[i]
            v = fixed[i] = len(line) < limit and (
                _METADATA_LINE.match(line) is not None
                or debris.fullmatch(line) is not None
                or bool(only_date(line))
            )
        return v

    return [i for i in pairs if not is_fixed(i) and not is_fixed(i + 1)]


def _first_prose(lines: list[str], pairs: list[int], short: float) -> int:
    """The first line of the first paragraph of a wrapped text: the first full line that runs
    on into a line starting in lower case (or a long one starting with a number), or a line
    above it that ends in a comma or a word
    that cannot end a sentence ("in", "the") - a headline does not (above: title, standfirst,
    by-line, menus)."""
    joinable = set(pairs)
    for i in pairs:
        line = lines[i]
        nxt = lines[i + 1]
        if (
            len(line) >= short
            and line[-1] not in _TERMINAL
            and (nxt[0].islower() or (nxt[0].isdigit() and len(nxt) >= short / 2))
        ):
            while i - 1 in joinable and _RUNS_ON_WORD.search(lines[i - 1]):
                i -= 1  # back to the paragraph's first line
            return i
    return 0


def _continues_headline(line: str, nxt: str, width: int, short: float) -> bool:
    """Above the first paragraph, ``nxt`` goes on with ``line``: it starts in lower case (and
    is no "by NAME"), or it is a short tail whose first word did not fit on a full line."""
    if nxt[0].islower():
        return not _BY.match(nxt)
    space = nxt.find(" ")
    return (
        len(nxt) < short / 2
        and len(line) >= short
        and line[-1] not in _TERMINAL
        and len(line) + 1 + (space if space >= 0 else len(nxt)) > width
    )


def _separators(lines: list[str], pairs: list[int], width: int, items: set[int]) -> list[str]:
    """What goes between each line and the next: ``"\\n"`` (kept), ``" "`` or ``""`` (joined).

    In a wrapped text a break is the author's (a paragraph's last line, a heading, a menu item)
    when the next line's first word would have fitted on the line, unless the next line starts
    in lower case. After a sentence end, a short line that ends none is a heading or a label,
    not the rest of a paragraph. Above the first paragraph (title, standfirst, by-line), only a
    line that starts in lower case (and is no "by NAME") or a hyphenated word is joined.
    """
    short = _SHORT_SHARE * width
    seps = ["\n"] * (len(lines) - 1)
    prose_from = _first_prose(lines, pairs, short) if width else 0
    for i in pairs:
        line, nxt = lines[i], lines[i + 1]
        last, first = line[-1], nxt[0]
        hyphen = last == "-" and first.isalpha() and len(line) > 1 and line[-2].isalpha()
        if i < prose_from and not hyphen and not _continues_headline(line, nxt, width, short):
            continue  # the title, standfirst and by-line above the first paragraph
        if i in items:
            if not width or last in _TERMINAL or len(line) < short:
                continue  # a numbered item, or an aside set off by a dash
        elif hyphen:
            pass  # "inter-" / "China-" at the end of a line: always a wrapped word
        elif width:
            if not _runs_on(line, nxt):
                space = nxt.find(" ")
                # a line near the width only counts as short by a margin: text copied from a
                # PDF is not wrapped by counting characters
                room = width if len(line) < short else width - max(3, width // 15)
                if len(line) + 1 + (space if space >= 0 else len(nxt)) <= room:
                    continue  # the next word would have fitted: the break was the author's
                if last in _TERMINAL and len(nxt) < short and nxt[-1] not in _TERMINAL:
                    continue  # a heading or a label after a paragraph
        elif (
            len(line) < _LABEL_MAX
            and last not in _TERMINAL
            and (first.isupper() or first.isdigit())
        ):
            continue  # a short line without punctuation before a capital: a heading or label
        if last >= "\u3000" and first >= "\u3000" and _is_cjk(last) and _is_cjk(first):
            seps[i] = ""
        elif hyphen:
            seps[i] = ""
        else:
            seps[i] = " "
    return seps
