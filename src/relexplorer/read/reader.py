"""Reader: decode a source file and normalise it into the stored document text.

Decoding: UTF-8 (with or without BOM), UTF-16/32 with a BOM, BOM-less UTF-16 recognised by
its NUL pattern, otherwise a legacy encoding detected by ``charset_normalizer`` when it is
confident. Binary, empty and undecodable files raise :class:`ReadError` with one line.

Normalisation (all formats), in this order:

1. ``.html``: markup to text with the standard ``html.parser`` (blocks become paragraphs,
   ``<h2>`` becomes ``## ``, ``<li>`` becomes ``- ``; script, style, nav, aside and the page's
   header and footer are dropped, the ``<article>``'s own header and footer kept; when the page
   has a ``<main>`` or ``<article>``, only its text is kept; ``<meta>`` tags fill ``front_matter``).
2. CRLF / CR -> LF; a leading YAML front matter block is parsed into ``front_matter`` and
   removed (when it is not valid YAML, or longer than ``MAX_FRONT_MATTER`` characters, it
   stays in the text; the structure parser skips it).
3. HTML entities (``&nbsp;``, ``&amp;``, ``&#8217;``) decoded.
4. Control characters, ANSI escapes and zero-width characters removed; other line breaks
   (VT, FF, U+2028, U+2029, NEL) -> LF; lone surrogates -> U+FFFD.
5. NBSP, tabs and other Unicode spaces -> space; runs of spaces collapsed; every line
   stripped of leading and trailing spaces.
6. Hard-wrapped lines inside a paragraph joined with one space (with nothing between CJK
   characters, and ``inter-\\nnational`` -> ``inter-national``). Markdown paragraphs are
   always joined; plain text only when the document is visibly wrapped at a fixed width.
   Headings, list items, table rows, metadata lines and web debris are never joined, and
   nothing is joined in a text of more than ``MAX_JOIN_LINES`` lines.
7. Markdown only: links, images, emphasis, inline code and inline HTML reduced to text.
8. Runs of 3+ blank lines -> 2; leading and trailing blank space removed.

Offsets: ``Source.offset_map`` is a sparse list of ``(stored_offset, original_offset)``
anchors; :meth:`Source.original_offset` maps a stored offset back to an index into the
decoded original text (for HTML, into the markup, at text-chunk precision).
"""

from __future__ import annotations

import hashlib
import html
import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from relexplorer.errors import ReadError
from relexplorer.extract.debris import load_debris
from relexplorer.read.decode import decode_bytes
from relexplorer.read.front_matter import split_front_matter
from relexplorer.read.html import html_to_text
from relexplorer.read.markdown import reduce_inline
from relexplorer.read.offsets import OffsetMap, substitute
from relexplorer.read.source import Source, display_name

SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
MAX_BYTES = 512 * 1024 * 1024
MAX_JOIN_LINES = 1_500_000

def _format_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    return "txt"


def read_path(path: Path) -> Source:
    """Read and normalise one file; raise :class:`ReadError` with a clear message."""
    path = Path(path)
    name = display_name(path)
    try:
        if path.is_dir():
            raise ReadError(f"{name}: is a directory, not a file")
        if not path.exists():
            what = "dangling symbolic link" if path.is_symlink() else "no such file"
            raise ReadError(f"{name}: {what}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                f"{name}: too large ({size // 2**20} MiB; the limit is {MAX_BYTES // 2**20} MiB)"
            )
        data = path.read_bytes()
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{name}: cannot read ({exc.strerror or exc})") from None
    raw, encoding = decode_bytes(data, name)
    source = read_text(raw, _format_for(path), path, hashlib.sha256(data).hexdigest())
    source.encoding = encoding
    return source


# --------------------------------------------------------------------------------------------
# Normalisation passes


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


def _replace_odd(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in "\x0b\x0c\x85\u2028":
        return "\n"
    if ch == "\u2029":
        return "\n\n"
    if "\ud800" <= ch[0] <= "\udfff":
        return "\ufffd"
    return ""


def _replace_ws(m: re.Match[str]) -> str | None:
    s = m.group()
    start = m.start()
    string = m.string
    at_line_start = start == 0 or string[start - 1] == "\n"
    at_line_end = m.end() == len(string) or string[m.end()] == "\n"
    if at_line_start or at_line_end:
        return ""
    return None if s == " " else " "


def _strip_ends(text: str, omap: OffsetMap) -> str:
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


def _spaces(text: str, omap: OffsetMap) -> str:
    text = substitute(_WS_RUNS, _replace_ws, text, omap)
    return substitute(_WS_EDGES, "\n", text, omap)


def _decode_entity(m: re.Match[str]) -> str | None:
    decoded = html.unescape(m.group()).replace("\r", "\n")  # "&#13;" is a line break too
    return None if decoded == m.group() else decoded


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


def _join_lines(text: str, fmt: str, omap: OffsetMap) -> str:
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


def read_text(raw: str, fmt: str = "txt", path: Path | None = None, sha256: str = "") -> Source:
    """Normalise already-decoded text into a :class:`Source` (see the module docstring).

    Raises :class:`ReadError` only when nothing but whitespace and control characters is left.
    """
    name = display_name(path)
    omap = OffsetMap()
    text = raw
    front: dict = {}
    if fmt == "html":
        text, front = html_to_text(raw, omap)
    if "\r" in text:
        parts = text.split("\r\n")
        if len(parts) > 1:
            ends = accumulate(len(p) + 2 for p in parts[:-1])
            omap.apply([(e - 2, e, 1) for e in ends])
            text = "\n".join(parts)
        text = text.replace("\r", "\n")
    if fmt != "html":
        text, front = split_front_matter(text, omap)
        if "&" in text:
            text = substitute(_ENTITY, _decode_entity, text, omap)
    if _ODD_ANY.search(text):  # a quick scan first: most texts have none of these
        text = substitute(_ODD, _replace_odd, text, omap)
    text = _spaces(text, omap)
    text = _join_lines(text, fmt, omap)
    if fmt == "md":
        text = reduce_inline(text, omap)
        text = _spaces(text, omap)
    text = substitute(_BLANKS, "\n\n\n", text, omap)
    text = _strip_ends(text, omap)
    if not text.strip():
        raise ReadError(f"{name}: empty file (no text after normalisation)")
    return Source(
        text=text,
        path=path,
        sha256=sha256 or hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        format=fmt,
        front_matter=front,
        offset_map=omap.pairs(len(raw)),
    )
