"""Structure: metadata, sections and body paragraphs of a normalised document.

The text is read line by line (the reader has already joined hard-wrapped lines, so a line
is a paragraph, a heading, a list item or a line of a header block). Each line is classed:

- **debris** -- page furniture (rules in ``data/debris.yaml``): font-size controls, share
  buttons, "ADVERTISEMENT", cookie and subscription notices, copyright lines, and
  "Related articles" / "Read more" blocks (the opening line plus the short link-like lines
  after it); everything after a "References" / "Notes" heading is back matter;
- **metadata** -- the title, a ``Journal | 作者: NAME | 时间: DATE | 责编: NAME`` line (also with
  English labels), ``By NAME and NAME``, ``PUBLISHED : 5 Jan 2021 at 09:15``,
  ``Published: January 5, 2021``, ``Updated ...``, ``Author:``/``Editor:``/``Date:`` labels,
  a date alone on a header line, ``Source: Journal, No. 2, 2018`` and the closing author bio
  (``NAME is Senior Research Fellow at ...``, ``The author is ...``), which goes to
  ``metadata.extra["author_bio"]``; YAML front matter fills the same fields first;
- **heading** -- Roman numerals (``I.``), capital letters (``A.``), numbers (``1.``, ``1)``,
  ``2.1``), Chinese ordinals (``一、``, ``（一）``), Markdown ``#`` headings, and short lines
  standing alone between blank lines before a longer paragraph. A labelled heading that is
  the first sentence of a paragraph (``A. Heading Words. Body text ...``) is split: the
  heading ends at the first sentence end and the paragraph starts after it. Labels must
  follow in sequence (``A`` then ``B``); a run of labelled lines with nothing between them
  is a list or a table of contents, not headings;
- **body** -- everything else; consecutive lines are merged into one paragraph when the
  first does not end a sentence.

Levels: Markdown headings by their number of ``#``; any other heading style takes, the first
time it appears, one level below the labelled section it appears in (so ``I.`` then ``A.``
gives 1 and 2); "Introduction", "Conclusion" and the like are always level 1.

Sections: the lead (body text before the first heading) is a section with label ``""`` and
heading ``"Introduction"``; an article without headings is one section, label ``""``, whose
heading is the title. A section spans from its heading to the end of its last paragraph (or
of the last heading inside it) before the next section of the same or a higher level, so
furniture between sections stays outside; ``parent`` is the nearest earlier section of a
lower level. Body paragraphs lie inside their section's span.

A text of more than :data:`MAX_LINES` lines, or of more than :data:`SHORT_LINES` lines that
average under :data:`SHORT_LINE` characters, is read in blank-line separated blocks (or 64 KB
slices) instead of lines, so that time and memory stay proportional to its size.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from relexplorer.extract.debris import load_debris
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.structure.dates import ends_with_date, only_date
from relexplorer.extract.structure.headings import (
    GENERIC,
    LIST_MARK,
    MD_HEADING,
    Head,
    drop_lists,
    heading_candidate,
    heading_label,
    keep_in_sequence,
    title_like,
)
from relexplorer.extract.structure.lines import Line, is_prose, read_lines
from relexplorer.extract.structure.metadata import (
    META_LINE_MAX,
    apply_field,
    apply_front_matter,
    byline,
    lenient_front_matter,
    metadata_fields,
    tidy_source,
)
from relexplorer.lexicon import LINE_END, LINE_MAX
from relexplorer.model import Metadata, Paragraph, Section, Structure

LEAD_HEADING = "Introduction"

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

# Labels printed above a title ("COMMENTARY", "Opinion"); any all-caps short line counts too.
_KICKERS = frozenset(
    (
        "commentary, opinion, analysis, editorial, column, feature, essay, interview, news, "
        "perspective, perspectives, blog, op-ed, review, report, comment, viewpoint, insight, "
        "insights, explainer, brief, policy brief, long read, article, research"
    ).split(", ")
)
_CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}



def _link_like(s: str) -> bool:
    """A short line without a sentence end: a link in a "Related articles" block."""
    return (
        len(s) <= LINE_MAX
        and len(s.split()) <= 28
        and s[-1] not in ".。!！"
        and not MD_HEADING.match(s)
    )



class _Parser:
    def __init__(self, text: str, front_matter: dict | None) -> None:
        self.text = text
        self.rules = load_debris()
        self.meta = Metadata()
        self.lines = read_lines(text)
        self.front = dict(front_matter or {})

    # -- passes ------------------------------------------------------------------------------

    def front_matter_block(self) -> None:
        lines = self.lines
        if not lines or lines[0].text != "---" or lines[0].start > 0:
            return
        for k in range(1, min(len(lines), 200)):
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
                j = i + 1
                while j < len(lines) and j - i <= 20 and _link_like(lines[j].text):
                    if (
                        lines[j].block != lines[j - 1].block
                        and j + 1 < len(lines)
                        and not _link_like(lines[j + 1].text)
                    ):
                        break  # a short line alone before prose: a heading, not a link
                    if lines[j].kind == "body":
                        lines[j].kind = "debris"
                    j += 1
                i = j
                continue
            elif rules.is_debris(ln.text):
                ln.kind = "debris"
            i += 1

    def _endnotes(self) -> None:
        """Numbered references at the very end ("1. Customs statistics ..., URL: ...") are
        back matter when at least one of them reads like a citation."""
        run: list[Line] = []
        for ln in reversed(self.lines):
            if ln.kind != "body":
                continue
            if len(ln.text) > 1000 or not _NOTE.match(ln.text):
                break
            run.append(ln)
        if run and any(_CITATION_MARK.search(ln.text) for ln in run):
            for ln in run:
                ln.kind = "back"

    def header(self) -> None:
        """Title, subtitle and metadata lines among the first lines, before the body starts."""
        lines = self.lines
        meta = self.meta
        window = [i for i, ln in enumerate(lines) if ln.kind == "body"][:15]
        title_at: int | None = None
        have_title = bool(meta.title)
        prose_seen = False
        if not have_title:
            self._masthead(window)
        for pos, k in enumerate(window):
            ln = lines[k]
            if ln.kind != "body":
                continue
            t = ln.text
            md = MD_HEADING.match(t)
            if pos == 0 and have_title and _same(md.group(2) if md else t, meta.title):
                ln.kind = "meta"  # the front matter's title repeated in the text
                title_at = k
                continue
            fields = metadata_fields(t, header=True)
            if fields:
                for field, value in fields:
                    apply_field(meta, field, value)
                ln.kind = "meta"
                continue
            if _looks_like_nav(t):
                ln.kind = "debris"
                continue
            if not meta.author and have_title and not prose_seen and pos + 1 < len(window):
                # "David Dollar" alone on a line, then the date: a by-line without "By"
                nxt = lines[window[pos + 1]]
                by = byline(t) if len(t.split()) >= 2 and len(t) <= 80 else None
                adjacent = self.text.count("\n", ln.end, nxt.start) == 1
                if by and adjacent and metadata_fields(nxt.text, header=True):
                    apply_field(meta, "author", by[0])
                    ln.kind = "meta"
                    continue
            if md:
                if not have_title and not prose_seen and len(md.group(1)) == 1:
                    meta.title = md.group(2).strip()
                    have_title = True
                    title_at = k
                    ln.kind = "meta"
                    continue
                later = lines[window[pos + 1]].text if pos + 1 < len(window) else ""
                if (
                    title_at is not None
                    and pos > 0
                    and window[pos - 1] == title_at
                    and not prose_seen
                    and metadata_fields(later, header=True)
                ):
                    # a standfirst set as a heading right under the title, above the by-line
                    meta.extra.setdefault("subtitle", md.group(2).strip())
                    ln.kind = "meta"
                    continue
                break
            if heading_label(t):
                break
            if is_prose(t):
                prose_seen = True
                continue
            if have_title and not prose_seen and not meta.author and len(t) <= 150:
                # "Ivan Petrov, Ph.D. in Economics, Leading Research Fellow": a name with a role
                by = byline(t)
                if by and by[1] and load_debris().role_word.search(by[1]):
                    apply_field(meta, "author", by[0])
                    meta.extra.setdefault("author_role", by[1])
                    ln.kind = "meta"
                    continue
            if have_title and not prose_seen:
                # "Russian International Affairs Council, 14.02.2022": a publisher and a date
                dated = ends_with_date(t)
                if dated:
                    apply_field(meta, "published", dated[0])
                    if dated[1]:
                        meta.extra.setdefault("publisher", dated[1])
                    ln.kind = "meta"
                    continue
            if not have_title and not prose_seen and title_like(t):
                site = re.fullmatch(r"(.{10,}?)\s*[|｜]\s*([^|｜]{2,60})", t)
                if site:
                    # "Title | Site name", as a browser tab shows it
                    meta.extra.setdefault("site", site.group(2).strip())
                    t = site.group(1).strip()
                nxt = lines[window[pos + 1]].text if pos + 1 < len(window) else ""
                if (
                    ((t.isupper() and len(t.split()) <= 3) or t.casefold() in _KICKERS)
                    and title_like(nxt)
                    and not heading_label(nxt)
                    and not is_prose(nxt)
                    and len(nxt) > len(t)
                    and not metadata_fields(nxt, header=True)
                ):
                    meta.extra.setdefault("kicker", t)  # "COMMENTARY" above the title
                    ln.kind = "meta"
                    continue
                meta.title = t
                have_title = True
                title_at = k
                ln.kind = "meta"
                continue
            if (
                title_at is not None
                and k == window[window.index(title_at) + 1]
                and not prose_seen
                and title_like(t)
                and not meta.extra.get("subtitle")
            ):
                # a subtitle: right under the title, in its block or followed by metadata
                later = window[pos + 1] if pos + 1 < len(window) else None
                if ln.block == lines[title_at].block or (
                    later is not None and metadata_fields(lines[later].text, header=True)
                ):
                    meta.extra["subtitle"] = t
                    ln.kind = "meta"
                    continue
            if not prose_seen and have_title:
                break  # a short line after the title that is not metadata: the body has begun

    def _masthead(self, window: list[int]) -> None:
        """When the title stands right above the by-line, title-like lines further up (a site
        name, a series tagline: "The Japan Times", "RESEARCHERS AT ... ANALYSE CURRENT
        EVENTS") are the page's masthead, not the title."""
        lines = self.lines
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
                or _looks_like_nav(t)
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
            self.meta.extra.setdefault("masthead", " / ".join(masthead)[:300])

    def footer(self) -> None:
        lines = self.lines
        meta = self.meta
        bios: list[str] = []
        seen = 0
        for ln in reversed(lines):
            if seen >= 12:
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
            if len(ln.text) <= 800 and len(split_sentences(ln.text)) <= 4:
                name = self.rules.bio_name(ln.text)
                if name is not None and (name == "" or self._bio_name_ok(name)):
                    bios.append(ln.text)
                    ln.kind = "meta"
                    if name and not meta.author:
                        meta.author = name
                    continue
            if ln.kind == "back" or (len(ln.text) <= 1000 and _NOTE.match(ln.text)):
                continue  # notes below the bio: read by _endnotes
            break
        if bios:
            meta.extra["author_bio"] = "\n".join(reversed(bios))

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

    # -- headings, sections, paragraphs -----------------------------------------------------

    def structure(self) -> tuple[list[Section], list[Paragraph]]:
        text = self.text
        lines = [ln for ln in self.lines if ln.kind == "body"]
        heads: list[Head | None] = []
        for idx, ln in enumerate(lines):
            prev_line = lines[idx - 1] if idx else None
            next_line = lines[idx + 1] if idx + 1 < len(lines) else None
            starts = prev_line is None or prev_line.block != ln.block
            ends = next_line is not None and next_line.block != ln.block
            heads.append(heading_candidate(text, ln, starts, ends, next_line))
        drop_lists(heads)
        keep_in_sequence(heads)

        # md levels are relative to the shallowest Markdown heading in the body
        # ("# Summary" above "## 1. ..." sections does not push them all down a level)
        md_levels = [h.md_level for h in heads if h and h.style == "md"]
        specific = [
            h.md_level for h in heads if h and h.style == "md" and not GENERIC.fullmatch(h.heading)
        ]
        md_base = min(specific or md_levels or [1])

        sections: list[Section] = []
        styles: list[str] = []  # section index -> style
        paragraphs: list[Paragraph] = []
        style_level: dict[str, int] = {}
        current = -1
        pending: Paragraph | None = None
        pending_line: Line | None = None

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                paragraphs.append(pending)
                pending = None

        for ln, head in zip(lines, heads, strict=True):
            if head is not None:
                flush()
                if current < 0 and paragraphs:
                    sections.append(
                        Section("", LEAD_HEADING, 1, paragraphs[0].start, paragraphs[0].end)
                    )
                    styles.append("lead")
                    current = 0
                level = self._level(head, md_base, style_level, sections, styles, current)
                sections.append(Section(head.label, head.heading, level, ln.start, ln.end))
                styles.append(head.style)
                current = len(sections) - 1
                if head.body_start is not None:
                    pending = Paragraph(head.body_start, ln.end, current)
                    pending_line = ln
                continue
            start = ln.start
            mark = LIST_MARK.match(ln.text)
            if mark and mark.end() < len(ln.text):
                start += mark.end()
            if (
                pending is not None
                and pending_line is not None
                and pending_line.block == ln.block
                and not mark
                and text[pending.end - 1] not in LINE_END
            ):
                pending.end = ln.end
                pending_line = ln
                continue
            flush()
            pending = Paragraph(start, ln.end, max(current, 0))
            pending_line = ln
        flush()
        if not sections and paragraphs:
            heading = self.meta.title or ""
            sections.append(Section("", heading, 1, paragraphs[0].start, paragraphs[-1].end))
            styles.append("lead")
        self._finish(sections, paragraphs)
        return sections, paragraphs

    def _level(
        self,
        head: Head,
        md_base: int,
        style_level: dict[str, int],
        sections: list[Section],
        styles: list[str],
        current: int,
    ) -> int:
        if head.style == "md":
            return max(1, min(3, head.md_level - md_base + 1))
        if head.style == "title" and GENERIC.fullmatch(head.heading):
            return 1
        if head.style in style_level:
            return style_level[head.style]
        # first appearance: one level below the innermost labelled section we are in
        level = 1
        k = current
        while k >= 0:
            if styles[k] not in ("lead", "title"):
                level = min(3, sections[k].level + 1)
                break
            k -= 1
        style_level[head.style] = level
        return level

    def _finish(self, sections: list[Section], paragraphs: list[Paragraph]) -> None:
        text = self.text
        for p in paragraphs:
            while p.start < p.end and text[p.start].isspace():
                p.start += 1
            while p.end > p.start and text[p.end - 1].isspace():
                p.end -= 1
        paragraphs[:] = [p for p in paragraphs if p.end > p.start]
        # A section ends where its last paragraph (or the last heading inside it) ends, before
        # the next section of the same or a higher level: debris between sections stays out.
        # One pass from the end with a stack keeps this linear in sections and paragraphs.
        n = len(sections)
        heading_end = [sec.end for sec in sections]
        limit_index = [n] * n  # index of the next section of the same or a higher level
        stack: list[int] = []
        for i in range(n - 1, -1, -1):
            while stack and sections[stack[-1]].level > sections[i].level:
                stack.pop()
            limit_index[i] = stack[-1] if stack else n
            stack.append(i)
        starts = [p.start for p in paragraphs]
        for i, sec in enumerate(sections):
            j = limit_index[i]
            limit = sections[j].start if j < n else len(text) + 1
            end = max(heading_end[i], heading_end[j - 1])
            last = bisect_left(starts, limit) - 1
            if last >= 0 and paragraphs[last].start >= sec.start:
                end = max(end, paragraphs[last].end)
            while end > sec.start and text[end - 1].isspace():
                end -= 1
            sec.end = max(end, sec.start + 1)
        # the parent is the nearest earlier section of a lower level
        stack = []
        for i, sec in enumerate(sections):
            while stack and sections[stack[-1]].level >= sec.level:
                stack.pop()
            sec.parent = stack[-1] if stack else None
            stack.append(i)
        # each paragraph belongs to the innermost section that starts at or before it
        k = -1
        for p in paragraphs:
            while k + 1 < len(sections) and sections[k + 1].start <= p.start:
                k += 1
            p.section = max(k, 0)

    def run(self) -> Structure:
        self.front_matter_block()
        if self.front:
            apply_front_matter(self.meta, self.front)
        self.furniture()
        self.header()
        self.footer()
        self._endnotes()  # after the footer: a bio below the notes no longer hides them
        self.body_metadata()
        if not self.meta.published and self.meta.extra.get("updated"):
            self.meta.published = self.meta.extra["updated"]
        if not self.meta.source and len(self.meta.extra.get("journal", "").split()) >= 2:
            # the unlabelled first field of a "Journal | Author: ..." line, when no Source line
            self.meta.source = tidy_source(self.meta.extra["journal"])
        sections, paragraphs = self.structure()
        return Structure(self.meta, sections, paragraphs)


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b) and bool(norm(a))


def _looks_like_nav(s: str) -> bool:
    """Breadcrumbs and category rows in a header: ``Home | News | World``, ``Home > Opinion``."""
    parts = re.split(r"\s*[|｜>»›]\s*|\s+/\s+", s)
    breadcrumb = re.search(r"[>»›]|\s/\s", s) is not None
    return (
        (len(parts) >= 3 or (breadcrumb and len(parts) >= 2))
        and len(s) <= 100
        and all(0 < len(p.split()) <= 4 for p in parts)
        and not any(only_date(p) for p in parts)
    )


def parse_structure(text: str, front_matter: dict | None = None) -> Structure:
    """Split ``text`` into metadata, sections and paragraphs (offsets into ``text``)."""
    return _Parser(text, front_matter).run()
