"""Writing documents: one extracted document stored (or replaced, or removed) in one transaction,
with its sections, paragraphs, fact spans, FTS rows, figures, mentions, themes and kept counts.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from relexplorer.model import ExtractedDocument
from relexplorer.stems import word_stems


@dataclass(slots=True)
class IngestResult:
    """What happened to one source: ``added``, ``replaced`` or ``unchanged``."""

    status: str
    slug: str
    title: str
    facts: int
    figures: int


def slugify(text: str, limit: int = 60) -> str:
    """A lower-case ASCII slug of ``text`` (``"doc"`` when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "doc"


def now() -> str:
    """The time now, in UTC, to the second (ISO 8601)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class DocumentWrites:
    """The part of :class:`~relexplorer.store.Store` that writes documents.

    Needs the store's ``db`` (sqlite-utils) and ``transaction()``.
    """

    def find_document(self, sha256: str) -> dict | None:
        """The document row (without text) whose source had this SHA-256, if any."""
        return self._document_where("sha256 = ?", sha256)

    def stored_hashes(self) -> frozenset[str]:
        """The SHA-256 of every stored source: what an ingest need not extract again."""
        return frozenset(row[0] for row in self.db.execute("SELECT sha256 FROM documents"))

    def find_origin(self, origin: str) -> dict | None:
        """The latest document ingested from this origin (a path or URL), if any."""
        return self._document_where("origin = ? AND origin != ''", origin, order="id DESC")

    def _document_where(self, where: str, value: str, order: str = "id") -> dict | None:
        rows = list(self.db.query(
            f"SELECT id, slug, title, origin, sha256, fact_count, figure_count FROM documents "
            f"WHERE {where} ORDER BY {order} LIMIT 1", [value]))
        return rows[0] if rows else None

    def add_document(
        self,
        doc: ExtractedDocument,
        *,
        sha256: str,
        path: str = "",
        origin: str = "",
        format: str = "",
        replace: bool = False,
        as_new: bool = False,
        taxonomy_labels: dict[str, str] | None = None,
        word_stems: dict[str, str] | None = None,
    ) -> IngestResult:
        """Store one extracted document in one transaction.

        The same source (same SHA-256) stored twice changes nothing unless ``replace`` is set,
        in which case the old extraction is replaced. A new source from an ``origin`` (path or
        URL) already stored replaces that document, unless ``as_new``. Either way the marks and
        notes follow the facts by their text, the slug stays, and metadata edits are put back.
        """
        meta = doc.metadata
        with self.transaction():
            existing = self.find_document(sha256)
            if existing and not replace:
                return IngestResult(
                    "unchanged", existing["slug"], existing["title"],
                    existing["fact_count"], existing["figure_count"],
                )
            if existing is None and origin and not as_new:
                existing = self.find_origin(origin)
            kept: list = []
            if existing:
                old_text = self.db.execute("SELECT text FROM documents WHERE id = ?", [existing["id"]]).fetchone()[0]
                kept = self._kept_rows(existing["sha256"], old_text)
                self._delete_document(existing["id"])
            slug = existing["slug"] if existing else self._unique_slug(meta.title, meta.published)
            facts = doc.facts
            figure_total = sum(len(f.figures) for f in facts)
            cur = self.db.execute(
                "INSERT INTO documents (slug, title, author, editor, published, source, path, url, origin, "
                "format, sha256, metadata, text, ingested_at, fact_count, figure_count) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    slug, meta.title, meta.author, meta.editor, meta.published, meta.source,
                    path, meta.url, origin, format, sha256, json.dumps(meta.extra, ensure_ascii=False),
                    doc.text, now(), len(facts), figure_total,
                ],
            )
            document_id = cur.lastrowid
            section_ids = self._insert_sections(document_id, doc)
            paragraph_ids = self._insert_paragraphs(document_id, doc, section_ids)
            self._insert_facts(document_id, doc, section_ids, paragraph_ids, taxonomy_labels or {}, word_stems)
            if existing:
                self._carry_over(kept, existing["sha256"], sha256, [(f.start, f.end) for f in facts], doc.text)
            self._apply_edits(document_id, origin, sha256)
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
        stems: dict[str, str] | None = None,
    ) -> None:
        conn = self.db.conn
        rows = _fact_rows(document_id, self._next_id("fact_spans"), doc, section_ids, paragraph_ids)
        conn.executemany(
            'INSERT INTO fact_spans (id, document_id, section_id, paragraph_id, position, start, "end", '
            "byte_start, byte_end, page) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [r[:10] for r in rows.facts],
        )
        conn.executemany("INSERT INTO facts_fts (rowid, text) VALUES (?, ?)", [(r[0], r[10]) for r in rows.facts])
        add_words(conn, stems if stems is not None else word_stems(r[10] for r in rows.facts))
        conn.executemany(
            'INSERT INTO figures (fact_id, document_id, text, start, "end", value, end_value, unit, kind, label, '
            "year, end_year, period_source, series, subject) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows.figures,
        )
        speaker_keys = {
            key: self._count_up("speakers", "name, kind", key, n) for key, n in rows.speaker_facts.items()
        }
        conn.executemany(
            "INSERT OR IGNORE INTO fact_speakers (fact_id, speaker_id, document_id, cue_start, cue_end) "
            "VALUES (?,?,?,?,?)",
            [(f, speaker_keys[key], d, s, e) for f, key, d, s, e in rows.speakers],
        )
        entity_keys = {
            key: self._count_up("entities", "name, kind", key, n) for key, n in rows.entity_facts.items()
        }
        conn.executemany(
            'INSERT INTO fact_entities (fact_id, entity_id, document_id, text, start, "end") VALUES (?,?,?,?,?,?)',
            [(f, entity_keys[key], d, t, s, e) for f, key, d, t, s, e in rows.mentions],
        )
        topic_keys = {
            topic: self._count_up("topics", "name", (topic,), n, label=topic_labels.get(topic, topic))
            for topic, n in rows.topic_facts.items()
        }
        conn.executemany(
            "INSERT OR IGNORE INTO fact_topics (fact_id, topic_id, document_id) VALUES (?,?,?)",
            [(f, topic_keys[t], d) for f, t, d in rows.topics],
        )
        conn.executemany("UPDATE sections SET fact_count = ? WHERE id = ?",
                         [(n, sid) for sid, n in rows.section_counts.items()])
        for kind, n in rows.kind_facts.items():
            conn.execute(
                "INSERT INTO figure_kinds (kind, fact_count) VALUES (?, ?) "
                "ON CONFLICT(kind) DO UPDATE SET fact_count = fact_count + excluded.fact_count",
                (kind, n),
            )

    def _count_up(self, table: str, key_columns: str, key: tuple, n: int, label: str | None = None) -> int:
        """Add ``n`` facts to the kept count of a theme or an entity (creating it); its id."""
        conn = self.db.conn
        columns = key_columns + (", label" if label is not None else "")
        values = (*key, *((label,) if label is not None else ()))
        conn.execute(
            f"INSERT INTO {table} ({columns}, fact_count) VALUES ({', '.join('?' * (len(values) + 1))}) "
            f"ON CONFLICT({key_columns}) DO UPDATE SET fact_count = fact_count + excluded.fact_count",
            (*values, n),
        )
        where = " AND ".join(f"{c.strip()} = ?" for c in key_columns.split(","))
        return conn.execute(f"SELECT id FROM {table} WHERE {where}", key).fetchone()[0]

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
            "UPDATE speakers SET fact_count = fact_count - coalesce((SELECT count(DISTINCT fs.fact_id) "
            f"FROM fact_speakers fs WHERE fs.speaker_id = speakers.id AND fs.fact_id IN ({its_facts})), 0) "
            f"WHERE id IN (SELECT speaker_id FROM fact_speakers WHERE fact_id IN ({its_facts}))",
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
        for table in ("fact_entities", "fact_topics", "fact_speakers", "figures"):
            conn.execute(f"DELETE FROM {table} WHERE fact_id IN ({its_facts})", (document_id,))
        for table in ("fact_spans", "paragraphs", "sections"):
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
        conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        conn.execute("DELETE FROM entities WHERE fact_count <= 0")
        conn.execute("DELETE FROM topics WHERE fact_count <= 0")
        conn.execute("DELETE FROM speakers WHERE fact_count <= 0")
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

@dataclass(slots=True)
class _FactRows:
    """The rows one document's facts add to each table, and the counts they add to."""

    facts: list[tuple] = field(default_factory=list)
    figures: list[tuple] = field(default_factory=list)
    mentions: list[tuple] = field(default_factory=list)
    topics: list[tuple] = field(default_factory=list)
    speakers: list[tuple] = field(default_factory=list)
    section_counts: Counter[int] = field(default_factory=Counter)
    entity_facts: Counter[tuple[str, str]] = field(default_factory=Counter)
    topic_facts: Counter[str] = field(default_factory=Counter)
    speaker_facts: Counter[tuple[str, str]] = field(default_factory=Counter)
    kind_facts: Counter[str] = field(default_factory=Counter)


def _fact_rows(document_id: int, first: int, doc: ExtractedDocument, section_ids: list[int],
               paragraph_ids: list[int]) -> _FactRows:
    """The rows of ``doc``'s facts, numbered from fact id ``first``."""
    rows = _FactRows()
    where = byte_offsets(doc.text, [o for f in doc.facts for o in (f.start, f.end)])
    for i, fact in enumerate(doc.facts):
        fact_id = first + i
        section_id = section_ids[fact.section] if fact.section < len(section_ids) else None
        paragraph_id = paragraph_ids[fact.paragraph] if fact.paragraph < len(paragraph_ids) else None
        if section_id is not None:
            rows.section_counts[section_id] += 1
        # The index gets the span, exactly what the facts view will show (and what an FTS5
        # 'delete' will read back), even from an extractor whose fact.text went astray.
        rows.facts.append((fact_id, document_id, section_id, paragraph_id, i, fact.start, fact.end,
                           where[fact.start], where[fact.end], fact.page, doc.text[fact.start:fact.end]))
        for fig in fact.figures:
            rows.figures.append((fact_id, document_id, fig.text, fig.start, fig.end, fig.value,
                                 fig.end_value, fig.unit, fig.kind, fig.label, fig.year, fig.end_year,
                                 fig.period_source, fig.series, fig.subject))
        for key in {(sp.name, sp.kind) for sp in fact.speakers}:
            rows.speaker_facts[key] += 1
        for sp in fact.speakers:
            rows.speakers.append((fact_id, (sp.name, sp.kind), document_id, sp.cue_start, sp.cue_end))
        for kind in {fig.kind for fig in fact.figures}:
            rows.kind_facts[kind] += 1
        for key in {(m.name, m.kind) for m in fact.mentions}:
            rows.entity_facts[key] += 1
        for m in fact.mentions:
            rows.mentions.append((fact_id, (m.name, m.kind), document_id, m.text, m.start, m.end))
        for topic in dict.fromkeys(fact.topics):
            rows.topic_facts[topic] += 1
            rows.topics.append((fact_id, topic, document_id))
    return rows


def add_words(conn, stems: dict[str, str]) -> None:
    """Keep each word of the index with its stem (``stems``, made by
    :func:`relexplorer.stems.word_stems`), once.

    Words are never taken out when a document goes: a word no fact has any more only makes a
    query look for it in the index, where it finds nothing.
    """
    conn.executemany("INSERT OR IGNORE INTO words (word, stem) VALUES (?, ?)",
                     sorted(stems.items()))


def byte_offsets(text: str, offsets: Iterable[int]) -> dict[int, int]:
    """UTF-8 byte offset of each character offset into ``text``, in one pass."""
    out: dict[int, int] = {}
    char = byte = 0
    for offset in sorted(set(offsets)):
        byte += len(text[char:offset].encode("utf-8", "surrogatepass"))
        char = offset
        out[offset] = byte
    return out



def sha256_text(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes (for sources that were not read from a file)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

