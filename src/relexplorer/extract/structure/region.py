"""Where the article sits among the lines of a copied page: its body, and its title block.

**Body**: each line weighs what it tells about being article text - prose counts for its
length (up to :data:`_PROSE_CAP` characters), a short sentence for half of it; a menu item, a
headline without a sentence end, a metadata line or furniture counts against; headings weigh
nothing. The body is the run of lines of the greatest total weight (the maximum-sum segment),
so a single caption or advertisement inside the article does not cut it, while menus, teaser
lists, comments prompts and footers around it stay out unless enough prose lies beyond them;
an author bio weighs heavily against, as the article ends where its bio begins. Headings and
labelled lines right above the first paragraph belong to the body.

**Title block**: the **anchor** is the by-line or date line nearest above the body (with the
metadata lines and bare names right above it), or in its first lines (under a standfirst); the
**title** is taken from the headline-like lines right above the anchor (past a standfirst;
without an anchor, above the body): the first line of the text, else the one the page repeats,
else the one in capitals over a standfirst in sentence case, else the nearest, or the one above
it when the nearest is much longer (a standfirst or a caption) - a line of a few
words ("Opinion", "Watch Live") only when it is alone or beside the by-line; a headline between
the anchor and the body when nothing better stands above; a short line right above the title is
its **kicker** ("Opinion", "Academia"), and headline-like lines further up the page's
**masthead**.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relexplorer.extract.debris import DebrisRules
from relexplorer.extract.structure.dates import ends_with_date, find_date
from relexplorer.extract.structure.furniture import breadcrumbs, nav_like
from relexplorer.extract.structure.headings import (
    GENERIC,
    MD_HEADING,
    heading_label,
    title_case,
    title_like,
)
from relexplorer.extract.structure.lines import Line, is_prose
from relexplorer.extract.structure.metadata import (
    LONE_LABEL,
    full_names,
    is_agency,
    metadata_fields,
    name_with_role,
    signed_or_dated,
)
from relexplorer.lexicon import KICKERS, SENTENCE_END

# By-lines, labels alone on their line (the value on the next), times, "1 hour ago", handles,
# e-mail and web addresses, credits in brackets: never a headline.
_NOT_HEADLINE = re.compile(
    r"(?i)^(?:by|von|par|por|de|door|updated|published|posted|written by|author|date|source"
    r"|photo|credit|share|comments?)\b\s*:?\s*$|^(?:by|posted|published|updated|written)\b"
    r"|^\W*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\W*$|\d+\s+(?:sec|min|minute|hour|hr|day|week|month|year)s?"
    r"\s+ago\b|\bjust now\b|@|https?://|www\.|^[(\[].*[)\]]$|\(required\)"
)
# A short line with a full date is a date line.
_DATED_LINE_MAX = 60

# Weights, in characters of prose.
_PROSE_CAP = 1200
_NAV = -30
_HEADLINE = -20
_META = -20
_DEBRIS = -10
_BIO = -300
# A line that ends in a colon and has this many words leads into a list.
_LEAD_IN_WORDS = 8
# An author bio is at most this long.
_BIO_MAX = 500
# The anchor is looked for this many lines above the body at most.
_ANCHOR_REACH = 25
# A title is looked for this many lines above the anchor (or the body) at most.
_TITLE_REACH = 12
# A kicker has at most this many words; a title at least this many (one more without anchor).
_KICKER_WORDS = 3
_TITLE_WORDS = 2
# The masthead is at most this many lines.
_MASTHEAD_LINES = 3
# A subtitle under a title of a few words has at least this many words.
_SUBTITLE_WORDS = 8
# A standfirst or a caption under the title is this much longer than it.
_STANDFIRST_RATIO = 1.2
# The anchor is also looked for in this many lines of the body (under a standfirst).
_ANCHOR_AHEAD = 4
# A headline block has at most this many lines.
_BLOCK_LINES = 3
# A headline below the anchor has at least this many words.
_BELOW_WORDS = 5
_ANCHOR_FIELDS = frozenset(("author", "published", "updated"))
_UNIT_END = SENTENCE_END + ':;"”’)]'


@dataclass(slots=True)
class TitleBlock:
    """Indices (into the lines) of the title block's parts; None when not found."""

    title: int | None = None
    kicker: int | None = None
    anchor: int | None = None
    masthead: list[str] = field(default_factory=list)  # headline-like lines above the title
    top: int | None = None  # the first line of the block (a date may stand above the title)


def _weight(ln: Line, rules: DebrisRules) -> int:
    """What ``ln`` tells about being article text (see the module docstring)."""
    if ln.kind == "skip":
        return 0
    if ln.kind != "body":
        return _DEBRIS
    s = ln.text
    if MD_HEADING.match(s) or heading_label(s) or GENERIC.fullmatch(s.rstrip(":")):
        return 0
    if len(s) <= _BIO_MAX:
        name = rules.bio_name(s)
        if name is not None and (name == "" or 2 <= len(name.split()) <= 5):
            return _BIO  # "The writer is ...", "Jane Doe is a senior fellow at ..."
    if is_prose(s):
        return min(len(s), _PROSE_CAP)
    if metadata_fields(s, header=True):
        return _META
    if s.rstrip("\"”’'»)]")[-1:] in tuple(SENTENCE_END) and len(s.split()) >= 2:
        return len(s) // 2  # a short sentence ("It ended there.")
    if s[-1] in ":：" and len(s.split()) >= _LEAD_IN_WORDS:
        return len(s) // 2  # a lead-in to a list ("The Latest on ... (all times local):")
    if nav_like(s):
        return _NAV
    return 0 if any(c.isdigit() for c in s) else _HEADLINE  # a row of data, or a headline


