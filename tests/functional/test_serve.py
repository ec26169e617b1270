"""``relexplorer serve`` and plain ``datasette FILE``, against the real Datasette.

A small team corpus (the bundled sample, extracted; a hand-built document with speakers, a
series, a mark and a note; a second source that disagrees on the series) is served in-process
through Datasette's own client, with and without relexplorer's metadata, and once as a process on
127.0.0.1 that stops by itself, while another process ingests. Expected values come from the
database itself (FTS5 and the tables), never from Datasette.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette
from datasette.utils import detect_fts

from relexplorer.cli import main
from relexplorer.ingest import ensure_sample
from relexplorer.model import ExtractedDocument, Fact, Figure, Metadata, Paragraph, Section, Speaker
from relexplorer.search import search
from relexplorer.serve import (
    SETTINGS,
    ServeError,
    build_metadata,
    database_name,
    listen,
    schema_columns,
)
from relexplorer.serve.descriptions import TABLES
from relexplorer.store import open_store, sha256_text
from relexplorer.store.canned_queries import CANNED_QUERIES
from tests.helpers.schema_v1 import write_schema_1
from tests.helpers.tui_sample import build_document

SRC = Path(__file__).resolve().parents[2] / "src"
SERIES = "bilateral-trade:money"
NOTE = "Check against the customs data #trade #Verify"


def _other_source() -> ExtractedDocument:
    """A second outlet that reports 2017's bilateral trade differently."""
    sentence = "Bilateral trade reached $80 billion in 2017, customs data show."
    text = f"Another View of Trade\n\n{sentence}\n"
    start = text.index(sentence)
    at = start + sentence.index("$80 billion")
    figure = Figure(at, at + 11, "$80 billion", 80e9, "USD", "money", "bilateral trade", year=2017,
                    period_source="fact", series=SERIES)
    fact = Fact(start, start + len(sentence), sentence, 0, 0, figures=[figure], topics=["trade"])
    return ExtractedDocument(text, Metadata(title="Another View of Trade", published="2018-05-02",
                                            source="Customs Weekly"),
                             [Section("", "Another View of Trade", 1, 0, len(text))],
                             [Paragraph(start, start + len(sentence), 0)], [fact])


def _team_document() -> ExtractedDocument:
    """The explorer's hand-built test document, with a speaker and a series."""
    doc = build_document()
    for fact in doc.facts:
        for figure in fact.figures:
            if figure.text == "$84.071 billion":
                figure.year, figure.period_source, figure.series = 2017, "fact", SERIES
        if "Vladimir Putin" in fact.text:
            at = fact.start + fact.text.index("Vladimir Putin")
            fact.speakers = [Speaker("Vladimir Putin", "person", at, at + len("Vladimir Putin"))]
    return doc


def make_team_db(path: Path) -> Path:
    """The small corpus every test here serves."""
    store = open_store(path)
    ensure_sample(store)
    for doc in (_team_document(), _other_source()):
        store.add_document(doc, sha256=sha256_text(doc.text), path=f"{doc.metadata.title}.txt",
                           taxonomy_labels={"trade": "Trade", "energy": "Energy", "tourism": "Tourism"})
    putin = store.rows("SELECT fs.fact_id FROM fact_speakers fs JOIN facts f ON f.id = fs.fact_id "
                       "WHERE f.text LIKE '%Vladimir Putin%' ORDER BY fs.fact_id")[0]["fact_id"]
    store.set_marks([putin], True)
    store.set_note(putin, NOTE)
    store.close()
    return path


@pytest.fixture(scope="module")
def team_db(tmp_path_factory) -> Path:
    return make_team_db(tmp_path_factory.mktemp("serve") / "team.db")


def fts_ids(path: Path, word: str) -> set[int]:
    """The facts that FTS5 itself finds for ``word`` (as Datasette quotes it: one token)."""
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?",
                                           [f'"{word}"'])}


