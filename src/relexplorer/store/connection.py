"""Connection: the :class:`Store` (one SQLite connection, a lock, transactions) and
:func:`open_store`, which refuses any file that is not a relexplorer database.

sqlite-utils is imported without pandas and numpy (see :func:`_import_sqlite_utils`).
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from relexplorer.errors import StoreError
from relexplorer.stems import stem
from relexplorer.store.documents import DocumentWrites, add_words, byte_offsets
from relexplorer.store.paths import default_db_path
from relexplorer.store.schema import (
    APPLICATION_ID,
    FIGURE_SUBJECT,
    FTS_CONTENT_SQL,
    FTS_REMAKE,
    FTS_SQL,
    SCHEMA_SQL,
    SCHEMA_VERSION,
    UPGRADES,
)
from relexplorer.store.user_data import UserWrites


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


class Store(DocumentWrites, UserWrites):
    """A relexplorer database. Use :func:`open_store` to open one safely.

    The connection may be used from worker threads; a lock serialises access.
    """

    def __init__(self, path: Path | str, conn: sqlite3.Connection):
        self.path = Path(path)
        # No plugins: relexplorer uses none, and finding them scans every installed package's
        # entry points (importlib.metadata), a large part of a one-file ingest's start-up.
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        self.lock = threading.RLock()

    # -- set-up ---------------------------------------------------------------------------

    def _identify(self) -> int:
        """Refuse a file that is not ours or is too new, reading only; return its schema version.

        Runs before anything is written (even the switch to WAL), so that a refused file is left
        exactly as it was.
        """
        conn = self.db.conn
        snapshot = not conn.in_transaction
        if snapshot:
            # One read transaction: read apart, the three could straddle another process's
            # creation of the schema (no id yet, then tables) and call our own file foreign.
            conn.execute("BEGIN")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = bool(version or self.db.table_names())
        finally:
            if snapshot:
                conn.execute("COMMIT")
        if app_id != APPLICATION_ID and tables:
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
        # creating or migrating the schema must not leave a half-made file.
        with self.transaction():
            version = self._identify()
            if version >= SCHEMA_VERSION:  # another process got here first
                return
            if version == 0:
                self._run_script(SCHEMA_SQL)
            for target, migration, schema in UPGRADES:
                if version < target and version > 0:
                    self._run_script(migration + ";\n" + schema)
                    if target == 2:
                        self._fill_byte_offsets()
                    if target == 4:
                        self._quote_fts_content()
                    if target == 5:
                        self._reindex_words()
                    if target == 6:
                        self._add_column(*FIGURE_SUBJECT)
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _run_script(self, script: str) -> None:
        for statement in script.split(";\n"):
            if statement.strip():
                self.db.execute(statement)

    def _fill_byte_offsets(self) -> None:
        conn = self.db.conn
        for document_id, text in conn.execute("SELECT id, text FROM documents").fetchall():
            spans = conn.execute('SELECT id, start, "end" FROM fact_spans WHERE document_id = ?',
                                 (document_id,)).fetchall()
            where = byte_offsets(text, [o for _, s, e in spans for o in (s, e)])
            conn.executemany("UPDATE fact_spans SET byte_start = ?, byte_end = ? WHERE id = ?",
                             [(where[s], where[e], i) for i, s, e in spans])

    def _add_column(self, table: str, column: str, declaration: str) -> None:
        """Add a column unless the table has it already (a file made by a newer schema script)."""
        names = [row[1] for row in self.db.conn.execute(f"PRAGMA table_info({table})")]
        if column not in names:
            self.db.conn.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {declaration}')

    def _reindex_words(self) -> None:
        """Fill the (new) full-text index from the facts, and ``words`` from the index's terms."""
        conn = self.db.conn
        conn.execute("INSERT INTO facts_fts (facts_fts) VALUES ('rebuild')")
        # The terms as the index itself cut and folded them, through a temporary vocabulary table.
        conn.execute("CREATE VIRTUAL TABLE temp.facts_terms USING fts5vocab(main, facts_fts, 'row')")
        try:
            terms = [row[0] for row in conn.execute("SELECT term FROM temp.facts_terms")]
        finally:
            conn.execute("DROP TABLE temp.facts_terms")
        add_words(conn, {term: stem(term) for term in terms})

    def _quote_fts_content(self) -> None:
        """Make the FTS table's SQL say ``content="facts"``, so that Datasette finds it as the
        facts view's index (schema 4, see ``MIGRATE_3_TO_4``)."""
        conn = self.db.conn
        row = conn.execute(FTS_SQL).fetchone()
        if row is None or "content='facts'" not in row[0]:
            return
        sql = row[0].replace("content='facts'", 'content="facts"')
        try:
            conn.execute("PRAGMA writable_schema = ON")
            _rewrite_schema_entry(conn, sql)
        except sqlite3.DatabaseError:  # the build refuses schema edits: make the index anew
            conn.execute("PRAGMA writable_schema = OFF")
            drop, rebuild = FTS_REMAKE
            conn.execute(drop)
            conn.execute(sql)
            conn.execute(rebuild)
        finally:
            conn.execute("PRAGMA writable_schema = OFF")

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

    # -- reading ----------------------------------------------------------------------------

    def rows(self, sql: str, params: Iterable | dict | None = None) -> list[dict]:
        """Run a read query and return its rows as dicts (under the lock)."""
        with self.lock:
            cur = self.db.execute(sql, params if params is not None else [])
            keys = [d[0] for d in cur.description]
            return [dict(zip(keys, row, strict=True)) for row in cur.fetchall()]

    def interrupt_when(self, stale: Callable[[], bool] | None, every: int = 20_000) -> None:
        """Abort any running statement once ``stale()`` is true, checked every ``every`` SQLite
        steps (``None`` stops checking); the statement raises ``sqlite3.OperationalError``.

        Thread workers cannot be stopped, but their SQL can: the explorer aborts a search that a
        newer keystroke made stale, so that it does not hold the store's lock.
        """
        if stale is None:
            self.db.conn.set_progress_handler(None, 0)
        else:
            self.db.conn.set_progress_handler(lambda: int(stale()), every)



def _rewrite_schema_entry(conn: sqlite3.Connection, sql: str) -> None:
    """Store ``sql`` as the FTS table's SQL (a function of its own so that a test can make it
    refuse, as a defensive SQLite build does)."""
    conn.execute(FTS_CONTENT_SQL, [sql])


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


