"""Verify: every stored span must equal its document text at its offsets.

A damaged file never makes verification raise: what cannot be read is reported as a problem of
the ``database`` itself, next to the spans that do not match.
"""

from __future__ import annotations

import sqlite3

from relexplorer.store.connection import Store

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
    spans_table = _fact_spans_table(store)
    for doc in documents:  # one text at a time: a large database need not fit in memory
        try:
            text = store.rows("SELECT text FROM documents WHERE id = ?", [doc["id"]])[0]["text"]
            tables = _SPAN_TABLES
            if spans_table:
                checked += _check_fact_spans(store, doc, text, problems)
                tables = tuple(t for t in _SPAN_TABLES if t != "facts")
            for table in tables:
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


def _fact_spans_table(store: Store) -> bool:
    """True when facts are a view cutting text out of documents by byte offsets (schema 2)."""
    rows = store.rows("SELECT type FROM sqlite_master WHERE name = 'facts'")
    if not rows or rows[0]["type"] != "view":
        return False
    columns = {r["name"] for r in store.rows("PRAGMA table_info(fact_spans)")}
    return {"start", "end", "byte_start", "byte_end"} <= columns


def _check_fact_spans(store: Store, doc: dict, text: str, problems: list[dict]) -> int:
    """Check fact spans as the ``facts`` view reads them, without going through the view.

    The view cuts each fact out of the whole document text; reading it row by row costs the
    document's size per fact (minutes for a 20 MB document), where slicing here costs nothing.
    """
    data = text.encode("utf-8", "surrogatepass")
    rows = store.rows('SELECT id, start, "end", byte_start, byte_end FROM fact_spans WHERE document_id = ?',
                      [doc["id"]])
    for row in rows:
        start, end, byte_start, byte_end = row["start"], row["end"], row["byte_start"], row["byte_end"]
        if byte_start is None or byte_end is None:
            stored = ""
        else:
            try:
                stored = data[byte_start:byte_end].decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                stored = data[byte_start:byte_end].decode("utf-8", "replace") + "\ufffd"
        actual = text[start:end]
        if stored != actual or byte_start is None or start < 0 or end > len(text):
            problems.append({"table": "facts", "id": row["id"], "document": doc["slug"], "start": start,
                             "end": end, "text": stored, "actual": actual})
    return len(rows)
