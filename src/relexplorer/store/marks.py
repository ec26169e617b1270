"""The user's marks: keyed by the source's hash and the fact's span, so that they survive a
restart, a re-ingest and a re-extraction of the same source."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from relexplorer.store.documents import now


class MarkWrites:
    """The part of :class:`~relexplorer.store.Store` that keeps the user's marks."""

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

    # -- reading --------------------------------------------------------------------------

def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

