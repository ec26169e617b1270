"""Heading candidates among the body lines, and the rules that keep or drop them.

A **heading** is a line with a Roman numeral (``I.``), a capital letter (``A.``), a number
(``1.``, ``1)``, ``2.1``), a Chinese ordinal (``一、``, ``（一）``), a Markdown ``#`` heading, or a
short line standing alone between blank lines before a longer paragraph. A labelled heading
that is the first sentence of a paragraph (``A. Heading Words. Body text ...``) is split: the
heading ends at the first sentence end and the paragraph starts after it. Labels must follow
in sequence (``A`` then ``B``); a run of labelled lines with nothing between them is a list
or a table of contents, not headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.structure.dates import only_date
from relexplorer.extract.structure.lines import Line, has_cjk, is_prose
from relexplorer.lexicon import LINE_MAX, SENTENCE_END

MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
ROMAN = re.compile(r"([IVXLC]{1,7})[.)]\s+(?=\S)")
_LETTER = re.compile(r"([A-Z])[.)]\s+(?=\S)")
_NUMBER = re.compile(r"(\d{1,2})[.)]\s+(?=\S)")
_NUMBER2 = re.compile(r"(\d{1,2})\.(\d{1,2})\.?\s+(?=\S)")
_CJK1 = re.compile(r"([一二三四五六七八九十]{1,3})、\s*(?=\S)")
_CJK2 = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）]\s*(?=\S)")
LIST_MARK = re.compile(r"(?:[-*+•·▪●◦‣■□➢►]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z]\))\s+(?=\S)|>\s*")
_LABEL_START = re.compile(
    r"#|[IVXLC]{1,7}[.)]\s|\d{1,2}(?:\.\d{1,2})?[.)]?\s|[A-Z][.)]\s|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]"
)
_SMALL_WORDS = frozenset(
    "a an the and or but nor for of on in at to by with from as into onto upon over under via "
    "vs per than between among amid its their his her our is are was were be been has have had "
    "not no so yet de la le du des von van".split()
)
# Headings that any article may have; they sit at level 1 whatever their style.
GENERIC = re.compile(
    r"(?i)(introduction|conclusions?|summary|executive summary|background|overview|abstract|"
    r"key (findings|points|takeaways)|(policy )?recommendations|concluding remarks|final remarks|"
    r"final thoughts|epilogue|preface|foreword|prologue|outlook|looking ahead|the way forward|"
    r"discussion|methodology|analysis)"
)
_CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_SYMBOLS = (
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)

# The longest heading on a line of its own (words), and the longest first sentence that may
# be a heading opening its paragraph (words, characters).
_HEADING_WORDS = 15
_RUN_IN_WORDS = 20
_RUN_IN_MAX = 200


def roman(s: str) -> int:
    """The value of a Roman numeral written the canonical way, else 0 (``IIII`` is not 4)."""
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        total += -v if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v else v
    return total if _int_roman(total) == s else 0


def _int_roman(n: int) -> str:
    out = []
    for v, sym in _ROMAN_SYMBOLS:
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.get(s[1:], 0)
    if s.endswith("十"):
        return _CN_NUM.get(s[:-1], 0) * 10
    if "十" in s:
        a, b = s.split("十", 1)
        return _CN_NUM.get(a, 0) * 10 + _CN_NUM.get(b, 0)
    return _CN_NUM.get(s, 0)


def title_case(s: str) -> bool:
    """Most words (small words aside) start with a capital."""
    words = [w.strip("\"“”‘’'()[],:;") for w in s.split()]
    words = [w for w in words if w and w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.6 * len(words)


def title_like(s: str) -> bool:
    """A line that could be a title: short, unlabelled, not ending in a comma or full stop."""
    if not s or len(s) > 250 or len(s.split()) > 30 or not any(c.isalpha() for c in s):
        return False
    if s[-1] in ".,;:，；：" and not s.endswith("..."):
        return False
    if ROMAN.match(s) or _NUMBER.match(s) or _NUMBER2.match(s) or LIST_MARK.match(s):
        return False
    return not (len(s) > 120 and s[-1] in SENTENCE_END)


def heading_label(s: str) -> bool:
    """The line opens with a Roman numeral or a Chinese ordinal: a heading, never a title."""
    m = ROMAN.match(s)
    return bool(m and roman(m.group(1))) or bool(_CJK1.match(s) or _CJK2.match(s))


@dataclass(slots=True)
class Head:
    """A heading candidate: its style and label, and its place in its label sequence."""

    style: str
    label: str
    heading: str
    number: int  # position in its sequence (0 when it has none)
    body_start: int | None  # where the body text starts when the heading opens a paragraph
    md_level: int = 0


def heading_candidates(text: str, lines: list[Line]) -> list[Head | None]:
    """For each body line, the heading it could be, or None."""
    heads: list[Head | None] = []
    for idx, ln in enumerate(lines):
        prev_line = lines[idx - 1] if idx else None
        next_line = lines[idx + 1] if idx + 1 < len(lines) else None
        starts = prev_line is None or prev_line.block != ln.block
        ends = next_line is not None and next_line.block != ln.block
        heads.append(heading_candidate(text, ln, starts, ends, next_line))
    return heads


def heading_candidate(
    text: str, ln: Line, starts_block: bool, ends_block: bool, next_line: Line | None
) -> Head | None:
    """The heading ``ln`` could be, from its label or, unlabelled, from its neighbours."""
    s = ln.text
    if len(s) > LINE_MAX and not _LABEL_START.match(s):
        return None  # too long for a title line, and no label that could open a heading
    m = MD_HEADING.match(s)
    if m:
        return _markdown_heading(m)
    m = ROMAN.match(s)
    if m and roman(m.group(1)):
        h = _labelled_heading(text, ln, "roman", m.group(1), roman(m.group(1)), ln.start + m.end())
        if h:
            return h
    m = _NUMBER2.match(s)
    if m:
        return _labelled_heading(
            text, ln, "number2", f"{m.group(1)}.{m.group(2)}", int(m.group(2)), ln.start + m.end()
        )
    m = _LETTER.match(s)
    if m and not re.match(r"[A-Z]\.\s*[A-Z]\.", s):  # "J. K. Rowling" is a name, not a label
        h = _labelled_heading(
            text, ln, "letter", m.group(1), ord(m.group(1)) - 64, ln.start + m.end()
        )
        if h:
            return h
    m = _NUMBER.match(s)
    if m and 0 < int(m.group(1)) <= 30:
        return _labelled_heading(
            text, ln, "number", m.group(1), int(m.group(1)), ln.start + m.end()
        )
    m = _CJK1.match(s)
    if m:
        return _labelled_heading(
            text, ln, "cjk1", m.group(1), _cn_number(m.group(1)), ln.start + m.end()
        )
    m = _CJK2.match(s)
    if m:
        return _labelled_heading(
            text, ln, "cjk2", m.group(1), _cn_number(m.group(1)), ln.start + m.end()
        )
    if not starts_block or next_line is None:
        return None
    return _title_line(s, ends_block, next_line)


def _markdown_heading(m: re.Match) -> Head | None:
    """A ``#`` heading; a label inside it (``## 2. Trade``) becomes the section's label."""
    inner = m.group(2).strip()
    if not inner:
        return None
    label = ""
    for pattern in (ROMAN, _NUMBER2, _NUMBER, _LETTER):
        lm = pattern.match(inner)
        if lm and len(inner[lm.end() :].split()) <= 20:
            label = inner[: lm.end()].strip().rstrip(".)")
            inner = inner[lm.end() :].strip()
            break
    return Head("md", label, inner.rstrip(" .:"), 0, None, md_level=len(m.group(1)))