def served(path: Path, *, metadata: bool = True) -> tuple[Datasette, str]:
    """Datasette on ``path`` as ``relexplorer serve`` configures it (or bare, as ``datasette FILE``)."""
    name = database_name(path)
    if not metadata:
        return Datasette([str(path)]), name
    store = open_store(path, create=False)
    meta = build_metadata(store, name)
    store.close()
    return Datasette([str(path)], metadata=meta, settings=SETTINGS), name


async def get_json(ds: Datasette, url: str) -> dict | list:
    response = await ds.client.get(url)
    assert response.status_code == 200, (url, response.text[:500])
    return response.json()


# -- the database itself: what plain Datasette reads -------------------------------------------


def test_datasette_finds_the_facts_views_index_in_a_new_database(team_db):
    with sqlite3.connect(team_db) as conn:
        assert detect_fts(conn, "facts") == "facts_fts"
        columns = [r[1] for r in conn.execute("PRAGMA table_info(facts)")]
    assert columns[:4] == ["id", "document", "section", "text"] and "rowid" in columns


@pytest.mark.parametrize("refuse_schema_edits", [False, True])
def test_an_older_database_is_migrated_so_that_datasette_finds_the_index(tmp_path, monkeypatch,
                                                                         refuse_schema_edits):
    """Schema 1 -> the latest through every step; where SQLite refuses to edit the schema in place (a
    'defensive' build) the index is made anew instead: the same result either way."""
    path = tmp_path / "old.db"
    write_schema_1(path, [(_other_source(), sha256_text(_other_source().text))], mark_first=False)
    if refuse_schema_edits:
        def refuse(conn, sql):
            raise sqlite3.OperationalError("table sqlite_master may not be modified")
        monkeypatch.setattr("relexplorer.store.connection._rewrite_schema_entry", refuse)
    store = open_store(path)
    assert [h.text for h in search(store, "customs").hits] == [_other_source().facts[0].text]
    store.db.execute("INSERT INTO facts_fts (facts_fts, rank) VALUES ('integrity-check', 1)")
    assert store.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    store.close()
    with sqlite3.connect(path) as conn:  # a new connection, as Datasette's, reads the new schema
        assert detect_fts(conn, "facts") == "facts_fts"
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'facts_fts'").fetchone()[0]
    # Schema 5 made the index anew, of words as written (relexplorer.stems): no porter stemmer.
    assert 'content="facts"' in sql and "porter" not in sql


async def test_plain_datasette_searches_the_facts_view(team_db):
    """``datasette FILE`` with no metadata: the README's promise."""
    ds, name = served(team_db, metadata=False)
    data = await get_json(ds, f"/{name}/facts.json?_search=gazprom&_size=50")
    ids = {row[data["columns"].index("id")] for row in data["rows"]}
    assert ids == fts_ids(team_db, "gazprom") and len(ids) >= 2
    assert data["filtered_table_rows_count"] == len(ids)
    assert all("gazprom" in row[data["columns"].index("text")].lower() for row in data["rows"])


# -- relexplorer's metadata -----------------------------------------------------------------


def test_every_table_and_column_is_described(team_db):
    store = open_store(team_db, create=False)
    columns = schema_columns(store)
    meta = build_metadata(store, "team")
    store.close()
    assert {"facts", "facts_fts", "figures", "documents", "speakers", "notes"} <= set(columns)
    assert not any(name.startswith("facts_fts_") for name in columns)  # FTS5's own tables
    missing = [f"{t}.{c}" for t, cols in columns.items() for c in cols if c not in TABLES.get(t, ("", {}))[1]]
    assert not missing, f"describe these in serve/descriptions.py: {missing}"
    tables = meta["databases"]["team"]["tables"]
    assert all(tables[t]["description"] for t in columns)
    assert tables["facts"]["fts_table"] == "facts_fts" and tables["facts"]["fts_pk"] == "id"


