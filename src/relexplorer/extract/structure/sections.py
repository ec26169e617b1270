"""Sections and paragraphs from the body lines, once headings have been found among them.

**Body**: every body line that is not a heading; consecutive lines are merged into one
paragraph when the first does not end a sentence.

**Levels**: Markdown headings by their number of ``#``; any other heading style takes, the
first time it appears, one level below the labelled section it appears in (so ``I.`` then
``A.`` gives 1 and 2); "Introduction", "Conclusion" and the like are always level 1.

**Sections**: the lead (body text before the first heading) is a section with label ``""`` and
heading ``"Introduction"``; an article without headings is one section, label ``""``, whose
heading is the title. A section spans from its heading to the end of its last paragraph (or
of the last heading inside it) before the next section of the same or a higher level, so
furniture between sections stays outside; ``parent`` is the nearest earlier section of a
lower level. Body paragraphs lie inside their section's span.
"""

from __future__ import annotations

from bisect import bisect_left

from relexplorer.extract.structure.headings import (
    GENERIC,
    LIST_MARK,
    Head,
    drop_lists,
    heading_candidates,
    keep_in_sequence,
)
from relexplorer.extract.structure.lines import Line
from relexplorer.lexicon import LEAD_HEADING, LINE_END
from relexplorer.model import Paragraph, Section

# The deepest section level.
_LEVEL_MAX = 3


def sections_and_paragraphs(
    text: str, lines: list[Line], title: str
) -> tuple[list[Section], list[Paragraph]]:
    """The sections and paragraphs of the ``body`` lines; ``title`` heads a text without
    headings."""
    body = [ln for ln in lines if ln.kind == "body"]
    heads = heading_candidates(text, body)
    drop_lists(heads)
    keep_in_sequence(heads)
    sections, paragraphs = _assemble(text, body, heads, _markdown_base(heads))
    if not sections and paragraphs:
        sections.append(Section("", title or "", 1, paragraphs[0].start, paragraphs[-1].end))
    _trim(text, paragraphs)
    _section_ends(text, sections, paragraphs)
    _parents(sections)
    _paragraph_sections(sections, paragraphs)
    return sections, paragraphs


def _markdown_base(heads: list[Head | None]) -> int:
    """The level of the shallowest Markdown heading in the body, which becomes level 1
    ("# Summary" above "## 1. ..." sections does not push them all down a level)."""
    md_levels = [h.md_level for h in heads if h and h.style == "md"]
    specific = [
        h.md_level for h in heads if h and h.style == "md" and not GENERIC.fullmatch(h.heading)
    ]
    return min(specific or md_levels or [1])


def _assemble(
    text: str, lines: list[Line], heads: list[Head | None], md_base: int
) -> tuple[list[Section], list[Paragraph]]:
    """Open a section at each heading and merge run-on lines into paragraphs."""
    sections: list[Section] = []
    styles: list[str] = []  # section index -> style
    paragraphs: list[Paragraph] = []
    style_level: dict[str, int] = {}
    current = -1
    pending: Paragraph | None = None
    pending_line: Line | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            paragraphs.append(pending)
            pending = None

    for ln, head in zip(lines, heads, strict=True):
        if head is not None:
            flush()
            if current < 0 and paragraphs:
                sections.append(
                    Section("", LEAD_HEADING, 1, paragraphs[0].start, paragraphs[0].end)
                )
                styles.append("lead")
                current = 0
            level = _level(head, md_base, style_level, sections, styles, current)
            sections.append(Section(head.label, head.heading, level, ln.start, ln.end))
            styles.append(head.style)
            current = len(sections) - 1
            if head.body_start is not None:
                pending = Paragraph(head.body_start, ln.end, current)
                pending_line = ln
            continue
        start = ln.start
        mark = LIST_MARK.match(ln.text)
        if mark and mark.end() < len(ln.text):
            start += mark.end()
        if (
            pending is not None
            and pending_line is not None
            and pending_line.block == ln.block
            and not mark
            and text[pending.end - 1] not in LINE_END
        ):
            pending.end = ln.end
            pending_line = ln
            continue
        flush()
        pending = Paragraph(start, ln.end, max(current, 0))
        pending_line = ln
    flush()
    return sections, paragraphs


def _level(
    head: Head,
    md_base: int,
    style_level: dict[str, int],
    sections: list[Section],
    styles: list[str],
    current: int,
) -> int:
    """The level of a new section under ``head``, the section ``current`` being open."""
    if head.style == "md":
        return max(1, min(_LEVEL_MAX, head.md_level - md_base + 1))
    if head.style == "title" and GENERIC.fullmatch(head.heading):
        return 1
    if head.style in style_level:
        return style_level[head.style]
    # first appearance: one level below the innermost labelled section we are in
    level = 1
    k = current
    while k >= 0:
        if styles[k] not in ("lead", "title"):
            level = min(_LEVEL_MAX, sections[k].level + 1)
            break
        k -= 1
    style_level[head.style] = level
    return level


def _trim(text: str, paragraphs: list[Paragraph]) -> None:
    """Paragraphs without surrounding white space; empty ones dropped."""
    for p in paragraphs:
        while p.start < p.end and text[p.start].isspace():
            p.start += 1
        while p.end > p.start and text[p.end - 1].isspace():
            p.end -= 1
    paragraphs[:] = [p for p in paragraphs if p.end > p.start]


def _section_ends(text: str, sections: list[Section], paragraphs: list[Paragraph]) -> None:
    """A section ends where its last paragraph (or the last heading inside it) ends, before
    the next section of the same or a higher level: debris between sections stays out."""
    # One pass from the end with a stack keeps this linear in sections and paragraphs.
    n = len(sections)
    heading_end = [sec.end for sec in sections]
    limit_index = [n] * n  # index of the next section of the same or a higher level
    stack: list[int] = []
    for i in range(n - 1, -1, -1):
        while stack and sections[stack[-1]].level > sections[i].level:
            stack.pop()
        limit_index[i] = stack[-1] if stack else n
        stack.append(i)
    starts = [p.start for p in paragraphs]
    for i, sec in enumerate(sections):
        j = limit_index[i]
        limit = sections[j].start if j < n else len(text) + 1
        end = max(heading_end[i], heading_end[j - 1])
        last = bisect_left(starts, limit) - 1
        if last >= 0 and paragraphs[last].start >= sec.start:
            end = max(end, paragraphs[last].end)
        while end > sec.start and text[end - 1].isspace():
            end -= 1
        sec.end = max(end, sec.start + 1)


def _parents(sections: list[Section]) -> None:
    """The parent is the nearest earlier section of a lower level."""
    stack: list[int] = []
    for i, sec in enumerate(sections):
        while stack and sections[stack[-1]].level >= sec.level:
            stack.pop()
        sec.parent = stack[-1] if stack else None
        stack.append(i)


def _paragraph_sections(sections: list[Section], paragraphs: list[Paragraph]) -> None:
    """Each paragraph belongs to the innermost section that starts at or before it."""
    k = -1
    for p in paragraphs:
        while k + 1 < len(sections) and sections[k + 1].start <= p.start:
            k += 1
        p.section = max(k, 0)