def _labelled_heading(
    text: str, ln: Line, style: str, label: str, number: int, rest_at: int
) -> Head | None:
    """The heading after a label: the whole line if short, else the paragraph's first sentence."""
    rest = text[rest_at : ln.end]
    if "://" in rest or "www." in rest:
        return None  # a reference, not a heading
    words = len(rest.split())
    if words <= _HEADING_WORDS and len(rest) <= LINE_MAX:
        inner = rest[:-1]
        single = not any(p in inner for p in ".!?。") or len(split_sentences(rest)) == 1
        if rest[-1] not in SENTENCE_END or (single and words <= 12 and title_case(rest)):
            return Head(style, label, rest.rstrip(" .:：。"), number, None)
        if rest[-1] == "：" or rest[-1] == ":":
            return Head(style, label, rest.rstrip(" .:："), number, None)
        return None
    sentences = split_sentences(text, rest_at, min(ln.end, rest_at + 600))[:2]
    if len(sentences) < 2:
        return None
    hs, he = sentences[0]
    head = text[hs:he]
    if len(head.split()) > _RUN_IN_WORDS or len(head) > _RUN_IN_MAX:
        return None
    if not (title_case(head) or (has_cjk(head) and len(head) <= 40)):
        return None
    return Head(style, label, head.rstrip(" .:：。"), number, sentences[1][0])


