"""Verify: every stored span must equal its document text at its offsets."""

from __future__ import annotations

from relexplorer.store import Store

_SPAN_TABLES = ("facts", "figures", "fact_entities")


def verify_store(store: Store) -> tuple[list[dict], int]:
    """``(problems, spans_checked)``; also fails on ``PRAGMA integrity_check`` errors."""
    problems: list[dict] = []
    checked = 0
    integrity = store.rows("PRAGMA integrity_check")
    if integrity and list(integrity[0].values())[0] != "ok":
        problems.append({"table": "database", "id": 0, "document": "", "start": 0, "end": 0,
                         "text": "integrity_check", "actual": str(list(integrity[0].values())[0])})
    for doc in store.rows("SELECT id, slug, text FROM documents ORDER BY id"):
        text = doc["text"]
        for table in _SPAN_TABLES:
            for row in store.rows(f'SELECT id, text, start, "end" FROM {table} WHERE document_id = ?', [doc["id"]]):
                checked += 1
                actual = text[row["start"]:row["end"]]
                if actual != row["text"] or row["start"] < 0 or row["end"] > len(text):
                    problems.append({"table": table, "id": row["id"], "document": doc["slug"],
                                     "start": row["start"], "end": row["end"], "text": row["text"],
                                     "actual": actual})
    return problems, checked
