"""Hostile storage: two programs on one file, killed writers, foreign, newer and corrupt files,
and ``verify`` catching spans that no longer match their text.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relexplorer import catalog
from relexplorer.catalog import fact_detail
from relexplorer.errors import StoreError
from relexplorer.ingest import ensure_sample, ingest_paths
from relexplorer.search import search
from relexplorer.store import APPLICATION_ID, SCHEMA_VERSION, open_store
from relexplorer.store.verify import verify_store
from tests.helpers.hostile import check_consistent, cli, db_checksum, hostile_document, make_article


def article_folder(root: Path, name: str, numbers: range, paragraphs: int = 12) -> Path:
    folder = root / name
    folder.mkdir()
    for n in numbers:
        (folder / f"article-{n:04d}.txt").write_text(make_article(n, paragraphs), encoding="utf-8")
    return folder


def start_ingest(db: Path, *paths: Path, replace: bool = False) -> subprocess.Popen:
    args = [sys.executable, "-m", "relexplorer", "--db", str(db), "ingest", *map(str, paths), "--format", "json"]
    return subprocess.Popen(args + (["--replace"] if replace else []), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def stored_documents(db: Path) -> int:
    """Documents committed so far, read without taking any lock a writer would notice."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def wait_for(predicate, timeout: float = 60.0, step: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(step)


# -- a writer killed in the middle of a batch ----------------------------------------------------

@pytest.mark.slow
def test_sigkill_during_a_batch_leaves_only_whole_documents(tmp_path):
    total = int(os.environ.get("RELEXPLORER_KILL_ARTICLES", "60"))
    folder = article_folder(tmp_path, "batch", range(total))
    db = tmp_path / "x.db"
    seen = []
    for threshold in (3, 15, 30):  # three kills at different points of the same batch
        proc = start_ingest(db, folder)
        wait_for(lambda t=threshold, p=proc: stored_documents(db) >= t or p.poll() is not None)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
        counts = check_consistent(db)
        assert counts["documents"] < total
        seen.append(counts["documents"])
    assert seen == sorted(seen)
    # Ingesting again completes the batch: nothing half-written blocks or duplicates a document.
    proc = start_ingest(db, folder)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    statuses = [r["status"] for r in json.loads(out)]
    assert statuses.count("unchanged") == seen[-1] and statuses.count("added") == total - seen[-1]
    assert check_consistent(db)["documents"] == total


@pytest.mark.slow
def test_sigkill_during_replace_keeps_every_document(tmp_path):
    folder = article_folder(tmp_path, "batch", range(20))
    db = tmp_path / "x.db"
    store = open_store(db)
    ingest_paths(store, [folder])
    before = {r["sha256"]: r["fact_count"] for r in store.rows("SELECT sha256, fact_count FROM documents")}
    store.close()
    proc = start_ingest(db, folder, replace=True)
    # Replacing deletes then inserts in one transaction: wait until some have been replaced.
    def replaced() -> bool:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute("SELECT count(*) FROM documents WHERE id > 20").fetchone()[0] >= 5
        finally:
            conn.close()
    wait_for(lambda: replaced() or proc.poll() is not None)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    check_consistent(db)
    store = open_store(db)
    after = {r["sha256"]: r["fact_count"] for r in store.rows("SELECT sha256, fact_count FROM documents")}
    assert after == before  # every document still there, old or new, each complete


# -- two programs on one database ----------------------------------------------------------------

