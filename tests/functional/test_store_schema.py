"""Store schema: a schema-1 database is migrated in place, and facts read back exactly.

Schema 2 (see ``_MIGRATE_1_TO_2`` in store.py) replaced the facts table by a view over fact spans
that cuts each fact out of its document by UTF-8 byte offsets; these tests hold it to the span
invariant on awkward text and check that a file written by schema 1 keeps working.
"""

from __future__ import annotations

from relexplorer import catalog
from relexplorer.model import ExtractedDocument, Fact, Figure, Metadata, Paragraph, Section
from relexplorer.search import search
from relexplorer.store import SCHEMA_VERSION, open_store, sha256_text
from tests.helpers.schema_v1 import write_schema_1

SENTENCES = [
    "Trade with Zürich grew by 12 percent in 2017.",
    "A NUL \x00 here, then 中华人民共和国 and 🇨🇳 emoji.",
    "After them: energy exports reached $3 billion from 2018 to 2022.",
]


def _document() -> tuple[ExtractedDocument, str]:
    text = "Awkward: A Test\n\n"
    facts = []
    for sentence in SENTENCES:
        start = len(text)
        text += sentence + " "
        facts.append(Fact(start, start + len(sentence), sentence, paragraph=0, section=0))
    last = facts[2]
    at = last.start + last.text.index("from 2018")
    last.figures = [Figure(at, at + 17, "from 2018 to 2022", 2018.0, "year", "date", end_value=2022.0)]
    doc = ExtractedDocument(text, Metadata(title="Awkward"), [Section("", "Awkward", 1, 0, len(text))],
                            [Paragraph(17, len(text) - 1, 0)], facts)
    return doc, sha256_text(text)


def _check(store, doc) -> None:
    rows = store.rows('SELECT text, start, "end" FROM facts ORDER BY id')
    assert [r["text"] for r in rows] == SENTENCES
    assert all(doc.text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert [h.text for h in search(store, "emoji").hits] == [SENTENCES[1]]
    assert [h.text for h in search(store, "energy year:2020").hits] == [SENTENCES[2]]
    assert [h.text for h in search(store, "year:2017").hits] == []  # "in 2017" is no figure here


def test_facts_read_back_exactly_past_nul_and_wide_characters(tmp_path):
    store = open_store(tmp_path / "new.db")
    doc, sha = _document()
    store.add_document(doc, sha256=sha)
    _check(store, doc)
    slug = store.rows("SELECT slug FROM documents")[0]["slug"]
    assert store.remove_document(slug)
    assert store.rows("SELECT count(*) AS n FROM facts")[0]["n"] == 0
    assert search(store, "emoji").total == 0
    store.close()


def test_a_schema_1_database_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.db"
    doc, sha = _document()
    write_schema_1(path, [(doc, sha)], mark_first=False)

    store = open_store(path)
    assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert catalog.counts(store).facts == 3
    _check(store, doc)
    # Writing still works after the migration: a second document, then removing the first.
    other = ExtractedDocument("Other\n\nEnergy talks resumed.\n", Metadata(title="Other"),
                              [Section("", "Other", 1, 0, 30)], [Paragraph(7, 28, 0)],
                              [Fact(7, 28, "Energy talks resumed.", 0, 0)])
    store.add_document(other, sha256=sha256_text(other.text))
    assert store.remove_document("doc-0")
    assert [h.text for h in search(store, "energy").hits] == ["Energy talks resumed."]
    assert store.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    store.close()


def _make_schema_4(path) -> None:
    """A schema-4 file as relexplorer wrote it: the porter-stemmed index and no words table."""
    store = open_store(path)
    sentences = ["Gas supplies rose.", "Gazprom will gain from its gambit.", "Trading grew."]
    text = "Gas\n\n" + " ".join(sentences) + "\n"
    facts = [Fact(text.index(t), text.index(t) + len(t), t, 0, 0) for t in sentences]
    doc = ExtractedDocument(text, Metadata(title="Gas"), [Section("", "Gas", 1, 0, len(text))],
                            [Paragraph(5, len(text) - 1, 0)], facts)
    store.add_document(doc, sha256=sha256_text(doc.text))
    with store.transaction():
        for statement in ("DROP TABLE facts_fts", "DROP TABLE words",
                          "CREATE VIRTUAL TABLE facts_fts USING fts5(text, tokenize='porter unicode61', "
                          "prefix='1 2 3', content=\"facts\", content_rowid='id')",
                          "INSERT INTO facts_fts (facts_fts) VALUES ('rebuild')", "PRAGMA user_version = 4"):
            store.db.execute(statement)
    assert len(store.rows("SELECT rowid FROM facts_fts WHERE facts_fts MATCH '\"gas\"*'")) == 2  # ga*: the bug
    store.close()


def test_a_schema_4_database_gets_the_word_index_and_the_stems(tmp_path):
    path = tmp_path / "v4.db"
    _make_schema_4(path)
    store = open_store(path)
    assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert [h.text for h in search(store, "gas").hits] == ["Gas supplies rose."]
    assert [h.text for h in search(store, "trade").hits] == ["Trading grew."]  # the stem, from words
    words = {r["word"]: r["stem"] for r in store.rows("SELECT word, stem FROM words")}
    assert words["trading"] == "trade" and words["gazprom"] == "gazprom" and len(words) == 11
    assert store.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    store.close()


def test_a_schema_5_database_gets_the_figure_subject_column(tmp_path):
    import sqlite3

    path = tmp_path / "v5.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE figures DROP COLUMN subject")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    store = open_store(path)
    assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    columns = [r["name"] for r in store.rows("PRAGMA table_info(figures)")]
    assert columns[-1] == "subject"
    store.close()
