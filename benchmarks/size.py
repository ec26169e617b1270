"""Size: database bytes per byte of source text, and where the bytes go (SQLite's dbstat)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.common import Row

# FTS5 keeps its index in shadow tables named after the virtual table.
_GROUPS = (("facts_fts", "facts_fts (index)"), ("sqlite_autoindex_documents", "documents"))


def measure(db_path: Path, source_bytes: int) -> dict:
    """File size over source size, with bytes per table (indexes counted with their table)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        by_object = {
            name: size for name, size in conn.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
            )
        }
        owners = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master"))
        free = conn.execute("PRAGMA freelist_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.DatabaseError:
        by_object, owners, free = {}, {}, 0
    finally:
        conn.close()
    tables: dict[str, int] = {}
    for name, size in by_object.items():
        owner = owners.get(name, name)
        if owner.startswith("facts_fts"):
            owner = "facts_fts"
        tables[owner] = tables.get(owner, 0) + size
    db_bytes = sum(Path(str(db_path) + s).stat().st_size for s in ("", "-wal") if Path(str(db_path) + s).exists())
    return {
        "db_bytes": db_bytes,
        "source_bytes": source_bytes,
        "ratio": round(db_bytes / source_bytes, 3) if source_bytes else None,
        "free_bytes": free,
        "tables": dict(sorted(tables.items(), key=lambda kv: -kv[1])),
        "objects": by_object,
    }


def rows(result: dict) -> list[Row]:
    """The table rows of this part."""
    src = result["source_bytes"] or 1
    top = ", ".join(f"{name} {size / src:.2f}x" for name, size in list(result["tables"].items())[:5])
    return [
        Row("size", "database / source text", result["ratio"], "x", "<= 3",
            result["ratio"] <= 3 if result["ratio"] is not None else None,
            f"{result['db_bytes'] / 1e6:.1f} MB for {result['source_bytes'] / 1e6:.1f} MB; {top}"),
    ]
