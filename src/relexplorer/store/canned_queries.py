"""The read-only queries that ``relexplorer serve`` offers in Datasette for the common questions
of a team: figures of a kind by value, a series over the years and where sources disagree on it,
what a speaker said, and the marked facts with their notes.

They are plain SQL over the schema (Datasette shows it, so a colleague can start from it); named
parameters (``:kind``) become the fields of a form. Each is run against a real database by
``tests/functional/test_serve.py``. ``CROSS JOIN`` keeps SQLite's join order: the few speakers,
marks and notes first, then their documents and facts by index (measured at a million facts: in
the order SQLite chose for ``ORDER BY d.id`` it walked every document, 0.7-3 s for no marks).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """A named query shown on the database page: ``params`` are its form fields, in order."""

    name: str
    title: str
    description: str
    sql: str
    params: tuple[str, ...] = ()


CANNED_QUERIES: tuple[CannedQuery, ...] = (
    CannedQuery(
        "figures_by_value",
        "Figures of a kind, largest first",
        "Every figure of one kind (money, percent, count, quantity, duration, date, ordinal), "
        "optionally in one unit (USD, CNY, percent, tons ...), from the largest value down, "
        "with what it measures and the fact it comes from.",
        """SELECT g.value, g.end_value, g.unit, g.text AS as_written, g.label AS measures, g.year,
    f.document, f.section, f.text AS fact, g.fact_id
FROM figures g JOIN facts f ON f.id = g.fact_id
WHERE g.kind = :kind AND (:unit = '' OR g.unit = :unit COLLATE NOCASE)
ORDER BY g.value DESC
LIMIT 1000""",
        ("kind", "unit"),
    ),
    CannedQuery(
        "series",
        "Series of figures",
        "The subjects measured across articles (a series: the same quantity in the same unit "
        "family), with how many figures and documents report each and the years they cover. "
        "Copy a series key into 'A series over the years'.",
        """SELECT series, count(*) AS figures, count(DISTINCT document_id) AS documents,
    min(year) AS first_year, max(coalesce(end_year, year)) AS last_year,
    group_concat(DISTINCT unit) AS units
FROM figures
WHERE series != ''
GROUP BY series
ORDER BY documents DESC, figures DESC""",
    ),
    CannedQuery(
        "series_over_years",
        "A series over the years",
        "The figures of one series in year order, each with its document's outlet and date, so "
        "that the same year reported by different sources sits together.",
        """SELECT g.year, g.end_year, g.value, g.end_value, g.unit, g.text AS as_written,
    g.label AS measures, g.period_source, d.slug AS document, d.source, d.published,
    f.text AS fact, g.fact_id
FROM figures g
JOIN documents d ON d.id = g.document_id
JOIN facts f ON f.id = g.fact_id
WHERE g.series = :series AND g.series != ''  -- lets SQLite use its partial index of series
ORDER BY g.year, d.published, g.value""",
        ("series",),
    ),
    CannedQuery(
        "series_disagreements",
        "Where sources disagree",
        "Series and years for which different documents report different values.",
        """SELECT series, year, count(DISTINCT value) AS distinct_values, min(value) AS lowest,
    max(value) AS highest, group_concat(DISTINCT unit) AS units,
    count(DISTINCT document_id) AS documents
FROM figures
WHERE series != '' AND year IS NOT NULL
GROUP BY series, year
HAVING count(DISTINCT value) > 1 AND count(DISTINCT document_id) > 1
ORDER BY series, year""",
    ),
    CannedQuery(
        "facts_of_speaker",
        "What a speaker said",
        "The facts attributed to a speaker (any part of the name; a person, an organisation or "
        "an unnamed source), with the words that attribute them, in document order.",
        """SELECT p.name AS speaker, p.kind, f.document, f.section, f.text AS fact,
    substr(d.text, fs.cue_start + 1, fs.cue_end - fs.cue_start) AS cue, f.id AS fact_id
FROM speakers p
CROSS JOIN fact_speakers fs ON fs.speaker_id = p.id
JOIN facts f ON f.id = fs.fact_id
JOIN documents d ON d.id = fs.document_id
WHERE instr(lower(p.name), lower(trim(:speaker))) > 0
ORDER BY p.name, d.published, f.document_id, f.start""",
        ("speaker",),
    ),
    CannedQuery(
        "marked_facts",
        "Marked facts, with notes",
        "The facts marked in the explorer (or with 'relexplorer mark'), with the note and #tags "
        "kept on each, grouped by document.",
        """SELECT f.document, d.title, f.section, f.text AS fact, n.text AS note, n.tags,
    m.marked_at, f.id AS fact_id
FROM marks m
CROSS JOIN documents d ON d.sha256 = m.document_sha256
CROSS JOIN facts f ON f.document_id = d.id AND f.start = m.start AND f."end" = m."end"
LEFT JOIN notes n ON n.document_sha256 = m.document_sha256 AND n.start = m.start AND n."end" = m."end"
ORDER BY d.id, f.start""",
    ),
    CannedQuery(
        "notes",
        "Notes, by #tag",
        "The notes kept on facts, with their facts; give a tag (with or without #) to see only "
        "the notes that carry it.",
        """SELECT n.tags, n.text AS note, f.document, f.text AS fact, n.updated_at, f.id AS fact_id
FROM notes n
CROSS JOIN documents d ON d.sha256 = n.document_sha256
LEFT JOIN facts f ON f.document_id = d.id AND f.start = n.start AND f."end" = n."end"
WHERE trim(:tag) = '' OR instr(' ' || n.tags || ' ', ' ' || ltrim(lower(trim(:tag)), '#') || ' ') > 0
ORDER BY n.updated_at DESC""",
        ("tag",),
    ),
)
