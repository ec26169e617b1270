"""Search precision (issue 14) and OR (issue 10): a typed word finds the facts with a word starting
with it or sharing its stem, and nothing else; OR and parentheses combine words, phrases, groups
and filters; highlighting marks exactly the words that matched.

The property tests take the vocabulary of real labelled articles (tests/data/series) and compare
every search with the rule worked out here, from the fact texts, with a tokenizer and the Snowball
stemmer of their own.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import snowballstemmer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relexplorer.errors import QueryError
from relexplorer.ingest import ingest_source
from relexplorer.read import read_text
from relexplorer.search import highlight_spans, matching_figures, matching_ids, parse_query, search
from relexplorer.store import open_store
from tests.helpers.hostile import cli
from tests.helpers.paths import DATA

_WORD = re.compile(r"[^\W_]+")
_STEM = snowballstemmer.stemmer("english").stemWord
ARTICLES = sorted((DATA / "series").glob("*/*.txt"))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@cache
def _stem(word: str) -> str:
    return _STEM(word) if word.isascii() and word.isalpha() else word


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The labelled real articles, ingested; with every fact's text by id."""
    store = open_store(tmp_path_factory.mktemp("precision") / "real.db")
    for path in ARTICLES:
        ingest_source(store, read_text(Path(path).read_text("utf-8"), "txt"))
    facts = {r["id"]: r["text"] for r in store.rows("SELECT id, text FROM facts")}
    words = {i: sorted(set(_words(text))) for i, text in facts.items()}
    yield store, facts, words
    store.close()


@pytest.fixture(scope="module")
def facts_of(real):
    """Each word of the articles with the ids of the facts that have it."""
    out: dict[str, set[int]] = {}
    for fact_id, ws in real[2].items():
        for w in ws:
            out.setdefault(w, set()).add(fact_id)
    return out


def _all_ids(store, query: str) -> list[int]:
    """Every match, with the count the explorer shows checked against them."""
    ids = matching_ids(store, parse_query(query), 100_000)
    assert search(store, query, limit=1, count_cap=0).total == len(ids)
    return ids


def _vocabulary(facts: dict[int, str]) -> list[str]:
    return sorted({w for text in facts.values() for w in _words(text) if w.isalpha() and len(w) >= 3})


def test_the_real_articles_are_there(real):
    store, facts, _ = real
    assert len(ARTICLES) >= 10 and len(facts) > 500


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_prefix_of_a_word_finds_exactly_the_rule(real, facts_of, data):
    """For a word of the articles and each of its prefixes: every hit has a word starting with the
    prefix or sharing the stem of the complete word (the issue's property) - and, more strictly,
    the hits are exactly the facts with a word starting with the prefix or of the prefix's own
    stem (the prefix taken as a complete word, which it may be: "arms" in "armstrong")."""
    store, facts, words = real
    word = data.draw(st.sampled_from(_vocabulary(facts)))
    for n in range(1, len(word) + 1):
        prefix = word[:n]
        hits = _all_ids(store, prefix)
        for fact_id in hits:
            assert any(w.startswith(prefix) or _stem(w) in (_stem(word), _stem(prefix)) for w in words[fact_id]), \
                (prefix, facts[fact_id])
        expected = sorted(set().union(*(ids for w, ids in facts_of.items()
                                        if w.startswith(prefix) or _stem(w) == _stem(prefix))))
        assert hits == expected, prefix


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_highlighting_marks_exactly_the_matching_words(real, data):
    store, facts, _ = real
    word = data.draw(st.sampled_from(_vocabulary(facts)))
    query = parse_query(word)
    for hit in search(store, word, limit=20).hits:
        marked = [hit.text[s:e].lower() for s, e in highlight_spans(hit.text, query)]
        wanted = [w for w in _words(hit.text) if w.startswith(word) or _stem(w) == _stem(word)]
        assert marked == wanted


# -- the issue's table, as plain cases --------------------------------------------------------------

ISSUE_ARTICLE = """Gas, Ties and Plans

By A. Writer

Gas supplies to China rose sharply. The gases leaked from the plant's old pipes.
China will certainly gain the understanding of Russia. That is China's Arctic gambit.
Gazprom charges its European customers more. Bilateral ties improved after the summit.
He met President Putin five times. At the best of times the talks were hard.
The plans for a new pipeline are ready. A nuclear power plant was built in 2019.
Trading grew fast. Trade fell by 5 percent. Oil prices rose. Coal is dirty. Oil and coal still mix.
The strategic partnership deepened. The alliance held. Strategic partnerships are rare.
"""


@pytest.fixture(scope="module")
def issue(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("issue") / "issue.db")
    ingest_source(store, read_text(ISSUE_ARTICLE))
    yield store
    store.close()


def texts(store, query: str) -> list[str]:
    return [h.text for h in search(store, query, limit=1000).hits]


