"""A relexplorer database as schema 1 wrote it, built independently of the current store.

Schema 1 is the first released layout (``facts`` a table holding each fact's text). The DDL is
frozen here, so that migration tests keep working whatever the current schema becomes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from relexplorer.model import ExtractedDocument

APPLICATION_ID = 0x524C5850

SCHEMA_1 = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    editor TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL UNIQUE,
    metadata TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    figure_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    parent_id INTEGER REFERENCES sections(id),
    level INTEGER NOT NULL,
    label TEXT NOT NULL,
    heading TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    position INTEGER NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sections_document ON sections(document_id, position);
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    section_id INTEGER REFERENCES sections(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS paragraphs_document ON paragraphs(document_id, position);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    section_id INTEGER REFERENCES sections(id),
    paragraph_id INTEGER REFERENCES paragraphs(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id, start);
CREATE INDEX IF NOT EXISTS facts_section ON facts(section_id);
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES facts(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL NOT NULL,
    end_value REAL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS figures_fact ON figures(fact_id);
CREATE INDEX IF NOT EXISTS figures_document ON figures(document_id);
CREATE INDEX IF NOT EXISTS figures_kind_value ON figures(kind, value);
CREATE INDEX IF NOT EXISTS figures_unit_value ON figures(unit, value);
CREATE INDEX IF NOT EXISTS figures_value ON figures(value);
CREATE TABLE IF NOT EXISTS figure_kinds (
    kind TEXT PRIMARY KEY,
    fact_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE(name, kind)
);
CREATE TABLE IF NOT EXISTS fact_entities (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES facts(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS fact_entities_entity ON fact_entities(entity_id, fact_id);
CREATE INDEX IF NOT EXISTS fact_entities_fact ON fact_entities(fact_id);
CREATE INDEX IF NOT EXISTS fact_entities_document ON fact_entities(document_id);
CREATE TABLE IF NOT EXISTS topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS fact_topics (
    fact_id INTEGER NOT NULL REFERENCES facts(id),
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (topic_id, fact_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fact_topics_fact ON fact_topics(fact_id);
CREATE INDEX IF NOT EXISTS fact_topics_document ON fact_topics(document_id);
CREATE TABLE IF NOT EXISTS marks (
    document_sha256 TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (document_sha256, start, "end")
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS facts_fts USING fts5(
    text,
    tokenize='porter unicode61',
    prefix='1 2 3',
    content='facts',
    content_rowid='id'
);
"""


def write_schema_1(path: Path, documents: list[tuple[ExtractedDocument, str]], *, mark_first: bool = True) -> None:
    """Write ``(document, sha256)`` pairs the way schema 1 stored them, counters included."""
    conn = sqlite3.connect(path)
    for statement in SCHEMA_1.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    for n, (doc, sha) in enumerate(documents):
        meta = doc.metadata
        document_id = conn.execute(
            "INSERT INTO documents (slug, title, author, editor, published, source, path, sha256, metadata, "
            "text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [f"doc-{n}", meta.title, meta.author, meta.editor, meta.published, meta.source, "", sha,
             json.dumps(meta.extra), doc.text, "2020-01-01T00:00:00+00:00"]).lastrowid
        sections = []
        for position, s in enumerate(doc.sections):
            parent = sections[s.parent] if s.parent is not None and s.parent < len(sections) else None
            sections.append(conn.execute(
                'INSERT INTO sections (document_id, parent_id, level, label, heading, start, "end", position) '
                "VALUES (?,?,?,?,?,?,?,?)",
                [document_id, parent, s.level, s.label, s.heading, s.start, s.end, position]).lastrowid)
        paragraphs = [conn.execute(
            'INSERT INTO paragraphs (document_id, section_id, start, "end", position) VALUES (?,?,?,?,?)',
            [document_id, sections[p.section] if p.section < len(sections) else None, p.start, p.end, i]
        ).lastrowid for i, p in enumerate(doc.paragraphs)]
        for i, f in enumerate(doc.facts):
            fact_id = conn.execute(
                'INSERT INTO facts (document_id, section_id, paragraph_id, position, text, start, "end") '
                "VALUES (?,?,?,?,?,?,?)",
                [document_id, sections[f.section] if f.section < len(sections) else None,
                 paragraphs[f.paragraph] if f.paragraph < len(paragraphs) else None, i, f.text, f.start, f.end]
            ).lastrowid
            conn.execute("INSERT INTO facts_fts (rowid, text) VALUES (?, ?)", [fact_id, f.text])
            for g in f.figures:
                conn.execute('INSERT INTO figures (fact_id, document_id, text, start, "end", value, end_value, '
                             "unit, kind, label) VALUES (?,?,?,?,?,?,?,?,?,?)",
                             [fact_id, document_id, g.text, g.start, g.end, g.value, g.end_value, g.unit,
                              g.kind, g.label])
            for m in f.mentions:
                conn.execute("INSERT OR IGNORE INTO entities (name, kind) VALUES (?, ?)", [m.name, m.kind])
                entity = conn.execute("SELECT id FROM entities WHERE name = ? AND kind = ?", [m.name, m.kind]).fetchone()[0]
                conn.execute('INSERT INTO fact_entities (fact_id, entity_id, document_id, text, start, "end") '
                             "VALUES (?,?,?,?,?,?)", [fact_id, entity, document_id, m.text, m.start, m.end])
            for topic in dict.fromkeys(f.topics):
                conn.execute("INSERT OR IGNORE INTO topics (name, label) VALUES (?, ?)", [topic, topic])
                topic_id = conn.execute("SELECT id FROM topics WHERE name = ?", [topic]).fetchone()[0]
                conn.execute("INSERT INTO fact_topics (fact_id, topic_id, document_id) VALUES (?,?,?)",
                             [fact_id, topic_id, document_id])
        if mark_first and doc.facts:
            f = doc.facts[0]
            conn.execute('INSERT INTO marks (document_sha256, start, "end", marked_at) VALUES (?,?,?,?)',
                         [sha, f.start, f.end, "2020-01-01T00:00:00+00:00"])
    conn.executescript("""
        UPDATE documents SET
            fact_count = (SELECT count(*) FROM facts WHERE document_id = documents.id),
            figure_count = (SELECT count(*) FROM figures WHERE document_id = documents.id);
        UPDATE sections SET fact_count = (SELECT count(*) FROM facts WHERE section_id = sections.id);
        UPDATE entities SET fact_count = (SELECT count(DISTINCT fact_id) FROM fact_entities
                                          WHERE entity_id = entities.id);
        UPDATE topics SET fact_count = (SELECT count(*) FROM fact_topics WHERE topic_id = topics.id);
        INSERT INTO figure_kinds (kind, fact_count)
            SELECT kind, count(DISTINCT fact_id) FROM figures GROUP BY kind;
    """)
    conn.commit()
    conn.close()
