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


@dataclass(slots=True)
class Mention:
    """One mention of a person, organisation or place; ``name`` is the canonical name."""

    start: int
    end: int
    text: str
    name: str
    kind: str


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
    extra: dict[str, str] = field(default_factory=dict)  # e.g. author bio, url, language


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


@dataclass(slots=True)
class ExtractedDocument:
    """Everything extraction produced for one source: ready to be stored."""

    text: str
    metadata: Metadata
    sections: list[Section]
    paragraphs: list[Paragraph]
    facts: list[Fact]
