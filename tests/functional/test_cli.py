"""CLI: commands through CliRunner, then the database reopened and its rows checked."""

from __future__ import annotations

import json

import pytest

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.store import open_store

ARTICLE = """Pipelines and Ports: Norway and Poland

By Anna Berg

Norway and Poland signed a gas agreement in 2019. Bilateral trade reached $12.5 billion in 2020.

Trade in fish grew by 12 percent. The port of Gdansk handled 4 million tons of cargo.
"""


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "norway-poland.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(runner, db, *args):
    return runner.invoke(main, ["--db", str(db), *args])


def test_ingest_stores_the_document_and_is_idempotent(runner, tmp_path, article):
    db = tmp_path / "x.db"
    first = run(runner, db, "ingest", str(article), "--format", "json")
    assert first.exit_code == 0, first.output
    rows = json.loads(first.stdout)
    assert rows[0]["status"] == "added" and rows[0]["facts"] > 0
    again = run(runner, db, "ingest", str(article), "--format", "json")
    assert json.loads(again.stdout)[0]["status"] == "unchanged"
    store = open_store(db)
    assert catalog.counts(store).documents == 1
    assert catalog.counts(store).facts == rows[0]["facts"]


def test_ingest_reports_bad_paths_but_keeps_good_files(runner, tmp_path, article):
    db = tmp_path / "x.db"
    result = run(runner, db, "ingest", str(article), str(tmp_path / "missing.txt"), "--format", "json")
    assert result.exit_code == 1
    statuses = {r["status"] for r in json.loads(result.stdout)}
    assert statuses == {"added", "error"}
    assert "missing.txt: no such file or folder" in result.stderr
    assert "Traceback" not in result.output
    assert catalog.counts(open_store(db)).documents == 1


def test_documents_json_contract(runner, sample_db):
    result = run(runner, sample_db, "documents", "--format", "json", "--with-text")
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    for key in ("slug", "title", "author", "date", "source", "sections", "facts", "figures", "text"):
        assert key in doc
    assert all(set(s) == {"label", "heading", "level"} for s in doc["sections"])
    assert doc["facts"] > 0


def test_figures_json_spans_index_the_stored_text(runner, sample_db):
    docs = json.loads(run(runner, sample_db, "documents", "--format", "json", "--with-text").stdout)
    text = {d["slug"]: d["text"] for d in docs}
    result = run(runner, sample_db, "figures", "--format", "json")
    figures = json.loads(result.stdout)
    assert figures
    for f in figures:
        for key in ("document", "fact_id", "text", "start", "end", "value", "unit", "kind", "label"):
            assert key in f
        assert text[f["document"]][f["start"]:f["end"]] == f["text"]


def test_search_json_contract_and_highlighted_table(runner, sample_db):
    result = run(runner, sample_db, "search", "trade", "--format", "json")
    hits = json.loads(result.stdout)
    assert hits and all("trad" in h["text"].lower() for h in hits)
    assert set(hits[0]) >= {"id", "document", "section", "text", "start", "end", "topics", "figures"}
    table = run(runner, sample_db, "search", "trade")
    assert table.exit_code == 0 and "facts match" in table.stdout


def test_entities_and_topics_json(runner, sample_db):
    for command in ("entities", "topics"):
        result = run(runner, sample_db, command, "--format", "json")
        assert result.exit_code == 0, result.output
        for row in json.loads(result.stdout):
            assert {"name", "facts"} <= set(row)
            if command == "entities":
                assert row["kind"] in ("person", "organization", "place")


