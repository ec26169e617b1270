"""Extraction pipeline: a normalised source in, an :class:`ExtractedDocument` out.

Runs structure -> sentences -> figures -> entities -> topics -> speakers -> series (what each
figure measures and when). Pure: no I/O, no database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from relexplorer.extract.entities import find_entities
from relexplorer.extract.figures import find_figures
from relexplorer.extract.sentences import split_sentences
from relexplorer.extract.series import attach_series
from relexplorer.extract.speakers import find_speakers
from relexplorer.extract.structure import parse_structure
from relexplorer.extract.topics import Taxonomy, load_taxonomy
from relexplorer.model import ExtractedDocument, Fact

if TYPE_CHECKING:  # the reader imports extraction's debris rules: no import cycle at run time
    from relexplorer.read import Source

_taxonomy: Taxonomy | None = None


def default_taxonomy() -> Taxonomy:
    """The bundled taxonomy, loaded once per process."""
    global _taxonomy
    if _taxonomy is None:
        _taxonomy = load_taxonomy()
    return _taxonomy


def extract(source: Source, taxonomy: Taxonomy | None = None) -> ExtractedDocument:
    """Extract metadata, sections, paragraphs and facts (with figures, entities, topics)."""
    taxonomy = taxonomy or default_taxonomy()
    text = source.text
    structure = parse_structure(text, source.front_matter, source.format)
    facts: list[Fact] = []
    for index, paragraph in enumerate(structure.paragraphs):
        for start, end in split_sentences(text, paragraph.start, paragraph.end):
            facts.append(
                Fact(
                    start=start,
                    end=end,
                    text=text[start:end],
                    paragraph=index,
                    section=paragraph.section,
                    figures=find_figures(text, start, end),
                    page=source.page_at(start),
                )
            )
    mentions = find_entities(text, [(f.start, f.end) for f in facts])
    # Tagged together so that the document's two parties are known (for "third countries").
    topics = taxonomy.tag_all([f.text for f in facts])
    for fact, fact_mentions, fact_topics in zip(facts, mentions, topics, strict=True):
        fact.mentions = fact_mentions
        fact.topics = fact_topics
    for fact, fact_speakers in zip(facts, find_speakers(text, facts), strict=True):
        fact.speakers = fact_speakers
    metadata = structure.metadata
    attach_series(text, facts, metadata.published)
    if not metadata.title and source.path is not None:
        metadata.title = source.path.stem.replace("_", " ").replace("-", " ").strip()
    return ExtractedDocument(text, metadata, structure.sections, structure.paragraphs, facts)
