"""Web pages to text: the article's main text and its metadata, read by trafilatura.

trafilatura finds the main text (menus, share bars, related links, comments and footers left
out) and the page's metadata (title, author, date by htmldate, site name, canonical URL, from
JSON-LD, OpenGraph and ``<meta>``; :mod:`~relexplorer.read.page_meta` adds to it). Its text comes as a tree of blocks, which becomes the text
relexplorer's structure parser reads: headings as Markdown headings (``## Costs``), paragraphs
separated by a blank line, list items as ``- item``, table rows as lines; the title is put on
top as ``# Title`` when the main text does not start with it.

When the visible body is missing (the page renders it with scripts), the JSON-LD
``articleBody`` is the body (:mod:`~relexplorer.read.jsonld`). When trafilatura finds no prose,
the page is read again by the fragment walker (:mod:`~relexplorer.read.fragment`), which keeps
what is inside ``<main>``/``<article>`` and drops the page's chrome: its text is kept when it
is an article, or when the markup is a bare fragment (a few ``<p>``, no page around them). A page with no article text at all (a front
page, an index of links) raises :class:`ReadError` instead of being stored as facts.

Offsets map back into the markup at block precision: each block is anchored where its first
words appear verbatim in the markup, after the block before it (else at that block's anchor).
"""

from __future__ import annotations

import logging
import re

from relexplorer.errors import ReadError
from relexplorer.extract.debris import load_debris
from relexplorer.extract.structure.lines import is_prose
from relexplorer.read.fragment import fragment_to_text
from relexplorer.read.jsonld import JsonLdArticle, article_from_jsonld
from relexplorer.read.offsets import OffsetMap
from relexplorer.read.page_meta import page_metadata

# A main text is an article when its prose lines (sentences of 8 words or more that are not
# page furniture) hold two sentences or more and at least this many characters, or when it is
# this long (a list or a table: a calendar, a results table); a front page's main text is one
# teaser.
_MIN_PROSE = 100
_MIN_TEXT = 500
# On a site's front page (its root URL), the main text must hold this many prose sentences.
_FRONT_PAGE_SENTENCES = 4
_RUN_ON = re.compile(r"(?<=[^.!?:;\n])\n(?=[a-z])")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z0-9]")
# The JSON-LD articleBody replaces the main text when it is this many times longer.
_JSONLD_LONGER = 2.0
# A block is anchored by this many of its first characters found in the markup.
_PROBE = 24
# Markup with none of these is a fragment, not a page: it has no chrome to leave out.
_PAGE = re.compile(r"<(?:html|body|nav|header|footer|aside|menu|form)\b", re.I)
# A main text shorter than this (characters) with trafilatura's precision setting is read
# again with its balanced setting, which is kept when it is this many times longer.
_SHORT_MAIN_TEXT = 1500
_BALANCED_LONGER = 2.0
_LB_SAFE = re.compile(r"\s+")
_HEADING_LEVEL = re.compile(r"h([1-6])")
# htmldate: the original publication date, from the page's markup and metadata; its extensive
# search would guess a date from any year in the text (a copyright line gives "2021-01-01").
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def html_to_text(raw: str, omap: OffsetMap, name: str = "input") -> tuple[str, dict]:
    """The article text of a page and its metadata (front matter keys); ``omap`` must be fresh.

    Raises :class:`ReadError` when the page holds no article text.
    """
    page = _extract(raw)
    jsonld = article_from_jsonld(raw) if "ld+json" in raw else JsonLdArticle()
    front = page_metadata(page, raw, jsonld)
    blocks = _blocks(page.body) if page is not None and page.body is not None else []
    main = "\n\n".join(blocks)
    if jsonld.body and len(_plain(jsonld.body)) > _JSONLD_LONGER * len(main):
        blocks = _jsonld_blocks(jsonld.body)
    elif not article_like(main, _front_page(front.get("url", ""))):
        return _fallback(raw, omap, name, front, main)
    title = front.get("title", "")
    if title and not (blocks and _same(blocks[0].lstrip("# "), title)):
        blocks.insert(0, "# " + title)
    return _anchored(blocks, raw, omap), front


def article_like(text: str, front_page: bool = False, prose_only: bool = False) -> bool:
    """The text reads as an article (see ``_MIN_PROSE``); on a site's front page, and in what
    the fragment walker finds, only prose counts."""
    rules = load_debris()
    # a line broken inside a sentence (a <br>) goes on in lower case on the next one
    lines = _RUN_ON.sub(" ", text).split("\n")
    prose = [
        line for line in (x.strip() for x in lines)
        if line and is_prose(line) and not rules.is_debris(line)
    ]
    size = sum(len(line) for line in prose)
    sentences = sum(1 + len(_SENTENCE_BREAK.findall(line)) for line in prose)
    if front_page:
        return size >= _MIN_TEXT and sentences >= _FRONT_PAGE_SENTENCES
    return (size >= _MIN_PROSE and sentences >= 2) or (not prose_only and len(text) >= _MIN_TEXT)


