"""``relexplorer notes`` and ``relexplorer searches``: table, JSON and CSV (parsed back), a QUERY
that narrows the notes, a note whose fact is gone, deleting a saved search, usage errors; the
note under its quote in the Markdown export and in the JSON export."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.store import open_store
from tests.functional.test_cli import ARTICLE


@pytest.fixture
def db(tmp_path, runner):
    """A database with the article and notes on two of its facts."""
    path = tmp_path / "norway-poland.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    assert runner.invoke(main, ["--db", str(db), "ingest", str(path)]).exit_code == 0
    store = open_store(db)
    ids = {h.text.split()[0]: h.id for h in catalog.fact_rows(store, [r["id"] for r in store.rows("SELECT id FROM fact_spans")])}
    assert store.set_note(ids["Bilateral"], "Check against Eurostat. #followup #Trade")
    assert store.set_note(ids["The"], "Gdansk: ask the port authority.\nSecond line. #followup")
    store.close()
    return db


def run(runner, db, *args):
    return runner.invoke(main, ["--db", str(db), *args])


def fact_ids(db) -> dict[str, int]:
    store = open_store(db)
    try:
        return {h.text.split()[0]: h.id
                for h in catalog.fact_rows(store, [r["id"] for r in store.rows("SELECT id FROM fact_spans")])}
    finally:
        store.close()


def test_notes_as_json_list_fact_document_tags_note_and_fact_text(runner, db):
    result = run(runner, db, "notes", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    ids = fact_ids(db)
    assert [(r["fact_id"], r["tags"]) for r in rows] == [(ids["Bilateral"], ["followup", "trade"]),
                                                         (ids["The"], ["followup"])]
    assert rows[0]["fact_text"] == "Bilateral trade reached $12.5 billion in 2020."
    assert rows[1]["note"] == "Gdansk: ask the port authority.\nSecond line. #followup"
    assert {r["document"] for r in rows} == {"pipelines-and-ports-norway-and-poland"}
    assert set(rows[0]) == {"fact_id", "document", "tags", "note", "fact_text", "updated_at"}


def test_notes_as_csv_parse_back_with_tags_as_json(runner, db):
    result = run(runner, db, "notes", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [json.loads(r["tags"]) for r in rows] == [["followup", "trade"], ["followup"]]
    assert rows[1]["note"] == "Gdansk: ask the port authority.\nSecond line. #followup"
    assert rows[0]["fact_text"].startswith("Bilateral trade")


def test_notes_table_shows_the_note_and_the_fact(runner, db):
    result = run(runner, db, "notes")
    assert result.exit_code == 0, result.output
    assert "Eurostat" in result.stdout and "Gdansk" in result.stdout and "followup" in result.stdout


@pytest.mark.parametrize("query, first_words", [
    ("tag:trade", ["Bilateral"]), ("note:port", ["The"]), ("tag:followup", ["Bilateral", "The"]),
    ("gdansk", ["The"]), ("fish", []), ("-gdansk", ["Bilateral"]), ("tag:trade OR note:authority", ["Bilateral", "The"]),
])
def test_a_query_narrows_the_notes(runner, db, query, first_words):
    result = run(runner, db, "notes", query, "--format", "json")
    assert result.exit_code == 0, result.output
    ids = fact_ids(db)
    assert [r["fact_id"] for r in json.loads(result.stdout)] == [ids[w] for w in first_words]


def test_a_note_whose_document_is_gone_is_still_listed_without_a_fact(runner, db):
    assert run(runner, db, "remove", "pipelines-and-ports-norway-and-poland").exit_code == 0
    rows = json.loads(run(runner, db, "notes", "--format", "json").stdout)
    assert [(r["fact_id"], r["document"], r["fact_text"]) for r in rows] == [(None, "", "")] * 2
    assert json.loads(run(runner, db, "notes", "has:note", "--format", "json").stdout) == []


def test_notes_errors_are_one_line(runner, db):
    bad = run(runner, db, "notes", "spekaer:putin")
    assert bad.exit_code == 1 and "unknown filter 'spekaer:'" in bad.stderr and "Traceback" not in bad.output
    usage = run(runner, db, "notes", "--tag", "x")
    assert usage.exit_code == 2 and "No such option" in usage.stderr


def test_searches_list_as_table_json_and_csv_and_delete(runner, db):
    store = open_store(db)
    store.save_search("trade watch", "trade OR fish")
    store.save_search("ports", '"port of" -fish')
    store.close()
    rows = json.loads(run(runner, db, "searches", "--format", "json").stdout)
    assert [(r["name"], r["query"]) for r in rows] == [("ports", '"port of" -fish'), ("trade watch", "trade OR fish")]
    table = run(runner, db, "searches")
    assert table.exit_code == 0 and "trade watch" in table.stdout and "trade OR fish" in table.stdout
    parsed = list(csv.DictReader(io.StringIO(run(runner, db, "searches", "--format", "csv").stdout)))
    assert [r["query"] for r in parsed] == ['"port of" -fish', "trade OR fish"]
    deleted = run(runner, db, "searches", "--delete", "ports")
    assert deleted.exit_code == 0 and "Deleted the saved search 'ports'" in deleted.stderr
    assert [r["name"] for r in json.loads(run(runner, db, "searches", "--format", "json").stdout)] == ["trade watch"]
    missing = run(runner, db, "searches", "--delete", "ports")
    assert missing.exit_code == 1 and "no saved search named 'ports'" in missing.stderr
    assert run(runner, db, "searches", "--remove", "x").exit_code == 2
    assert run(runner, db, "searches", "extra").exit_code == 2


def test_the_markdown_export_puts_the_note_under_its_quote(runner, db, tmp_path):
    out = tmp_path / "notes.md"
    result = run(runner, db, "export", "has:note", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    quote = "> Bilateral trade reached \\$12.5 billion in 2020.[^1]\n\n"
    assert quote + "**Note:** Check against Eurostat. #followup #Trade\n\nTags: #followup, #trade\n" in text
    assert ("**Note:** Gdansk: ask the port authority.\n\nSecond line. #followup\n\nTags: #followup\n") in text


def _structure(runner, db, tmp_path, note: str):
    """Every Markdown construct of the export of the noted facts, paragraphs and text left out."""
    markdown_it = pytest.importorskip("markdown_it")
    from mdit_py_plugins.footnote import footnote_plugin

    store = open_store(db)
    store.set_note(fact_ids(db)["Trade"], note)
    store.close()
    out = tmp_path / "notes.md"
    assert run(runner, db, "export", "has:note", "-o", str(out), "--force").exit_code == 0
    tokens = markdown_it.MarkdownIt("gfm-like").use(footnote_plugin).parse(out.read_text(encoding="utf-8"))
    kinds = [t.type for t in tokens] + [c.type for t in tokens for c in t.children or []]
    return Counter(k for k in kinds if k not in ("paragraph_open", "paragraph_close", "inline", "text"))


def test_the_note_adds_no_markdown_structure(runner, db, tmp_path):
    plain = _structure(runner, db, tmp_path, "plain words #tag")
    hostile = _structure(runner, db, tmp_path, "# not a heading\n> not a quote\n- not a list [link](http://x) "
                                               "<b>x</b> `code` *em* $x$ | a | b |\n1. one  \n---\n#tag")
    assert hostile == plain
    assert plain["blockquote_open"] == 3 and "hardbreak" not in plain


def test_the_json_export_holds_the_note(runner, db):
    rows = json.loads(run(runner, db, "export", "has:note", "--format", "json").stdout)
    assert [r["note"] for r in rows] == [
        {"text": "Check against Eurostat. #followup #Trade", "tags": ["followup", "trade"]},
        {"text": "Gdansk: ask the port authority.\nSecond line. #followup", "tags": ["followup"]},
    ]
    plain = json.loads(run(runner, db, "export", "fish", "--format", "json").stdout)
    assert [r["note"] for r in plain] == [None]
