"""What every table, view and column of a relexplorer database means, in words a colleague
browsing it in Datasette can use. ``tests/functional/test_serve.py`` checks that every table and
column of the current schema is described here.
"""

from __future__ import annotations

_SPAN = "Character offsets of the span in the document's stored text (documents.text[start:end])."
_DOCUMENT = "The document (documents.id)."
_FACT = "The fact (facts.id, fact_spans.id)."
_SHA = "The SHA-256 of the document's text: keeps the user's work across re-ingest."

# table -> (description, {column: description})
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "documents": ("The articles, one row each, with their citation metadata and full text.", {
        "id": "Row id.",
        "slug": "Short unique name of the document (search with doc:SLUG).",
        "title": "Title.",
        "author": "Author or authors.",
        "editor": "Editor, where the source names one.",
        "published": "Date of publication (ISO: YYYY-MM-DD, or YYYY-MM / YYYY when that is all it says).",
        "source": "Outlet: journal, think tank or site.",
        "path": "File it was read from.",
        "url": "Address of the article, where known.",
        "origin": "The path or URL that re-ingest replaces the document by.",
        "format": "What it was read from: txt, md, html, pdf.",
        "sha256": "SHA-256 of the stored text.",
        "metadata": "Further metadata found in the source (JSON), e.g. the author's bio.",
        "ingested_at": "When it was ingested (UTC).",
        "fact_count": "Number of facts.",
        "figure_count": "Number of figures.",
        "text": "The stored text of the document, which every offset indexes.",
    }),
    "sections": ("Sections and subsections of each document.", {
        "id": "Row id.",
        "document_id": _DOCUMENT,
        "parent_id": "The enclosing section, for a subsection.",
        "level": "1 for a section, 2 for a subsection, and so on.",
        "label": "Its number or letter as written (I, II, A, 1), or empty.",
        "heading": "Its heading.",
        "start": _SPAN, "end": _SPAN,
        "position": "Order within the document.",
        "fact_count": "Number of facts directly in it.",
    }),
    "paragraphs": ("Body paragraphs of each document.", {
        "id": "Row id.",
        "document_id": _DOCUMENT,
        "section_id": "The section it belongs to.",
        "start": _SPAN, "end": _SPAN,
        "position": "Order within the document.",
    }),
    "fact_spans": ("Where each fact is: its span in the document. The facts view adds the text.", {
        "id": "The fact id.",
        "document_id": _DOCUMENT,
        "section_id": "The section it is in.",
        "paragraph_id": "The paragraph it is in.",
        "position": "Order within the document.",
        "start": _SPAN, "end": _SPAN,
        "byte_start": "UTF-8 byte offset of the start in the document text (used to cut the text out).",
        "byte_end": "UTF-8 byte offset of the end in the document text.",
        "page": "Page of the PDF the fact starts on, for a PDF.",
    }),
    "facts": ("The facts: each sentence of an article's body, cut out of its document, with its "
              "document, section, figures, topics and speakers. Search it with the search box "
              "(full-text index facts_fts; words as written: trade does not find trading here, "
              "relexplorer's own search adds the stems).", {
        "id": "The fact id.",
        "document": "Slug of its document.",
        "section": "Its section: number and heading.",
        "text": "The sentence exactly as in the document.",
        "figures": "Its figures as written, separated by semicolons (normalised in the figures table).",
        "topics": "Its themes (JSON list of topic names).",
        "speakers": "Who says it (JSON list of names); empty: the author.",
        "page": "Page of the PDF it starts on, for a PDF.",
        "document_id": _DOCUMENT,
        "section_id": "The section (sections.id).",
        "paragraph_id": "The paragraph (paragraphs.id).",
        "position": "Order within the document.",
        "start": _SPAN, "end": _SPAN,
        "rowid": "The fact id again: the key Datasette uses to search the view.",
    }),
    "facts_fts": ("Full-text index over the facts (FTS5, words as written; the words table maps "
                  "each to its stem). Search the facts "
                  "view rather than this table: it shows each fact with its document.", {
        "text": "The indexed text of the fact.",
    }),
    "figures": ("Figures: the quantities in the facts, normalised (84.071 billion USD is 84071000000 "
                "USD). Choose a kind before sorting by value: values of different units do not compare.", {
        "id": "Row id.",
        "fact_id": _FACT,
        "document_id": _DOCUMENT,
        "text": "The figure as written.",
        "start": _SPAN, "end": _SPAN,
        "value": "Normalised value (the lower end of a range).",
        "end_value": "Upper end of a range (2018 to 2022), else empty.",
        "unit": "Unit: a currency code (USD, CNY ...), percent, count, tons, year ...",
        "kind": "money, percent, count, quantity, duration, date or ordinal.",
        "label": "What it measures, where the sentence says so (bilateral trade, tourists).",
        "year": "The year the figure is about, when known.",
        "end_year": "Last year of the period it is about, for a period.",
        "period_source": "Where the year came from: the fact, its paragraph, or the document's date.",
        "series": "Key of the series it belongs to (the same quantity across articles), else empty.",
        "subject": "What it measures, as a reader names it (China–Russia trade), where known.",
    }),
    "figure_kinds": ("Number of facts with a figure of each kind (a counter kept at ingest).", {
        "kind": "Figure kind.",
        "fact_count": "Number of facts with at least one figure of this kind.",
    }),
    "entities": ("People, organisations and places mentioned in the facts.", {
        "id": "Row id.",
        "name": "Canonical name.",
        "kind": "person, organization or place.",
        "fact_count": "Number of facts that mention it.",
    }),
    "fact_entities": ("Each mention of a person, organisation or place in a fact.", {
        "id": "Row id.",
        "fact_id": _FACT,
        "entity_id": "Who or what is mentioned (entities.id).",
        "document_id": _DOCUMENT,
        "text": "The mention as written.",
        "start": _SPAN, "end": _SPAN,
    }),
    "topics": ("Themes of the taxonomy (energy, trade, security ...).", {
        "id": "Row id.",
        "name": "Short name (search with topic:NAME).",
        "label": "Name to show.",
        "fact_count": "Number of facts tagged with it.",
    }),
    "fact_topics": ("Which facts are tagged with which theme.", {
        "fact_id": _FACT,
        "topic_id": "The theme (topics.id).",
        "document_id": _DOCUMENT,
    }),
    "speakers": ("Who says what: people, bodies and unnamed sources to whom facts are attributed.", {
        "id": "Row id.",
        "name": "Name as attributed.",
        "kind": "person, organization or unnamed.",
        "fact_count": "Number of facts attributed to this speaker.",
    }),
    "fact_speakers": ("Which facts are attributed to which speaker, and by which words.", {
        "fact_id": _FACT,
        "speaker_id": "The speaker (speakers.id).",
        "document_id": _DOCUMENT,
        "cue_start": "Start of the attribution cue (\"Putin said\") in the document text.",
        "cue_end": "End of the attribution cue in the document text.",
    }),
    "marks": ("Facts marked by the user (for export).", {
        "document_sha256": _SHA,
        "start": _SPAN, "end": _SPAN,
        "marked_at": "When it was marked (UTC).",
    }),
    "notes": ("The user's notes on facts, with their #tags.", {
        "document_sha256": _SHA,
        "start": _SPAN, "end": _SPAN,
        "text": "The note.",
        "tags": "Its #tags, lower case, separated by spaces (without the #).",
        "created_at": "When it was written (UTC).",
        "updated_at": "When it was last changed (UTC).",
    }),
    "words": ("Every word of the full-text index with its stem: relexplorer's search finds the words "
              "of a typed word's stem here (trade finds trading).", {
        "word": "A word as the index holds it (lower case, accents of Latin letters removed).",
        "stem": "Its stem (Snowball English stemmer).",
    }),
    "saved_searches": ("Searches the user saved under a name.", {
        "name": "Name.",
        "query": "The query, in relexplorer's search syntax.",
        "created_at": "When it was saved (UTC).",
    }),
    "document_edits": ("The user's corrections of document metadata, kept apart so that re-ingest keeps them.", {
        "key": "The document they apply to (its origin or text hash).",
        "field": "Which field (title, author, published ...).",
        "value": "The corrected value.",
        "edited_at": "When (UTC).",
    }),
}
