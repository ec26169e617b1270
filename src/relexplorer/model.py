"""Plain data classes passed between the extraction stages, the store and the exporters.

All ``start``/``end`` offsets index the stored (normalised) document text, as Python string
indices, and ``text == document_text[start:end]`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FIGURE_KINDS = ("money", "percent", "count", "quantity", "duration", "date", "ordinal")
ENTITY_KINDS = ("person", "organization", "place")


@dataclass(slots=True)
class Figure:
    """A quantity that carries data, e.g. ``$84.071 billion`` -> 84071000000 USD (money)."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str
    label: str = ""
    end_value: float | None = None  # the upper end of a range such as "2018 to 2022"
    year: int | None = None  # the period the figure is about, when the text says
    end_year: int | None = None
    period_source: str = ""  # where the period came from: "fact", "paragraph", "document date"
    series: str = ""  # the key of the series the figure belongs to (subject and unit family)
    subject: str = ""  # what the figure measures, as a reader names it ("China–Russia trade")


@dataclass(slots=True)
class Mention:
    """One mention of a person, organisation or place; ``name`` is the canonical name."""

    start: int
    end: int
    text: str
    name: str
    kind: str


@dataclass(slots=True)
class Speaker:
    """Who says a fact: a person or body whose words or position it reports.

    ``kind`` is ``person``, ``organization`` or ``unnamed`` ("an expert said"); ``cue_start`` and
    ``cue_end`` span the attribution cue ("Putin said", "according to the ministry"). Facts
    without a speaker are the author's.
    """

    name: str
    kind: str
    cue_start: int
    cue_end: int


@dataclass(slots=True)
class Section:
    """A section or subsection. ``parent`` is the index of the parent in the section list."""

    label: str
    heading: str
    level: int
    start: int
    end: int
    parent: int | None = None


@dataclass(slots=True)
class Paragraph:
    """A body paragraph; ``section`` is an index into the section list."""

    start: int
    end: int
    section: int


@dataclass(slots=True)
class Metadata:
    """What the header, footer or front matter says about the article."""

    title: str = ""
    author: str = ""
    editor: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all we know)
    source: str = ""
    url: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # e.g. author bio, language


@dataclass(slots=True)
class Structure:
    """Metadata plus the sections and body paragraphs of a document."""

    metadata: Metadata
    sections: list[Section]
    paragraphs: list[Paragraph]


@dataclass(slots=True)
class Fact:
    """A sentence of the body with what was found in it."""

    start: int
    end: int
    text: str
    paragraph: int
    section: int
    figures: list[Figure] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    page: int | None = None  # the page of a PDF the fact starts on


@dataclass(slots=True)
class ExtractedDocument:
    """Everything extraction produced for one source: ready to be stored."""

    text: str
    metadata: Metadata
    sections: list[Section]
    paragraphs: list[Paragraph]
    facts: list[Fact]


# --- what the catalog and the search hand to the shells and the exporters -----------------------


@dataclass(slots=True)
class StoredFigure:
    """A figure as stored: its fact, its document's slug and its normalised value."""

    id: int
    fact_id: int
    document: str  # the document's slug
    text: str
    start: int
    end: int
    value: float
    end_value: float | None
    unit: str
    kind: str
    label: str
    year: int | None = None
    end_year: int | None = None
    period_source: str = ""
    series: str = ""
    subject: str = ""
    source_tag: str = ""  # where the figure is from: its document's short tag ("CSIS 2022")

    def summary(self) -> dict:
        """The figure as the JSON outputs list it under a fact."""
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                "end_value": self.end_value, "unit": self.unit, "kind": self.kind, "label": self.label,
                "year": self.year, "end_year": self.end_year, "period_source": self.period_source,
                "series": self.series, "subject": self.subject}


@dataclass(slots=True)
class SectionRef:
    """A section of a stored document (``label`` may be empty, ``heading`` is its title)."""

    id: int
    parent_id: int | None
    label: str
    heading: str
    level: int


@dataclass(slots=True)
class DocumentRef:
    """What a citation needs to know about a stored document."""

    id: int
    slug: str
    title: str
    author: str = ""
    editor: str = ""
    published: str = ""
    source: str = ""
    path: str = ""
    url: str = ""
    origin: str = ""
    format: str = ""


@dataclass(slots=True)
class StoredSpeaker:
    """Who says a stored fact, with the span of the attribution cue."""

    name: str
    kind: str
    cue_start: int
    cue_end: int
    cue: str = ""

    def summary(self) -> dict:
        """The speaker as the JSON outputs list it under a fact."""
        return {"name": self.name, "kind": self.kind, "cue": self.cue, "cue_start": self.cue_start,
                "cue_end": self.cue_end}


@dataclass(slots=True)
class StoredNote:
    """The user's note on a fact; ``tags`` are the ``#words`` in it, lower case."""

    text: str
    tags: list[str]
    updated_at: str


@dataclass(slots=True)
class StoredMention:
    """A mention of a person, organisation or place in a stored fact."""

    name: str
    kind: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Passage:
    """A stretch of a document's text (a paragraph) with its offsets."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class FactHit:
    """A stored fact as a search lists it: text, where it is, its themes and figures.

    ``section_path`` runs from the top-level section down to the fact's own section.
    """

    id: int
    document_id: int
    document: str  # the document's slug
    text: str
    start: int
    end: int
    paragraph_id: int | None = None
    position: int = 0
    page: int | None = None
    topics: list[str] = field(default_factory=list)
    figures: list[StoredFigure] = field(default_factory=list)
    section_path: list[SectionRef] = field(default_factory=list)
    speakers: list[StoredSpeaker] = field(default_factory=list)  # none: the author speaks
    source_tag: str = ""  # the document's short tag: outlet or author and year ("Peace&Dev 2018")
    document_title: str = ""

    @property
    def section(self) -> SectionRef | None:
        """The fact's own section."""
        return self.section_path[-1] if self.section_path else None


@dataclass(slots=True)
class FactDetail(FactHit):
    """Everything the detail and quote panes and the exports show for one fact."""

    doc: DocumentRef | None = None
    entities: list[StoredMention] = field(default_factory=list)
    paragraph: Passage | None = None
    note: StoredNote | None = None


@dataclass(slots=True)
class SeriesPoint:
    """One figure of a series, with its fact's text and the facts whose values conflict with it.

    ``conflicts`` holds the ids of facts of other documents that give the same series, year and
    unit a value that differs by more than rounding (see :mod:`relexplorer.series`).
    """

    figure: StoredFigure
    fact_text: str
    document_title: str = ""
    published: str = ""
    conflicts: list[int] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        """True when another document gives a different value for the same year."""
        return bool(self.conflicts)


@dataclass(slots=True)
class Series:
    """The figures of one series (same subject, same unit family) across documents, by year.

    ``key`` is the series key stored with each figure, ``subject`` its reader's name, ``family``
    the unit family (``money``, ``change``, ...). ``truncated`` says the points were capped.
    """

    key: str
    subject: str
    family: str
    points: list[SeriesPoint] = field(default_factory=list)
    truncated: bool = False

    @property
    def conflicts(self) -> int:
        """How many points conflict with another document's."""
        return sum(1 for p in self.points if p.conflict)
