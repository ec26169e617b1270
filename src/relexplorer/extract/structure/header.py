"""The header: title, kicker, subtitle, masthead and metadata lines above the body.

Among :data:`HEADER_WINDOW` lines left after furniture, from the title block that
:mod:`.region` found in a copied page (else from the top), before the body starts: the
**title** (the first title-like line, a first-level Markdown heading, or the front matter's
title repeated), a **kicker** above it ("COMMENTARY"), a **subtitle** right under it,
**metadata** lines (see :mod:`.metadata`), a by-line without "By" (a bare name, a name with
its role), a publisher with a date, and breadcrumbs (page furniture). When the title stands
right above the by-line, title-like lines further up are the page's **masthead**. The body
begins at the first heading (a heading label, or a Markdown heading that is neither the title
nor a standfirst under it), or at the first short line after the title that is none of the
above; prose lines before that are read past.
"""

from __future__ import annotations

import re

from relexplorer.extract.structure.dates import ends_with_date
from relexplorer.extract.structure.furniture import breadcrumbs
from relexplorer.extract.structure.headings import MD_HEADING, heading_label, title_like
from relexplorer.extract.structure.lines import Line, is_prose
from relexplorer.extract.structure.metadata import (
    LONE_LABEL,
    apply_field,
    byline,
    metadata_fields,
    name_with_role,
)
from relexplorer.extract.structure.region import TitleBlock
from relexplorer.lexicon import KICKERS
from relexplorer.model import Metadata

# The header is read in the first lines (after furniture) only.
HEADER_WINDOW = 15
# Labels printed above a title ("COMMENTARY", "Opinion"); any all-caps short line counts too.
_SITE_TITLE = re.compile(r"(.{10,}?)\s*[|｜]\s*([^|｜]{2,60})")
# The longest line taken as a bare name (a by-line without "By").
_BARE_NAME_MAX = 80
# The masthead is kept to this many characters.
_MASTHEAD_MAX = 300


def read_header(
    text: str, lines: list[Line], meta: Metadata, block: TitleBlock | None = None
) -> None:
    """Mark the header's lines ``meta`` (or ``debris``) and fill ``meta`` from them; ``block``
    is the title block found in a copied page, if any."""
    _Header(text, lines, meta, block or TitleBlock()).read()


