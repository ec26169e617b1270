"""Structure: metadata, sections and body paragraphs of a normalised document.

The text is read as lines (:mod:`.lines`), and each line is classed, pass by pass:

- **skip** -- a YAML front matter block at the top (it fills the metadata first, see
  :mod:`.metadata`), code fences and the code inside, lines of symbols only, page numbers;
- **debris** -- page furniture (:mod:`.furniture`): by the rules in ``data/debris.yaml``
  (font-size controls, share buttons, "ADVERTISEMENT", cookie, log-in and subscription
  prompts, copyright lines, "Related articles" / "Most read" blocks) and by its shape (menus,
  polls, drop caps); everything after a "References" / "Notes" heading is back matter, and so
  is a run of numbered notes at the very end when one of them reads like a citation;
- **around the article** (:mod:`.region`): in a copy of a whole page (enough furniture by the
  rules and menus), the lines above the article's title block and what is left between it and
  the body, and the lines after the body other than metadata, the author bio and notes, are
  furniture; in a clean text only what stands above its title;
- **metadata** -- the title block and the lines around it (:mod:`.header`); metadata lines at
  the end (:mod:`.metadata`) and the closing author bio (``NAME is Senior Research Fellow at
  ...``, ``The author is ...``), which goes to ``metadata.extra["author_bio"]``; and
  metadata-shaped lines inside the body (a by-line after a standfirst, a figure's ``Source:``
  note); the outlet, when no line names it, from the page around the article (:mod:`.outlet`);
- **heading** (:mod:`.headings`) and **body** -- everything else, assembled into sections and
  paragraphs (:mod:`.sections`).
"""

from __future__ import annotations

import re

from relexplorer.extract.debris import load_debris
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.structure.dates import address_date, dateline_date
from relexplorer.extract.structure.front_matter import apply_front_matter, lenient_front_matter
from relexplorer.extract.structure.furniture import mark_by_rules, mark_by_shape, nav_runs
from relexplorer.extract.structure.header import read_header
from relexplorer.extract.structure.lines import Line, is_prose, read_lines
from relexplorer.extract.structure.metadata import (
    META_LINE_MAX,
    apply_field,
    full_names,
    metadata_fields,
    outlet_name,
    tidy_source,
)
from relexplorer.extract.structure.outlet import infer_outlet
from relexplorer.extract.structure.region import TitleBlock, body_region, title_block
from relexplorer.extract.structure.sections import sections_and_paragraphs
from relexplorer.model import Metadata, Structure

_NOTE = re.compile(
    r"(?:\[\d{1,3}\]|\d{1,3}[.)]|\^\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^[^\]\s]{1,10}\]:)\s+\S|\d{1,3}\s+[A-Z\"“]"
)
_CITATION_MARK = re.compile(
    r"://|www\.|\bpp?\.\s*\d|\b(?:No|Vol)\.\s*\d|\bibid\b|\bop\. cit|\bretrieved\b|\baccessed\b"
    r"|\(\d{4}\)|,\s*(?:19|20)\d{2}\.?$",
    re.I,
)
# Only lines with one of these can be metadata lines in the body.
_META_HINT = re.compile(
    r"[|｜:：]|^\(?(?:By|BY|Written|Text|Words|Story|Interview|(?i:issn|isbn|doi|published|posted|updated|last"
    r"|modified|additional|reporting|writing|editing|research|translation|translated|compiled))\b"
)
_YAML_LINE = re.compile(r"[A-Za-z_][\w.-]{0,40}\s*:(?:\s|$)|-\s|#")
_ABOUT_AUTHOR = re.compile(r"(?i)about the authors?:?")
# Where a copy says it came from, wherever it stands above the article: a labelled source or
# URL, "from ... Website".
_PROVENANCE = re.compile(r"(?i)[>\s]*(?:source|url|link|from)\b")

# A front matter block closes within this many lines, or it is not one.
_FRONT_MATTER_LINES = 200
# A copied page has at least this many furniture lines, and this share of its lines.
_PAGE_FURNITURE = 4
_PAGE_SHARE = 0.04
_PAGE_RULE_LINES = 2
# In a clean text, a title found further down than this many lines is not trusted.
_CLEAN_TITLE_DEPTH = 5
# A date line this close above the title block (in lines) is the article's date.
_DATE_ABOVE_TITLE = 3
# The footer (metadata and author bio) is read in the last lines only.
_FOOTER_WINDOW = 12
# An author bio is short: at most this many characters and sentences.
_BIO_MAX = 800
_BIO_SENTENCES = 4
# The longest line that may be a numbered note.
_NOTE_MAX = 1000


