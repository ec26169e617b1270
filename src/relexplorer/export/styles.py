"""Citation styles: the note that cites one fact and the bibliography entry of its document, in
the ``plain``, ``chicago`` (notes and bibliography) and ``apa`` styles.

A citation is built as :class:`Piece` runs (source text, italic source text, a URL, or the
style's own punctuation) so that the Markdown export, the explorer and the clipboard each render
the same citation their own way: :func:`as_markdown`, :func:`as_plain` (and the explorer's Rich
text). Parts a document does not give are left out, never guessed.

- plain: ``Zhao Mingwen, “Title”, Outlet, 7 June 2018, section II. Trade, p. 12, URL.``
- chicago: ``Zhao Mingwen, “Title,” *Outlet*, June 7, 2018, 12, URL.``; bibliography
  ``Berg, Anna. “Title.” *Outlet*, January 5, 2021. URL.``
- apa: ``(Zhao, 2018, p. 12)``; references ``Zhao, M. (2018, June 7). Title. *Outlet*. URL``
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relexplorer.display import one_line
from relexplorer.export.escape import escape_markdown, markdown_url
from relexplorer.export.names import PersonName, ascii_fold
from relexplorer.export.reference import Locator, Reference

STYLES = ("plain", "chicago", "apa")
DEFAULT_STYLE = "plain"
# The heading of each style's list of cited documents (plain cites in full in every note).
LIST_HEADINGS = {"chicago": "Bibliography", "apa": "References"}
_ENDS_SENTENCE = re.compile(r"[.?!…]$")
# Chicago notes name up to three authors, then "et al."; APA lists up to twenty.
_CHICAGO_NOTE_AUTHORS = 3
_APA_AUTHORS = 20


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a citation. ``kind``: ``text`` (from the source), ``italic`` (from the source,
    set in italics), ``url``, or ``punct`` (the style's own punctuation, never escaped)."""

    text: str
    kind: str = "text"


Pieces = list[Piece]


def _text(value: str) -> Piece:
    return Piece(value, "text")


def _punct(value: str) -> Piece:
    return Piece(value, "punct")


# --- rendering --------------------------------------------------------------------------------


def as_markdown(pieces: Pieces) -> str:
    """The citation as Markdown: source text escaped, the outlet in ``*italics*``, the URL as an
    autolink."""
    out = []
    for piece in pieces:
        if piece.kind == "punct":
            out.append(piece.text)
        elif piece.kind == "url":
            out.append(markdown_url(piece.text))
        elif piece.kind == "italic":
            escaped = escape_markdown(piece.text)
            out.append(f"*{escaped}*" if escaped else "")
        else:
            out.append(escape_markdown(piece.text))
    return "".join(out)


def as_plain(pieces: Pieces) -> str:
    """The citation as plain text on one line (for the clipboard and the JSON export)."""
    return "".join(one_line(p.text) for p in pieces)


# --- assembling ---------------------------------------------------------------------------------


def _join(elements: list[Pieces], *, separator: str = ", ", end: str = ".", american: bool = False) -> Pieces:
    """Elements joined by ``separator`` and closed by ``end``.

    ``american`` puts a comma or period that follows a quoted title inside the closing quote
    (“Title,”), and drops it when the title ends with its own ? or !.
    """
    out: Pieces = []
    elements = [e for e in elements if e]
    for i, element in enumerate(elements):
        last = i == len(elements) - 1
        mark = end if last else separator.rstrip()
        element = list(element)
        tail = element[-1]
        if american and tail.kind == "punct" and tail.text == "”":
            quoted = element[-2].text if len(element) > 1 else ""
            element[-1] = _punct(("" if _ENDS_SENTENCE.search(quoted) else mark) + "”")
            out += element
            if not last:
                out.append(_punct(" "))
            continue
        out += element
        # "Zhao, M." or "Why Now?" already end a sentence: no second period after them.
        ends_itself = tail.kind != "url" and _ENDS_SENTENCE.search(tail.text.rstrip()) is not None
        if last:
            out.append(_punct("" if ends_itself and mark == "." else mark))
        else:
            out.append(_punct(separator[1:] if ends_itself and separator.startswith(".") else separator))
    return [p for p in out if p.text]