class _Header:
    """The header pass over a window of lines, and what it has found so far."""

    def __init__(self, text: str, lines: list[Line], meta: Metadata, block: TitleBlock) -> None:
        self.text = text
        self.lines = lines
        self.meta = meta
        self.block = block
        self.have_title = bool(meta.title)
        start = 0
        if block.top is not None and not self.have_title:
            start = block.top
        body = [i for i, ln in enumerate(lines) if ln.kind == "body" and i >= start]
        self.window = body[:HEADER_WINDOW]
        self.title_at: int | None = None  # index of the title line
        self.prose_seen = False

    def read(self) -> None:
        if self.block.title is not None and not self.have_title:
            self._title_block()
        elif not self.have_title:
            self._masthead()
        for pos, k in enumerate(self.window):
            ln = self.lines[k]
            if ln.kind == "body" and not self._line(pos, k, ln):
                break

    def _line(self, pos: int, k: int, ln: Line) -> bool:
        """Read the line at ``pos`` in the window (``k`` in the text); False when the body
        has begun."""
        t = ln.text
        md = MD_HEADING.match(t)
        if pos == 0 and self.have_title and _same(md.group(2) if md else t, self.meta.title):
            self._title_found(k, ln)  # the front matter's title repeated in the text
            return True
        nxt = self.lines[self.window[pos + 1]] if pos + 1 < len(self.window) else None
        if self._metadata(ln, nxt) or self._nav(ln) or self._bare_byline(pos, ln):
            return True
        if md:
            return self._markdown_title(k, ln, md) or self._markdown_standfirst(pos, ln, md)
        if heading_label(t):
            return False
        if is_prose(t):
            if self._standfirst(k, ln):
                return True
            self.prose_seen = True
            return True
        if (
            self._name_with_role(ln)
            or self._publisher_and_date(ln)
            or self._title(pos, k, ln)
            or self._subtitle(pos, k, ln)
        ):
            return True
        # a short line after the title that is not metadata: the body has begun
        return self.prose_seen or not self.have_title

    def _title_block(self) -> None:
        """The title and kicker that :mod:`.region` found; title-like lines above them are
        the masthead."""
        block = self.block
        lines = self.lines
        masthead = [t for t in block.masthead if not breadcrumbs(t)]
        if masthead:
            self.meta.extra.setdefault("masthead", " / ".join(masthead)[:_MASTHEAD_MAX])
        if block.kicker is not None:
            self.meta.extra.setdefault("kicker", lines[block.kicker].text)
            lines[block.kicker].kind = "meta"
        ln = lines[block.title]
        md = MD_HEADING.match(ln.text)
        t = md.group(2).strip() if md else ln.text
        site = _SITE_TITLE.fullmatch(t)
        if site:
            self.meta.extra.setdefault("site", site.group(2).strip())
            t = site.group(1).strip()
        self.meta.title = t
        self._title_found(block.title, ln)

    def _title_found(self, k: int, ln: Line) -> None:
        self.have_title = True
        self.title_at = k
        ln.kind = "meta"

    def _metadata(self, ln: Line, nxt: Line | None = None) -> bool:
        fields = metadata_fields(ln.text, header=True)
        if not fields and nxt is not None and LONE_LABEL.fullmatch(ln.text):
            fields = metadata_fields(f"{ln.text} {nxt.text}", header=True)  # "By" / "Jane Doe"
            if fields:
                nxt.kind = "meta"
        if not fields:
            return False
        for field, value in fields:
            apply_field(self.meta, field, value)
        ln.kind = "meta"
        return True

    def _nav(self, ln: Line) -> bool:
        if not breadcrumbs(ln.text):
            return False
        ln.kind = "debris"
        return True

    def _bare_byline(self, pos: int, ln: Line) -> bool:
        """ "David Dollar" alone on a line, then the date: a by-line without "By"."""
        window = self.window
        if self.meta.author or not self.have_title or self.prose_seen or pos + 1 >= len(window):
            return False
        t = ln.text
        nxt = self.lines[window[pos + 1]]
        if t.split()[0].casefold() == "by":
            return False  # a by-line that named no one ("By Reuters")
        by = byline(t) if len(t.split()) >= 2 and len(t) <= _BARE_NAME_MAX else None
        adjacent = self.text.count("\n", ln.end, nxt.start) == 1
        fields = metadata_fields(nxt.text, header=True) or []
        if any(field == "author" for field, _ in fields):
            return False  # the next line is the by-line: this one is a standfirst ("X and Y for Z")
        if by and adjacent and (fields or ends_with_date(nxt.text)):
            apply_field(self.meta, "author", by[0])
            ln.kind = "meta"
            return True
        return False

    def _markdown_title(self, k: int, ln: Line, md: re.Match) -> bool:
        """A first-level ``#`` heading before any title or prose is the title."""
        if self.have_title or self.prose_seen or len(md.group(1)) != 1:
            return False
        self.meta.title = md.group(2).strip()
        self._title_found(k, ln)
        return True

    def _markdown_standfirst(self, pos: int, ln: Line, md: re.Match) -> bool:
        """A standfirst set as a heading right under the title, above the by-line."""
        window = self.window
        later = self.lines[window[pos + 1]].text if pos + 1 < len(window) else ""
        if (
            self.title_at is not None
            and pos > 0
            and window[pos - 1] == self.title_at
            and not self.prose_seen
            and metadata_fields(later, header=True)
        ):
            self.meta.extra.setdefault("subtitle", md.group(2).strip())
            ln.kind = "meta"
            return True
        return False

    def _standfirst(self, k: int, ln: Line) -> bool:
        """A sentence right under the title of a title block, above its by-line or date."""
        anchor = self.block.anchor
        if (
            self.title_at is None
            or anchor is None
            or not self.title_at < k < anchor
            or self.meta.extra.get("subtitle")
            or self.prose_seen
        ):
            return False
        self.meta.extra["subtitle"] = ln.text
        ln.kind = "meta"
        return True

    def _name_with_role(self, ln: Line) -> bool:
        """ "Ivan Petrov, Ph.D. in Economics, Leading Research Fellow": a name with a role."""
        t = ln.text
        if not self.have_title or self.prose_seen or self.meta.author:
            return False
        by = name_with_role(t)
        if by:
            apply_field(self.meta, "author", by[0])
            self.meta.extra.setdefault("author_role", by[1])
            ln.kind = "meta"
            return True
        return False

    def _publisher_and_date(self, ln: Line) -> bool:
        """ "Russian International Affairs Council, 14.02.2022": a publisher and a date."""
        if not self.have_title or self.prose_seen:
            return False
        dated = ends_with_date(ln.text)
        if not dated:
            return False
        apply_field(self.meta, "published", dated[0])
        if dated[1]:
            self.meta.extra.setdefault("publisher", dated[1])
        ln.kind = "meta"
        return True

    def _title(self, pos: int, k: int, ln: Line) -> bool:
        """The first title-like line before any prose is the title, or a kicker above it."""
        t = ln.text
        if self.have_title or self.prose_seen or not title_like(t):
            return False
        site = _SITE_TITLE.fullmatch(t)
        if site:
            # "Title | Site name", as a browser tab shows it
            self.meta.extra.setdefault("site", site.group(2).strip())
            t = site.group(1).strip()
        nxt = self.lines[self.window[pos + 1]].text if pos + 1 < len(self.window) else ""
        if _kicker(t, nxt):
            self.meta.extra.setdefault("kicker", t)  # "COMMENTARY" above the title
            ln.kind = "meta"
            return True
        self.meta.title = t
        self._title_found(k, ln)
        return True

    def _subtitle(self, pos: int, k: int, ln: Line) -> bool:
        """A subtitle: right under the title, in its block or followed by metadata."""
        window = self.window
        t = ln.text
        if (
            self.title_at is None
            or k != window[window.index(self.title_at) + 1]
            or self.prose_seen
            or not title_like(t)
            or self.meta.extra.get("subtitle")
        ):
            return False
        later = window[pos + 1] if pos + 1 < len(window) else None
        if ln.block == self.lines[self.title_at].block or (
            later is not None and metadata_fields(self.lines[later].text, header=True)
        ):
            self.meta.extra["subtitle"] = t
            ln.kind = "meta"
            return True
        return False

    def _masthead(self) -> None:
        """When the title stands right above the by-line, title-like lines further up (a site
        name, a series tagline: "The Japan Times", "RESEARCHERS AT ... ANALYSE CURRENT
        EVENTS") are the page's masthead, not the title."""
        lines = self.lines
        window = self.window
        by_pos = None
        for pos, k in enumerate(window):
            t = lines[k].text
            if is_prose(t):
                return
            fields = metadata_fields(t, header=True)
            if fields and any(field == "author" for field, _ in fields):
                by_pos = pos
                break
        if not by_pos:
            return
        first = None
        for pos in range(by_pos - 1, -1, -1):
            ln = lines[window[pos]]
            t = ln.text
            if (
                ln.kind != "body"
                or metadata_fields(t, header=True)
                or breadcrumbs(t)
                or not title_like(t)
                or heading_label(t)
            ):
                break
            first = pos
        if not first:
            return  # no title run, or it starts at the top: the usual reading is right
        masthead = []
        for pos in range(first):
            ln = lines[window[pos]]
            if (
                ln.kind == "body"
                and not is_prose(ln.text)
                and not metadata_fields(ln.text, header=True)
            ):
                if title_like(ln.text) and not (ln.text.isupper() and len(ln.text.split()) <= 3):
                    masthead.append(ln.text)
                    ln.kind = "meta"
        if masthead:
            self.meta.extra.setdefault("masthead", " / ".join(masthead)[:_MASTHEAD_MAX])


def _kicker(t: str, nxt: str) -> bool:
    """``t`` is a label printed above the title ``nxt``."""
    return (
        ((t.isupper() and len(t.split()) <= 3) or t.casefold() in KICKERS)
        and title_like(nxt)
        and not heading_label(nxt)
        and not is_prose(nxt)
        and len(nxt) > len(t)
        and not metadata_fields(nxt, header=True)
    )


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b) and bool(norm(a))
