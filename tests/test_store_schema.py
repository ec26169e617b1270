"""Store schema: a schema-1 database is migrated in place, and facts read back exactly.

Schema 2 (see ``_MIGRATE_1_TO_2`` in store.py) replaced the facts table by a view over fact spans
that cuts each fact out of its document by UTF-8 byte offsets; these tests hold it to the span
invariant on awkward text and check that a file written by schema 1 keeps working.
"""

from __future__ import annotations

import sqlite3

from relexplorer.model import ExtractedDocument, Fact, Figure, Metadata, Paragraph, Section
from relexplorer.query import search
from relexplorer.store import APPLICATION_ID, SCHEMA_VERSION, open_store, sha256_text

# The schema-1 DDL as released (commit 9cf61fe), to make files such as users have.
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


SENTENCES = [
    "Trade with Zürich grew by 12 percent in 2017.",
    "A NUL \x00 here, then 中华人民共和国 and 🇨🇳 emoji.",
    "After them: energy exports reached $3 billion from 2018 to 2022.",
]


def _document() -> tuple[ExtractedDocument, str]:
    text = "Awkward: A Test\n\n"
    facts = []
    for sentence in SENTENCES:
        start = len(text)
        text += sentence + " "
        facts.append(Fact(start, start + len(sentence), sentence, paragraph=0, section=0))
    last = facts[2]
    at = last.start + last.text.index("from 2018")
    last.figures = [Figure(at, at + 17, "from 2018 to 2022", 2018.0, "year", "date", end_value=2022.0)]
    doc = ExtractedDocument(text, Metadata(title="Awkward"), [Section("", "Awkward", 1, 0, len(text))],
                            [Paragraph(17, len(text) - 1, 0)], facts)
    return doc, sha256_text(text)


def _check(store, doc) -> None:
    rows = store.rows('SELECT text, start, "end" FROM facts ORDER BY id')
    assert [r["text"] for r in rows] == SENTENCES
    assert all(doc.text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert [h["text"] for h in search(store, "emoji").hits] == [SENTENCES[1]]
    assert [h["text"] for h in search(store, "energy year:2020").hits] == [SENTENCES[2]]
    assert [h["text"] for h in search(store, "year:2017").hits] == []  # "in 2017" is no figure here


def test_facts_read_back_exactly_past_nul_and_wide_characters(tmp_path):
    store = open_store(tmp_path / "new.db")
    doc, sha = _document()
    store.add_document(doc, sha256=sha)
    _check(store, doc)
    slug = store.rows("SELECT slug FROM documents")[0]["slug"]
    assert store.remove_document(slug)
    assert store.rows("SELECT count(*) AS n FROM facts")[0]["n"] == 0
    assert search(store, "emoji").total == 0
    store.close()


def test_a_schema_1_database_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.db"
    doc, sha = _document()
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_1)
    conn.execute("INSERT INTO documents (id, slug, title, sha256, text, ingested_at, fact_count, figure_count) "
                 "VALUES (1, 'awkward', 'Awkward', ?, ?, '2020-01-01', 3, 1)", (sha, doc.text))
    conn.execute("INSERT INTO sections (id, document_id, level, label, heading, start, \"end\", position) "
                 "VALUES (1, 1, 1, '', 'Awkward', 0, ?, 0)", (len(doc.text),))
    for i, fact in enumerate(doc.facts, 1):
        conn.execute("INSERT INTO facts (id, document_id, section_id, position, text, start, \"end\") "
                     "VALUES (?, 1, 1, ?, ?, ?, ?)", (i, i, fact.text, fact.start, fact.end))
        conn.execute("INSERT INTO facts_fts (rowid, text) VALUES (?, ?)", (i, fact.text))
    g = doc.facts[2].figures[0]
    conn.execute("INSERT INTO figures (fact_id, document_id, text, start, \"end\", value, end_value, unit, kind) "
                 "VALUES (3, 1, ?, ?, ?, ?, ?, ?, ?)", (g.text, g.start, g.end, g.value, g.end_value, g.unit, g.kind))
    conn.execute("INSERT INTO figure_kinds (kind, fact_count) VALUES ('date', 1)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    store = open_store(path)
    assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert store.counts()["facts"] == 3
    _check(store, doc)
    # Writing still works after the migration: a second document, then removing the first.
    other = ExtractedDocument("Other\n\nEnergy talks resumed.\n", Metadata(title="Other"),
                              [Section("", "Other", 1, 0, 30)], [Paragraph(7, 28, 0)],
                              [Fact(7, 28, "Energy talks resumed.", 0, 0)])
    store.add_document(other, sha256=sha256_text(other.text))
    assert store.remove_document("awkward")
    assert [h["text"] for h in search(store, "energy").hits] == ["Energy talks resumed."]
    assert store.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    store.close()
