"""Store: idempotent ingest, replace, one transaction per document, kept counts, marks."""

from __future__ import annotations

import sqlite3

import pytest

from relexplorer import catalog
from relexplorer.errors import StoreError
from relexplorer.extract import extract
from relexplorer.ingest import ingest_source
from relexplorer.read import read_text
from relexplorer.store import APPLICATION_ID, SCHEMA_VERSION, open_store, slugify
from relexplorer.store.verify import verify_store

ARTICLE = """Energy Ties Between Norway and Poland

By Anna Berg

Norway and Poland signed a gas agreement in 2019. Bilateral trade reached $12.5 billion in 2020.

Trade in fish grew by 12 percent. The Baltic Pipe carries 10 billion cubic meters of gas a year.
"""


def table_counts(store) -> dict[str, int]:
    names = ["documents", "sections", "paragraphs", "facts", "figures", "entities",
             "fact_entities", "topics", "fact_topics", "marks"]
    return {n: store.rows(f"SELECT count(*) AS n FROM {n}")[0]["n"] for n in names}


def test_new_database_has_schema_version_and_application_id(tmp_path):
    store = open_store(tmp_path / "new.db")
    assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert store.rows("PRAGMA application_id")[0]["application_id"] == APPLICATION_ID
    assert store.rows("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_ingesting_the_same_source_twice_changes_nothing(tmp_path):
    store = open_store(tmp_path / "a.db")
    first = ingest_source(store, read_text(ARTICLE))
    before = table_counts(store)
    second = ingest_source(store, read_text(ARTICLE))
    assert first.status == "added" and second.status == "unchanged"
    assert second.slug == first.slug
    assert table_counts(store) == before


def test_replace_reextracts_and_keeps_marks_and_counts(tmp_path):
    store = open_store(tmp_path / "a.db")
    ingest_source(store, read_text(ARTICLE))
    first = store.rows('SELECT id, start, "end" FROM facts ORDER BY id LIMIT 1')[0]
    store.set_marks([first["id"]], True)
    before = table_counts(store)
    result = ingest_source(store, read_text(ARTICLE), replace=True)
    assert result.status == "replaced"
    assert table_counts(store) == before
    (marked,) = store.marked_ids()  # new rows: the mark followed the fact's span
    assert store.rows('SELECT start, "end" FROM facts WHERE id = ?', [marked])[0] == {
        "start": first["start"], "end": first["end"]}
    topic_total = store.rows("SELECT coalesce(sum(fact_count), 0) AS n FROM topics")[0]["n"]
    assert topic_total == store.rows("SELECT count(*) AS n FROM fact_topics")[0]["n"]


def test_kept_counts_match_the_rows(sample_store):
    docs = sample_store.rows("SELECT id, fact_count, figure_count FROM documents")
    for d in docs:
        assert d["fact_count"] == sample_store.rows(
            "SELECT count(*) AS n FROM facts WHERE document_id = ?", [d["id"]])[0]["n"]
        assert d["figure_count"] == sample_store.rows(
            "SELECT count(*) AS n FROM figures WHERE document_id = ?", [d["id"]])[0]["n"]
    for e in sample_store.rows("SELECT id, fact_count FROM entities"):
        assert e["fact_count"] == sample_store.rows(
            "SELECT count(DISTINCT fact_id) AS n FROM fact_entities WHERE entity_id = ?", [e["id"]])[0]["n"]
    for k in sample_store.rows("SELECT kind, fact_count FROM figure_kinds"):
        assert k["fact_count"] == sample_store.rows(
            "SELECT count(DISTINCT fact_id) AS n FROM figures WHERE kind = ?", [k["kind"]])[0]["n"]


def test_every_span_matches_the_stored_text(sample_store):
    problems, checked = verify_store(sample_store)
    assert checked > 50
    assert problems == []


def test_a_failed_write_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    store = open_store(tmp_path / "a.db")
    ingest_source(store, read_text(ARTICLE))
    before = table_counts(store)
    other = extract(read_text(ARTICLE.replace("Norway", "Sweden")))

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(store, "_insert_facts", boom)
    with pytest.raises(sqlite3.OperationalError):
        store.add_document(other, sha256="f" * 64)
    assert table_counts(store) == before
    assert store.find_document("f" * 64) is None


def test_remove_document_takes_its_rows_and_counts(tmp_path):
    store = open_store(tmp_path / "a.db")
    a = ingest_source(store, read_text(ARTICLE))
    ingest_source(store, read_text(ARTICLE.replace("Norway", "Sweden")))
    assert store.remove_document(a.slug)
    assert not store.remove_document(a.slug)
    remaining = store.rows("SELECT count(*) AS n FROM facts")[0]["n"]
    assert catalog.counts(store).facts == remaining
    assert store.rows("SELECT count(*) AS n FROM entities WHERE fact_count <= 0")[0]["n"] == 0
    assert verify_store(store)[0] == []


def test_slugs_are_unique_and_readable(tmp_path):
    store = open_store(tmp_path / "a.db")
    a = ingest_source(store, read_text(ARTICLE))
    b = ingest_source(store, read_text(ARTICLE + "\nOne more sentence about trade.\n"))
    assert a.slug != b.slug
    assert slugify("Über  Trade: 2018!") == "uber-trade-2018"
    assert slugify("???") == "doc"


def test_newer_schema_and_foreign_files_are_refused(tmp_path):
    newer = tmp_path / "newer.db"
    open_store(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(newer)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not a relexplorer database"):
        open_store(foreign)
    text = tmp_path / "notes.db"
    text.write_text("hello")
    with pytest.raises(StoreError, match="not an SQLite file"):
        open_store(text)
