"""PDF lines to text: running heads dropped, words and lines joined, pages marked.

- **Running heads and footers**: one of the two top or bottom lines of a page, in its margin
  (``_MARGIN`` of its height), whose text, digits aside, comes back in the margin of at least
  ``_REPEAT_SHARE`` of the pages (and two of them) is the page's furniture; so is a page
  number there alone (``12``, ``- 12 -``, ``Page 12 of 30``, ``xii``).
- **Small print**: lines printed smaller than ``_SMALL_PRINT`` times the body text's size (the
  size most of the characters have) are footnotes, chart labels, source notes and captions.
- **Paragraphs**: a line runs on into the next one unless the gap between them is wider than
  ``_GAP`` times the page's usual line spacing, or its size differs (a heading), or it ends a
  sentence well short of the column's width. A word hyphenated at a line end is joined
  (``contin-`` + ``gency``) when the next line goes on in lower case.
- **Pages**: a paragraph that runs on over a page break (no sentence end, lower case next) is
  joined across it; otherwise pages are separated by a blank line. The start of each page in
  the text is kept, so that each fact knows its page.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from relexplorer.lexicon import SENTENCE_END
from relexplorer.read.pdf import PdfLine, PdfPage

_MARGIN = 0.2
_REPEAT_SHARE = 0.3
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be its furniture
_SMALL_PRINT = 0.85  # of the body text's size
_GAP = 1.6
_SIZE_CHANGE = 0.15
_SHORT_LINE = 0.75
_PAGE_NUMBER = re.compile(
    r"(?i)[-–—\s]*(?:\d{1,4}|[ivxlc]{1,7})[-–—\s]*|page\s+\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?"
)
_HYPHEN_END = re.compile(r"[A-Za-zÀ-ÿ]-$")
_ENDS = SENTENCE_END + "”\"’:)"


def runs_on(before: str, after: str) -> bool:
    """Text that stops without a sentence end, and goes on in lower case, is one sentence."""
    return bool(before) and before[-1] not in _ENDS and after[:1].islower()


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(re.sub(r"[^\w\s]+", "", text.casefold()).split()))


def _in_margin(line: PdfLine, page: PdfPage) -> bool:
    middle = (line.top + line.bottom) / 2
    return middle > (1 - _MARGIN) * page.height or middle < _MARGIN * page.height


def _edge_lines(page: PdfPage) -> set[int]:
    """The indexes of the page's top and bottom ``_EDGE_LINES`` lines that lie in its margin."""
    order = sorted(range(len(page.lines)), key=lambda i: page.lines[i].bottom)
    edges = order[:_EDGE_LINES] + order[-_EDGE_LINES:]
    return {i for i in edges if _in_margin(page.lines[i], page)}


def drop_furniture(pages: list[PdfPage]) -> None:
    """Remove running heads, footers and page numbers from every page, in place."""
    edges = [_edge_lines(page) for page in pages]
    seen: Counter[str] = Counter()
    for page, at in zip(pages, edges, strict=True):
        seen.update({_key(page.lines[i].text) for i in at})
    repeated = max(2, _REPEAT_SHARE * len(pages))
    for page, at in zip(pages, edges, strict=True):
        page.lines = [
            ln for i, ln in enumerate(page.lines)
            if not (i in at and (seen[_key(ln.text)] >= repeated or _PAGE_NUMBER.fullmatch(ln.text)))
        ]


def drop_small_print(pages: list[PdfPage]) -> None:
    """Remove lines printed smaller than the body text: footnotes, chart labels and their
    source notes, captions."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size)] += len(ln.text)
    if not sizes:
        return
    body = sizes.most_common(1)[0][0]
    for page in pages:
        page.lines = [ln for ln in page.lines if not (0 < ln.size < _SMALL_PRINT * body)]


def _paragraphs(page: PdfPage) -> list[str]:
    """The page's lines joined into paragraphs (see the module docstring)."""
    lines = page.lines
    if not lines:
        return []
    steps = [a.bottom - b.bottom for a, b in zip(lines, lines[1:], strict=False) if 0 < a.bottom - b.bottom]
    spacing = median(steps) if steps else 0.0
    width = max((ln.right - ln.left for ln in lines), default=0.0)
    sizes = [ln.size for ln in lines]
    body_size = median(sizes)
    out: list[list[str]] = [[lines[0].text]]
    for prev, line in zip(lines, lines[1:], strict=False):
        gap = prev.bottom - line.bottom
        # back up the page (gap < 0: the next column or frame), a wide gap, another size, or
        # a sentence ending short of the column; but text that runs on is one paragraph
        new_block = (
            gap < -1
            or (spacing and gap > _GAP * spacing)
            or abs(line.size - prev.size) > _SIZE_CHANGE * max(body_size, 1.0)
            or (prev.text[-1] in _ENDS and prev.right - prev.left < _SHORT_LINE * width)
        ) and not runs_on(prev.text, line.text)
        if new_block:
            out.append([line.text])
        else:
            out[-1].append(line.text)
    return [_join(block) for block in out]


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if _HYPHEN_END.search(text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text += " " + line
    return text


def pages_to_text(pages: list[PdfPage], title: str = "") -> tuple[str, list[int]]:
    """The document's text and the offset in it where each page starts.

    With a ``title``, the text starts with it as ``# title``, and the first page's paragraph
    that prints it (in capitals, over several lines) is left out.
    """
    drop_furniture(pages)
    drop_small_print(pages)
    text = f"# {title}" if title else ""
    starts: list[int] = []
    started = False  # a page with text is in
    for page in pages:
        paragraphs = _paragraphs(page)
        if title and not started:
            paragraphs = [p for p in paragraphs if _key(p) != _key(title)]
        if not paragraphs:
            starts.append(len(text) if started else 0)
        elif not started:
            starts.append(0)
            text = (text + "\n\n" if text else "") + "\n\n".join(paragraphs)
            started = True
        elif runs_on(text, paragraphs[0]):
            text = text[:-1] if _HYPHEN_END.search(text) else text + " "
            starts.append(len(text))
            text += "\n\n".join(paragraphs)
        else:
            text += "\n\n"
            starts.append(len(text))
            text += "\n\n".join(paragraphs)
    return text, starts
