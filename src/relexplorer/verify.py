"""Verify: every stored span must equal its document text at its offsets.

A damaged file never makes verification raise: what cannot be read is reported as a problem of
the ``database`` itself, next to the spans that do not match.
"""

from __future__ import annotations

import sqlite3

from relexplorer.store import Store

_SPAN_TABLES = ("facts", "figures", "fact_entities")


def verify_store(store: Store) -> tuple[list[dict], int]:
    """``(problems, spans_checked)``; ``PRAGMA integrity_check`` errors and unreadable rows are
    problems whose ``table`` is ``"database"`` and whose ``actual`` says what is wrong."""
    problems: list[dict] = []
    checked = 0

    def damaged(message: str) -> None:
        problems.append({"table": "database", "id": 0, "document": "", "start": 0, "end": 0,
                         "text": "", "actual": message[:300]})

    try:
        for row in store.rows("PRAGMA integrity_check(20)"):
            value = str(next(iter(row.values())))
            if value != "ok":
                damaged(f"integrity check: {value}")
    except sqlite3.DatabaseError as exc:
        damaged(f"integrity check failed: {exc}")
    try:
        documents = store.rows("SELECT id, slug FROM documents ORDER BY id")
    except sqlite3.DatabaseError as exc:
        damaged(f"cannot read the documents: {exc}")
        return problems, checked
    for doc in documents:  # one text at a time: a large database need not fit in memory
        try:
            text = store.rows("SELECT text FROM documents WHERE id = ?", [doc["id"]])[0]["text"]
            for table in _SPAN_TABLES:
                rows = store.rows(f'SELECT id, text, start, "end" FROM {table} WHERE document_id = ?',
                                  [doc["id"]])
                for row in rows:
                    checked += 1
                    actual = text[row["start"]:row["end"]]
                    if actual != row["text"] or row["start"] < 0 or row["end"] > len(text):
                        problems.append({"table": table, "id": row["id"], "document": doc["slug"],
                                         "start": row["start"], "end": row["end"], "text": row["text"],
                                         "actual": actual})
        except sqlite3.DatabaseError as exc:
            damaged(f"cannot read document {doc['slug']}: {exc}")
    return problems, checked
