"""``relexplorer edit`` and ``relexplorer export --style/--bib`` through the CLI, with the
database reopened and its rows checked: edits are validated, kept across re-ingest and
re-extraction, and show in the citations; bibliographies are written with the Markdown, all or
nothing, and hold every key the footnotes cite."""

from __future__ import annotations

import json
import re

import pytest
from pybtex.database import parse_file

from relexplorer import catalog
from relexplorer.store import open_store
from tests.helpers.hostile import cli, db_checksum

ARTICLE = """Energy Ties Between Norway and Poland

By Anna Berg

Norway and Poland signed a gas agreement in 2019. Bilateral trade reached $12.5 billion in 2020.

Trade in fish grew by 12 percent. The Baltic Pipe carries 10 billion cubic meters of gas a year.
"""
EDITED = ARTICLE.replace("Trade in fish grew by 12 percent.", "Trade in fish grew by 12 percent, the ministry said.")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    result = cli(db, "ingest", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return db, path, json.loads(result.stdout)[0]["slug"]


def _document(db):
    store = open_store(db)
    try:
        (doc,) = catalog.documents(store)
        return doc
    finally:
        store.close()


def test_edit_stores_checked_values_and_says_what_changed(article):
    db, _, slug = article
    result = cli(db, "edit", slug, "--author", "Berg, Anna", "--date", "7 June 2018", "--source", " Nordic   Review ",
                 "--url", "https://nordic.example/energy-ties", "--title", "Energy Ties")
    assert result.exit_code == 0, result.stderr
    assert "changed" in result.stdout and "kept when the document is ingested again" in result.stderr
    doc = _document(db)
    assert (doc.title, doc.author, doc.published, doc.source, doc.url) == (
        "Energy Ties", "Berg, Anna", "2018-06-07", "Nordic Review", "https://nordic.example/energy-ties")


def test_edits_survive_reingest_reextraction_and_an_edited_file(article):
    db, path, slug = article
    assert cli(db, "edit", slug, "--author", "Anna K. Berg", "--date", "June 2019", "--url",
               "https://nordic.example/x").exit_code == 0
    assert cli(db, "ingest", "--replace", str(path)).exit_code == 0  # re-extraction of the same source
    doc = _document(db)
    assert (doc.author, doc.published, doc.url) == ("Anna K. Berg", "2019-06", "https://nordic.example/x")
    path.write_text(EDITED, encoding="utf-8")
    result = cli(db, "ingest", str(path), "--format", "json")
    assert json.loads(result.stdout)[0]["status"] == "replaced"
    doc = _document(db)
    assert (doc.slug, doc.author, doc.published, doc.url) == (slug, "Anna K. Berg", "2019-06", "https://nordic.example/x")
    exported = cli(db, "export", "fish")
    assert "Anna K. Berg, “Energy Ties Between Norway and Poland”, June 2019, <https://nordic.example/x>." \
        in exported.stdout


def test_clear_empties_a_field_and_keeps_it_empty(article):
    db, path, slug = article
    assert _document(db).author == "Anna Berg"
    result = cli(db, "edit", slug, "--clear", "author", "--format", "json")
    record = json.loads(result.stdout)
    assert record["author"] == "" and "author" in record["edited"]
    cli(db, "ingest", "--replace", str(path))
    assert _document(db).author == ""


def test_edit_without_options_shows_the_metadata(article):
    db, _, slug = article
    before = db_checksum(db)
    record = json.loads(cli(db, "edit", slug, "--format", "json").stdout)
    assert record["slug"] == slug and record["author"] == "Anna Berg" and record["edited"] == {}
    assert db_checksum(db) == before


@pytest.mark.parametrize("args, message", [
    (("--date", "5/1/2021"), "ambiguous"),
    (("--date", "2021-02-30"), "not a date"),
    (("--date", "soon"), "not a date"),
    (("--url", "ftp://x.example/a"), "http:// or https://"),
    (("--url", "nordic.example/a"), "http:// or https://"),
    (("--url", "https://"), "no host"),
    (("--title", "   "), "give a value"),
    (("--title", "a\x1b[31mb"), "control"),
    (("--author", "X", "--clear", "author"), "contradict"),
])
def test_bad_values_are_refused_in_one_line_and_change_nothing(article, args, message):
    db, _, slug = article
    before = db_checksum(db)
    result = cli(db, "edit", slug, *args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output
    assert db_checksum(db) == before


def test_unknown_document_suggests_the_close_one(article):
    db, _, slug = article
    result = cli(db, "edit", slug[:-2], "--author", "X")
    assert result.exit_code == 1 and f"did you mean '{slug}'" in result.stderr


def test_documents_json_has_the_url(article):
    db, _, slug = article
    cli(db, "edit", slug, "--url", "https://nordic.example/y")
    (row,) = json.loads(cli(db, "documents", "--format", "json").stdout)
    assert row["url"] == "https://nordic.example/y"


# -- export --style and --bib ----------------------------------------------------------------


@pytest.mark.parametrize("style, expected", [
    ("plain", "[^1]: Anna Berg, “Energy Ties Between Norway and Poland”, 2020, <https://n.example/e>."),
    ("chicago", "[^1]: Anna Berg, “Energy Ties Between Norway and Poland,” 2020, <https://n.example/e>."),
    ("apa", "[^1]: (Berg, 2020)"),
])
def test_export_style(article, style, expected):
    db, _, slug = article
    cli(db, "edit", slug, "--date", "2020", "--url", "https://n.example/e")
    result = cli(db, "export", "fish", "--style", style)
    assert result.exit_code == 0 and expected in result.stdout
    assert f"citations: {style}" in result.stdout


@pytest.mark.parametrize("name", ["refs.bib", "refs.json"])
def test_export_with_a_bibliography(article, tmp_path, name):
    db, _, slug = article
    cli(db, "edit", slug, "--date", "2020-03-04")
    out, bib = tmp_path / "notes" / "brief.md", tmp_path / name
    out.parent.mkdir()
    result = cli(db, "export", "gas", "-o", str(out), "--bib", str(bib))
    assert result.exit_code == 0, result.stderr
    assert "Wrote 2 facts to" in result.stderr
    markdown = out.read_text(encoding="utf-8")
    assert f'bibliography: "../{name}"' in markdown
    keys = set(re.findall(r"^\[\^\d+\]: \[@([a-z0-9]+)", markdown, re.M))
    assert keys == {"berg2020energy"}
    if name.endswith(".bib"):
        assert set(parse_file(str(bib), "bibtex").entries) == keys
    else:
        assert {item["id"] for item in json.loads(bib.read_text(encoding="utf-8"))} == keys
    assert "Wrote 1 cited document to" in result.stderr


def test_bibliography_with_json_export_and_standard_output(article, tmp_path):
    db, _, _ = article
    bib = tmp_path / "refs.bib"
    result = cli(db, "export", "fish", "--format", "json", "--bib", str(bib))
    assert result.exit_code == 0
    (fact,) = json.loads(result.stdout)
    assert fact["citation"]["key"] in parse_file(str(bib), "bibtex").entries


def test_nothing_is_written_unless_every_file_can_be(article, tmp_path):
    db, _, _ = article
    out, bib = tmp_path / "brief.md", tmp_path / "refs.bib"
    bib.write_text("% mine", encoding="utf-8")
    refused = cli(db, "export", "fish", "-o", str(out), "--bib", str(bib))
    assert refused.exit_code == 1 and "refs.bib: already exists" in refused.stderr
    assert not out.exists() and bib.read_text(encoding="utf-8") == "% mine"
    bib.unlink()
    out.write_text("keep", encoding="utf-8")
    refused = cli(db, "export", "fish", "-o", str(out), "--bib", str(bib))
    assert refused.exit_code == 1 and not bib.exists() and out.read_text(encoding="utf-8") == "keep"
    bib.write_text("% mine", encoding="utf-8")
    forced = cli(db, "export", "fish", "-o", str(out), "--bib", str(bib), "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("---")
    assert "@" in bib.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".old"))]


@pytest.mark.parametrize("name", ["refs.txt", "refs"])
def test_a_bibliography_of_another_kind_is_refused(article, tmp_path, name):
    db, _, _ = article
    result = cli(db, "export", "fish", "-o", str(tmp_path / "b.md"), "--bib", str(tmp_path / name))
    assert result.exit_code == 1 and ".bib (BibTeX) or .json (CSL-JSON)" in result.stderr
    assert list(tmp_path.glob("b.md")) == []


def test_the_same_file_twice_is_refused(article, tmp_path):
    db, _, _ = article
    result = cli(db, "export", "fish", "-o", str(tmp_path / "x.json"), "--format", "json",
                 "--bib", str(tmp_path / "x.json"))
    assert result.exit_code == 1 and "given twice" in result.stderr