@pytest.mark.slow
def test_explorer_keeps_working_while_another_process_ingests(tmp_path):
    db = tmp_path / "x.db"
    explorer = open_store(db)
    ensure_sample(explorer)
    first_total = search(explorer, "ministry", count_cap=0).total
    folder = article_folder(tmp_path, "batch", range(40))
    writer = start_ingest(db, folder)
    errors: list[str] = []
    rounds = 0
    cli_searches = []
    while writer.poll() is None:
        rounds += 1
        try:
            result = search(explorer, "ministry", count_cap=0)
            catalog.counts(explorer)
            catalog.documents(explorer)
            if result.hits:  # the explorer writes too: marks
                fact_detail(explorer, result.hits[0].id)
                explorer.set_marks([result.hits[0].id], True)
                explorer.set_marks([result.hits[0].id], False)
        except Exception as exc:  # noqa: BLE001 - any failure here is the finding
            errors.append(f"{type(exc).__name__}: {exc}")
        if rounds % 20 == 1 and len(cli_searches) < 5:  # and other programs open the file meanwhile
            cli_searches.append(subprocess.Popen(
                [sys.executable, "-m", "relexplorer", "--db", str(db), "search", "trade", "--format", "json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    out, err = writer.communicate()
    assert writer.returncode == 0, err
    assert errors == []
    for proc in cli_searches:
        out_s, err_s = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "locked" not in err_s, err_s
        json.loads(out_s)
    assert rounds > 5
    # Refreshing shows the new facts.
    assert search(explorer, "ministry", count_cap=0).total > first_total
    assert catalog.counts(explorer).documents == 41
    explorer.close()
    check_consistent(db)


@pytest.mark.slow
def test_two_ingesting_processes_at_once(tmp_path):
    db = tmp_path / "x.db"
    a = article_folder(tmp_path, "a", range(0, 25))
    b = article_folder(tmp_path, "b", range(25, 50))
    shared = tmp_path / "shared.txt"
    shared.write_text(make_article(999), encoding="utf-8")
    procs = [start_ingest(db, a, shared), start_ingest(db, shared, b)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    shared_statuses = sorted(r["status"] for out, _ in outputs for r in json.loads(out)
                             if r["path"] == str(shared))
    assert shared_statuses == ["added", "unchanged"]
    assert check_consistent(db)["documents"] == 51


# -- files that are not ours, newer, older or corrupt --------------------------------------------

def _refused(path: Path, *, expect: str) -> None:
    """Refused by the API with StoreError, and by the CLI with one line, exit 1, no traceback."""
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert expect in str(caught.value) and "\n" not in str(caught.value)
    for args in (("documents",), ("search", "trade"), ("ingest", str(path)), ("verify",), ("db",)):
        result = cli(path, *args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output and "internal error" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and expect in lines[0], (args, result.stderr)
    assert path.read_bytes() == before, "a refused file was modified"
    assert not Path(str(path) + "-wal").exists()


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "newer.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    _refused(db, expect="newer relexplorer")


def test_foreign_sqlite_database_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "other-app.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.commit()
    conn.close()
    _refused(db, expect="not a relexplorer database")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL


def test_foreign_database_with_a_high_user_version_is_not_called_newer(tmp_path):
    db = tmp_path / "other-app.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    _refused(db, expect="not a relexplorer database")


@pytest.mark.parametrize("content", [b"just some text\n", b"{\"json\": true}", b"\x00" * 100,
                                     b"SQLite format 2\x00" + b"\x00" * 200])
def test_file_that_is_not_sqlite_is_refused(tmp_path, content):
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    _refused(db, expect="not a relexplorer database")


@pytest.fixture
def good_db(tmp_path) -> Path:
    db = tmp_path / "good.db"
    store = open_store(db)
    ensure_sample(store)
    ingest_paths(store, [article_folder(tmp_path, "more", range(5))])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to damage
    store.close()
    return db


@pytest.mark.parametrize("keep", [0.02, 0.3, 0.7, 0.98])
def test_truncated_database_is_refused(good_db, keep):
    data = good_db.read_bytes()
    good_db.write_bytes(data[: max(100, int(len(data) * keep)) // 512 * 512 or 100])
    _refused(good_db, expect="good.db")


DAMAGE_COMMANDS = [("documents",), ("search", "trade"), ("search", ""), ("figures",), ("entities",),
                   ("topics",), ("export", "trade"), ("verify",), ("db",)]


@pytest.mark.parametrize("table", ["documents", "facts", "figures", "facts_fts_data", "entities",
                                   "sections"])
def test_database_with_a_damaged_page_fails_with_one_line(good_db, table):
    """Damage inside one data page passes the open; every command ends in one clear line,
    and ``verify`` reports the damage."""
    conn = sqlite3.connect(good_db)
    conn.execute("PRAGMA journal_mode = WAL")  # as a live database is; reads need no lock then
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    table = spans_table(conn) if table == "facts" else table
    try:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno",
                                            [table])]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    conn.close()
    data = bytearray(good_db.read_bytes())
    at = (pages[len(pages) // 2] - 1) * page
    data[at + 8 : at + page] = bytes((i * 7 + 3) % 256 for i in range(page - 8))
    good_db.write_bytes(bytes(data))
    for args in DAMAGE_COMMANDS:
        result = cli(good_db, *args)
        gc.collect()  # the in-process CLI leaves its connection to the garbage collector
        assert "Traceback" not in result.output, (args, result.output)
        assert "internal error" not in result.stderr, (args, result.stderr)
        if result.exit_code != 0:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("relexplorer: "), (args, result.stderr)
    verify = cli(good_db, "verify")
    assert verify.exit_code == 1 and "damaged" in verify.stderr
    assert any(line.startswith("database: ") for line in verify.stdout.splitlines())


def test_header_only_database_is_refused(tmp_path):
    db = tmp_path / "header.db"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(2000))
    _refused(db, expect="header.db")


def test_database_path_that_is_a_folder_or_under_a_file(tmp_path):
    (tmp_path / "folder.db").mkdir()
    result = cli(tmp_path / "folder.db", "documents")
    assert result.exit_code != 0 and "Traceback" not in result.output
    (tmp_path / "file").write_text("x")
    result = cli(tmp_path / "file" / "x.db", "documents")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "internal error" not in result.stderr


# -- migration: new and older files become the current schema ------------------------------------

def _pragmas(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


def test_empty_file_becomes_the_current_schema(tmp_path):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    open_store(db).close()
    assert _pragmas(db) == (SCHEMA_VERSION, APPLICATION_ID)


def test_empty_sqlite_database_becomes_the_current_schema(tmp_path):
    db = tmp_path / "blank.db"
    sqlite3.connect(db).execute("VACUUM").connection.close()  # a valid file with no tables
    open_store(db).close()
    assert _pragmas(db) == (SCHEMA_VERSION, APPLICATION_ID)


def test_version_zero_file_of_ours_is_migrated(tmp_path):
    """Schema 0 (our application id, nothing created yet) is brought up to the current schema."""
    db = tmp_path / "v0.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    store = open_store(db)
    assert _pragmas(db) == (SCHEMA_VERSION, APPLICATION_ID)
    ensure_sample(store)
    assert catalog.counts(store).documents == 1
    store.close()
    check_consistent(db)


def test_reopening_changes_nothing(tmp_path):
    db = tmp_path / "x.db"
    store = open_store(db)
    ensure_sample(store)
    store.close()
    before = db_checksum(db)
    for _ in range(3):
        open_store(db).close()
    assert db_checksum(db) == before


def test_two_processes_creating_the_same_new_database(tmp_path):
    db = tmp_path / "new.db"
    procs = [subprocess.Popen([sys.executable, "-m", "relexplorer", "--db", str(db), "db"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert _pragmas(db) == (SCHEMA_VERSION, APPLICATION_ID)


# -- migration from schema 1 (the first released layout) ---------------------------------------

needs_migration = pytest.mark.skipif(SCHEMA_VERSION < 2, reason="no older schema to migrate from yet")


def schema_1_database(path: Path, articles: int = 3, copies: int = 1) -> Path:
    """A schema-1 file holding the sample, the hostile document (NUL, emoji, RTL...) and articles
    (each stored ``copies`` times, as if from different files, to make a large file cheaply)."""
    from relexplorer.extract import extract
    from relexplorer.read import read_path, read_text
    from relexplorer.store import SAMPLE_PATH
    from tests.helpers.schema_v1 import write_schema_1

    sample = read_path(SAMPLE_PATH)
    documents = [(extract(sample), sample.sha256), hostile_document()]
    for n in range(articles):
        source = read_text(make_article(500 + n))
        doc = extract(source)
        documents += [(doc, f"{source.sha256[:-6]}{copy:06d}") for copy in range(copies)]
    write_schema_1(path, documents)
    return path


def fact_texts(db: Path) -> dict[tuple, str]:
    conn = sqlite3.connect(db)
    try:
        return {(sha, s, e): t for sha, s, e, t in conn.execute(
            'SELECT d.sha256, f.start, f."end", f.text FROM facts f JOIN documents d ON d.id = f.document_id')}
    finally:
        conn.close()


@needs_migration
def test_schema_1_file_is_migrated_with_everything_kept(tmp_path):
    db = schema_1_database(tmp_path / "v1.db")
    before = fact_texts(db)
    store = open_store(db)
    assert _pragmas(db)[0] == SCHEMA_VERSION
    assert fact_texts(db) == before  # every fact reads back exactly, NUL and emoji included
    assert len(store.marked_ids()) == 5  # marks follow their facts
    assert search(store, "trade", count_cap=0).total > 0
    assert search(store, "esrever", count_cap=0).total == 1
    store.close()
    check_consistent(db)
    assert cli(db, "verify").exit_code == 0


@needs_migration
def test_two_processes_opening_a_schema_1_file_at_once(tmp_path):
    db = schema_1_database(tmp_path / "v1.db")
    before = fact_texts(db)
    procs = [subprocess.Popen([sys.executable, "-m", "relexplorer", "--db", str(db), "db"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert _pragmas(db)[0] == SCHEMA_VERSION and fact_texts(db) == before
    check_consistent(db)


@needs_migration
@pytest.mark.slow
def test_sigkill_during_migration_leaves_schema_1_or_schema_2_whole(tmp_path):
    template = schema_1_database(tmp_path / "template.db", articles=10, copies=60)
    before = fact_texts(template)
    outcomes = []
    # The migration writes into the WAL: kill when it has written this much, i.e. inside it.
    for written in (16 << 10, 256 << 10, 1 << 20, 3 << 20):
        db = tmp_path / f"kill-{written}.db"
        db.write_bytes(template.read_bytes())
        wal = Path(f"{db}-wal")
        proc = subprocess.Popen([sys.executable, "-m", "relexplorer", "--db", str(db), "db"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda w=wal, n=written, p=proc: (w.exists() and w.stat().st_size >= n) or p.poll() is not None,
                 step=0.001)
        running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        version = _pragmas(db)[0]
        assert version in (1, SCHEMA_VERSION)
        assert fact_texts(db) == before  # whichever schema, every fact is there and whole
        outcomes.append((written, running, version))
        check_consistent(db)  # opening it now finishes the migration
        assert _pragmas(db)[0] == SCHEMA_VERSION and fact_texts(db) == before
    print(f"\nmigration of {len(before)} facts: kills (WAL bytes, still running, schema) {outcomes}")
    assert sum(running and version == 1 for _, running, version in outcomes) >= 2


# -- verify --------------------------------------------------------------------------------------

def test_verify_passes_on_a_good_database(good_db):
    result = cli(good_db, "verify")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK:")


# {spans} is the table that holds fact offsets: ``facts`` itself, or the table under a ``facts``
# view (schema 2 cuts fact text out of the document by the offsets it keeps).
DAMAGE = [
    ("facts", 'UPDATE {spans} SET start = start + 1 WHERE id = (SELECT min(id) FROM {spans})'),
    ("facts", '{change_text}'),
    ("facts", 'UPDATE {spans} SET "end" = "end" + 1000000 WHERE id = (SELECT min(id) FROM {spans})'),
    ("facts", 'UPDATE {spans} SET start = -5 WHERE id = (SELECT max(id) FROM {spans})'),
    ("figures", "UPDATE figures SET text = 'x' || text WHERE id = (SELECT min(id) FROM figures)"),
    ("fact_entities", 'UPDATE fact_entities SET "end" = "end" - 1 WHERE id = (SELECT min(id) FROM fact_entities)'),
    ("documents", "UPDATE documents SET text = 'X' || text WHERE id = (SELECT min(id) FROM documents)"),
]


def spans_table(conn: sqlite3.Connection) -> str:
    """``facts``, or the table under the ``facts`` view."""
    if conn.execute("SELECT type FROM sqlite_master WHERE name = 'facts'").fetchone()[0] == "table":
        return "facts"
    return conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'fact%' AND "
                        "name NOT LIKE 'facts_fts%' AND name NOT IN ('fact_entities', 'fact_topics')"
                        ).fetchone()[0]


def damage_sql(conn: sqlite3.Connection, template: str) -> str:
    spans = spans_table(conn)
    view = spans != "facts"
    if view:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({spans})")}
        change = (f"UPDATE {spans} SET byte_end = byte_end - 1 WHERE id = (SELECT max(id) FROM {spans})"
                  if "byte_end" in columns else
                  f'UPDATE {spans} SET "end" = "end" - 1 WHERE id = (SELECT max(id) FROM {spans})')
    else:
        change = "UPDATE facts SET text = text || '!' WHERE id = (SELECT max(id) FROM facts)"
    return template.format(spans=spans, change_text=change)


@pytest.mark.parametrize("table, damage", DAMAGE)
def test_verify_lists_the_offenders(good_db, table, damage):
    conn = sqlite3.connect(good_db)
    assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    conn.execute(damage_sql(conn, damage))
    conn.commit()
    conn.close()
    result = cli(good_db, "verify")
    assert result.exit_code == 1
    prefixes = ("facts ", "figures ", "fact_entities ") if table == "documents" else (f"{table} ",)
    offenders = [line for line in result.stdout.splitlines() if line.startswith(prefixes)]
    assert offenders, result.stdout
    stderr = result.stderr.strip().splitlines()
    assert len(stderr) == 1 and "do not match" in stderr[0]
    store = open_store(good_db)
    problems, _ = verify_store(store)
    assert min(len(problems), 200) == len([x for x in result.stdout.splitlines() if " in " in x])


# -- a database that cannot be written -----------------------------------------------------------

def test_read_only_database_gives_one_line(good_db, tmp_path, monkeypatch):
    """A file on read-only media (simulated: root writes through chmod) refuses writes clearly."""
    import relexplorer.cli.context as cli_module

    real_open = cli_module.open_store

    def read_only(path):
        store = real_open(path)
        store.db.execute("PRAGMA query_only = 1")
        return store

    monkeypatch.setattr(cli_module, "open_store", read_only)
    article = tmp_path / "new.txt"
    article.write_text(make_article(700), encoding="utf-8")
    before = db_checksum(good_db)
    for args in (("mark", "1"), ("remove", "doc"), ("ingest", str(article))):
        result = cli(good_db, *args)
        assert result.exit_code == 1, (args, result.output)
        assert "internal error" not in result.stderr and "Traceback" not in result.output
        lines = [x for x in result.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and ("readonly" in lines[0] or "no document" in lines[0]), lines
    assert cli(good_db, "search", "trade").exit_code == 0  # reading still works
    monkeypatch.undo()
    assert db_checksum(good_db) == before


def test_remove_and_replace_keep_the_search_index_exact(tmp_path):
    """Removing or replacing documents (hostile text with NUL, emoji, RTL included) leaves the
    full-text index agreeing with the facts, and removed words unfindable."""
    db = tmp_path / "x.db"
    store = open_store(db)
    ensure_sample(store)
    doc, sha = hostile_document()
    hostile = store.add_document(doc, sha256=sha)
    folder = article_folder(tmp_path, "more", range(3))
    ingest_paths(store, [folder])
    assert search(store, "esrever", count_cap=0).total == 1
    ingest_paths(store, [folder], replace=True)
    store.add_document(doc, sha256=sha, replace=True)
    check_consistent(db)
    assert store.remove_document(hostile.slug)
    assert search(store, "esrever", count_cap=0).total == 0
    store.close()
    check_consistent(db)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_sigkill_of_a_two_worker_ingest_leaves_whole_documents_and_no_workers(tmp_path):
    folder = article_folder(tmp_path, "batch", range(40))
    db = tmp_path / "x.db"
    proc = subprocess.Popen([sys.executable, "-m", "relexplorer", "--db", str(db), "ingest", str(folder),
                             "--jobs", "2", "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: stored_documents(db) >= 3 or proc.poll() is not None)
    workers = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == proc.pid]
    assert len(workers) == 2, "the ingest should run two worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert check_consistent(db)["documents"] < 40
    # Workers die with the writer rather than extracting on for nobody.
    wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=10)


def _status(proc_dir: Path) -> dict[str, str]:
    try:
        return dict(line.split(":\t", 1) for line in (proc_dir / "status").read_text().splitlines() if ":\t" in line)
    except OSError:  # the process ended meanwhile
        return {}


def _parent(proc_dir: Path) -> int | None:
    ppid = _status(proc_dir).get("PPid")
    return int(ppid) if ppid else None


def _alive(pid: int) -> bool:
    state = _status(Path(f"/proc/{pid}")).get("State", "")
    return bool(state) and not state.startswith(("Z", "X"))  # a zombie has ended