def _a_page(lines: list[Line], runs: list[tuple[int, int]]) -> bool:
    """The text is a copy of a whole page, furniture and all: at least :data:`_PAGE_FURNITURE`
    lines, and :data:`_PAGE_SHARE` of all, are furniture by the rules or lines of menus, and
    there is more than one menu or more than one line of furniture by the rules (one run of
    short lines alone is a list)."""
    by_rules = sum(1 for ln in lines if ln.kind == "debris")
    furniture = by_rules + sum(1 for a, b in runs for ln in lines[a:b] if ln.kind == "body")
    if by_rules < _PAGE_RULE_LINES and len(runs) < 2:
        return False
    return furniture >= max(_PAGE_FURNITURE, _PAGE_SHARE * len(lines))


def parse_structure(text: str, front_matter: dict | None = None, fmt: str = "txt") -> Structure:
    """Split ``text`` into metadata, sections and paragraphs (offsets into ``text``).

    ``fmt`` is the source's format: a PDF's outlet and address come only from its document
    information and cover, because the foot of a report holds data sources ("Source: World
    Bank, https://...") and not the page that printed it.
    """
    return _Parser(text, front_matter, fmt).run()


class _Parser:
    """The passes over the lines of one text, and the metadata they fill."""

    def __init__(self, text: str, front_matter: dict | None, fmt: str = "txt") -> None:
        self.text = text
        self.copied_page = fmt != "pdf"  # text that may be a copy of a web page
        self.rules = load_debris()
        self.meta = Metadata()
        self.lines = read_lines(text)
        self.front = dict(front_matter or {})

    def run(self) -> Structure:
        self.front_matter_block()
        if self.front:
            apply_front_matter(self.meta, self.front)
        region, block, page = self.furniture()
        read_header(self.text, self.lines, self.meta, block)
        if region and page:
            self.above_the_body(region[0], block)
            self.after_the_body(region[1])
        elif block.top is not None:
            self.above_the_body(block.top, block)  # a clean text: only what is above its title
        self.footer()
        self.endnotes()  # after the footer: a bio below the notes no longer hides them
        self.body_metadata()
        if not self.meta.published and self.meta.extra.get("updated"):
            self.meta.published = self.meta.extra["updated"]
        if not self.meta.published and self.meta.url:
            self.meta.published = address_date(self.meta.url) or self._dateline_date()
        journal = self.meta.extra.get("journal", "")
        if not self.meta.source and len(journal.split()) >= 2 and outlet_name(journal):
            # the unlabelled first field of a "Journal | Author: ..." line, when no Source line
            self.meta.source = tidy_source(self.meta.extra["journal"])
        if self.copied_page:
            infer_outlet(self.lines, self.meta, region)
        sections, paragraphs = sections_and_paragraphs(self.text, self.lines, self.meta.title)
        return Structure(self.meta, sections, paragraphs)

    def _dateline_date(self) -> str:
        """The date of the first paragraph's wire dateline, its year from the web address."""
        first = next((ln for ln in self.lines if ln.kind == "body"), None)
        return dateline_date(first.text, self.meta.url) if first else ""

    def front_matter_block(self) -> None:
        """Skip a ``---`` block of ``key: value`` lines at the top; read it when the reader
        found no front matter (it was not valid YAML)."""
        lines = self.lines
        if not lines or lines[0].text != "---" or lines[0].start > 0:
            return
        for k in range(1, min(len(lines), _FRONT_MATTER_LINES)):
            if lines[k].text in ("---", "..."):
                inner = lines[1:k]
                keyed = sum(1 for ln in inner if _YAML_LINE.match(ln.text))
                if inner and keyed < 0.5 * len(inner):
                    return  # text between two rules, not a front matter block
                for ln in lines[: k + 1]:
                    ln.kind = "skip"
                if not self.front:
                    self.front = lenient_front_matter([ln.text for ln in lines[1:k]])
                return

    def furniture(self) -> tuple[tuple[int, int] | None, TitleBlock, bool]:
        """Mark furniture by the rules, find the body and the title block, then mark
        furniture by its shape (menus, polls, drop caps) around what was found; whether the
        text is a copy of a whole page comes third."""
        lines = self.lines
        mark_by_rules(lines, self.rules)
        runs = nav_runs(lines)
        region = body_region(lines, self.rules)
        block = TitleBlock()
        if region:
            in_run = {k for a, b in runs for k in range(a, b)}
            block = title_block(lines, region[0], in_run)
        page = _a_page(lines, runs)
        if not page:
            # a clean article (a reader's or an extractor's text): its short lines are lists,
            # its closing lines its own, and its title near its top; only drop caps are looked for
            runs = []
            live_above = sum(1 for ln in lines[: block.top or 0] if ln.kind == "body")
            if live_above > _CLEAN_TITLE_DEPTH:
                block = TitleBlock()
        keep = {k for k in (block.title, block.kicker, block.anchor) if k is not None}
        if block.title is not None and region:
            keep.update(
                k
                for k in range(block.title, region[0])
                if metadata_fields(lines[k].text, header=True) or full_names(lines[k].text)
            )
        mark_by_shape(lines, runs, keep)
        return region, block, page

    def above_the_body(self, first: int, block: TitleBlock) -> None:
        """Lines above the body (``first``) that the header did not read are not the article:
        but a standfirst under the by-line, a source line, a date right above the title."""
        lines = self.lines
        above = [k for k in range(block.top or 0) if lines[k].kind == "body"]
        near = set(above[-_DATE_ABOVE_TITLE:])
        for k, ln in enumerate(lines[:first]):
            if ln.kind != "body":
                continue
            ln.kind = "debris"
            t = ln.text
            if block.anchor is not None and k > block.anchor and is_prose(t):
                if "subtitle" not in self.meta.extra:
                    self.meta.extra["subtitle"] = t  # a standfirst under the by-line
                    ln.kind = "meta"
                continue
            if _PROVENANCE.match(t) or k == 0 or (k in near and not self.meta.published):
                for field, value in metadata_fields(t, header=True) or ():
                    # "> Source: https://..." anywhere above (a bare address only as the first
                    # line: further down it is a share link); a date right above the title
                    if (field in ("url", "source") and (k == 0 or _PROVENANCE.match(t))) or (
                        field == "published" and k in near
                    ):
                        apply_field(self.meta, field, value)
                        ln.kind = "meta"

    def after_the_body(self, last: int) -> None:
        """Lines after the body (``last``) other than metadata, the author bio and notes are
        the page around the article."""
        for ln in self.lines[last + 1 :]:
            if ln.kind != "body":
                continue
            t = ln.text
            if (
                metadata_fields(t, header=False)
                or _ABOUT_AUTHOR.fullmatch(t)
                or self.rules.bio_name(t) is not None
                or (len(t) <= _NOTE_MAX and _NOTE.match(t))
            ):
                continue
            ln.kind = "debris"

    def footer(self) -> None:
        """Metadata lines and the author bio among the last lines."""
        lines = self.lines
        meta = self.meta
        bios: list[str] = []
        seen = 0
        for ln in reversed(lines):
            if seen >= _FOOTER_WINDOW:
                break
            if ln.kind in ("skip", "debris"):
                continue
            if ln.kind == "meta":
                continue  # already read (the header window can reach the end of a short text)
            seen += 1
            fields = metadata_fields(ln.text, header=False)
            if fields:
                for field, value in fields:
                    if self.copied_page or field not in ("url", "source"):
                        apply_field(meta, field, value)
                ln.kind = "meta"
                continue
            if _ABOUT_AUTHOR.fullmatch(ln.text):
                ln.kind = "meta"
                continue
            if self._bio(ln, bios):
                continue
            if ln.kind == "back" or (len(ln.text) <= _NOTE_MAX and _NOTE.match(ln.text)):
                continue  # notes below the bio: read by endnotes
            break
        if bios:
            meta.extra["author_bio"] = "\n".join(reversed(bios))

    def _bio(self, ln: Line, bios: list[str]) -> bool:
        """Take ``ln`` as a line of the author bio, and its name as the author if none yet."""
        if len(ln.text) > _BIO_MAX or len(split_sentences(ln.text)) > _BIO_SENTENCES:
            return False
        name = self.rules.bio_name(ln.text)
        if name is None or not (name == "" or self._bio_name_ok(name)):
            return False
        bios.append(ln.text)
        ln.kind = "meta"
        if name and not self.meta.author:
            self.meta.author = name
        return True

    def _bio_name_ok(self, name: str) -> bool:
        author = self.meta.author
        tokens = name.split()
        if author and any(t in author.split() for t in tokens if len(t) > 1):
            return True
        return 2 <= len(tokens) <= 5

    def endnotes(self) -> None:
        """Numbered references at the very end ("1. Customs statistics ..., URL: ...") are
        back matter when at least one of them reads like a citation."""
        run: list[Line] = []
        for ln in reversed(self.lines):
            if ln.kind != "body":
                continue
            if len(ln.text) > _NOTE_MAX or not _NOTE.match(ln.text):
                break
            run.append(ln)
        if run and any(_CITATION_MARK.search(ln.text) for ln in run):
            for ln in run:
                ln.kind = "back"

    def body_metadata(self) -> None:
        """Metadata-shaped lines inside the body (a by-line after a standfirst, a figure's
        ``Source:`` note) are not paragraphs."""
        for ln in self.lines:
            if ln.kind != "body" or len(ln.text) > META_LINE_MAX or not _META_HINT.search(ln.text):
                continue
            fields = metadata_fields(ln.text, header=False)
            if fields:
                ln.kind = "meta"
                for field, value in fields:
                    if field in (
                        "author",
                        "published",
                        "editor",
                        "author_role",
                        "updated",
                        "journal",
                    ):
                        apply_field(self.meta, field, value)