def _quoted(title: str) -> Pieces:
    return [_punct("“"), _text(title), _punct("”")] if title else []


def _url(ref: Reference) -> Pieces:
    return [Piece(ref.url, "url")] if ref.url else []


def _and_list(names: list[str], *, conjunction: str = "and", serial: bool = True) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    return ", ".join(names[:-1]) + ("," if serial else "") + f" {conjunction} {names[-1]}"


# --- plain ------------------------------------------------------------------------------------


def plain_note(ref: Reference, loc: Locator) -> Pieces:
    """``Author, “Title”, Outlet, 7 June 2018, section II. Trade, p. 12, URL.``"""
    elements = [
        _plain_authors(ref),
        _quoted(ref.title),
        [Piece(ref.outlet, "italic")] if ref.outlet else [],
        [_text(ref.readable_date)] if ref.readable_date else [],
        [_punct("section "), _text(loc.section)] if loc.section else [],
        [_punct(f"p. {loc.page}")] if loc.page else [],
        _url(ref),
    ]
    if not any(elements[:4]) and not ref.url:
        elements.insert(0, [_punct("document "), _text(ref.slug)])  # nothing else names it
    return _join(elements)


def _plain_authors(ref: Reference) -> Pieces:
    """The authors in their reading order ("Anna Berg and John Smith", "Zhao Mingwen")."""
    names = [n.written for n in ref.authors]
    return [_text(_and_list(names))] if names else ([_text(ref.byline)] if ref.byline else [])


def byline(ref: Reference) -> Pieces:
    """Under a document's heading: its authors, outlet, date and URL (the title is the heading)."""
    return _join([
        _plain_authors(ref),
        [Piece(ref.outlet, "italic")] if ref.outlet else [],
        [_text(ref.readable_date)] if ref.readable_date else [],
        _url(ref),
    ], end="")


# --- Chicago ----------------------------------------------------------------------------------


def chicago_note(ref: Reference, loc: Locator) -> Pieces:
    """``Zhao Mingwen, “Title,” *Outlet*, June 7, 2018, 12, URL.`` (a full note every time, so that
    a quote moved elsewhere keeps its source)."""
    names = [n.written for n in ref.authors]
    if len(names) > _CHICAGO_NOTE_AUTHORS:
        names = [f"{names[0]} et al."]
    return _join([
        [_text(_and_list(names))] if names else [],
        _quoted(ref.title),
        [Piece(ref.outlet, "italic")] if ref.outlet else [],
        [_text(_chicago_date(ref))] if _chicago_date(ref) else [],
        _chicago_locator(loc),
        _url(ref),
    ], american=True)


def chicago_entry(ref: Reference) -> Pieces:
    """``Berg, Anna, and John Smith. “Title.” *Outlet*, January 5, 2021. URL.``"""
    names = [n.inverted if i == 0 else n.written for i, n in enumerate(ref.authors)]
    # "Berg, Anna, and John Smith": after an inverted first name the comma comes even for two.
    authors = f"{names[0]}, and {names[1]}" if len(names) == 2 and "," in names[0] else _and_list(names)
    source = _join([[Piece(ref.outlet, "italic")] if ref.outlet else [],
                    [_text(_chicago_date(ref))] if _chicago_date(ref) else []], end="")
    return _join([[_text(authors)] if names else [], _quoted(ref.title), source, _url(ref)],
                 separator=". ", american=True)


def _chicago_date(ref: Reference) -> str:
    return ref.date.month_day_year() if ref.date else one_line(ref.published)


def _chicago_locator(loc: Locator) -> Pieces:
    if loc.page:
        return [_punct(str(loc.page))]
    if loc.label:
        return [_punct("sec. "), _text(loc.label)]
    if loc.heading:
        return [*_quoted(loc.heading), _punct(" section")]
    return []


# --- APA --------------------------------------------------------------------------------------


