"""Structure: metadata, sections and body paragraphs of a normalised document.

The text is read as lines (:mod:`.lines`), and each line is classed, pass by pass:

- **skip** -- a YAML front matter block at the top (it fills the metadata first, see
  :mod:`.metadata`), code fences and the code inside, lines of symbols only, page numbers;
- **debris** -- page furniture (rules in ``data/debris.yaml``): font-size controls, share
  buttons, "ADVERTISEMENT", cookie and subscription notices, copyright lines, and
  "Related articles" / "Read more" blocks (the opening line plus the short link-like lines
  after it); everything after a "References" / "Notes" heading is back matter, and so is a
  run of numbered notes at the very end when one of them reads like a citation;
- **metadata** -- the title and the lines around it (:mod:`.header`); metadata lines at the
  end (:mod:`.metadata`) and the closing author bio (``NAME is Senior Research Fellow at
  ...``, ``The author is ...``), which goes to ``metadata.extra["author_bio"]``; and
  metadata-shaped lines inside the body (a by-line after a standfirst, a figure's ``Source:``
  note);
- **heading** (:mod:`.headings`) and **body** -- everything else, assembled into sections and
  paragraphs (:mod:`.sections`).
"""

from __future__ import annotations

import re

from relexplorer.extract.debris import load_debris
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.structure.header import read_header
from relexplorer.extract.structure.headings import MD_HEADING
from relexplorer.extract.structure.lines import Line, read_lines
from relexplorer.extract.structure.metadata import (
    META_LINE_MAX,
    apply_field,
    apply_front_matter,
    lenient_front_matter,
    metadata_fields,
    tidy_source,
)
from relexplorer.extract.structure.sections import sections_and_paragraphs
from relexplorer.lexicon import LINE_MAX
from relexplorer.model import Metadata, Structure

_ONLY_SYMBOLS = re.compile(r"[\W_]+")
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
    r"[|｜:：]|^\(?(?:By|BY|Written|Text|Words|Story|Interview|(?i:issn|isbn|doi|published|posted|updated|last|first"
    r"|modified|additional|reporting|writing|editing|research|translation|translated|compiled))\b"
)
_YAML_LINE = re.compile(r"[A-Za-z_][\w.-]{0,40}\s*:(?:\s|$)|-\s|#")
_PAGE_NUMBER = re.compile(r"\d{1,4}|-\s*\d{1,4}\s*-|(?i:page\s+\d{1,4}(\s+of\s+\d{1,4})?)")
_FENCE = re.compile(r"(```|~~~)")

# A front matter block closes within this many lines, or it is not one.
_FRONT_MATTER_LINES = 200
# A "Related articles" block runs to at most this many link lines.
_LINK_BLOCK_LINES = 20
# The footer (metadata and author bio) is read in the last lines only.
_FOOTER_WINDOW = 12
# An author bio is short: at most this many characters and sentences.
_BIO_MAX = 800
_BIO_SENTENCES = 4
# The longest line that may be a numbered note.
_NOTE_MAX = 1000


def parse_structure(text: str, front_matter: dict | None = None) -> Structure:
    """Split ``text`` into metadata, sections and paragraphs (offsets into ``text``)."""
    return _Parser(text, front_matter).run()


def _link_like(s: str) -> bool:
    """A short line without a sentence end: a link in a "Related articles" block."""
    return (
        len(s) <= LINE_MAX
        and len(s.split()) <= 28
        and s[-1] not in ".。!！"
        and not MD_HEADING.match(s)
    )


class _Parser:
    """The passes over the lines of one text, and the metadata they fill."""

    def __init__(self, text: str, front_matter: dict | None) -> None:
        self.text = text
        self.rules = load_debris()
        self.meta = Metadata()
        self.lines = read_lines(text)
        self.front = dict(front_matter or {})

    def run(self) -> Structure:
        self.front_matter_block()
        if self.front:
            apply_front_matter(self.meta, self.front)
        self.furniture()
        read_header(self.text, self.lines, self.meta)
        self.footer()
        self.endnotes()  # after the footer: a bio below the notes no longer hides them
        self.body_metadata()
        if not self.meta.published and self.meta.extra.get("updated"):
            self.meta.published = self.meta.extra["updated"]
        if not self.meta.source and len(self.meta.extra.get("journal", "").split()) >= 2:
            # the unlabelled first field of a "Journal | Author: ..." line, when no Source line
            self.meta.source = tidy_source(self.meta.extra["journal"])
        sections, paragraphs = sections_and_paragraphs(self.text, self.lines, self.meta.title)
        return Structure(self.meta, sections, paragraphs)

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

    def furniture(self) -> None:
        """Mark debris, link blocks, code, symbol-only lines and back matter."""
        lines = self.lines
        rules = self.rules
        in_fence = False
        i = 0
        while i < len(lines):
            ln = lines[i]
            if ln.kind != "body":
                i += 1
                continue
            if _FENCE.match(ln.text):
                in_fence = not in_fence
                ln.kind = "skip"
            elif in_fence or _ONLY_SYMBOLS.fullmatch(ln.text) or _PAGE_NUMBER.fullmatch(ln.text):
                ln.kind = "skip"
            elif rules.is_back_matter_heading(ln.text) and i > len(lines) // 3:
                for rest in lines[i:]:
                    if rest.kind == "body":
                        rest.kind = "back"
                break
            elif rules.opens_link_block(ln.text):
                ln.kind = "debris"
                i = self._link_block(i)
                continue
            elif rules.is_debris(ln.text):
                ln.kind = "debris"
            i += 1

    def _link_block(self, i: int) -> int:
        """Mark the link lines after the opening line ``i`` of a "Related articles" block;
        the index of the first line after the block."""
        lines = self.lines
        j = i + 1
        while j < len(lines) and j - i <= _LINK_BLOCK_LINES and _link_like(lines[j].text):
            if (
                lines[j].block != lines[j - 1].block
                and j + 1 < len(lines)
                and not _link_like(lines[j + 1].text)
            ):
                break  # a short line alone before prose: a heading, not a link
            if lines[j].kind == "body":
                lines[j].kind = "debris"
            j += 1
        return j

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
                    apply_field(meta, field, value)
                ln.kind = "meta"
                continue
            if re.fullmatch(r"(?i)about the authors?:?", ln.text):
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
                    if field in ("author", "published", "editor", "author_role", "updated"):
                        apply_field(self.meta, field, value)
