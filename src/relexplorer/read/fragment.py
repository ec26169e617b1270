"""HTML fragments to text: a walker over the standard ``html.parser``, with bounded recovery.

Used for what trafilatura (:mod:`~relexplorer.read.html`) finds no main text in although it is
prose: a bare fragment (a few ``<p>`` with no page around them), and the HTML inside a JSON-LD
``articleBody``.

Blocks become paragraphs, ``<h2>`` becomes ``## ``, ``<li>`` becomes ``- ``; script, style,
nav, aside and the page's header and footer are dropped, the ``<article>``'s own header and
footer kept; when the page has a ``<main>`` or ``<article>``, only its text is kept; ``<meta>``
tags (and ``<title>``, the first ``<h1>``, ``<time>``) fill the front matter. Nested blocks
each open a paragraph break; runs of them are collapsed to one blank line.

The text is built from chunks, each anchored in the offset map at its offset in the markup,
so that offsets map back into the markup at text-chunk precision.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from itertools import accumulate

from relexplorer.read.offsets import OffsetMap, substitute

_BLOCK_TAGS = frozenset(
    "p div section article main blockquote pre table thead tbody tfoot ul ol dl dd dt "
    "figure figcaption address details summary center hgroup body html h1 h2 h3 h4 h5 h6 hr "
    "header footer".split()
)
_SKIP_TAGS = frozenset(
    "script style nav header footer aside noscript template svg form button select "
    "iframe canvas object head math option datalist dialog".split()
)
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_META_KEYS = {
    "author": "author",
    "article:author": "author",
    "dc.creator": "author",
    "citation_author": "author",
    "og:title": "title",
    "twitter:title": "title",
    "dc.title": "title",
    "citation_title": "title",
    "article:published_time": "date",
    "date": "date",
    "pubdate": "date",
    "publishdate": "date",
    "dc.date": "date",
    "citation_publication_date": "date",
    "citation_date": "date",
    "og:site_name": "source",
    "citation_journal_title": "source",
    "publisher": "source",
    "og:url": "url",
}


class _HTMLText(HTMLParser):
    """Collects text chunks (with their offsets in the markup) and page metadata."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0, *accumulate(len(x) for x in raw.splitlines(keepends=True))]
        # chunks: (text, offset in markup, skipped, inside main/article)
        self.chunks: list[tuple[str, int, bool, bool]] = []
        self.skip = 0
        self.main = 0
        self.pre = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title = ""
        self.h1: list[str] | None = None
        self.h1_text = ""
        self.stack: list[str] = []
        self.skipping: list[bool] = []  # parallel to ``stack``: did this element start a skip?

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line - 1, len(self.line_starts) - 1)] + col

    def _emit(self, text: str) -> None:
        self.chunks.append((text, self._pos(), self.skip > 0, self.main > 0))

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("name") or attrs.get("property") or "").lower()
            if key in _META_KEYS and attrs.get("content") and _META_KEYS[key] not in self.meta:
                self.meta[_META_KEYS[key]] = attrs["content"].strip()
            return
        if tag == "time" and attrs.get("datetime") and "time" not in self.meta:
            self.meta["time"] = attrs["datetime"]
        if tag == "title":
            self.in_title = True
        if tag in _VOID_TAGS:
            if tag == "br":
                self._emit("\n")
            elif tag == "hr":
                self._emit("\n\n")
            return
        # header and footer are page chrome, except inside the article, where they hold its
        # title, by-line, date or author bio
        skipping = tag in _SKIP_TAGS and not (tag in ("header", "footer") and self.main)
        self.stack.append(tag)
        self.skipping.append(skipping)
        if skipping:
            self.skip += 1
        if tag in ("main", "article"):
            self.main += 1
        if tag == "pre":
            self.pre += 1
        if tag == "h1" and self.h1 is None:
            self.h1 = []
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                self._emit("#" * int(tag[1]) + " ")
        elif tag == "li":
            self._emit("\n- ")
        elif tag == "tr":
            self._emit("\n")
        elif tag in ("td", "th"):
            self._emit(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag not in self.stack:
            return  # stray end tag: ignore rather than unbalance the counters
        while self.stack:
            open_tag = self.stack.pop()
            if self.skipping.pop():
                self.skip -= 1
            if open_tag in ("main", "article"):
                self.main -= 1
            if open_tag == "pre":
                self.pre -= 1
            if open_tag == "h1" and self.h1 is not None and not self.h1_text:
                self.h1_text = " ".join("".join(self.h1).split())
            if open_tag in _BLOCK_TAGS:
                self._emit("\n\n")
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.h1 is not None and not self.h1_text:
            self.h1.append(data)
        if "script" in self.stack[-1:] or "style" in self.stack[-1:]:
            return
        if not self.pre:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
        if data:
            self._emit(data)


# Unparsed markup longer than this after ``feed`` is finished by :func:`_close` rather than by
# ``HTMLParser.close``; broken constructs are recovered one by one while the markup re-read for
# them stays under ``_HTML_REREAD`` times the first unparsed tail.
_HTML_TAIL = 4096
_HTML_REREAD = 4


def _close(parser: HTMLParser) -> None:
    """``parser.close()`` in time linear in the markup it has not parsed yet.

    ``feed`` stops at a construct that never ends (a tag with no ``>`` after it, an unclosed
    quote or comment). ``close`` then turns the construct up to the next ``>`` into text and
    parses on; but before Python 3.13.4 every later unclosed ``<`` is retried against all the
    rest of the text, which takes time quadratic in it (``"<a " * 100_000`` took minutes).
    Here the same recovery is done while it re-reads a bounded amount of markup; then what is
    left is kept as plain text.
    """
    budget = _HTML_REREAD * len(parser.rawdata)
    while True:
        tail = parser.rawdata
        if len(tail) <= _HTML_TAIL or len(tail) > budget or getattr(parser, "cdata_elem", None):
            break
        budget -= len(tail)
        close = tail.find(">", 1)
        if close < 0:
            break  # no tag can end any more: the rest is text, as close() would find one "<" at a time
        k = close + 1
        parser.handle_data(html.unescape(tail[:k]))
        parser.updatepos(0, k)
        parser.rawdata = tail[k:]
        parser.feed("")
    tail = parser.rawdata
    if len(tail) > _HTML_TAIL and not getattr(parser, "cdata_elem", None):
        parser.handle_data(html.unescape(tail))
        parser.updatepos(0, len(tail))
        parser.rawdata = ""
    parser.close()


# When the text inside <main> or <article> has at least this many characters (its chunks
# stripped), only that text is kept.
_MAIN_MIN_TEXT = 200
_HTML_BREAKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def fragment_to_text(raw: str, omap: OffsetMap) -> tuple[str, dict]:
    """Markup to text and page metadata; ``omap`` must be fresh (the chunks are its anchors)."""
    parser = _HTMLText(raw)
    try:
        parser.feed(raw)
        _close(parser)
    except Exception:  # noqa: BLE001 - html.parser is lenient; this is a last resort
        pass
    chunks = [c for c in parser.chunks if not c[2]]
    in_main = [c for c in chunks if c[3]]
    if sum(len(c[0].strip()) for c in in_main) >= _MAIN_MIN_TEXT:
        chunks = in_main
    if not "".join(c[0] for c in chunks).strip():
        chunks = parser.chunks  # everything was inside skipped elements: keep it all
    pieces = []
    pos = 0
    for text, offset, _skip, _main in chunks:
        omap.s.append(pos)
        omap.o.append(offset)
        pieces.append(text)
        pos += len(text)
    meta = dict(parser.meta)
    title = parser.h1_text or meta.get("title") or " ".join(parser.title.split())
    if title:
        meta["title"] = title
    if "date" not in meta and "time" in meta:
        meta["date"] = meta["time"]
    meta.pop("time", None)
    # nested blocks each opened a paragraph break: one blank line between blocks is enough
    return substitute(_HTML_BREAKS, "\n\n", "".join(pieces), omap), meta
