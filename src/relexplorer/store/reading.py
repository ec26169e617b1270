"""The reading view's reads: a document's text and headings, and its facts and figures a window at a time.

Re-exported by :mod:`relexplorer.catalog`, where the shells take them from.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from relexplorer.store.connection import Store


@dataclass(slots=True)
class ReadingDocument:
    """One document as the reading view lays it out: its text and its section headings.

    ``headings`` are ``(start, end, level)`` of the headings as they stand in the text (a run-in
    heading ends where its paragraph begins), in text order. The facts and figures come a window
    at a time (:func:`reading_spans`): a 20 MB report has a few hundred thousand of them, and the
    view must open in well under a second.
    """

    id: int
    slug: str
    title: str
    text: str
    headings: list[tuple[int, int, int]]
    facts: int


@dataclass(slots=True)
class ReadingSpans:
    """The facts ``(id, start, end)`` and figures ``(start, end)`` that overlap a stretch of a
    document's text, each in text order."""

    facts: list[tuple[int, int, int]]
    figures: list[tuple[int, int]]


def reading_document(store: Store, document_id: int) -> ReadingDocument | None:
    """The document ``document_id`` for the reading view, or None when it is gone."""
    with store.lock:
        db = store.db
        row = db.execute("SELECT slug, title, text, fact_count FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            return None
        sections = db.execute('SELECT start, "end", level FROM sections WHERE document_id = ? ORDER BY start',
                              [document_id]).fetchall()
        bodies = [r[0] for r in db.execute("SELECT start FROM paragraphs WHERE document_id = ? ORDER BY start",
                                           [document_id])]
    slug, title, text, facts = row
    return ReadingDocument(document_id, slug, title, text, _heading_spans(text, sections, bodies), facts)


def reading_spans(store: Store, document_id: int, start: int, end: int) -> ReadingSpans:
    """The facts and figures of document ``document_id`` that overlap ``[start, end)``."""
    found: list[list] = []
    with store.lock:
        for columns, table in (('id, start, "end"', "fact_spans"), ('start, "end"', "figures")):
            # The last one to start before the window may reach into it; the rest start inside.
            before = store.db.execute(
                f'SELECT {columns} FROM {table} WHERE document_id = ? AND start < ? ORDER BY start DESC LIMIT 1',
                [document_id, start]).fetchall()
            inside = store.db.execute(
                f"SELECT {columns} FROM {table} WHERE document_id = ? AND start >= ? AND start < ? ORDER BY start",
                [document_id, start, end]).fetchall()
            found.append([r for r in before if r[-1] > start] + inside)
    return ReadingSpans(found[0], found[1])


def fact_span(store: Store, fact_id: int) -> tuple[int, int, int] | None:
    """``(document_id, start, end)`` of fact ``fact_id``, or None when it is gone."""
    rows = store.rows('SELECT document_id, start, "end" FROM fact_spans WHERE id = ?', [fact_id])
    return (rows[0]["document_id"], rows[0]["start"], rows[0]["end"]) if rows else None


def next_fact(store: Store, document_id: int, offset: int, step: int) -> tuple[int, int, int] | None:
    """The fact ``(id, start, end)`` that starts right after (``step`` > 0) or before ``offset``."""
    if step > 0:
        sql = 'SELECT id, start, "end" FROM fact_spans WHERE document_id = ? AND start > ? ORDER BY start LIMIT 1'
    else:
        sql = 'SELECT id, start, "end" FROM fact_spans WHERE document_id = ? AND start < ? ORDER BY start DESC LIMIT 1'
    rows = store.rows(sql, [document_id, offset])
    return (rows[0]["id"], rows[0]["start"], rows[0]["end"]) if rows else None


def _heading_spans(text: str, sections: list[tuple[int, int, int]], bodies: list[int]) -> list[tuple[int, int, int]]:
    """Where each section's heading stands: from its start to its first paragraph, on one line."""
    spans = []
    for start, end, level in sections:
        i = bisect_left(bodies, start)
        stop = min(end, bodies[i] if i < len(bodies) else end)
        line_end = text.find("\n", start, stop)
        stop = line_end if line_end >= 0 else stop
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            spans.append((start, stop, level))
    return spans
