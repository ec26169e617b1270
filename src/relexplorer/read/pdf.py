"""PDF documents to text with pypdfium2: text per page, lines with their place on the page.

pypdfium2 (PDFium's bindings) reads each page's text in the order of its content stream, which
for the documents of the genre (reports and papers laid out in Word or InDesign, also in two
columns) is the reading order, at 30-50 times pdfplumber's speed. Each line keeps its box and
size, which :mod:`~relexplorer.read.pdf_layout` uses to drop running heads, footers and page
numbers, join hyphenated words and wrapped lines into paragraphs, and find the cover title.

Metadata: the document information (title, author) when it is plausible, and the largest line
on the first page with text (the cover title); see :func:`pdf_front_matter`.

Refused with one line, nothing stored: an encrypted PDF, a truncated or damaged one, and a PDF
with no text layer (a scan).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass

from relexplorer.errors import ReadError

# Fewer than this many letters or digits per page on average: no text layer (a scan).
_MIN_CHARS_PER_PAGE = 40
# The author's names are looked for in this many first lines of the first page, on a line of
# at most this many characters.
_COVER_LINES = 8
_NAMES_MAX = 100
# A cover title is printed at least this many times larger than the body text.
_TITLE_SIZE = 1.15
# The most pages read; a longer PDF is read up to here, and says so in its metadata.
MAX_PAGES = 2000
_ODD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\ufffe\uffff\u200b\u2060\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INFO_JUNK = re.compile(r"(?i)^(?:untitled|microsoft (?:word|powerpoint)|document\d*|slide \d+)\b|\.(?:docx?|pdf|indd|pptx?)$")


@dataclass(slots=True)
class PdfLine:
    """One line of a page: its text, box (PDF points, origin at the bottom left) and font size
    (in points, as printed: the font's size scaled by the text matrix)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float


@dataclass(slots=True)
class PdfPage:
    """The lines of one page, in content-stream order, and the page's height."""

    number: int
    height: float
    lines: list[PdfLine]


def open_pdf(data: bytes, name: str):
    """The pypdfium2 document, or :class:`ReadError` saying why it cannot be read."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ReadError(f"{name}: encrypted PDF (it needs a password): "
                            "save an unprotected copy first") from None
        raise ReadError(f"{name}: damaged or truncated PDF (PDFium cannot open it)") from None


def read_pages(pdf, name: str) -> list[PdfPage]:
    """Every page's lines; :class:`ReadError` for a PDF without a text layer."""
    import pypdfium2

    pages: list[PdfPage] = []
    chars = 0
    count = min(len(pdf), MAX_PAGES)
    for index in range(count):
        try:
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            lines = _lines(textpage, width, height)
        except pypdfium2.PdfiumError:
            raise ReadError(f"{name}: damaged PDF (page {index + 1} cannot be read)") from None
        chars += sum(sum(c.isalnum() for c in ln.text) for ln in lines)
        pages.append(PdfPage(index + 1, height, lines))
    if count == 0:
        raise ReadError(f"{name}: PDF with no pages")
    if chars < _MIN_CHARS_PER_PAGE * count:
        raise ReadError(f"{name}: scanned PDF with no text layer: OCR it first")
    return pages


def _lines(textpage, width: float, height: float) -> list[PdfLine]:
    """The page's text lines with their boxes; text outside the page (a spread's other half)
    is left out."""
    text = textpage.get_text_range()
    out: list[PdfLine] = []
    index = 0
    for raw in text.split("\r\n"):
        start = index
        index += len(raw) + 2
        line = " ".join(_SURROGATE.sub("\ufffd", _ODD.sub("", raw)).split())
        if not line:
            continue
        first = start + len(raw) - len(raw.lstrip())
        left, bottom, _, top = textpage.get_charbox(first)
        right = textpage.get_charbox(start + len(raw.rstrip()) - 1)[2]
        if right < 0 or left > width or top < 0 or bottom > height:
            continue
        out.append(PdfLine(line, left, bottom, right, top, _font_size(textpage, first)))
    return out


def _font_size(textpage, index: int) -> float:
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        return 0.0
    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    return round(pdfium_c.FPDFText_GetFontSize(textpage.raw, index) * scale, 1)


def pdf_front_matter(pdf, pages: list[PdfPage]) -> dict:
    """Title, author and outlet from the document information and the first page with text."""
    try:
        info = pdf.get_metadata_dict()
    except Exception:  # noqa: BLE001 - a library edge: damaged information is no information
        info = {}
    from relexplorer.extract.structure.metadata import byline

    front: dict[str, str] = {}
    title = _title(" ".join(str(info.get("Title") or "").split()), pages)
    if title:
        front["title"] = title
    author = " ".join(str(info.get("Author") or "").split())
    person = byline(author) if author and not _organisation(author) else None
    if person and not person[1]:
        front["author"] = person[0]
    elif author and _organisation(author):
        front["source"] = author  # "World Trade Organization": the publisher, not a person
    if "author" not in front:
        names = _cover_names(pages, title)
        if names:
            front["author"] = names
    return front


def _cover_names(pages: list[PdfPage], title: str) -> str:
    """A line of only full names among the first lines of the first page with text."""
    from relexplorer.extract.structure.metadata import full_names

    first = next((p for p in pages if p.lines), None)
    for line in first.lines[:_COVER_LINES] if first else []:
        if len(line.text) <= _NAMES_MAX and not line.text.isupper() and _norm(line.text) not in _norm(title):
            names = full_names(line.text)
            if names and not _not_a_person(names):
                return names
    return ""


def _title(info_title: str, pages: list[PdfPage]) -> str:
    """The document information's title (or its part after "Series: ") when the first pages
    print it, else the cover title (the largest line), else the information's title."""
    if len(info_title.split()) < 3 or _INFO_JUNK.search(info_title):
        info_title = ""
    lines = [ln.text for p in pages[:3] for ln in p.lines]
    near = _norm(" ".join(lines))
    candidates = [info_title]
    quoted = re.search(r"[\"“]([^\"”]{10,})[\"”]", info_title)
    if quoted:  # 'Report, October 2025, Chapter 1, "Title: Subtitle"'
        candidates.append(quoted.group(1))
    if ": " in info_title:  # "Series no. 4: Title"
        candidates.append(info_title.split(": ", 1)[1].strip("\"“” "))
    for candidate in candidates:
        if len(candidate.split()) >= 2 and _norm(candidate) in near:
            return _with_subtitle(candidate, lines)
    return _cover_title(pages) or info_title


def _with_subtitle(title: str, lines: list[str]) -> str:
    """``Title: Subtitle`` when the first pages print the title so, on a line or two."""
    key = _norm(title)
    for a, b in zip(lines, [*lines[1:], ""], strict=True):
        for text in (a, f"{a} {b}"):
            if _norm(text).startswith(key) and text.split(":")[0].strip() and ":" in text:
                head, _, tail = text.partition(":")
                if _norm(head) == key and 2 <= len(tail.split()) <= 20:
                    return f"{head.strip()}: {tail.strip()}"
    return title


def _organisation(name: str) -> bool:
    from relexplorer.extract.entities.gazetteer import load_gazetteer

    return any(word in load_gazetteer().org_words for word in name.split())


def _not_a_person(names: str) -> bool:
    """Names with a place or an organisation word in them ("Israel-China Relations")."""
    from relexplorer.extract.entities.gazetteer import PLACE, load_gazetteer

    gaz = load_gazetteer()
    words = re.split(r"[\s,&-]+", names)
    return any(w in gaz.org_words or gaz.entries.get(w, (None, None))[1] == PLACE for w in words)


def _cover_title(pages: list[PdfPage]) -> str:
    """The largest consecutive lines of the first page with text, when they are printed larger
    than the body text and read as a title (a few lines, not a sentence running on)."""
    first = next((p for p in pages if p.lines), None)
    if first is None:
        return ""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size)] += len(ln.text)
    body = sizes.most_common(1)[0][0]
    biggest = max(ln.size for ln in first.lines)
    if biggest < _TITLE_SIZE * body:
        return ""
    group: list[str] = []
    for ln in first.lines:
        if ln.size >= 0.9 * biggest:
            group.append(ln.text)
        elif group:
            break
    title = " ".join(group)
    return title if len(title.split()) >= 2 and len(group) <= 4 and len(title) <= 200 else ""


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", s).casefold().split())
