"""Store: one SQLite file, written and read through sqlite-utils.

Tables follow the design's data model (``schema``). Facts are indexed by an external-content
FTS5 table (``facts_fts``, words as written, prefix indexes for search-as-you-type) and the
stem of each of its words (``words``). Counts
shown in the explorer's tree are kept up to date at ingest time (``documents``) so that nothing
at start-up scans all facts. Each document is written in one transaction: a failed ingest leaves
the database as it was. The user's marks (``marks``) are keyed so that they survive re-ingest.
"""

from relexplorer.store.connection import Store, open_store
from relexplorer.store.documents import IngestResult, sha256_text, slugify
from relexplorer.store.paths import SAMPLE_PATH, default_db_path
from relexplorer.store.schema import APPLICATION_ID, SCHEMA_VERSION

__all__ = ["APPLICATION_ID", "SAMPLE_PATH", "SCHEMA_VERSION", "IngestResult", "Store", "default_db_path",
           "open_store", "sha256_text", "slugify"]