def _units(lines: list[Line]) -> list[tuple[int, int]]:
    """``(first, last)`` runs of body lines that continue one another (a line that ends no
    sentence, then one that starts in lower case): the pieces of a paragraph that the page
    broke with ``<br>`` or that a copy wrapped, weighed as one."""
    units: list[tuple[int, int]] = []
    for i, ln in enumerate(lines):
        if (
            units
            and units[-1][1] == i - 1
            and ln.kind == "body"
            and lines[i - 1].kind == "body"
            and ln.text[0].islower()
            and lines[i - 1].text[-1] not in _UNIT_END
        ):
            units[-1] = (units[-1][0], i)
        else:
            units.append((i, i))
    return units


def _unit_weight(lines: list[Line], first: int, last: int, rules: DebrisRules) -> int:
    if first == last:
        return _weight(lines[first], rules)
    joined = " ".join(ln.text for ln in lines[first : last + 1])
    return _weight(Line(lines[first].start, lines[last].end, joined, lines[first].block), rules)


def body_region(lines: list[Line], rules: DebrisRules) -> tuple[int, int] | None:
    """``(first, last)``: the lines of the article's body, or None when no line is prose."""
    best, best_span = 0, None
    total, start = 0, 0
    for first, last in _units(lines):
        w = _unit_weight(lines, first, last, rules)
        if total <= 0:
            total, start = 0, first
        total += w
        if total > best:
            best, best_span = total, (start, last)
    if best_span is None:
        return None
    first, last = best_span
    if not any(ln.kind == "body" and is_prose(ln.text) for ln in lines[first : last + 1]):
        return None
    while first > 0 and _opens_body(lines[first - 1]):
        first -= 1
    return first, last


def _opens_body(ln: Line) -> bool:
    s = ln.text
    return ln.kind == "body" and bool(
        MD_HEADING.match(s) or heading_label(s) or GENERIC.fullmatch(s.rstrip(":"))
    )


def _lone_label(lines: list[Line], live: list[int], pos: int) -> bool:
    """ "By" / "Jane Doe", "Updated" / "March 5, 2024": a label alone on its line before its
    value."""
    return (
        pos + 1 < len(live)
        and LONE_LABEL.fullmatch(lines[live[pos]].text) is not None
        and _anchor_line(lines[live[pos]].text + " " + lines[live[pos + 1]].text)
    )


def _anchor_line(s: str) -> bool:
    """A by-line or a date line ("Jakarta ● Tue, March 5, 2024" too)."""
    return signed_or_dated(s)


def title_block(lines: list[Line], body_start: int, in_run: set[int]) -> TitleBlock:
    """The anchor, title and kicker above the body at ``body_start`` (see the module
    docstring); ``in_run`` holds the lines of menus."""
    block = TitleBlock()
    live = [k for k in range(body_start) if lines[k].kind == "body"]
    for pos in range(len(live) - 1, max(-1, len(live) - 1 - _ANCHOR_REACH), -1):
        if _anchor_line(lines[live[pos]].text) or _lone_label(lines, live, pos):
            block.anchor = live[pos]
            break
    else:
        # a by-line under a standfirst that reads as the body's first paragraph
        ahead = [k for k in range(body_start, len(lines)) if lines[k].kind == "body"]
        for k in ahead[:_ANCHOR_AHEAD]:
            if _anchor_line(lines[k].text):
                block.anchor = k
                live = [j for j in range(k + 1) if lines[j].kind == "body"]
                break
    if block.anchor is not None:
        pos = live.index(block.anchor)
        authored = False  # a by-line seen: a bare name above it is no by-line
        while pos > 0:
            fields = metadata_fields(lines[live[pos]].text, header=True) or []
            authored = authored or any(field == "author" for field, _ in fields)
            s = lines[live[pos - 1]].text
            if not (
                _anchor_line(s)
                or metadata_fields(s, header=True)
                or _lone_label(lines, live, pos - 1)
                or (not authored and (full_names(s) or name_with_role(s)))
            ):
                break
            pos -= 1
        above = live[:pos]
        group_top = live[pos]
    else:
        above = live
        group_top = None
    title = _title(lines, live, above, in_run, anchored=block.anchor is not None)
    if block.anchor is not None:
        below = _below_anchor(lines, live, block.anchor, in_run)
        if below is not None and (
            title is None or title in in_run or len(lines[title].text.split()) <= _KICKER_WORDS
        ):
            title = below  # "Sport" / date / "BREAKING: Lawan moves motion ..." / body
    if title is None:
        return block
    block.title = title
    upper = _line_above(lines, live, title)
    if upper is not None and upper not in in_run and _kicker(lines[upper].text):
        block.kicker = upper
    top = block.title if block.kicker is None else block.kicker
    block.masthead = [lines[k].text for k in live if k < top and headline_like(lines[k].text)][
        :_MASTHEAD_LINES
    ]
    block.top = top if group_top is None else min(top, group_top)
    return block


