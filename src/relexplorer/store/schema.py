"""The schema: tables, indexes, the facts view and the FTS5 index, and the migrations.

The version is kept in ``PRAGMA user_version``; ``PRAGMA application_id`` tells our files from
any other SQLite file.
"""

from __future__ import annotations

SCHEMA_VERSION = 6
# "RLXP": lets us tell our own databases from any other SQLite file.
APPLICATION_ID = 0x524C5850

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    editor TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL UNIQUE,
    metadata TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    figure_count INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_counts ON documents(fact_count, figure_count);
CREATE INDEX IF NOT EXISTS documents_origin ON documents(origin) WHERE origin != '';
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
CREATE TABLE IF NOT EXISTS fact_spans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    section_id INTEGER REFERENCES sections(id),
    paragraph_id INTEGER REFERENCES paragraphs(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    byte_start INTEGER,
    byte_end INTEGER,
    page INTEGER
);
CREATE INDEX IF NOT EXISTS fact_spans_document ON fact_spans(document_id, start);
CREATE INDEX IF NOT EXISTS fact_spans_section ON fact_spans(section_id);
CREATE VIEW IF NOT EXISTS facts AS
SELECT s.id,
    (SELECT d.slug FROM documents d WHERE d.id = s.document_id) AS document,
    (SELECT CASE WHEN c.label = '' THEN c.heading ELSE c.label || '. ' || c.heading END
     FROM sections c WHERE c.id = s.section_id) AS section,
    (SELECT CAST(substr(CAST(d.text AS BLOB), s.byte_start + 1, s.byte_end - s.byte_start) AS TEXT)
     FROM documents d WHERE d.id = s.document_id) AS text,
    (SELECT group_concat(g.text, '; ') FROM figures g WHERE g.fact_id = s.id) AS figures,
    (SELECT json_group_array(t.name) FROM fact_topics ft JOIN topics t ON t.id = ft.topic_id
     WHERE ft.fact_id = s.id) AS topics,
    (SELECT json_group_array(DISTINCT p.name) FROM fact_speakers fs JOIN speakers p ON p.id = fs.speaker_id
     WHERE fs.fact_id = s.id) AS speakers,
    s.page, s.document_id, s.section_id, s.paragraph_id, s.position, s.start, s."end",
    s.id AS rowid
FROM fact_spans s;
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL NOT NULL,
    end_value REAL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    year INTEGER,
    end_year INTEGER,
    period_source TEXT NOT NULL DEFAULT '',
    series TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS figures_fact ON figures(fact_id);
CREATE INDEX IF NOT EXISTS figures_document_start ON figures(document_id, start);
CREATE INDEX IF NOT EXISTS figures_kind_value ON figures(kind, value);
CREATE INDEX IF NOT EXISTS figures_unit_value_nocase ON figures(unit COLLATE NOCASE, value);
CREATE INDEX IF NOT EXISTS figures_date_range ON figures(end_value, value, fact_id)
    WHERE kind = 'date' AND end_value IS NOT NULL;
