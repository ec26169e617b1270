"""Re-ingest: an edited file replaces its document; marks, notes and metadata edits follow."""

from __future__ import annotations

import json

from click.testing import CliRunner

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.ingest import ingest_paths
from relexplorer.store import open_store
from relexplorer.store.verify import verify_store

ARTICLE = """Energy Ties Between Norway and Poland

By Anna Berg

Norway and Poland signed a gas agreement in 2019. Bilateral trade reached $12.5 billion in 2020.

Trade in fish grew by 12 percent. The Baltic Pipe carries 10 billion cubic meters of gas a year.
"""
EDITED = ARTICLE.replace("Norway and Poland signed", "In a first, Norway and Poland signed").replace(
    "Trade in fish grew by 12 percent.", "Trade in fish grew by 12 percent, the ministry said.")


def fact_id(store, fragment: str) -> int:
    return next(h.id for h in catalog.fact_rows(store, [r["id"] for r in store.rows("SELECT id FROM fact_spans")])
                if fragment in h.text)


def test_an_edited_file_replaces_its_document_and_the_marks_and_notes_follow(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    store = open_store(tmp_path / "x.db")
    (first,) = [r for _, r in ingest_paths(store, [path]).results]
    pipe = fact_id(store, "Baltic Pipe")
    fish = fact_id(store, "Trade in fish")
    store.set_marks([pipe, fish], True)
    assert store.set_note(pipe, "Check the #capacity against #Gassco figures.")
    path.write_text(EDITED, encoding="utf-8")
    (second,) = [r for _, r in ingest_paths(store, [path]).results]
    assert (first.status, second.status) == ("added", "replaced")
    assert second.slug == first.slug
    (doc,) = catalog.documents(store, with_text=True)
    assert "In a first" in doc.text
    new_pipe = fact_id(store, "Baltic Pipe")
    # The unchanged sentence keeps its mark and note; the edited one has no fact of the same text.
    assert new_pipe in store.marked_ids()
    detail = catalog.fact_detail(store, new_pipe)
    assert detail.note is not None and detail.note.tags == ["capacity", "gassco"]
    assert verify_store(store)[0] == []


def test_as_new_keeps_both_versions(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    store = open_store(tmp_path / "x.db")
    ingest_paths(store, [path])
    path.write_text(EDITED, encoding="utf-8")
    (result,) = [r for _, r in ingest_paths(store, [path], as_new=True).results]
    assert result.status == "added"
    assert len(catalog.documents(store)) == 2


def test_reextraction_that_moves_a_sentence_boundary_keeps_the_mark(tmp_path):
    store = open_store(tmp_path / "x.db")
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest_paths(store, [path])
    pipe = fact_id(store, "Baltic Pipe")
    store.set_marks([pipe], True)
    # What an extractor change does to the stored spans: this fact now starts one word later.
    store.db.execute('UPDATE marks SET start = start + 4')
    assert store.marked_ids() == set()
    ingest_paths(store, [path], replace=True)
    assert store.marked_ids() == {fact_id(store, "Baltic Pipe")}


def test_metadata_edits_survive_reingest_and_reextraction(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    store = open_store(tmp_path / "x.db")
    (result,) = [r for _, r in ingest_paths(store, [path]).results]
    assert store.edit_document(result.slug, {"author": "Anna K. Berg", "source": "Nordic Review"})
    ingest_paths(store, [path], replace=True)
    path.write_text(EDITED, encoding="utf-8")
    ingest_paths(store, [path])
    (doc,) = catalog.documents(store)
    assert (doc.author, doc.source) == ("Anna K. Berg", "Nordic Review")


def test_ingest_reports_added_replaced_unchanged(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    runner = CliRunner()
    statuses = []
    for text in (ARTICLE, ARTICLE, EDITED):
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(main, ["--db", str(db), "ingest", str(path), "--format", "json"])
        statuses.append(json.loads(result.stdout)[0]["status"])
    assert statuses == ["added", "unchanged", "replaced"]