async def test_search_on_the_facts_view_returns_only_matching_facts(team_db):
    ds, name = served(team_db)
    data = await get_json(ds, f"/{name}/facts.json?_search=trade&_size=100")
    cols = data["columns"]
    expected = fts_ids(team_db, "trade")
    assert {row[cols.index("id")] for row in data["rows"]} == expected
    assert data["filtered_table_rows_count"] == len(expected) >= 5
    # Words as written (the stems are the explorer's own search): nothing but "trade" matches.
    assert all(re.search(r"\btrad", row[cols.index("text")], re.I) for row in data["rows"])
    assert data["human_description_en"] == 'where search matches "trade"'
    nothing = await get_json(ds, f"/{name}/facts.json?_search=zzzyzzy")
    assert nothing["rows"] == [] and nothing["filtered_table_rows_count"] == 0


async def test_facets_count_the_matching_facts(team_db):
    ds, name = served(team_db)
    data = await get_json(ds, f"/{name}/facts.json?_search=trade")
    facets = {key: {r["value"]: r["count"] for r in f["results"]} for key, f in data["facet_results"].items()}
    ids = sorted(fts_ids(team_db, "trade"))
    marks = ",".join("?" * len(ids))
    with sqlite3.connect(team_db) as conn:
        by_document = Counter(r[0] for r in conn.execute(
            f"SELECT d.slug FROM fact_spans s JOIN documents d ON d.id = s.document_id WHERE s.id IN ({marks})", ids))
        by_topic = Counter(r[0] for r in conn.execute(
            f"SELECT t.name FROM fact_topics ft JOIN topics t ON t.id = ft.topic_id WHERE ft.fact_id IN ({marks})", ids))
        kinds = Counter(r[0] for r in conn.execute("SELECT kind FROM figures"))
    assert facets["document"] == dict(by_document) and len(by_document) == 3
    assert facets["topics"] == dict(by_topic)
    assert sum(facets["section"].values()) == len(ids)
    figures = await get_json(ds, f"/{name}/figures.json")
    assert {r["value"]: r["count"] for r in figures["facet_results"]["kind"]["results"]} == dict(kinds)
    # Choosing a facet value narrows the rows and the other facets.
    slug = by_document.most_common(1)[0][0]
    narrowed = await get_json(ds, f"/{name}/facts.json?_search=trade&document={urllib.parse.quote(slug)}")
    assert narrowed["filtered_table_rows_count"] == by_document[slug]


async def test_foreign_keys_show_titles_and_names(team_db):
    ds, name = served(team_db)
    data = await get_json(ds, f"/{name}/fact_speakers.json?_labels=on&_shape=array&_size=max")
    with sqlite3.connect(team_db) as conn:
        names = dict(conn.execute("SELECT id, name FROM speakers").fetchall())
    assert data and all(row["speaker_id"]["label"] == names[row["speaker_id"]["value"]] for row in data)
    assert "Vladimir Putin" in {row["speaker_id"]["label"] for row in data}
    figures = await get_json(ds, f"/{name}/figures.json?_labels=on&_shape=array&kind=money&_sort_desc=value")
    assert {f["document_id"]["label"] for f in figures} >= {"Trade and Energy Between Two Neighbours",
                                                             "Another View of Trade"}
    assert [f["value"] for f in figures] == sorted((f["value"] for f in figures), reverse=True)


async def _canned(ds, name, query, **params) -> list[dict]:
    return await get_json(ds, f"/{name}/{query}.json?_shape=array&{urllib.parse.urlencode(params)}")