CREATE INDEX IF NOT EXISTS figures_series ON figures(series, year) WHERE series != '';
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
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
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
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (topic_id, fact_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fact_topics_fact ON fact_topics(fact_id);
CREATE TABLE IF NOT EXISTS marks (
    document_sha256 TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (document_sha256, start, "end")
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE(name, kind)
);
CREATE TABLE IF NOT EXISTS fact_speakers (
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, fact_id, cue_start)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fact_speakers_fact ON fact_speakers(fact_id);
CREATE TABLE IF NOT EXISTS notes (
    document_sha256 TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_sha256, start, "end")
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document_edits (
    key TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    PRIMARY KEY (key, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS words (
    word TEXT PRIMARY KEY,
    stem TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS words_stem ON words(stem);
CREATE VIRTUAL TABLE IF NOT EXISTS facts_fts USING fts5(
    text,
    tokenize='unicode61 remove_diacritics 2',
    prefix='1 2 3',
    content="facts",
    content_rowid='id'
);
"""

SCHEMA_V2 = """
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
    ingested_at TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    figure_count INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_counts ON documents(fact_count, figure_count);
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
CREATE TABLE IF NOT EXISTS fact_spans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    section_id INTEGER REFERENCES sections(id),
    paragraph_id INTEGER REFERENCES paragraphs(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    byte_start INTEGER,
    byte_end INTEGER
);
CREATE INDEX IF NOT EXISTS fact_spans_document ON fact_spans(document_id, start);
CREATE INDEX IF NOT EXISTS fact_spans_section ON fact_spans(section_id);
CREATE VIEW IF NOT EXISTS facts AS
SELECT s.id, s.document_id, s.section_id, s.paragraph_id, s.position,
    (SELECT CAST(substr(CAST(d.text AS BLOB), s.byte_start + 1, s.byte_end - s.byte_start) AS TEXT)
     FROM documents d WHERE d.id = s.document_id) AS text,
    s.start, s."end"
FROM fact_spans s;
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
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
CREATE INDEX IF NOT EXISTS figures_document_start ON figures(document_id, start);
CREATE INDEX IF NOT EXISTS figures_kind_value ON figures(kind, value);
CREATE INDEX IF NOT EXISTS figures_unit_value_nocase ON figures(unit COLLATE NOCASE, value);
CREATE INDEX IF NOT EXISTS figures_date_range ON figures(end_value, value, fact_id)
    WHERE kind = 'date' AND end_value IS NOT NULL;
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
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
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
    fact_id INTEGER NOT NULL REFERENCES fact_spans(id),
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (topic_id, fact_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fact_topics_fact ON fact_topics(fact_id);
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

# Schema 1 -> 2, measured at a million facts (172 MB of text, python -m benchmarks): the file went
# from 5.5x to 4.6x the source. facts.text duplicated documents.text (1.2x): ``facts`` is a view that
# cuts each fact out of its document, over ``fact_spans``; the FTS5 index (external content
# ``facts``) is unchanged. Figures lose their (value) and case-sensitive (unit, value) indexes,
# which the query layer no longer uses and which made storing a document slow (random inserts);
# figures by document are listed in (document_id, start) order. documents.text moves last,
# so that its counters and metadata are read without walking the text. The view cuts facts out
# by UTF-8 byte offsets (kept beside the character offsets): SQLite's substr() on text counts
# characters from the start and stops at an embedded NUL; on a blob it is exact and direct.
MIGRATE_1_TO_2 = """
CREATE TABLE documents_v2 (
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
    ingested_at TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    figure_count INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL
);
INSERT INTO documents_v2 (id, slug, title, author, editor, published, source, path, sha256, metadata,
    ingested_at, fact_count, figure_count, text)
SELECT id, slug, title, author, editor, published, source, path, sha256, metadata,
    ingested_at, fact_count, figure_count, text FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;
CREATE TABLE fact_spans (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    section_id INTEGER REFERENCES sections(id),
    paragraph_id INTEGER REFERENCES paragraphs(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    byte_start INTEGER,
    byte_end INTEGER
);
INSERT INTO fact_spans (id, document_id, section_id, paragraph_id, position, start, "end")
SELECT id, document_id, section_id, paragraph_id, position, start, "end" FROM facts;
DROP TABLE facts;
DROP INDEX IF EXISTS figures_document;
DROP INDEX IF EXISTS figures_unit_value;
DROP INDEX IF EXISTS figures_value;
DROP INDEX IF EXISTS fact_topics_document
"""



# Schema 2 -> 3: where a document came from (``origin``: the path or URL that re-ingest replaces
# by; ``url``; ``format``), kept before the text like the other metadata; a fact's PDF page; a
# figure's period and series; who says each fact; the user's notes, saved searches and metadata
# edits (keyed so that they survive re-ingest). The facts view reads documents: it is dropped while
# the table is rebuilt, and made again by the schema.
MIGRATE_2_TO_3 = """
DROP VIEW facts;
CREATE TABLE documents_v3 (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    editor TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL UNIQUE,
    metadata TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL,
    fact_count INTEGER NOT NULL DEFAULT 0,
    figure_count INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL
);
INSERT INTO documents_v3 (id, slug, title, author, editor, published, source, path, origin, sha256, metadata,
    ingested_at, fact_count, figure_count, text)
SELECT id, slug, title, author, editor, published, source, path, path, sha256, metadata,
    ingested_at, fact_count, figure_count, text FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v3 RENAME TO documents;
ALTER TABLE fact_spans ADD COLUMN page INTEGER;
ALTER TABLE figures ADD COLUMN year INTEGER;
ALTER TABLE figures ADD COLUMN end_year INTEGER;
ALTER TABLE figures ADD COLUMN period_source TEXT NOT NULL DEFAULT '';
ALTER TABLE figures ADD COLUMN series TEXT NOT NULL DEFAULT ''
"""

# Schema 3 -> 4: Datasette on the file itself (``datasette FILE``, no metadata) searches the facts
# view. Datasette (0.65, ``detect_fts``) takes an FTS table as a view's index only when the table's
# SQL says ``content="facts"`` in double quotes (or brackets), and it then matches ``rowid IN
# (SELECT rowid FROM facts_fts ...)`` against the view, which has no rowid of its own: the view
# gains a ``rowid`` column (the fact id), and the document, section, figures, topics and speakers
# that make a row readable in a browser. Columns that a query does not name cost nothing (SQLite
# flattens the view), so relexplorer's own queries run as before. The FTS table's SQL is
# rewritten in place (see ``FTS_CONTENT_SQL``): the index itself does not change.
MIGRATE_3_TO_4 = """
DROP VIEW facts
"""

# The stored SQL of the FTS table, rewritten to name its content in double quotes. The two
# spellings mean the same to FTS5, so SQLite's documented in-place schema edit (writable_schema,
# https://sqlite.org/lang_altertable.html#otheralter) keeps the index as it is; the view's DROP
# and CREATE in the same transaction change the schema cookie, so other connections re-read it.
FTS_SQL = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'facts_fts'"
FTS_CONTENT_SQL = "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'facts_fts'"
# Where SQLite refuses schema edits (a build with SQLITE_DBCONFIG_DEFENSIVE on): the index is made
# anew from the rewritten SQL, which costs a rebuild (45 s at a million facts).
FTS_REMAKE = ("DROP TABLE facts_fts", "INSERT INTO facts_fts (facts_fts) VALUES ('rebuild')")

# Schema 4 -> 5 (issue 14, search precision): the full-text index keeps words as written (no
# stemmer), and ``words`` maps every word of it to its stem (relexplorer.stems). A typed word then
# finds words starting with it (the index's prefix query) or with its stem (the words of that stem,
# looked up here), never a word that only shares a shorter stem: the porter index turned ``gas``
# into ``ga*``, which found "gain" and "Gazprom". The index is rebuilt and ``words`` filled by
# :meth:`relexplorer.store.connection.Store._reindex_words` after this script.
MIGRATE_4_TO_5 = """
DROP TABLE IF EXISTS facts_fts
"""

# Schema 5 -> 6 (issue 9, series): a figure's ``subject``, the reader's name of what it measures
# ("China–Russia trade"), beside its series key. Figures stored before keep an empty subject and
# series until their document is extracted again (``relexplorer ingest --replace``). The column is
# added by :meth:`relexplorer.store.connection.Store._add_column` (only where it is missing).
MIGRATE_5_TO_6 = ""
FIGURE_SUBJECT = ("figures", "subject", "TEXT NOT NULL DEFAULT ''")

# Each step brings a database from the version before it to the version it names; the schema
# is then completed with SCHEMA_SQL's CREATE ... IF NOT EXISTS of that version.
UPGRADES: list[tuple[int, str, str]] = [
    (2, MIGRATE_1_TO_2, SCHEMA_V2),
    (3, MIGRATE_2_TO_3, SCHEMA_SQL),
    (4, MIGRATE_3_TO_4, SCHEMA_SQL),
    (5, MIGRATE_4_TO_5, SCHEMA_SQL),
    (6, MIGRATE_5_TO_6, SCHEMA_SQL),
]
