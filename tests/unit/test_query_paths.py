"""The query layer's two ways of applying a filter (listing its facts once, or testing each
candidate) and its one-pass page-and-count give exactly the same results."""

from __future__ import annotations

import pytest

from benchmarks import corpus
from relexplorer.ingest import ingest_source
from relexplorer.read import read_text
from relexplorer.search import build_sql, parse_query, search
from relexplorer.search import sql as search_sql
from relexplorer.search.sql import ORDER
from relexplorer.store import open_store

QUERIES = [
    "trade", "t", "co", "coop", '"bilateral trade"', "trade -energy", "-cooperation", "topic:energy",
    "trade topic:energy", "year:2017", "kind:money value>1e9", "percent>20", "trade percent>20",
    "person:putin", "org:rosneft", "place:harbin", "section:II", "section:I.A", "unit:USD",
    "oil unit:USD value>1e9", "money>=1bn", "energy year>=2015", "doc:a", "the kind:money",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("paths") / "paths.db")
    for a in corpus.articles(3_000):
        ingest_source(s, read_text(a.text, a.fmt))
    yield s
    s.close()


def _run(store, text, **kw):
    r = search(store, text, **kw)
    return [h.id for h in r.hits], r.total, r.total_exact


@pytest.mark.parametrize("text", QUERIES)
def test_dense_and_sparse_filters_agree(store, monkeypatch, text):
    monkeypatch.setattr(search_sql, "_dense_threshold", lambda store, cap: 10**12)
    listed = _run(store, text, limit=50, count_cap=200)
    monkeypatch.setattr(search_sql, "_dense_threshold", lambda store, cap: -1)
    tested = _run(store, text, limit=50, count_cap=200)
    assert listed == tested
    # Without planning, build_sql lists every filter: the same ids again.
    sql, params, _ = build_sql(parse_query(text), store, plan=False)
    plain = [r["id"] for r in store.rows(sql + ORDER + " LIMIT 50", params)]
    assert plain == listed[0]


@pytest.mark.parametrize("text", ["trade", "topic:energy", "c"])
def test_pages_and_counts_agree_with_exact_counting(store, text):
    exact = search(store, text, limit=10_000, count_cap=0)
    ids = [h.id for h in exact.hits]
    assert ids == sorted(ids)
    for offset in (0, 50, 150, 990):
        page = search(store, text, limit=50, offset=offset, count_cap=1000)
        assert [h.id for h in page.hits] == ids[offset : offset + 50]
        assert page.total == min(exact.total, 1000)
        assert page.total_exact == (exact.total <= 1000)
    ranked = search(store, text, limit=20, order="rank")
    assert {h.id for h in ranked.hits} <= set(ids)