def _front_page(url: str) -> bool:
    """The URL is a site's root: its front page."""
    return bool(re.fullmatch(r"(?i)(?:https?://)?[^/?#]+/?(?:index\.\w+)?", url.strip()))


def _fallback(raw: str, omap: OffsetMap, name: str, front: dict, main: str) -> tuple[str, dict]:
    """No article in trafilatura's main text: the fragment walker's text, or a clear error."""
    walked_map = OffsetMap()
    text, walked_meta = fragment_to_text(raw, walked_map)
    front_page = _front_page(front.get("url", ""))
    if text.strip() and (article_like(text, front_page, prose_only=True) or not _PAGE.search(raw)):
        omap.s, omap.o = walked_map.s, walked_map.o
        for key, value in walked_meta.items():
            front.setdefault(key, value)
        return text, front
    what = "only menus, links and headlines" if (main or text).strip() else "no text"
    raise ReadError(f"no article text found in {name}: {what} (a front page or an index?)")


def _extract(raw: str):
    """trafilatura's document (main text tree and metadata), or None when it finds no text.

    Its precision setting leaves out more furniture, but on some pages it keeps a notice and
    misses the article; when its text is short, the balanced setting is tried too and taken
    when it finds much more.
    """
    page = _trafilatura(raw, precision=True)
    size = len(page.text or "") if page is not None else 0
    if size < _SHORT_MAIN_TEXT:
        balanced = _trafilatura(raw, precision=False)
        if balanced is not None and len(balanced.text or "") > _BALANCED_LONGER * size:
            page = balanced
    if page is None:
        import trafilatura

        try:
            page = trafilatura.extract_metadata(raw, date_config=_DATE_PARAMS)
        except (ValueError, TypeError, RecursionError, LookupError):
            return None
        if page is not None:
            page.body = None
    return page


def _trafilatura(raw: str, *, precision: bool):
    import trafilatura

    for logger in _LIBRARY_LOGGERS:  # they log to stderr; the one line we print is enough
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    try:
        return trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=precision, date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, RecursionError, LookupError):  # markup lxml cannot take
        return None


# --- trafilatura's tree to text -------------------------------------------------------------


def _inline(el) -> str:
    """The text of an element, ``<lb/>`` as a line break; the markup's own line breaks and
    runs of spaces are one space."""
    pieces = [_LB_SAFE.sub(" ", el.text or "")]
    for child in el:
        if child.tag == "lb":
            pieces.append("\n")
        elif child.tag != "graphic":
            pieces.append(_inline(child))
        pieces.append(_LB_SAFE.sub(" ", child.tail or ""))
    lines = (" ".join(part.split()) for part in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _blocks(body) -> list[str]:
    """The blocks of trafilatura's main text tree, as Markdown-like text."""
    out: list[str] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            level = _HEADING_LEVEL.fullmatch(el.get("rend") or "")
            text = " ".join(_inline(el).split())
            if text:
                out.append("#" * (int(level.group(1)) if level else 2) + " " + text)
        elif tag == "list":
            items = [_inline(item) for item in el if item.tag == "item"]
            out.append("\n".join("- " + " ".join(i.split()) for i in items if i.strip()))
        elif tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [" ".join(_inline(c).split()) for c in row if c.tag == "cell"]
                rows.append(" · ".join(c for c in cells if c))
            out.append("\n".join(r for r in rows if r))
        elif tag in ("quote", "div", "list", "section") and len(el) and el[0].tag in (
            "p", "head", "list", "quote", "table", "div"
        ):
            out.extend(_blocks(el))
        elif tag != "graphic":
            out.append(_inline(el))
    return [b for b in out if b.strip()]


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text)


def _jsonld_blocks(body: str) -> list[str]:
    """The JSON-LD ``articleBody`` as blocks: its own markup read, or its lines as paragraphs."""
    if re.search(r"<(?:p|br|div|h[1-6])\b", body, re.I):
        body, _ = fragment_to_text(body, OffsetMap())
    import html

    body = html.unescape(body)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b)


def _anchored(blocks: list[str], raw: str, omap: OffsetMap) -> str:
    """The blocks joined by blank lines, each anchored in ``omap`` where it is in ``raw``."""
    pieces = []
    pos = 0
    cursor = 0
    for block in blocks:
        probe = block.lstrip("#- ")[:_PROBE]
        found = raw.find(probe, cursor) if probe else -1
        if found >= 0:
            cursor = found
            skip = len(block) - len(block.lstrip("#- "))
            omap.s.append(pos + skip)
            omap.o.append(found)
        else:
            omap.s.append(pos)
            omap.o.append(cursor)
        pieces.append(block)
        pos += len(block) + 2
    return "\n\n".join(pieces)