def apa_note(ref: Reference, loc: Locator, suffix: str = "") -> Pieces:
    """``(Zhao, 2018, p. 12)``: APA's parenthetical citation; ``suffix`` tells apart two works of
    one author and year (``2018a``)."""
    if ref.authors:
        families = [n.literal or n.family for n in ref.authors]
        who = [_text(families[0] + " et al." if len(families) > 2 else _and_list(families, conjunction="&"))]
    elif ref.title:
        who = _quoted(_short_title(ref.title))
    else:
        who = [_punct("document "), _text(ref.slug)]
    year = f"{ref.date.year}{suffix}" if ref.date else "n.d."
    locator: Pieces = []
    if loc.page:
        locator = [_punct(f"p. {loc.page}")]
    elif loc.label:
        locator = [_punct("Section "), _text(loc.label)]
    elif loc.heading:
        locator = [*_quoted(loc.heading), _punct(" section")]
    inner = _join([who, [_punct(year)], locator], end="", american=True)
    return [_punct("("), *inner, _punct(")")]


def apa_entry(ref: Reference, suffix: str = "") -> Pieces:
    """``Zhao, M. (2018, June 7). Title. *Outlet*. URL`` (APA 7, an article; no period after the
    URL)."""
    names = [_apa_name(n) for n in ref.authors[:_APA_AUTHORS]]
    if len(names) > 1:  # APA puts a comma before the ampersand even between two names
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        authors = "".join(names)
    date = "n.d." if not ref.date else ", ".join(
        x for x in (f"{ref.date.year}{suffix}", ref.date.month_name + (f" {ref.date.day}" if ref.date.day else "")) if x)
    title = [_text(ref.title)] if ref.title else []
    elements: list[Pieces] = []
    if authors:
        elements += [[_text(authors)], [_punct(f"({date})")], title]
    else:  # a work without author is cited by its title
        elements += [title, [_punct(f"({date})")]]
    elements.append([Piece(ref.outlet, "italic")] if ref.outlet else [])
    pieces = _join(elements, separator=". ")
    return [*pieces, _punct(" "), *_url(ref)] if ref.url else pieces


def _apa_name(name: PersonName) -> str:
    if name.literal or not name.given:
        return name.literal or name.family
    return f"{name.family}, {name.initials}" + (f", {name.suffix}" if name.suffix else "")


def _short_title(title: str) -> str:
    """The main title (before a colon), at most four words: APA's and Chicago's short title."""
    words = title.split(":")[0].split()
    return " ".join(words[:4])


def year_suffixes(refs: list[Reference]) -> dict[int, str]:
    """``a``, ``b``... for works that APA would cite alike (the same authors in the same order,
    the same year), by document id; the others get none."""
    groups: dict[tuple, list[Reference]] = {}
    for ref in refs:
        groups.setdefault((_authors_key(ref), ref.date.year if ref.date else None), []).append(ref)
    out: dict[int, str] = {}
    for same in groups.values():
        if len(same) > 1:
            for i, ref in enumerate(sorted(same, key=lambda r: (r.title.casefold(), r.document_id))):
                out[ref.document_id] = chr(ord("a") + i) if i < 26 else f"-{i + 1}"
    return out


# --- by name ------------------------------------------------------------------------------------


def note(style: str, ref: Reference, loc: Locator, suffixes: dict[int, str] | None = None) -> Pieces:
    """The note citing one fact, in ``style``."""
    if style == "chicago":
        return chicago_note(ref, loc)
    if style == "apa":
        return apa_note(ref, loc, (suffixes or {}).get(ref.document_id, ""))
    return plain_note(ref, loc)


def entry(style: str, ref: Reference, suffixes: dict[int, str] | None = None) -> Pieces:
    """The bibliography entry of a document, in ``style`` (plain: its note without a locator)."""
    if style == "chicago":
        return chicago_entry(ref)
    if style == "apa":
        return apa_entry(ref, (suffixes or {}).get(ref.document_id, ""))
    return plain_note(ref, Locator())


def entry_sort_key(ref: Reference) -> tuple:
    """The order of a bibliography: authors (or title; one author before the same author with
    others), year, title."""
    return (_authors_key(ref), ref.date.year if ref.date else 0, ref.title.casefold(), ref.document_id)


def _authors_key(ref: Reference) -> tuple[str, ...]:
    return tuple(n.sort_key for n in ref.authors) or (ascii_fold(ref.title).casefold(),)