@pytest.mark.parametrize("typed, never", [
    ("gas", ["gain", "gambit", "Gazprom"]),
    ("ties", ["times"]),
    ("plans", ["plant"]),
])
def test_the_issue_table(issue, typed, never):
    found = texts(issue, typed)
    assert found
    for text in found:
        assert not any(w in text for w in never) or any(w.startswith(typed) for w in _words(text)), text
    assert all(any(w.startswith(typed) or _stem(w) == _stem(typed) for w in _words(t)) for t in found)


def test_a_word_finds_its_stem_and_longer_words(issue):
    assert any("Trading" in t for t in texts(issue, "trade"))  # same stem
    assert any("gases" in t for t in texts(issue, "gas"))  # starts so
    assert texts(issue, "tradi") == [t for t in texts(issue, "trade") if "Trading" in t]
    # Every prefix on the way finds something: the porter index lost "coopera" and "investm".
    for n in range(1, len("pipeline") + 1):
        assert texts(issue, "pipeline"[:n])


def test_the_same_rule_in_figures_export_and_counts(issue):
    gas_facts = {h.id for h in search(issue, "gas").hits}
    assert search(issue, "gas").total == len(gas_facts) == 2
    assert {f.fact_id for f in matching_figures(issue, parse_query("gas OR trade"))} <= \
        gas_facts | {h.id for h in search(issue, "trade").hits}
    # "A nuclear power plant was built in 2019" has a figure, but is no hit of "plans".
    assert not matching_figures(issue, parse_query("plans"))
    exported = cli(issue.path, "export", "gas", "--format", "json")
    assert exported.exit_code == 0, exported.output
    assert sorted(f["id"] for f in json.loads(exported.stdout)) == sorted(gas_facts)
    listed = cli(issue.path, "search", "ties", "--format", "json")
    assert [f["text"] for f in json.loads(listed.stdout)] == ["Bilateral ties improved after the summit."]


def test_exclusions_leave_out_the_word_and_its_stem(issue):
    kept = texts(issue, "strategic -partnership")
    assert kept == []  # "partnerships" shares the stem
    assert texts(issue, "oil -coal") == ["Oil prices rose."]


# -- OR ---------------------------------------------------------------------------------------------

def test_or_between_words_groups_and_phrases(issue):
    assert set(texts(issue, "trading OR alliance")) == set(texts(issue, "trading")) | set(texts(issue, "alliance"))
    assert texts(issue, "(gas OR oil) -coal") == [
        "Gas supplies to China rose sharply.", "The gases leaked from the plant's old pipes.", "Oil prices rose."]
    assert texts(issue, '"strategic partnership" OR alliance') == [
        "The strategic partnership deepened.", "The alliance held."]
    assert texts(issue, "-(coal OR gas) oil") == ["Oil prices rose."]


def test_or_binds_closer_than_and(issue):
    assert texts(issue, "china gas OR gain") == texts(issue, "china (gas OR gain)")
    assert set(texts(issue, "china gas OR gain")) == {
        "Gas supplies to China rose sharply.", "China will certainly gain the understanding of Russia."}


def test_or_with_filters_is_a_union(issue):
    both = texts(issue, "percent>1 OR year:2019")
    assert set(both) == set(texts(issue, "percent>1")) | set(texts(issue, "year:2019"))
    assert len(both) == 2 and both == sorted(both, key=ISSUE_ARTICLE.index)
    mixed = texts(issue, "(alliance OR year:2019) -nuclear")
    assert mixed == ["The alliance held."]
    assert texts(issue, "-(year:2019 OR percent>1) plant") == ["The gases leaked from the plant's old pipes."]


def test_lowercase_or_stays_a_word(issue):
    assert texts(issue, "trade or energy") == []
    assert parse_query("a or b").describe() == "a or b"


@pytest.mark.parametrize("odd, reading", [
    ("trade OR", "trade"), ("OR trade", "trade"), ("trade OR OR oil", "(trade OR oil)"),
    ("(gas OR oil", "(gas OR oil)"), ("gas)", "gas"), ("()", ""), ("OR", ""), ("(((", ""),
    ("-(gas OR oil", "-(gas OR oil)"), ("a OR () OR b", "(a OR b)"),
])
def test_odd_or_and_parentheses_get_a_sensible_reading(issue, odd, reading):
    assert parse_query(odd).describe() == reading
    search(issue, odd)


def test_too_many_combinations_say_so(issue):
    query = " ".join(f"(a{n} OR year:{2000 + n})" for n in range(6))
    with pytest.raises(QueryError, match="too many OR combinations"):
        search(issue, query)


def test_highlighting_follows_or_and_leaves_exclusions(issue):
    query = parse_query("(gas OR oil) -coal")
    text = "Oil and gas, not coal."
    assert [text[s:e] for s, e in highlight_spans(text, query)] == ["Oil", "gas"]