async def test_canned_queries_answer_the_common_questions(team_db):
    ds, name = served(team_db)
    money = await _canned(ds, name, "figures_by_value", kind="money", unit="")
    with sqlite3.connect(team_db) as conn:
        expected = sorted((r[0] for r in conn.execute("SELECT value FROM figures WHERE kind = 'money'")), reverse=True)
        putin_text = conn.execute("SELECT f.text FROM facts f JOIN fact_speakers s ON s.fact_id = f.id "
                                  "JOIN speakers p ON p.id = s.speaker_id WHERE p.name = 'Vladimir Putin' "
                                  "AND f.text LIKE '%Vladimir Putin%'").fetchone()[0]
        putin_facts = {r[0] for r in conn.execute(
            "SELECT f.text FROM facts f JOIN fact_speakers s ON s.fact_id = f.id "
            "JOIN speakers p ON p.id = s.speaker_id WHERE p.name LIKE '%putin%'")}
    assert [r["value"] for r in money] == expected
    assert {r["unit"] for r in await _canned(ds, name, "figures_by_value", kind="money", unit="usd")} == {"USD"}

    series = await _canned(ds, name, "series")
    # The bundled sample's own series (found at ingest) are listed too; this one is hand-built.
    assert [(r["series"], r["figures"], r["documents"], r["first_year"]) for r in series
            if r["series"] == SERIES] == [(SERIES, 2, 2, 2017)]
    assert "trade:china+russia|money" in {r["series"] for r in series}
    years = await _canned(ds, name, "series_over_years", series=SERIES)
    assert [(r["year"], r["value"], r["source"]) for r in years] == [  # by year, then by date
        (2017, 80e9, "Customs Weekly"), (2017, 84.071e9, "Journal of Neighbours")]
    disagreements = await _canned(ds, name, "series_disagreements")
    assert [(r["series"], r["year"], r["lowest"], r["highest"]) for r in disagreements] == [
        (SERIES, 2017, 80e9, 84.071e9)]

    said = await _canned(ds, name, "facts_of_speaker", speaker="putin")
    assert {r["fact"] for r in said} == putin_facts and putin_text in putin_facts
    assert {r["speaker"] for r in said} == {"Vladimir Putin"}
    assert ("Vladimir Putin", putin_text, "Vladimir Putin") in {(r["speaker"], r["fact"], r["cue"]) for r in said}
    marked = await _canned(ds, name, "marked_facts")
    assert [(r["fact"], r["note"], r["tags"]) for r in marked] == [(putin_text, NOTE, "trade verify")]
    assert [r["note"] for r in await _canned(ds, name, "notes", tag="#verify")] == [NOTE]
    assert await _canned(ds, name, "notes", tag="verif") == []  # a whole tag, not a part of one
    assert len(await _canned(ds, name, "notes", tag="")) == 1


# Tables that a canned query may read whole: the user's own rows, the speakers, and the figures
# through their partial index of series (the figures that belong to one). Everything else must be
# reached by an index: at a million facts a scan of figures, facts or documents takes seconds.
SMALL_SCANS = re.compile(r"SCAN (m|n|p)\b|SCAN figures USING INDEX figures_series|SCAN j\b")


def test_canned_queries_read_large_tables_only_through_indexes(team_db):
    """Without ANALYZE statistics (relexplorer runs none) SQLite plans from the schema alone, so
    the plans on this small file are those at a million facts."""
    with sqlite3.connect(team_db) as conn:
        for query in CANNED_QUERIES:
            plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {query.sql}", dict.fromkeys(query.params, "x"))]
            scans = [step for step in plan if step.startswith("SCAN") and not SMALL_SCANS.match(step)]
            assert not scans, (query.name, plan)


def test_every_canned_query_has_its_parameters_declared():
    for query in CANNED_QUERIES:
        assert set(re.findall(r":(\w+)", query.sql)) == set(query.params), query.name
        assert not re.search(r"\b(INSERT|UPDATE|DELETE|DROP|CREATE)\b", query.sql), query.name


# -- the command ---------------------------------------------------------------------------


