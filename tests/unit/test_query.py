"""Query: the search syntax parses as documented and finds what it says."""

from __future__ import annotations

import pytest

from relexplorer import catalog
from relexplorer.errors import QueryError
from relexplorer.ingest import ingest_source
from relexplorer.read import read_text
from relexplorer.search import fts_expression, highlight_spans, parse_number, parse_query, search
from relexplorer.store import open_store

ARTICLE = """Pipelines and Ports: Norway and Poland

By Anna Berg

I. Energy

Norway and Poland signed a gas agreement in 2019. The Baltic Pipe carries 10 billion cubic meters of gas a year.

Gas prices rose by 35 percent in 2021. Oil trading fell by 5 percent.

II. Trade

Bilateral trade reached $12.5 billion in 2020. Trade in fish grew by 12 percent.

Strategic partnership talks continued. The strategic dialogue on partnership was postponed.
"""


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "q.db")
    ingest_source(s, read_text(ARTICLE))
    yield s
    s.close()


def texts(store, q, **kw):
    return [h.text for h in search(store, q, **kw).hits]


def test_words_match_as_prefixes_and_all_must_match(store):
    assert all("trad" in t.lower() for t in texts(store, "trad"))
    assert any("Oil trading" in t for t in texts(store, "trade"))  # stemmed
    both = texts(store, "gas pipe")
    assert both and all("gas" in t.lower() and "pipe" in t.lower() for t in both)


def test_phrase_and_exclusion(store):
    phrase = texts(store, '"strategic partnership"')
    assert phrase == ["Strategic partnership talks continued."]
    loose = texts(store, "strategic partnership")
    assert len(loose) == 2
    assert texts(store, "strategic -talks") == ["The strategic dialogue on partnership was postponed."]
    assert all("gas" not in t.lower() for t in texts(store, "-gas"))


def test_numeric_filters_hold_for_the_same_figure(store):
    over_20 = texts(store, "percent>20")
    assert over_20 == ["Gas prices rose by 35 percent in 2021."]
    assert texts(store, "percent>20 trade") == []
    money = texts(store, "value>1e9 unit:USD")
    assert money == ["Bilateral trade reached $12.5 billion in 2020."]
    assert texts(store, "kind:money value<1e9") == []


def test_section_and_doc_filters(store):
    in_two = texts(store, "section:II")
    assert in_two and all(t in ARTICLE.split("II. Trade")[1] for t in in_two)
    slug = store.rows("SELECT slug FROM documents")[0]["slug"]
    assert len(texts(store, f"doc:{slug[:6]}", limit=100)) == catalog.counts(store).facts
    assert texts(store, "doc:no-such-document") == []


def test_marked_filter(store):
    first = search(store, "gas").hits[0]
    store.set_marks([first.id], True)
    assert [h.id for h in search(store, "is:marked").hits] == [first.id]


def test_empty_query_lists_everything_in_document_order(store):
    result = search(store, "", limit=1000)
    ids = [h.id for h in result.hits]
    assert ids == sorted(ids) and result.total == catalog.counts(store).facts and result.total_exact


def test_count_is_capped_but_says_so(store):
    result = search(store, "", limit=2, count_cap=3)
    assert len(result.hits) == 2
    assert result.total == 3 and not result.total_exact and result.total_label == "3+"


@pytest.mark.parametrize("bad, message", [
    ("foo:bar", "unknown filter"),
    ("topic:", "needs a value"),
    ("value>abc", "not a number"),
    ("percent>", "needs a number"),
    ("kind:flux", "unknown figure kind"),
    ("year:twenty", "not a year"),
    ("x" * 5000, "too long"),
])
def test_invalid_queries_say_what_is_wrong(store, bad, message):
    with pytest.raises(QueryError, match=message):
        search(store, bad)


@pytest.mark.parametrize("odd", ['"unbalanced', "NEAR(a b)", "a OR b", "^x *", "text:gas", "{text}: gas",
                                 "'; DROP TABLE facts; --", "\x00gas", "💥", "-", '""', "a AND", "(((", "gas*"])
def test_odd_input_never_escapes_as_an_exception(store, odd):
    before = catalog.counts(store)
    try:
        result = search(store, odd)
    except QueryError as exc:  # a clear message is an answer too
        assert str(exc) and "\n" not in str(exc)
    else:
        assert result.total >= 0
    assert catalog.counts(store) == before


def test_fts_expression_quotes_every_token():
    q = parse_query('NEAR gas "a OR b" -x*')
    assert fts_expression(q.terms) == '("near"* AND "gas"* AND "a or b") NOT "x"'


def test_parse_number_forms():
    assert parse_number("1e9") == 1e9
    assert parse_number("2.5bn") == 2.5e9
    assert parse_number("1,000") == 1000
    assert parse_number("300m") == 3e8
    assert parse_number("20%") == 20


def test_highlight_spans_cover_prefixes_and_phrases():
    q = parse_query('trad "gas prices"')
    text = "Gas prices and trading and Trade"
    assert [text[s:e] for s, e in highlight_spans(text, q)] == ["Gas prices", "trading", "Trade"]


def test_section_labels_do_not_match_heading_words(tmp_path):
    store = open_store(tmp_path / "s.db")
    ingest_source(store, read_text(
        "Ports and Pipes\n\nI. Energy Ties\n\nGas flows grew last year.\n\n"
        "II. Investment In Ports\n\nPort investment doubled.\n"))
    assert texts(store, "section:I") == ["Gas flows grew last year."]
    assert texts(store, "section:invest") == ["Port investment doubled."]


def test_entity_filters_prefer_the_exact_name(tmp_path):
    store = open_store(tmp_path / "e.db")
    ingest_source(store, read_text(
        "Sea Lanes\n\nChina and Vietnam met in Hanoi.\n\nPatrols in the South China Sea grew.\n\n"
        "President Vladimir Putin visited Hanoi.\n"))
    names = {r["name"] for r in store.rows("SELECT name FROM entities WHERE kind = 'place'")}
    assert {"China", "South China Sea"} <= names
    assert texts(store, "place:china") == ["China and Vietnam met in Hanoi."]
    assert texts(store, "place:south") == ["Patrols in the South China Sea grew."]
    assert texts(store, "person:putin") == ["President Vladimir Putin visited Hanoi."]


def test_doc_filter_prefers_the_exact_slug(tmp_path):
    store = open_store(tmp_path / "d.db")
    a = ingest_source(store, read_text("Ports\n\nThe first port opened.\n"))
    b = ingest_source(store, read_text("Ports\n\nThe second port opened.\n"))
    assert b.slug.startswith(a.slug) and b.slug != a.slug
    assert texts(store, f"doc:{a.slug}") == ["The first port opened."]
    assert len(texts(store, f"doc:{a.slug[:3]}")) == 2
