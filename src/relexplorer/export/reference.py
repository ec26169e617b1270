"""What a citation is made of: the cited document (:class:`Reference`) and where in it a fact is
(:class:`Locator`: the PDF page, the section when it is a real heading).

Only what the document says is used: a part it does not give is left out, never guessed. The
date is kept as stored (ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) and shown as people read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from relexplorer.display import one_line
from relexplorer.export.names import PersonName, parse_names
from relexplorer.lexicon import LEAD_HEADING, MONTH_NAMES
from relexplorer.model import DocumentRef, FactHit, SectionRef

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# A heading needs this many letters to be cited: "I" alone or a drop cap "T" is no heading.
_HEADING_LETTERS_MIN = 2


@dataclass(frozen=True, slots=True)
class DateParts:
    """A publication date: the year, and the month and day when known."""

    year: int
    month: int | None = None
    day: int | None = None

    def day_month_year(self) -> str:
        """``7 June 2018``, ``June 2018`` or ``2018``."""
        return " ".join(str(x) for x in (self.day, self.month_name, self.year) if x)

    def month_day_year(self) -> str:
        """``June 7, 2018``, ``June 2018`` or ``2018`` (American order)."""
        if self.day and self.month:
            return f"{self.month_name} {self.day}, {self.year}"
        return " ".join(str(x) for x in (self.month_name, self.year) if x)

    @property
    def month_name(self) -> str:
        """``June`` (empty when the month is unknown)."""
        return MONTH_NAMES[self.month - 1] if self.month else ""

    def parts(self) -> list[int]:
        """``[2018, 6, 7]``: as many parts as are known (CSL's ``date-parts``)."""
        return [x for x in (self.year, self.month, self.day) if x]


def parse_iso_date(value: str) -> DateParts | None:
    """The parts of an ISO date (``2018-06-07``, ``2018-06``, ``2018``); None for anything else."""
    match = _ISO_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return DateParts(year, month, day)


@dataclass(frozen=True, slots=True)
class Reference:
    """A cited document: its authors, title, outlet, date and URL (empty when unknown)."""

    document_id: int
    slug: str
    title: str = ""
    byline: str = ""  # the authors as stored, cited as written by the plain style
    authors: list[PersonName] = field(default_factory=list)
    outlet: str = ""
    published: str = ""  # as stored (ISO when the reader understood it)
    date: DateParts | None = None
    url: str = ""
    format: str = ""

    @property
    def readable_date(self) -> str:
        """``7 June 2018``; a stored date that is not ISO as it is."""
        return self.date.day_month_year() if self.date else one_line(self.published)


def reference_of(doc: DocumentRef) -> Reference:
    """The reference of a stored document."""
    return Reference(
        document_id=doc.id, slug=doc.slug, title=one_line(doc.title).strip(), byline=one_line(doc.author).strip(),
        authors=parse_names(one_line(doc.author)), outlet=one_line(doc.source).strip(),
        published=doc.published.strip(), date=parse_iso_date(doc.published), url=doc.url.strip(),
        format=doc.format,
    )


@dataclass(frozen=True, slots=True)
class Locator:
    """Where in its document a fact is: its PDF page, and its section's label and heading when
    the section is a real heading (both empty otherwise)."""

    page: int | None = None
    label: str = ""
    heading: str = ""

    @property
    def section(self) -> str:
        """``II.A. Energy``, ``II.A`` or ``Energy``; empty when no real heading is known."""
        if self.label and self.heading:
            return f"{self.label}. {self.heading}"
        return self.label or self.heading


def locator_of(fact: FactHit, title: str = "") -> Locator:
    """The page and the cited section of a fact (``title``: its document's, never a section)."""
    path = cited_section(fact.section_path, title)
    labels = ".".join(s.label for s in path if s.label)
    return Locator(page=fact.page, label=labels, heading=one_line(path[-1].heading).strip() if path else "")


def cited_section(path: list[SectionRef], title: str = "") -> list[SectionRef]:
    """The section path down to the deepest section whose heading is a real one ([] if none).

    Not real: a label alone ("I", often a drop cap read as a numeral), a heading of fewer than
    two letters, the lead section the parser names "Introduction", the document's own title.
    Labels above it count only when every section above is real too.
    """
    for depth in range(len(path) - 1, -1, -1):
        if is_real_heading(path[depth], title):
            above = path[:depth]
            if all(is_real_heading(s, title) for s in above):
                return path[: depth + 1]
            return [path[depth]]
    return []


def is_real_heading(section: SectionRef, title: str = "") -> bool:
    """True when ``section`` has a heading a reader would recognise (see :func:`cited_section`)."""
    heading = " ".join(section.heading.split())
    if sum(ch.isalpha() for ch in heading) < _HEADING_LETTERS_MIN or heading == section.label:
        return False
    if not section.label and heading.casefold() == LEAD_HEADING.casefold():
        return False
    return not (title and heading.casefold() == " ".join(title.split()).casefold())
