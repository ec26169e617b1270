"""Store: one SQLite file, written and read through sqlite-utils.

Tables follow the design's data model. Facts are indexed by an external-content FTS5 table
(``facts_fts``, porter + unicode61, prefix indexes for search-as-you-type). Counts shown in the
explorer's tree are kept up to date at ingest time so that nothing at start-up scans all facts.
Each document is written in one transaction: a failed ingest leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sqlite3
import sys
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from relexplorer.errors import StoreError
from relexplorer.model import ExtractedDocument


def _import_sqlite_utils():
    """sqlite-utils, imported without pandas and numpy.

    It imports them when installed, only to map their types in inserts, which relexplorer never
    makes: numpy alone was 60-100 ms of the explorer's 0.9 s to first frame (pandas would be more).
    """
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import name" fail at once
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return sqlite_utils


sqlite_utils = _import_sqlite_utils()

SCHEMA_VERSION = 2
# "RLXP": lets us tell our own databases from any other SQLite file.
APPLICATION_ID = 0x524C5850
SAMPLE_PATH = Path(__file__).parents[1] / "data" / "sample" / "zhao-2018-china-russia-endogenous-dynamics.txt"

_SCHEMA = """
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
_MIGRATE_1_TO_2 = """
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


@dataclass(slots=True)
class IngestResult:
    """What happened to one source: ``added``, ``replaced`` or ``unchanged``."""

    status: str
    slug: str
    title: str
    facts: int
    figures: int


def default_db_path() -> Path:
    """Where the database lives when ``--db`` is not given.

    ``RELEXPLORER_DB`` wins; in a source checkout it is ``db/relexplorer.db`` beside
    ``pyproject.toml``; an installed copy uses ``$XDG_DATA_HOME/relexplorer/relexplorer.db``
    (``~/.local/share/relexplorer/relexplorer.db``).
    """
    env = os.environ.get("RELEXPLORER_DB")
    if env:
        return Path(env).expanduser()
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").is_file() and (checkout / "db").is_dir():
        return checkout / "db" / "relexplorer.db"
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "relexplorer" / "relexplorer.db"


def slugify(text: str, limit: int = 60) -> str:
    """A lower-case ASCII slug of ``text`` (``"doc"`` when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "doc"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Store:
    """A relexplorer database. Use :func:`open_store` to open one safely.

    The connection may be used from worker threads; a lock serialises access.
    """

    def __init__(self, path: Path | str, conn: sqlite3.Connection):
        self.path = Path(path)
        self.db = sqlite_utils.Database(conn)
        self.lock = threading.RLock()

    # -- set-up ---------------------------------------------------------------------------

    def _identify(self) -> int:
        """Refuse a file that is not ours or is too new, reading only; return its schema version.

        Runs before anything is written (even the switch to WAL), so that a refused file is left
        exactly as it was.
        """
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID and (version or self.db.table_names()):
            raise StoreError(f"{self.path}: not a relexplorer database (made by another program)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer relexplorer (schema {version}, this version "
                f"knows {SCHEMA_VERSION}); upgrade relexplorer to open it"
            )
        return version

    def _initialise(self) -> None:
        if self._identify() >= SCHEMA_VERSION:
            return
        # One transaction (not executescript, which commits as it goes): a process killed while
        # creating the schema must not leave a half-made file that is no longer recognised.
        with self.transaction():
            if self._identify() >= SCHEMA_VERSION:  # another process got here first
                return
            migrate = self._identify() == 1
            script = _MIGRATE_1_TO_2 + ";\n" + _SCHEMA if migrate else _SCHEMA
            for statement in script.split(";\n"):
                if statement.strip():
                    self.db.execute(statement)
            if migrate:
                self._fill_byte_offsets()
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _fill_byte_offsets(self) -> None:
        conn = self.db.conn
        for document_id, text in conn.execute("SELECT id, text FROM documents").fetchall():
            spans = conn.execute('SELECT id, start, "end" FROM fact_spans WHERE document_id = ?',
                                 (document_id,)).fetchall()
            where = _byte_offsets(text, [o for _, s, e in spans for o in (s, e)])
            conn.executemany("UPDATE fact_spans SET byte_start = ?, byte_end = ? WHERE id = ?",
                             [(where[s], where[e], i) for i, s, e in spans])

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, rolled back on any error (a savepoint when nested)."""
        with self.lock:
            conn = self.db.conn
            if conn.in_transaction:
                with self.db.atomic():
                    yield
                return
            # IMMEDIATE takes the write lock first, waiting up to the busy timeout. A deferred
            # transaction that reads and then writes fails at once with "database is locked"
            # when another process committed in between (its snapshot can no longer write).
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                conn.rollback()
                raise
            conn.execute("COMMIT")

    # -- writing --------------------------------------------------------------------------

    def find_document(self, sha256: str) -> dict | None:
        """The document row (without text) whose source had this SHA-256, if any."""
        rows = list(
            self.db.query(
                "SELECT id, slug, title, fact_count, figure_count FROM documents WHERE sha256 = ?",
                [sha256],
            )
        )
        return rows[0] if rows else None

    def add_document(
        self,
        doc: ExtractedDocument,
        *,
        sha256: str,
        path: str = "",
        replace: bool = False,
        taxonomy_labels: dict[str, str] | None = None,
    ) -> IngestResult:
        """Store one extracted document in one transaction.

        The same source (same SHA-256) stored twice changes nothing unless ``replace`` is set,
        in which case the old extraction is removed first (marks are kept: they are keyed by
        the source's hash and the fact's span).
        """
        meta = doc.metadata
        with self.transaction():
            existing = self.find_document(sha256)
            if existing and not replace:
                return IngestResult(
                    "unchanged", existing["slug"], existing["title"],
                    existing["fact_count"], existing["figure_count"],
                )
            slug = existing["slug"] if existing else self._unique_slug(meta.title, meta.published)
            if existing:
                self._delete_document(existing["id"])
            facts = doc.facts
            figure_total = sum(len(f.figures) for f in facts)
            cur = self.db.execute(
                "INSERT INTO documents (slug, title, author, editor, published, source, path, "
                "sha256, metadata, text, ingested_at, fact_count, figure_count) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    slug, meta.title, meta.author, meta.editor, meta.published, meta.source,
                    path, sha256, json.dumps(meta.extra, ensure_ascii=False), doc.text, _now(),
                    len(facts), figure_total,
                ],
            )
            document_id = cur.lastrowid
            section_ids = self._insert_sections(document_id, doc)
            paragraph_ids = self._insert_paragraphs(document_id, doc, section_ids)
            self._insert_facts(document_id, doc, section_ids, paragraph_ids, taxonomy_labels or {})
        return IngestResult("replaced" if existing else "added", slug, meta.title, len(facts), figure_total)

    def _unique_slug(self, title: str, published: str) -> str:
        base = slugify(title)
        if published[:4].isdigit() and not base.endswith(published[:4]):
            base = f"{base}-{published[:4]}"
        # A range on the unique slug index (LIKE would read every document row, text and all).
        taken = {
            r[0] for r in self.db.execute(
                "SELECT slug FROM documents WHERE slug = ? OR (slug > ? AND slug < ?)",
                [base, base + "-", base + "-\U0010ffff"],
            )
        }
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _insert_sections(self, document_id: int, doc: ExtractedDocument) -> list[int]:
        ids: list[int] = []
        for position, section in enumerate(doc.sections):
            parent = ids[section.parent] if section.parent is not None and section.parent < len(ids) else None
            cur = self.db.execute(
                'INSERT INTO sections (document_id, parent_id, level, label, heading, start, "end", position) '
                "VALUES (?,?,?,?,?,?,?,?)",
                [document_id, parent, section.level, section.label, section.heading,
                 section.start, section.end, position],
            )
            ids.append(cur.lastrowid)
        return ids

    def _insert_paragraphs(self, document_id: int, doc: ExtractedDocument, section_ids: list[int]) -> list[int]:
        first = self._next_id("paragraphs")
        rows = [
            (first + i, document_id, section_ids[p.section] if p.section < len(section_ids) else None,
             p.start, p.end, i)
            for i, p in enumerate(doc.paragraphs)
        ]
        self.db.conn.executemany(
            'INSERT INTO paragraphs (id, document_id, section_id, start, "end", position) VALUES (?,?,?,?,?,?)',
            rows,
        )
        return [r[0] for r in rows]

    def _next_id(self, table: str) -> int:
        return (self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]) + 1

    def _insert_facts(
        self,
        document_id: int,
        doc: ExtractedDocument,
        section_ids: list[int],
        paragraph_ids: list[int],
        topic_labels: dict[str, str],
    ) -> None:
        conn = self.db.conn
        first = self._next_id("fact_spans")
        where = _byte_offsets(doc.text, [o for f in doc.facts for o in (f.start, f.end)])
        fact_rows, figure_rows, mention_rows, topic_rows = [], [], [], []
        section_counts: Counter[int] = Counter()
        entity_facts: Counter[tuple[str, str]] = Counter()
        topic_facts: Counter[str] = Counter()
        kind_facts: Counter[str] = Counter()
        entity_keys: dict[tuple[str, str], int] = {}
        topic_keys: dict[str, int] = {}
        for i, fact in enumerate(doc.facts):
            fact_id = first + i
            section_id = section_ids[fact.section] if fact.section < len(section_ids) else None
            paragraph_id = paragraph_ids[fact.paragraph] if fact.paragraph < len(paragraph_ids) else None
            if section_id is not None:
                section_counts[section_id] += 1
            # The index gets the span, exactly what the facts view will show (and what an FTS5
            # 'delete' will read back), even from an extractor whose fact.text went astray.
            fact_rows.append((fact_id, document_id, section_id, paragraph_id, i, fact.start, fact.end,
                              where[fact.start], where[fact.end], doc.text[fact.start:fact.end]))
            for fig in fact.figures:
                figure_rows.append((fact_id, document_id, fig.text, fig.start, fig.end, fig.value,
                                    fig.end_value, fig.unit, fig.kind, fig.label))
            for kind in {fig.kind for fig in fact.figures}:
                kind_facts[kind] += 1
            for key in {(m.name, m.kind) for m in fact.mentions}:
                entity_facts[key] += 1
            for m in fact.mentions:
                mention_rows.append((fact_id, (m.name, m.kind), document_id, m.text, m.start, m.end))
            for topic in dict.fromkeys(fact.topics):
                topic_facts[topic] += 1
                topic_rows.append((fact_id, topic, document_id))
        conn.executemany(
            'INSERT INTO fact_spans (id, document_id, section_id, paragraph_id, position, start, "end", '
            "byte_start, byte_end) VALUES (?,?,?,?,?,?,?,?,?)",
            [r[:9] for r in fact_rows],
        )
        conn.executemany("INSERT INTO facts_fts (rowid, text) VALUES (?, ?)", [(r[0], r[9]) for r in fact_rows])
        conn.executemany(
            'INSERT INTO figures (fact_id, document_id, text, start, "end", value, end_value, unit, kind, label) '
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            figure_rows,
        )
        for (name, kind), n in entity_facts.items():
            conn.execute(
                "INSERT INTO entities (name, kind, fact_count) VALUES (?, ?, ?) "
                "ON CONFLICT(name, kind) DO UPDATE SET fact_count = fact_count + excluded.fact_count",
                (name, kind, n),
            )
            entity_keys[(name, kind)] = conn.execute(
                "SELECT id FROM entities WHERE name = ? AND kind = ?", (name, kind)
            ).fetchone()[0]
        conn.executemany(
            'INSERT INTO fact_entities (fact_id, entity_id, document_id, text, start, "end") VALUES (?,?,?,?,?,?)',
            [(f, entity_keys[key], d, t, s, e) for f, key, d, t, s, e in mention_rows],
        )
        for topic, n in topic_facts.items():
            conn.execute(
                "INSERT INTO topics (name, label, fact_count) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET fact_count = fact_count + excluded.fact_count",
                (topic, topic_labels.get(topic, topic), n),
            )
            topic_keys[topic] = conn.execute("SELECT id FROM topics WHERE name = ?", (topic,)).fetchone()[0]
        conn.executemany(
            "INSERT OR IGNORE INTO fact_topics (fact_id, topic_id, document_id) VALUES (?,?,?)",
            [(f, topic_keys[t], d) for f, t, d in topic_rows],
        )
        conn.executemany("UPDATE sections SET fact_count = ? WHERE id = ?",
                         [(n, sid) for sid, n in section_counts.items()])
        for kind, n in kind_facts.items():
            conn.execute(
                "INSERT INTO figure_kinds (kind, fact_count) VALUES (?, ?) "
                "ON CONFLICT(kind) DO UPDATE SET fact_count = fact_count + excluded.fact_count",
                (kind, n),
            )

    def _delete_document(self, document_id: int) -> None:
        conn = self.db.conn
        # A document's rows in the child tables are found through its facts.
        its_facts = "SELECT id FROM fact_spans WHERE document_id = ?"
        conn.execute(
            "UPDATE entities SET fact_count = fact_count - coalesce((SELECT count(DISTINCT fe.fact_id) "
            f"FROM fact_entities fe WHERE fe.entity_id = entities.id AND fe.fact_id IN ({its_facts})), 0) "
            f"WHERE id IN (SELECT entity_id FROM fact_entities WHERE fact_id IN ({its_facts}))",
            (document_id, document_id),
        )
        conn.execute(
            "UPDATE topics SET fact_count = fact_count - (SELECT count(*) FROM fact_topics ft "
            f"WHERE ft.topic_id = topics.id AND ft.fact_id IN ({its_facts})) "
            f"WHERE id IN (SELECT topic_id FROM fact_topics WHERE fact_id IN ({its_facts}))",
            (document_id, document_id),
        )
        conn.execute(
            "UPDATE figure_kinds SET fact_count = fact_count - (SELECT count(DISTINCT g.fact_id) "
            f"FROM figures g WHERE g.kind = figure_kinds.kind AND g.fact_id IN ({its_facts}))",
            (document_id,),
        )
        # FTS5 needs each fact's indexed text to delete it. Cut it out here, from one read of the
        # document: through the facts view every row reads the whole text again (a 20 MB
        # document took minutes to remove or replace).
        data = conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()[0]
        data = data.encode("utf-8", "surrogatepass")
        spans = conn.execute("SELECT id, byte_start, byte_end FROM fact_spans WHERE document_id = ?",
                             (document_id,)).fetchall()
        conn.executemany(
            "INSERT INTO facts_fts (facts_fts, rowid, text) VALUES ('delete', ?, ?)",
            [(fact_id, data[b0:b1].decode("utf-8", "surrogatepass") if b0 is not None and b1 is not None
              else conn.execute("SELECT text FROM facts WHERE id = ?", (fact_id,)).fetchone()[0])
             for fact_id, b0, b1 in spans],
        )
        for table in ("fact_entities", "fact_topics", "figures"):
            conn.execute(f"DELETE FROM {table} WHERE fact_id IN ({its_facts})", (document_id,))
        for table in ("fact_spans", "paragraphs", "sections"):
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        conn.execute("DELETE FROM entities WHERE fact_count <= 0")
        conn.execute("DELETE FROM topics WHERE fact_count <= 0")
        conn.execute("DELETE FROM figure_kinds WHERE fact_count <= 0")

    def remove_document(self, slug: str) -> bool:
        """Remove a document and everything extracted from it; False if there is none."""
        with self.transaction():
            row = self.db.execute("SELECT id FROM documents WHERE slug = ?", [slug]).fetchone()
            if row is None:
                return False
            self._delete_document(row[0])
            return True

    # -- marks ----------------------------------------------------------------------------

    def set_marks(self, fact_ids: Iterable[int], marked: bool) -> None:
        """Mark or unmark facts; marks survive restarts and re-extraction of the same source."""
        ids = list(fact_ids)
        if not ids:
            return
        with self.transaction():
            for chunk in _chunks(ids, 500):
                placeholders = ",".join("?" * len(chunk))
                if marked:
                    self.db.execute(
                        'INSERT OR IGNORE INTO marks (document_sha256, start, "end", marked_at) '
                        f'SELECT d.sha256, f.start, f."end", ? FROM facts f JOIN documents d '
                        f"ON d.id = f.document_id WHERE f.id IN ({placeholders})",
                        [_now(), *chunk],
                    )
                else:
                    self.db.execute(
                        'DELETE FROM marks WHERE (document_sha256, start, "end") IN ('
                        'SELECT d.sha256, f.start, f."end" FROM facts f JOIN documents d '
                        f"ON d.id = f.document_id WHERE f.id IN ({placeholders}))",
                        chunk,
                    )

    def clear_marks(self) -> None:
        """Unmark every fact."""
        with self.transaction():
            self.db.execute("DELETE FROM marks")

    def marked_ids(self) -> set[int]:
        """Ids of the marked facts (marks of removed documents are ignored)."""
        with self.lock:
            # CROSS JOIN fixes the join order: from the (few) marks to their facts. Left to
            # itself SQLite scanned every fact, which a large database pays at each start-up.
            return {
                r[0] for r in self.db.execute(
                    "SELECT f.id FROM marks m CROSS JOIN documents d CROSS JOIN facts f "
                    'WHERE d.sha256 = m.document_sha256 AND f.document_id = d.id '
                    'AND f.start = m.start AND f."end" = m."end"'
                )
            }

    # -- reading --------------------------------------------------------------------------

    def rows(self, sql: str, params: Iterable | dict | None = None) -> list[dict]:
        """Run a read query and return its rows as dicts (under the lock)."""
        with self.lock:
            cur = self.db.execute(sql, params if params is not None else [])
            keys = [d[0] for d in cur.description]
            return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        """Numbers of documents, facts, figures, entities and marks (cheap: kept counters)."""
        row = self.rows(
            "SELECT count(*) AS documents, coalesce(sum(fact_count), 0) AS facts, "
            "coalesce(sum(figure_count), 0) AS figures FROM documents"
        )[0]
        row["entities"] = self.rows("SELECT count(*) AS n FROM entities")[0]["n"]
        row["marks"] = self.rows("SELECT count(*) AS n FROM marks")[0]["n"]
        return row

    def documents(self, with_text: bool = False) -> list[dict]:
        """Every document with its metadata, sections and counts, in ingest order."""
        columns = "id, slug, title, author, editor, published, source, path, sha256, metadata, " \
            "ingested_at, fact_count, figure_count" + (", text" if with_text else "")
        docs = self.rows(f"SELECT {columns} FROM documents ORDER BY id")
        sections = self.rows(
            "SELECT document_id, label, heading, level, start, \"end\", fact_count "
            "FROM sections ORDER BY document_id, position"
        )
        by_doc: dict[int, list[dict]] = {}
        for s in sections:
            by_doc.setdefault(s.pop("document_id"), []).append(s)
        for d in docs:
            d["sections"] = by_doc.get(d["id"], [])
        return docs

    def document_text(self, document_id: int) -> str:
        """The stored text of one document."""
        return self.rows("SELECT text FROM documents WHERE id = ?", [document_id])[0]["text"]


def _byte_offsets(text: str, offsets: Iterable[int]) -> dict[int, int]:
    """UTF-8 byte offset of each character offset into ``text``, in one pass."""
    out: dict[int, int] = {}
    char = byte = 0
    for offset in sorted(set(offsets)):
        byte += len(text[char:offset].encode("utf-8", "surrogatepass"))
        char = offset
        out[offset] = byte
    return out


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open database ({exc.strerror})") from None
    if header and header != b"SQLite format 3\x00":
        raise StoreError(f"{path}: not a relexplorer database (not an SQLite file)")


def open_store(path: Path | str | None = None, *, create: bool = True) -> Store:
    """Open (creating if allowed) a relexplorer database, refusing anything else clearly.

    WAL mode and a busy timeout let the explorer read while another process ingests.
    """
    path = Path(path) if path is not None else default_db_path()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_header(path)
    elif not create:
        raise StoreError(f"{path}: no such database")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot use database ({exc})") from None
    try:
        store = Store(path, conn)
        store.db.execute("PRAGMA busy_timeout = 30000")
        # Two processes creating or switching the same new file to WAL at once can get
        # SQLITE_BUSY without the busy handler being consulted (SQLite's deadlock avoidance),
        # so the set-up is retried for a while instead of failing with "database is locked".
        for attempt in itertools.count():
            try:
                _set_up(store)
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt >= 60:
                    raise
                if conn.in_transaction:
                    conn.rollback()
                time.sleep(0.05 + 0.01 * attempt)
    except BaseException as exc:
        conn.close()  # a refused file must not stay open (and locked) until garbage collection
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(f"{path}: cannot use database ({exc})") from None
        raise
    return store


def _set_up(store: Store) -> None:
    store._identify()
    store.db.execute("PRAGMA journal_mode = WAL")
    store.db.execute("PRAGMA synchronous = NORMAL")
    # Measured at a million facts: storing a document took 54 ms with SQLite's default 2 MB
    # page cache and a checkpoint every 1,000 pages, 20-26 ms with these.
    store.db.execute("PRAGMA cache_size = -65536")
    store.db.execute("PRAGMA wal_autocheckpoint = 10000")
    store.db.execute("PRAGMA foreign_keys = OFF")
    store._initialise()


def sha256_text(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes (for sources that were not read from a file)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