def test_csv_output_has_a_header_and_rows(runner, sample_db):
    result = run(runner, sample_db, "figures", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("document,fact_id,text,start,end,value")
    assert len(lines) > 1


def test_invalid_query_is_one_line_and_nonzero(runner, sample_db):
    result = run(runner, sample_db, "search", "foo:bar")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "unknown filter 'foo:'" in result.stderr


def test_export_writes_once_and_refuses_to_overwrite(runner, sample_db, tmp_path):
    out = tmp_path / "trade.md"
    first = run(runner, sample_db, "export", "trade", "-o", str(out))
    assert first.exit_code == 0, first.output
    content = out.read_text()
    assert content.startswith("---\n") and "> " in content and "[^1]:" in content
    second = run(runner, sample_db, "export", "energy", "-o", str(out))
    assert second.exit_code == 1 and "already exists" in second.stderr
    assert out.read_text() == content
    forced = run(runner, sample_db, "export", "energy", "-o", str(out), "--force")
    assert forced.exit_code == 0


def test_mark_then_export_marked(runner, sample_db, tmp_path):
    hits = json.loads(run(runner, sample_db, "search", "trade", "--format", "json").stdout)
    ids = [str(h["id"]) for h in hits[:2]]
    assert run(runner, sample_db, "mark", *ids).exit_code == 0
    exported = json.loads(run(runner, sample_db, "export", "--marked", "--format", "json").stdout)
    assert [str(f["id"]) for f in exported] == ids
    assert run(runner, sample_db, "mark", "999999").exit_code == 1


def test_remove_and_verify(runner, sample_db):
    assert run(runner, sample_db, "verify").exit_code == 0
    slug = json.loads(run(runner, sample_db, "documents", "--format", "json").stdout)[0]["slug"]
    assert run(runner, sample_db, "remove", slug).exit_code == 0
    assert run(runner, sample_db, "remove", slug).exit_code == 1
    assert json.loads(run(runner, sample_db, "documents", "--format", "json").stdout) == []


def test_default_database_gets_the_sample_on_first_use(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("RELEXPLORER_DB", raising=False)
    monkeypatch.setattr("relexplorer.cli.context.default_db_path", lambda: tmp_path / "default.db")
    result = runner.invoke(main, ["documents", "--format", "json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    assert "China-Russia" in doc["title"]


def test_not_a_database_is_refused_clearly(runner, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    result = run(runner, bad, "documents")
    assert result.exit_code == 1 and "not an SQLite file" in result.stderr


def test_a_query_may_start_with_an_exclusion(runner, sample_db):
    result = run(runner, sample_db, "search", "-trade", "--format", "json", "--limit", "500")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and all("trade" not in h["text"].lower() for h in hits)
    words = run(runner, sample_db, "search", "bilateral", "trade", "--format", "json")
    assert all("bilateral" in h["text"].lower() for h in json.loads(words.stdout))


# -- options and query words, bad queries and bugs ---------------------------------------------------


@pytest.mark.parametrize("args", [
    ["search", "trade", "--limt", "5"],
    ["export", "trade", "-o", "x.md", "--bibliography", "x.bib"],
    ["figures", "--sort=value", "--knd", "money"],
])
def test_a_mistyped_or_unknown_option_is_a_usage_error(runner, tmp_path, article, args):
    db = tmp_path / "x.db"
    run(runner, db, "ingest", str(article))
    result = run(runner, db, *args)
    assert result.exit_code == 2, result.output
    assert "No such option" in result.output
    assert not (tmp_path / "x.md").exists()


def test_a_usage_error_suggests_the_option_meant(runner, tmp_path, article):
    result = run(runner, tmp_path / "x.db", "search", "trade", "--limt", "5")
    assert "--limit" in result.output


def test_words_after_a_double_dash_and_negated_words_are_query_words(runner, tmp_path, article):
    db = tmp_path / "x.db"
    run(runner, db, "ingest", str(article))
    negated = run(runner, db, "search", "trade", "-fish", "--format", "json")
    assert negated.exit_code == 0, negated.output
    assert negated.stdout.strip() and all("fish" not in h["text"].lower() for h in json.loads(negated.stdout))
    literal = run(runner, db, "search", "--format", "json", "--", "--limt")
    assert literal.exit_code == 0, literal.output  # a query word: "-limt" negated, which no fact holds
    everything = run(runner, db, "search", "--format", "json")
    assert json.loads(literal.stdout) == json.loads(everything.stdout)
    for word in ("-china", "-fish"):  # not read as short options (-c -h -i ...: -h is help)
        negated_word = run(runner, db, "search", "trade", word, "--format", "json")
        assert negated_word.exit_code == 0 and negated_word.stdout.startswith("["), negated_word.output
    option_value = run(runner, db, "search", "--limit", "1", "trade", "--format", "json")
    assert option_value.exit_code == 0 and len(json.loads(option_value.stdout)) == 1


def test_a_bug_in_the_query_layer_is_an_internal_error_not_a_bad_query(runner, tmp_path, article, monkeypatch):
    from relexplorer.search import filters

    def broken(value):
        raise KeyError("planted")

    db = tmp_path / "x.db"
    run(runner, db, "ingest", str(article))
    monkeypatch.setattr(filters, "_topic_filter", broken)
    result = run(runner, db, "search", "topic:trade")
    assert result.exit_code == 1
    assert "internal error: KeyError" in result.stderr and "cannot run this query" not in result.stderr
    monkeypatch.setenv("RELEXPLORER_DEBUG", "1")
    debug = run(runner, db, "search", "topic:trade")
    assert isinstance(debug.exception, KeyError)


def test_a_bad_query_is_named_in_one_line(runner, tmp_path, article):
    result = run(runner, tmp_path / "x.db", "search", "year:99999999999999999999")
    assert result.exit_code == 1
    assert result.stderr.strip() == "relexplorer: year:99999999999999999999 is not a year (try year:2017)"
