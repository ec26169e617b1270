"""The filters of the new data (issue 10): ``speaker:NAME`` and ``speaker:author`` over hand-built
speakers, ``note:WORD``, ``tag:NAME`` and ``has:note`` over notes kept with ``set_note``; alone,
with words, and inside OR groups."""

from __future__ import annotations

import pytest

from relexplorer.errors import QueryError
from relexplorer.model import Speaker
from relexplorer.search import search
from relexplorer.store import open_store, sha256_text
from tests.helpers.tui_sample import build_document


def _said(doc, sentence_start: str, name: str, kind: str = "person") -> None:
    fact = next(f for f in doc.facts if f.text.startswith(sentence_start))
    fact.speakers.append(Speaker(name, kind, fact.start, fact.start + 5))


@pytest.fixture
def store(tmp_path):
    doc = build_document()
    _said(doc, "Xi Jinping met", "Vladimir Putin")
    _said(doc, "Xi Jinping met", "Xi Jinping")
    _said(doc, "Gazprom will deliver", "Gazprom", "organization")
    _said(doc, "Tourists to Harbin", "Putin Foundation", "organization")
    s = open_store(tmp_path / "filters.db")
    s.add_document(doc, sha256=sha256_text(doc.text))
    yield s
    s.close()


def texts(store, query: str) -> list[str]:
    return [h.text for h in search(store, query, limit=100).hits]


def fact_id(store, sentence_start: str) -> int:
    return next(h.id for h in search(store, "", limit=100).hits if h.text.startswith(sentence_start))


def test_speaker_exact_name_first_else_a_word_starting_so(store):
    assert texts(store, "speaker:putin") == ["Xi Jinping met Vladimir Putin in Moscow five times.",
                                             "Tourists to Harbin numbered eight hundred thousand."]
    assert texts(store, 'speaker:"vladimir putin"') == ["Xi Jinping met Vladimir Putin in Moscow five times."]
    assert texts(store, "speaker:gazprom") == [
        "Gazprom will deliver 4 million tons of LNG every year from 2018 to 2022."]
    assert texts(store, "speaker:nobody") == []


def test_speaker_author_is_every_fact_nobody_else_says(store):
    everything = texts(store, "")
    said = set(texts(store, "speaker:putin") + texts(store, "speaker:gazprom"))
    assert texts(store, "speaker:author") == [t for t in everything if t not in said]
    assert texts(store, "bilateral speaker:author") == [everything[0]]


def test_speaker_in_or_groups_and_with_words(store):
    assert texts(store, "speaker:gazprom OR speaker:xi") == [
        "Xi Jinping met Vladimir Putin in Moscow five times.",
        "Gazprom will deliver 4 million tons of LNG every year from 2018 to 2022."]
    assert texts(store, "moscow speaker:putin") == ["Xi Jinping met Vladimir Putin in Moscow five times."]
    assert texts(store, "speaker:putin -moscow") == ["Tourists to Harbin numbered eight hundred thousand."]


def test_note_tag_and_has_note(store):
    lent = fact_id(store, "The Export-Import Bank")
    trade = fact_id(store, "In 2017, bilateral trade")
    assert store.set_note(lent, "Check the lending terms #risk #follow-up")
    assert store.set_note(trade, "Figures differ from customs data #sources")
    assert [h.id for h in search(store, "has:note").hits] == [trade, lent]
    assert [h.id for h in search(store, "note:lend").hits] == [lent]  # a word starting so
    assert [h.id for h in search(store, "note:lended").hits] == [lent]  # the same stem
    assert [h.id for h in search(store, "note:ends").hits] == []  # not a shorter stem's word
    assert [h.id for h in search(store, "note:differ note:customs").hits] == [trade]
    assert [h.id for h in search(store, "note:differ customs").hits] == []  # customs: a word of the fact
    assert [h.id for h in search(store, 'note:"customs data"').hits] == [trade]
    assert [h.id for h in search(store, "tag:risk").hits] == [lent]
    assert [h.id for h in search(store, "tag:#follow").hits] == [lent]  # no exact tag: a prefix
    assert [h.id for h in search(store, "tag:source").hits] == [trade]
    assert [h.id for h in search(store, "tag:nothing").hits] == []
    assert [h.id for h in search(store, "tag:risk OR note:customs").hits] == [trade, lent]
    assert [h.id for h in search(store, "bank has:note").hits] == [lent]
    store.set_note(lent, "")
    assert [h.id for h in search(store, "has:note").hits] == [trade]


def test_notes_follow_their_fact_after_a_reingest(store, tmp_path):
    lent = fact_id(store, "The Export-Import Bank")
    store.set_note(lent, "watch #risk")
    doc = build_document()
    store.add_document(doc, sha256=sha256_text(doc.text), replace=True)
    assert texts(store, "tag:risk") == ["The Export-Import Bank of China lent $3 billion to Gazprom."]


@pytest.mark.parametrize("bad, message", [
    ("has:speaker", "has:speaker is unknown"), ("note:", "needs a value"), ("note:!!", "no word"),
    ("tag:#", "needs a value"), ("speaker:", "needs a value"), ("spekaer:putin", "unknown filter"),
])
def test_bad_filters_say_what_is_wrong(store, bad, message):
    with pytest.raises(QueryError, match=message):
        search(store, bad)


def test_unknown_filter_lists_the_new_ones(store):
    with pytest.raises(QueryError) as caught:
        search(store, "foo:bar")
    for name in ("speaker", "note", "tag", "has"):
        assert name in str(caught.value)
