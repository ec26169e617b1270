"""Hostile search and display: any query gives results or one clear line, never an exception and
never a changed database; source text full of markup, escapes and odd scripts is shown literally.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from relexplorer import catalog
from relexplorer.errors import QueryError
from relexplorer.ingest import ensure_sample
from relexplorer.search import (
    ENTITY_FIELDS,
    ID_FIELDS,
    MAX_QUERY_LENGTH,
    NUMERIC_FIELDS,
    TEXT_FIELDS,
    highlight_spans,
    parse_query,
    search,
)
from relexplorer.store import open_store
from tests.helpers.hostile import SENTENCES, cli, db_checksum, hostile_document

# -- a database holding the sample and a document written to break the display ----------------

@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "hostile.db"
    store = open_store(path)
    ensure_sample(store)
    doc, sha = hostile_document()
    store.add_document(doc, sha256=sha, taxonomy_labels={"[bold]topic[/]": "[red]Topic[/red] \x1b[7m"})
    store.close()
    return path


@pytest.fixture(scope="module")
def store(db):
    store = open_store(db)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def unchanged(request):
    """No test in this module may change the database."""
    if "db" not in request.fixturenames:
        yield
        return
    path = request.getfixturevalue("db")
    before = db_checksum(path)
    yield
    assert db_checksum(path) == before, "the database changed"


# -- queries ---------------------------------------------------------------------------------

FRAGMENTS = [
    '"', '""', "'", "NEAR", "NEAR(", "NEAR(a b, 2)", "OR", "AND", "NOT", "*", "^", "-", "+", "(", ")",
    ":", "{", "}", "text:x", "{text}: x", "facts_fts:", "rank:", "rowid:1", "'; DROP TABLE facts; --",
    '"; DELETE FROM documents; --', "%", "_", "\\", "\x00", "\x1b[2J", "\u202e", "🇨🇳", "中俄", "trade",
    "china", "percent", "1e309", "nan", "inf", "-0", "9" * 400, "0x10", "1,000", "2.5bn", "20%", "..",
    "I.A", "I..", ".", "=", ">", ">=", "<", "<=", "!=", "[bold]", "[/]", "$", "e\u0301", "\ufeff",
    *[f"{f}:" for f in TEXT_FIELDS], *[f"{f}:" for f in ID_FIELDS], *NUMERIC_FIELDS, *ENTITY_FIELDS,
]


@st.composite
def hostile_query(draw) -> str:
    pieces = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=12))
    seps = draw(st.lists(st.sampled_from(["", " ", "  ", '"', ":", "-"]), min_size=len(pieces),
                         max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True))


QUERIES = st.one_of(hostile_query(), st.text(max_size=200))
KNOWN_NASTY = [
    "", " ", '"', '"unbalanced', 'trade "', "NEAR(trade china)", "trade OR china", "trade*", "^trade",
    "text:trade", "{text}: trade", "'; DROP TABLE facts; --", "\x00", "a\x00b", "x" * 10_000,
    "x " * (MAX_QUERY_LENGTH // 2), 'document_id:"abc"', 'section_id:"1 OR 1=1"', 'weird:"x"',
    '-topic:"trade"', "value>1e999", "value>nan", "year:99999999999999999999999", "percent>", "kind:",
    "kind:\x1b[2Jx", "is:nothing", "[/foo]", "[bold red]x[/]", "section:.", 'section:"a..b"', "-",
    "--", '-"', "doc:%", "org:_", "unit:'", "http://example.com", "12:30", "a_b:c", "é", "e\u0301",
    # OR and groups (issue 10): odd shapes get a reading or a message, never a traceback.
    "trade OR", "OR", "OR OR", "OR trade", ")(", "-(", "()", "(gas OR topic:energy", "a OR -", "-(-a)",
    "(" * 1999, "(a OR " * 300, " OR ".join(["trade"] * 200), " OR ".join(f"topic:t{i}" for i in range(150)),
    " ".join(f"(a{i} OR year:{2000 + i})" for i in range(8)), "speaker:", "speaker:author", "has:x",
    "tag:#", "note:)", 'note:"', "-(speaker:author OR has:note)",
]


def check_search(store, query: str) -> None:
    try:
        parsed = parse_query(query)
        parsed.describe()
        result = search(store, parsed, limit=20)
    except QueryError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message
        # A bad query is named by the parser; "cannot run" is SQLite refusing a statement, which
        # quoted tokens never cause: seeing it here means a bug was dressed up as a bad query.
        assert not message.startswith("cannot run this query"), message
        return
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for s, e in highlight_spans(hit.text, result.query):
            assert 0 <= s < e <= len(hit.text)


@pytest.mark.parametrize("query", KNOWN_NASTY, ids=lambda q: repr(q[:30]))
def test_known_nasty_queries(store, db, query):
    check_search(store, query)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
@example(query="document_id:" + '"' + "x")
def test_any_query_gives_results_or_a_query_error(store, db, query):
    check_search(store, query)


def check_cli(db, *args: str) -> None:
    result = cli(db, *args, env={"COLUMNS": "200"})
    assert "Traceback" not in result.output and "internal error" not in result.stderr, result.stderr
    if result.exit_code == 0:
        if "json" in args:
            json.loads(result.stdout)
        return
    assert result.exit_code == 1, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("relexplorer: "), result.stderr
    assert "\x1b" not in result.stderr


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, command=st.sampled_from([("search", "--format", "json"), ("search",),
                                                ("search", "--order", "rank", "--format", "csv"),
                                                ("figures",), ("export",), ("series",),
                                                ("series", "--format", "json")]))
@example(query="[/foo]", command=("search",))
@example(query='document_id:"abc"', command=("figures",))
def test_any_query_through_the_cli(db, query, command):
    check_cli(db, command[0], *command[1:], "--", query)


@pytest.mark.parametrize("query", KNOWN_NASTY, ids=lambda q: repr(q[:30]))
def test_known_nasty_queries_through_the_cli(db, query):
    check_cli(db, "search", "--", query)
    check_cli(db, "series", "--", query)


def test_long_query_is_refused_clearly(db):
    result = cli(db, "search", "trade " * 2000)
    assert result.exit_code == 1 and "too long" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sql_in_a_query_is_only_ever_data(store, db):
    for query in ("'; DROP TABLE facts; --", 'doc:"x\'; DROP TABLE documents; --"',
                  "topic:%' OR 1=1 --", "place:') UNION SELECT sql FROM sqlite_master --"):
        check_search(store, query)
    assert catalog.counts(store).documents == 2


# -- display ---------------------------------------------------------------------------------

UNSAFE = ["\x1b", "\x07", "\x08", "\r", "\x7f", "\x9b", "\x00", "\u202e", "\u2067", "\u2069"]


def _table_lines(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    end = next(i for i, line in enumerate(lines) if line.startswith("└"))
    return lines[start:end + 1]


def check_display(output: str, literals: list[str]) -> None:
    for ch in UNSAFE:
        assert ch not in output, f"{ch!r} reached the terminal"
    for text in literals:
        assert text in output, f"{text!r} not shown literally"
    widths = {cell_len(line) for line in _table_lines(output)}
    assert len(widths) == 1, f"table rows have different widths: {widths}"


@pytest.mark.parametrize("args, literals", [
    (("search", "markup"), ["[bold red]x[/]", "[link=http://evil]click[/link]"]),
    (("search", "escaped"), ["\\[bold]", "[/]", "[/nope]"]),
    (("search", "", "--limit", "1000"), ["[bold red]x[/]", "العربية", "עברית", "中华人民共和国", "🇨🇳", "esrever"]),
    (("search", "doc:bold-red-hostile"), ["␛[31mred␛[0m", "␇", "␈", "␍"]),
    (("search", "[bold red]x[/]"), ["[bold red]x[/]"]),  # the query, echoed in the title
    (("documents",), ["[bold red]Hostile[/]", "[link=http://evil]Author[/link]"]),
    (("figures",), ["[bold red]x[/]", "[i]u[/i]", "[blink]label[/]"]),
    (("entities",), ["[red]Evil[/red]"]),
    (("topics",), ["[bold]topic[/]", "[red]Topic[/red]"]),
])
def test_source_text_is_displayed_literally(db, args, literals):
    result = cli(db, *args, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    check_display(result.stdout + result.stderr, literals)


def test_json_output_keeps_the_exact_text(db):
    result = cli(db, "search", "doc:bold-red-hostile", "--format", "json", "--limit", "100")
    texts = [h["text"] for h in json.loads(result.stdout)]
    assert texts == SENTENCES


def test_odd_database_path_is_shown_literally(tmp_path):
    folder = tmp_path / "a["
    folder.mkdir()
    article = tmp_path / "a.txt"
    article.write_text(SENTENCES[0] * 20, encoding="utf-8")
    for name in ("a[/]b.db", "[bold]x[/bold].db"):
        result = cli(tmp_path / name, "ingest", str(article), env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        assert name in result.stdout.replace("\n", "")


def test_error_messages_are_one_safe_line(db):
    for args in (("search", "kind:\x1b[2Jx\nsecond line"), ("remove", "no\x1b[2Jsuch\nslug"),
                 ("search", "is:\u202emarked")):
        result = cli(db, *args)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        for ch in UNSAFE:
            assert ch not in result.stderr


@pytest.mark.parametrize("unquoted, quoted", [
    ("weird:x", 'weird:"x"'), ("document_id:3", 'document_id:"3"'), ("-topic:trade", '-topic:"trade"'),
])
def test_quoted_filters_follow_the_unquoted_rules(store, db, unquoted, quoted):
    """A quoted value must not smuggle in a filter the parser would refuse or ignore."""
    outcomes = []
    for q in (unquoted, quoted):
        try:
            parsed = parse_query(q)
            outcomes.append(("ok", parsed.filters))
        except QueryError as exc:
            outcomes.append(("error", str(exc).split("(")[0]))
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("args", [
    ("mark", "99999999999999999999999"), ("mark", "--", "-99999999999999999999999"),
    ("entities", "--limit", "99999999999999999999999"), ("figures", "--limit", "99999999999999999999999"),
    ("search", "trade", "--offset", "99999999999999999999999"),
    ("export", "trade", "--limit", "99999999999999999999999"),
])
def test_huge_numbers_in_options(db, args):
    """Numbers beyond SQLite's 64 bits are refused or clamped, never an OverflowError."""
    result = cli(db, *args)
    assert "internal error" not in result.stderr and "Traceback" not in result.output, result.stderr
    assert result.exit_code in (0, 2), result.output
