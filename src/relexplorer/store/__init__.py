"""Store: one SQLite file, written and read through sqlite-utils (schema, migrations, writes, marks)."""

from relexplorer.store.core import (
    APPLICATION_ID,
    SAMPLE_PATH,
    SCHEMA_VERSION,
    IngestResult,
    Store,
    default_db_path,
    open_store,
    sha256_text,
    slugify,
)

__all__ = ["APPLICATION_ID", "SAMPLE_PATH", "SCHEMA_VERSION", "IngestResult", "Store", "default_db_path",
           "open_store", "sha256_text", "slugify"]
