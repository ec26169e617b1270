"""Page furniture among the lines of a text, known by the debris rules or by its shape.

By the rules (``data/debris.yaml``, see :mod:`relexplorer.extract.debris`): font-size
controls, share buttons, advertising, log-in, cookie and subscription prompts, copyright lines,
image credits, and "Related articles" / "Most read" blocks (the opening line and the short,
link-like lines after it); code fences and the code inside, lines of symbols only and page
numbers are skipped; everything after a "References" / "Notes" heading is back matter.

By its shape, where no rule names the words:

- a **menu**: a run of at least :data:`RUN_MIN` lines that are short and link-like
  ("Academia", "Popular", "WhatApp", "Video & Multimedia") or furniture by the rules; its
  short lines are furniture, except those the caller keeps (the title block) and its last line
  when prose follows (a heading);
- a **reader poll**: a question right above such a run of answers ("Under 2 million THB");
- a **drop cap**: a capital letter alone on its line above the paragraph that starts with it
  (the reader has already joined ``I`` / ``ndonesia``).
"""

from __future__ import annotations

import re

from relexplorer.extract.debris import DebrisRules
from relexplorer.extract.structure.dates import find_date, only_date
from relexplorer.extract.structure.headings import LIST_MARK, MD_HEADING, heading_label
from relexplorer.extract.structure.lines import Line, is_prose
from relexplorer.extract.structure.metadata import full_names, metadata_fields, signed_or_dated
from relexplorer.lexicon import LINE_MAX, SENTENCE_END

# A menu is a run of at least this many link-like or furniture lines.
RUN_MIN = 3
# A link-like line (a menu item, a button, an answer of a poll) is at most this long.
NAV_CHARS = 40
NAV_WORDS = 5
# A "Related articles" block runs to at most this many link lines.
_LINK_BLOCK_LINES = 20
# A poll's question is at most this many words.
_POLL_QUESTION_WORDS = 25

_ONLY_SYMBOLS = re.compile(r"[\W_]+")
_PAGE_NUMBER = re.compile(r"\d{1,4}|-\s*\d{1,4}\s*-|(?i:page\s+\d{1,4}(\s+of\s+\d{1,4})?)")
_FENCE = re.compile(r"(```|~~~)")
_DROP_CAP = re.compile(r"[\"“‘']?([A-Z])")
_NUMBERED = re.compile(r"\d{1,2}(?:\.\d{1,2})*[.)]?\s")


def nav_like(s: str) -> bool:
    """A short line that ends no sentence and is no date, heading label or list item: a menu
    item, a button, a tag, an answer of a poll."""
    if len(s) > NAV_CHARS or len(s.split()) > NAV_WORDS or s[-1] in SENTENCE_END + ":;,":
        return False
    if MD_HEADING.match(s) or heading_label(s) or _NUMBERED.match(s) or LIST_MARK.match(s):
        return False
    found = find_date(s)
    if found and found[0].count("-") == 2:
        return False  # a line with a full date is metadata
    return not metadata_fields(s, header=True)


def link_like(s: str) -> bool:
    """A short line without a sentence end: a link in a "Related articles" block."""
    return (
        len(s) <= LINE_MAX
        and len(s.split()) <= 28
        and s[-1] not in ".。!！"
        and not MD_HEADING.match(s)
    )


def mark_by_rules(lines: list[Line], rules: DebrisRules) -> None:
    """Mark debris by the rules, link blocks, code, symbol-only lines and back matter."""
    in_fence = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind != "body":
            i += 1
            continue
        if _FENCE.match(ln.text):
            in_fence = not in_fence
            ln.kind = "skip"
        elif in_fence or _ONLY_SYMBOLS.fullmatch(ln.text) or _PAGE_NUMBER.fullmatch(ln.text):
            ln.kind = "skip"
        elif rules.is_back_matter_heading(ln.text) and i > len(lines) // 3:
            for rest in lines[i:]:
                if rest.kind == "body":
                    rest.kind = "back"
            break
        elif rules.opens_link_block(ln.text):
            ln.kind = "debris"
            i = _link_block(lines, i)
            continue
        elif rules.is_debris(ln.text):
            ln.kind = "debris"
        i += 1


def _link_block(lines: list[Line], i: int) -> int:
    """Mark the link lines after the opening line ``i`` of a "Related articles" block; the
    index of the first line after the block."""
    j = i + 1
    while j < len(lines) and j - i <= _LINK_BLOCK_LINES and link_like(lines[j].text):
        if j + 1 < len(lines) and (
            (lines[j].block != lines[j - 1].block and not link_like(lines[j + 1].text))
            or _above_byline(lines, j)
        ):
            break  # a short line alone before prose: a heading; before a by-line: a title
        if lines[j].kind == "body":
            lines[j].kind = "debris"
        j += 1
    return j


def _above_byline(lines: list[Line], j: int) -> bool:
    """Line ``j`` stands right above a by-line or date line (or a bare name and then one)."""
    nxt = lines[j + 1].text
    if signed_or_dated(nxt):
        return True
    return j + 2 < len(lines) and bool(full_names(nxt)) and signed_or_dated(lines[j + 2].text)


def nav_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """The menus: ``(first, end)`` line ranges of at least :data:`RUN_MIN` lines each of which
    is link-like or already furniture, with at least two link-like ones among them."""
    runs = []
    start = None
    count = 0
    for i, ln in enumerate([*lines, None]):
        member = ln is not None and (
            ln.kind in ("debris", "skip") or (ln.kind == "body" and nav_like(ln.text))
        )
        if member:
            if start is None:
                start, count = i, 0
            count += ln.kind == "body"
            continue
        if start is not None and i - start >= RUN_MIN and count >= 2:
            runs.append((start, i))
        start = None
    return runs


def mark_by_shape(lines: list[Line], runs: list[tuple[int, int]], keep: set[int]) -> None:
    """Mark the link-like lines of the menus ``runs`` (but not those in ``keep``), the
    questions of polls above them, and drop caps."""
    for start, end in runs:
        last = end - 1
        if end < len(lines) and lines[end].kind == "body" and is_prose(lines[end].text):
            last -= 1  # a short line right above prose: a heading ("What comes next")
        for k in range(start, last + 1):
            if lines[k].kind == "body" and k not in keep:
                lines[k].kind = "debris"
        question = start - 1
        if question >= 0 and question not in keep and _poll_question(lines[question].text):
            lines[question].kind = "debris"
    for k in range(len(lines) - 1):
        ln = lines[k]
        m = _DROP_CAP.fullmatch(ln.text)
        if m and ln.kind == "body" and k not in keep:
            nxt = lines[k + 1].text.lstrip("\"“‘'")
            if nxt.startswith(m.group(1)) and len(nxt) > NAV_CHARS:
                ln.kind = "debris"


def _poll_question(s: str) -> bool:
    return s.endswith(("?", "？")) and len(s.split()) <= _POLL_QUESTION_WORDS


def breadcrumbs(s: str) -> bool:
    """Breadcrumbs and category rows in a header: ``Home | News | World``, ``Home > Opinion``."""
    parts = re.split(r"\s*[|｜>»›]\s*|\s+/\s+", s)
    breadcrumb = re.search(r"[>»›]|\s/\s", s) is not None
    return (
        (len(parts) >= 3 or (breadcrumb and len(parts) >= 2))
        and len(s) <= 100
        and all(0 < len(p.split()) <= 4 for p in parts)
        and not any(only_date(p) for p in parts)
    )