def _title_line(s: str, ends_block: bool, next_line: Line) -> Head | None:
    """An unlabelled title line standing alone before a longer paragraph (or opening the
    paragraph's block, when it is in title case)."""
    if not ends_block and not (
        (title_case(s) and len(s.split()) <= 10 or len(s.split()) <= 8) and is_prose(next_line.text)
    ):
        return None
    words = s.split()
    if len(words) > 12 or len(s) > 120 or s[-1] in ".,;:!，；：。" or "|" in s:
        return None
    if not (s[0].isupper() or s[0].isdigit() or has_cjk(s[0]) or s[0] in "\"“'‘"):
        return None
    if s.isdigit() or only_date(s):
        return None
    nxt = next_line.text
    if not (is_prose(nxt) or len(nxt) >= max(80, 2 * len(s))):
        return None
    if len(words) > 6 and not title_case(s) and not has_cjk(s):
        return None
    return Head("title", "", s.rstrip(" ?") + ("?" if s.endswith("?") else ""), 0, None)


def drop_lists(heads: list[Head | None]) -> None:
    """Labelled lines one after another with no text between are a list, not headings."""
    i = 0
    while i < len(heads):
        h = heads[i]
        if h is None or h.style in ("md",) or h.body_start is not None:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(heads)
            and heads[j + 1] is not None
            and heads[j + 1].style == h.style
            and (heads[j + 1].body_start is None)
        ):
            j += 1
        if j > i and (h.style != "title" or j - i >= 2):
            for k in range(i, j + 1):
                heads[k] = None
        i = j + 1


def keep_in_sequence(heads: list[Head | None]) -> None:
    """Keep labelled headings only where they follow in sequence (A, B, C ...)."""
    last: dict[str, int] = {}
    order: list[str] = []
    for i, h in enumerate(heads):
        if h is None or h.style in ("md", "title"):
            continue
        style = h.style
        if style == "roman" and h.label == "I" and last.get("letter") == 8:
            style = h.style = "letter"
            h.number = 9
        expected = last.get(style, 0) + 1
        if h.number == expected or (h.number == 1 and style not in last):
            last[style] = h.number
            if style in order:
                for deeper in order[order.index(style) + 1 :]:
                    last.pop(deeper, None)
            else:
                order.append(style)
            continue
        if style == "roman" and len(h.label) == 1:
            # "C." or "D." after "B." is a letter, not a Roman numeral
            n = ord(h.label) - 64
            if last.get("letter", 0) + 1 == n:
                h.style, h.number = "letter", n
                last["letter"] = n
                continue
        heads[i] = None