def _start(db: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """``relexplorer serve`` as a process on a free port; its base URL from its first line."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-m", "relexplorer", "--db", str(db), "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(60)
    if not first or "http://" not in first[0]:
        proc.kill()
        pytest.fail(f"no URL from relexplorer serve: {first} {proc.stderr.read()[-2000:]}")
    return proc, re.search(r"http://\S+", first[0]).group(0)


def _http_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def test_serve_as_a_process_while_another_process_ingests(tmp_path):
    db = make_team_db(tmp_path / "shared.db")
    proc, base = _start(db, "--stop-after", "120")
    try:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/shared")
        rows = _http_json(f"{base}/facts.json?_search=gazprom&_shape=array")
        assert {r["id"] for r in rows} == fts_ids(db, "gazprom")
        assert _http_json(f"{base}/marked_facts.json?_shape=array")[0]["note"] == NOTE
        assert _http_json(f"{base}/facts.json?_search=walruses&_shape=array") == []

        article = tmp_path / "walruses.txt"
        article.write_text("Walrus Diplomacy\n\nBy Ann Analyst\n\nWalruses crossed the Bering Strait in 2019. "
                           "Officials counted 3,000 walruses on the ice.\n", encoding="utf-8")
        ingest = subprocess.run([sys.executable, "-m", "relexplorer", "--db", str(db), "ingest", str(article)],
                                capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(SRC)},
                                timeout=120)
        assert ingest.returncode == 0, ingest.stderr
        rows = _http_json(f"{base}/facts.json?_search=walruses&_shape=array")
        assert rows and all("walrus" in r["text"].lower() for r in rows)
        assert len({r["document"] for r in rows}) == 1  # the new document, with its slug
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Stopped." in err and "Traceback" not in err


def test_serve_stops_by_itself_and_the_file_is_unchanged(team_db, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(team_db.read_bytes())
    before = db.read_bytes()
    started = time.monotonic()
    proc, base = _start(db, "--stop-after", "1")
    _http_json(f"{base}/facts.json?_search=trade&_size=5")
    proc.communicate(timeout=60)
    assert proc.returncode == 0 and time.monotonic() - started < 60
    assert db.read_bytes() == before  # read-only: nothing was written


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_busy_port_is_one_clear_line(team_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = _invoke("--db", str(team_db), "serve", "--port", str(port))
    assert result.exit_code == 1
    assert re.fullmatch(rf"relexplorer: cannot listen on 127\.0\.0\.1:{port} \(.+\); choose another --port\n",
                        result.output)


def test_the_address_printed_is_the_one_that_answers(monkeypatch):
    local = listen("127.0.0.1", 0)
    everywhere = listen("0.0.0.0", 0)  # bound only: no traffic leaves this machine
    try:
        assert local.url == f"http://127.0.0.1:{local.socket.getsockname()[1]}" and not local.everywhere
        assert everywhere.everywhere
        assert everywhere.url == f"http://{socket.gethostname()}:{everywhere.socket.getsockname()[1]}"
    finally:
        local.socket.close()
        everywhere.socket.close()

    def no_such_host(*args, **kwargs):  # no name is looked up: this machine has no resolver to ask
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(ServeError, match=r"cannot listen on 'teamserver': unknown address"):
        listen("teamserver", 0)


def test_a_missing_or_foreign_database_is_refused(tmp_path):
    missing = tmp_path / "typo.db"
    result = _invoke("--db", str(missing), "serve")
    assert result.exit_code == 1 and "no such database" in result.output
    assert not missing.exists()  # not created on the way
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = _invoke("--db", str(foreign), "serve")
    assert result.exit_code == 1 and "not a relexplorer database" in result.output


def test_metadata_for_datasette_is_printed_for_a_team_server(team_db):
    result = _invoke("--db", str(team_db), "serve", "--metadata")
    assert result.exit_code == 0, result.output
    meta = json.loads(result.output)
    assert set(meta["databases"]) == {"team"}
    assert set(meta["databases"]["team"]["queries"]) == {q.name for q in CANNED_QUERIES}


def test_without_datasette_the_error_says_how_to_install_it(team_db):
    blocked = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('datasette', 'uvicorn'):\n"
        "            raise ImportError('not installed')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from relexplorer.cli import main\n"
        f"main(['--db', {str(team_db)!r}, 'serve'])\n"
    )
    result = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(SRC)})
    assert result.returncode == 1
    assert result.stderr == ("relexplorer: serving needs Datasette, which is not installed: "
                             "pip install 'relexplorer[serve]'\n")
