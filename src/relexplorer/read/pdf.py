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
_DANGLING = re.compile(r"(?i)\b(?:a|an|and|at|by|for|from|in|its|of|on|or|the|their|to|with)$|[-–,:]$")
# a cover's date line: "November 2023", "November 2023 Bradley C. Parks, ..." (not a sentence)
_MONTH_YEAR = re.compile(r"^([A-Z][a-z]+)\s+((?:19|20)\d\d)(?:$|\s+(?=[A-Z]))")
_COVER_PAGES = 3  # a cover image and an imprint page may come before the title
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
    subject = " ".join(str(info.get("Subject") or "").split())
    title = _title(" ".join(str(info.get("Title") or "").split()), pages, subject)
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
    date = _cover_date(pages, str(info.get("CreationDate") or ""))
    if date:
        front["date"] = date
    return front


def _cover_date(pages: list[PdfPage], created: str) -> str:
    """The month and year printed on the cover ("November 2023" -> 2023-11); else the year
    the file was made ("D:20240129...") when the first pages print that year too. The file's
    date alone is not the publication's: a report is often saved again years later."""
    from relexplorer.lexicon import MONTHS, is_year

    cover = _cover(pages)
    for line in cover.lines[:_COVER_LINES * 2] if cover else []:
        for month, year in _MONTH_YEAR.findall(line.text.strip()):
            if month.casefold() in MONTHS and is_year(int(year)):
                return f"{year}-{MONTHS[month.casefold()]:02d}"
    made = re.match(r"D:((?:19|20)\d\d)", created)
    if made:
        first = " ".join(ln.text for p in [p for p in pages if p.lines][:_COVER_PAGES] for ln in p.lines)
        if re.search(rf"\b{made.group(1)}\b", first):
            return made.group(1)
    return ""


def _cover_names(pages: list[PdfPage], title: str) -> str:
    """A line of only full names among the first lines of the first page with text."""
    from relexplorer.extract.structure.metadata import full_names

    cover = _cover(pages)
    for line in cover.lines[:_COVER_LINES] if cover else []:
        if len(line.text) <= _NAMES_MAX and not line.text.isupper() and _norm(line.text) not in _norm(title):
            names = full_names(line.text)
            if names and not _not_a_person(names):
                return names
    return ""


def _title(info_title: str, pages: list[PdfPage], subject: str = "") -> str:
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
    if info_title and subject and _norm(f"{info_title} {subject}") in near:
        return f"{info_title}: {subject}"  # the information splits a "Title: Subtitle"
    for candidate in candidates:
        if len(candidate.split()) >= 2 and _norm(candidate) in near:
            return _with_subtitle(candidate, lines)
    return _cover_title(pages) or info_title


def _with_subtitle(title: str, lines: list[str]) -> str:
    """``Title: Subtitle`` when the first pages print the title so, on a line or two."""
    key = _norm(title)
    for a, b in zip(lines, [*lines[1:], ""], strict=True):
        # a line that stops on "to", "of", "and" ... runs on into the next one
        for text in (f"{a} {b}", a) if _DANGLING.search(a) else (a, f"{a} {b}"):
            if _norm(text).startswith(key) and text.split(":")[0].strip() and ":" in text:
                head, _, tail = text.partition(":")
                if _norm(head) == key and 2 <= len(tail.split()) <= 20:
                    return f"{head.strip()}: {tail.strip()}"
    return title


def _organisation(name: str) -> bool:
    from relexplorer.extract.entities.gazetteer import load_gazetteer

    return any(word in load_gazetteer().org_words for word in name.split())


def _not_a_person(names: str) -> bool:
    """Names with a place or an organisation word in them ("Israel-China Relations"), or one
    that is half made of common words ("Single Market Economics Briefs", a series' name)."""
    from relexplorer.extract.entities.gazetteer import PLACE, load_gazetteer

    gaz = load_gazetteer()
    words = re.split(r"[\s,&-]+", names)
    if any(w in gaz.org_words or gaz.entries.get(w, (None, None))[1] == PLACE for w in words):
        return True
    for name in re.split(r", (?:and )?| and ", names):
        parts = [w for w in name.split() if len(w.rstrip(".")) > 1]
        if parts and 2 * sum(w in gaz.stop for w in parts) >= len(parts):
            return True
    return False


def _cover_title(pages: list[PdfPage]) -> str:
    """The largest consecutive lines of the cover, when they are printed larger than the body
    text and read as a title (a few lines, not a sentence running on)."""
    cover = _cover(pages)
    if cover is None:
        return ""
    biggest = max(ln.size for ln in cover.lines)
    if biggest < _TITLE_SIZE * _body_size(pages):
        return ""
    group: list[str] = []
    for ln in cover.lines:
        if ln.size >= 0.9 * biggest:
            group.append(ln.text)
        elif group:
            break
    title = " ".join(group)
    return title if len(title.split()) >= 2 and len(group) <= 4 and len(title) <= 200 else ""


def _body_size(pages: list[PdfPage]) -> float:
    """The font size that prints the most characters."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _cover(pages: list[PdfPage]) -> PdfPage | None:
    """The page that prints the title: among the first pages with text, the first with a line
    printed larger than the body text (a cover image with only a page number on it, or an
    imprint page in small print, comes before it); else the first page with text."""
    with_text = [p for p in pages if p.lines][:_COVER_PAGES]
    if not with_text:
        return None
    body = _body_size(pages)
    for page in with_text:
        if max(ln.size for ln in page.lines) >= _TITLE_SIZE * body:
            return page
    return with_text[0]


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", s).casefold().split())