def _title(
    lines: list[Line], live: list[int], above: list[int], in_run: set[int], anchored: bool
) -> int | None:
    """The title among the headline-like lines right above the anchor (or the body): the
    headline block, read upwards past a standfirst and up to the first menu or other line."""
    block = _headline_block(lines, above, in_run, anchored)
    least = _TITLE_WORDS if anchored else _TITLE_WORDS + 1
    candidates = [k for k in block if len(lines[k].text.split()) >= least]
    if not candidates:
        return None
    first = above[0]
    words = lines[first].text.split()
    if first == block[-1] and len(block) > 1:
        under = block[-2]
    else:
        under = block[-1] if _line_above(lines, live, block[-1]) == first else None
    if (
        under is not None
        and _line_above(lines, live, under) == first
        and _TITLE_WORDS <= len(words) <= _KICKER_WORDS
        and not any(w.casefold() in KICKERS for w in words)
        and title_case(lines[first].text)
        and len(lines[under].text.split()) >= _SUBTITLE_WORDS
    ):
        return first  # the first line of the text: "China's Strategic Straddle" over its subtitle
    if len(candidates) == 1:
        return candidates[0]
    full = [k for k in candidates if len(lines[k].text.split()) > _KICKER_WORDS] or candidates
    if len(full) == 1:
        return full[0]
    repeated = [k for k in full if _repeated(lines, k)]
    if len(repeated) == 1:
        return repeated[0]  # a page repeats its headline (breadcrumbs, browser title, share text)
    for lower, upper in zip(full, full[1:], strict=False):
        if (
            _line_above(lines, live, lower) == upper
            and title_case(lines[upper].text)
            and not title_case(lines[lower].text)
        ):
            return upper  # a headline in capitals right over a standfirst in sentence case
    title = full[0]
    for upper in full[1:]:
        if len(lines[title].text) < _STANDFIRST_RATIO * len(lines[upper].text):
            break
        title = upper  # the line below is much longer: a standfirst or a caption
    return title


def _headline_block(
    lines: list[Line], above: list[int], in_run: set[int], anchored: bool
) -> list[int]:
    """The headline-like lines right above the anchor or the body, nearest first: past a
    standfirst (prose) and, before the first headline, lines of a menu (share buttons); the
    block ends at a menu or another line above it. Right beside the by-line, a line of a menu is
    the title all the same ("Features" / "Afghanistan's New Millionaires" / "By ...")."""
    block: list[int] = []
    for reach, k in enumerate(reversed(above)):
        if reach >= _TITLE_REACH or len(block) >= _BLOCK_LINES:
            break
        s = lines[k].text
        if is_prose(s):
            continue  # a standfirst
        beside = anchored and reach == 0
        if k in in_run and not beside:
            if block:
                break
            continue
        if headline_like(s) and (not block or len(s.split()) > _TITLE_WORDS):
            block.append(k)
        elif block:
            break  # a button or a section name ("Learn More", "SPACE") above the headlines
    return block


def _below_anchor(lines: list[Line], live: list[int], anchor: int, in_run: set[int]) -> int | None:
    """A headline between the anchor and the body, when the page sets its date above it."""
    for k in live[live.index(anchor) + 1 :]:
        s = lines[k].text
        if k not in in_run and headline_like(s) and len(s.split()) >= _BELOW_WORDS:
            return k
    return None


def headline_like(s: str) -> bool:
    """A line that may be a headline: title-like, and no sentence, heading label, by-line,
    date, time, label, agency, handle, address or photo credit."""
    if not title_like(s) or is_prose(s) or heading_label(s) or _NOT_HEADLINE.search(s):
        return False
    if metadata_fields(s, header=True) or ends_with_date(s) or is_agency(s) or breadcrumbs(s):
        return False
    if name_with_role(s) or s.casefold() in KICKERS:
        return False
    found = find_date(s)
    return not (found and found[0].count("-") == 2 and len(s) <= _DATED_LINE_MAX)


def _line_above(lines: list[Line], live: list[int], k: int) -> int | None:
    pos = live.index(k)
    return live[pos - 1] if pos > 0 and live[pos - 1] == k - 1 else None


def _repeated(lines: list[Line], k: int) -> bool:
    """The text of line ``k`` appears again elsewhere (a page repeats its headline in its
    breadcrumbs, its browser title or its share text)."""
    s = lines[k].text.casefold()
    return any(i != k and s in ln.text.casefold() for i, ln in enumerate(lines))


def _kicker(s: str) -> bool:
    return title_like(s) and len(s.split()) <= _KICKER_WORDS and not heading_label(s)
