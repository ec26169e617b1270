"""The user's work: marks, notes (with ``#tags``), saved searches and metadata edits.

Marks and notes are keyed by the source's hash and the fact's span, not by row ids, so that they
survive a restart and a re-extraction; when a document is replaced (an edited file ingested
again, or a re-extraction that moves sentence boundaries), :func:`carry_over` re-keys them to
the new facts by their text. Metadata edits are keyed by the document's origin (its path or
URL), so that re-ingest keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from relexplorer.store.documents import now

# The metadata fields a person may edit (``relexplorer edit``), as documents columns.
EDITABLE_FIELDS = ("title", "author", "published", "source", "url", "editor")
_TAG = re.compile(r"(?<![\w#])#([^\W_][\w-]{0,63})")
# Tables whose rows are keyed by (document_sha256, start, end): carried over on replace.
_KEYED_TABLES = ("marks", "notes")


def note_tags(text: str) -> list[str]:
    """The ``#tags`` of a note, lower case, each once, in order."""
    return list(dict.fromkeys(t.lower() for t in _TAG.findall(text)))


@dataclass(slots=True)
class Kept:
    """A user's row keyed by a span of an old version of a document, with the span's text."""

    table: str
    start: int
    end: int
    text: str
    row: tuple


class UserWrites:
    """The part of :class:`~relexplorer.store.Store` that keeps the user's work."""

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
                        [now(), *chunk],
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

    # -- notes ----------------------------------------------------------------------------

    def set_note(self, fact_id: int, text: str) -> bool:
        """Keep ``text`` as the note on fact ``fact_id`` (an empty text removes it); False when
        there is no such fact."""
        with self.transaction():
            key = self._fact_key(fact_id)
            if key is None:
                return False
            if not text.strip():
                self.db.execute('DELETE FROM notes WHERE document_sha256 = ? AND start = ? AND "end" = ?', key)
                return True
            stamp = now()
            self.db.execute(
                'INSERT INTO notes (document_sha256, start, "end", text, tags, created_at, updated_at) '
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(document_sha256, start, \"end\") DO UPDATE SET "
                "text = excluded.text, tags = excluded.tags, updated_at = excluded.updated_at",
                [*key, text, " ".join(note_tags(text)), stamp, stamp],
            )
            return True

    def _fact_key(self, fact_id: int) -> tuple[str, int, int] | None:
        row = self.db.execute(
            'SELECT d.sha256, f.start, f."end" FROM fact_spans f JOIN documents d ON d.id = f.document_id '
            "WHERE f.id = ?", [fact_id]).fetchone()
        return tuple(row) if row else None

    # -- saved searches ---------------------------------------------------------------------

    def save_search(self, name: str, query: str) -> None:
        """Keep ``query`` under ``name`` (replacing a search of that name)."""
        with self.transaction():
            self.db.execute("INSERT INTO saved_searches (name, query, created_at) VALUES (?,?,?) "
                            "ON CONFLICT(name) DO UPDATE SET query = excluded.query", [name, query, now()])

    def delete_search(self, name: str) -> bool:
        """Forget the saved search ``name``; False when there is none."""
        with self.transaction():
            return self.db.execute("DELETE FROM saved_searches WHERE name = ?", [name]).rowcount > 0

    # -- metadata edits ---------------------------------------------------------------------

    def edit_document(self, slug: str, changes: dict[str, str]) -> bool:
        """Set metadata fields of the document ``slug`` and keep the edits, keyed by its origin,
        so that re-ingest and re-extraction keep them; False when there is no such document."""
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        with self.transaction():
            row = self.db.execute("SELECT id, origin, sha256 FROM documents WHERE slug = ?", [slug]).fetchone()
            if row is None:
                return False
            document_id, origin, sha256 = row
            key = edit_key(origin, sha256)
            for field, value in changes.items():
                self.db.execute("INSERT INTO document_edits (key, field, value, edited_at) VALUES (?,?,?,?) "
                                "ON CONFLICT(key, field) DO UPDATE SET value = excluded.value, "
                                "edited_at = excluded.edited_at", [key, field, value, now()])
                self.db.execute(f"UPDATE documents SET {field} = ? WHERE id = ?", [value, document_id])
            return True

    def _apply_edits(self, document_id: int, origin: str, sha256: str) -> None:
        """Put the kept metadata edits of a document back after it was (re-)stored."""
        for field, value in self.db.execute(
                "SELECT field, value FROM document_edits WHERE key = ?", [edit_key(origin, sha256)]).fetchall():
            if field in EDITABLE_FIELDS:
                self.db.execute(f"UPDATE documents SET {field} = ? WHERE id = ?", [value, document_id])

    # -- carrying the user's work over to a new version of a document ------------------------

    def _kept_rows(self, sha256: str, text: str) -> list[Kept]:
        """The marks and notes on a document, with the text of the span each is keyed by."""
        kept: list[Kept] = []
        for table in _KEYED_TABLES:
            for row in self.db.execute(f"SELECT * FROM {table} WHERE document_sha256 = ?", [sha256]).fetchall():
                start, end = row[1], row[2]
                kept.append(Kept(table, start, end, text[start:end], tuple(row)))
        return kept

    def _carry_over(self, kept: list[Kept], old_sha: str, new_sha: str, spans: list[tuple[int, int]],
                    text: str) -> None:
        """Re-key ``kept`` rows from the old version's spans to the new version's facts.

        A row follows the fact with the same text (the nearest one when the text repeats); on a
        re-extraction of the same source, the fact that overlaps its span most. A row that finds
        no fact stays keyed to the old version (nothing is lost: ingesting that version again
        brings it back).
        """
        by_text: dict[str, list[tuple[int, int]]] = {}
        for start, end in spans:
            by_text.setdefault(text[start:end], []).append((start, end))
        for item in kept:
            target = _follow(item, by_text, spans if old_sha == new_sha else [])
            if target is None or (new_sha, *target) == (old_sha, item.start, item.end):
                continue
            self.db.execute(f'DELETE FROM {item.table} WHERE document_sha256 = ? AND start = ? AND "end" = ?',
                            [old_sha, item.start, item.end])
            row = (new_sha, *target, *item.row[3:])
            self.db.execute(f"INSERT OR IGNORE INTO {item.table} VALUES ({','.join('?' * len(row))})", row)

    # -- reading --------------------------------------------------------------------------

def edit_key(origin: str, sha256: str) -> str:
    """What a document's metadata edits are kept under: its origin, else its source's hash."""
    return origin or f"sha256:{sha256}"


def _follow(item: Kept, by_text: dict[str, list[tuple[int, int]]],
            same_source_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The new span a kept row moves to (see :meth:`UserWrites._carry_over`)."""
    same = by_text.get(item.text)
    if same:
        return min(same, key=lambda span: abs(span[0] - item.start))
    best, best_overlap = None, 0
    for start, end in same_source_spans:
        overlap = min(end, item.end) - max(start, item.start)
        if overlap > best_overlap:
            best, best_overlap = (start, end), overlap
    return best


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

