"""The reading view's core: the document as the catalog hands it over, its wrapped layout, and
the mark history behind undo (no Textual here)."""

from __future__ import annotations

import random

import pytest

from relexplorer.catalog import fact_span, next_fact, reading_document, reading_spans
from relexplorer.store import open_store
from relexplorer.tui.marks import UNDO_LEVELS, MarkBuffer
from relexplorer.tui.reading_layout import WINDOW, ReadingLayout, SpanWindows, wrap_ends
from tests.helpers.tui_sample import add_test_document, build_document


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "r.db")
    add_test_document(store)
    yield store
    store.close()


def _lines(text: str, width: int) -> list[str]:
    ends = wrap_ends(text, width)
    starts = [0, *ends[:-1]]
    return [text[s:e] for s, e in zip(starts, ends, strict=True)]


# -- the catalog -----------------------------------------------------------------------


def test_reading_document_and_its_spans_hold_in_the_text(store):
    doc = reading_document(store, 1)
    assert doc is not None and doc.title == build_document().metadata.title
    assert doc.facts == len(build_document().facts)
    headings = [(doc.text[s:e], level) for s, e, level in doc.headings]
    assert ("I. Trade Has Grown", 1) in headings and ("A. Goods", 2) in headings
    assert reading_document(store, 999) is None
    everything = reading_spans(store, 1, 0, len(doc.text))
    assert [doc.text[s:e] for _, s, e in everything.facts] == [f.text for f in build_document().facts]
    assert [doc.text[s:e] for s, e in everything.figures][:3] == ["2017", "$84.071 billion", "20.8 percent"]
    # A window in the middle of the second fact finds it (it starts before the window) and no other.
    _, start, end = everything.facts[1]
    inside = reading_spans(store, 1, start + 3, start + 5)
    assert inside.facts == [everything.facts[1]]
    assert fact_span(store, everything.facts[1][0]) == (1, start, end)
    assert fact_span(store, 999) is None
    first, second = everything.facts[0], everything.facts[1]
    assert next_fact(store, 1, first[1], 1) == second
    assert next_fact(store, 1, second[1], -1) == first
    assert next_fact(store, 1, first[1], -1) is None


# -- wrapping --------------------------------------------------------------------------


def test_wrap_breaks_at_spaces_keeps_blank_lines_and_cuts_long_words():
    assert _lines("ab cd\n\nefghij klm", 4) == ["ab ", "cd\n", "\n", "efgh", "ij ", "klm"]
    assert _lines("", 10) == [""]


@pytest.mark.parametrize("width", [8, 23, 80])
def test_wrapped_lines_cover_the_text_exactly_and_fit_the_width(width):
    rng = random.Random(width)
    words = ["a", "bb", "policy", "cooperation", "x" * 30, "2017,", "$84.071"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(30)]
    text = "\n\n".join(paragraphs)
    lines = _lines(text, width)
    assert "".join(lines) == text
    for line in lines:
        assert len(line.rstrip("\n").rstrip(" ")) <= width
        assert "\n" not in line[:-1]


def test_layout_and_windows_find_the_lines_facts_figures_and_headings(store):
    doc = reading_document(store, 1)
    layout = ReadingLayout(doc, 30)
    windows = SpanWindows()
    assert windows.missing(0, len(doc.text)) == [0]
    windows.add(0, reading_spans(store, 1, *SpanWindows.bounds(0)))
    assert windows.missing(0, len(doc.text)) == []
    fact_id, start, end = reading_spans(store, 1, 0, len(doc.text)).facts[0]
    first, last = layout.lines_of(start, end)
    assert first < last  # the first fact wraps over several lines at 30 cells
    for line in range(first, last + 1):
        assert fact_id in [f[0] for f in windows.facts_on(*layout.line_span(line))]
    figures = [doc.text[s:e] for line in range(first, last + 1) for s, e in windows.figures_on(*layout.line_span(line))]
    assert "$84.071 billion" in figures
    heading_line = layout.line_of(doc.text.index("A. Goods"))
    assert [doc.text[s:e] for s, e, _ in layout.headings_on(heading_line)] == ["A. Goods"]
    assert list(SpanWindows.windows_of(WINDOW - 1, WINDOW + 1)) == [0, 1]


# -- undo --------------------------------------------------------------------------------


def test_undo_takes_back_changes_in_reverse_order_and_is_stored(store):
    buffer = MarkBuffer(store)
    assert buffer.set({1}, True) == {1}
    assert buffer.set({1, 2, 3}, True) == {2, 3}  # 1 was marked already
    assert buffer.set({1, 2, 3}, False) == {1, 2, 3}
    assert buffer.set({5}, False) == set()  # nothing changed: nothing to undo
    assert buffer.undo_levels == 3
    assert buffer.undo() == ({1, 2, 3}, True)
    assert buffer.marked == {1, 2, 3}
    assert buffer.undo() == ({2, 3}, False)
    assert buffer.marked == {1}
    buffer.flush()
    assert store.marked_ids() == {1}
    assert buffer.undo() == ({1}, False)
    assert buffer.undo() is None
    buffer.flush()
    assert store.marked_ids() == set()


def test_undo_history_is_bounded(store):
    buffer = MarkBuffer(store)
    for i in range(UNDO_LEVELS + 10):
        buffer.set({i}, True)
    assert buffer.undo_levels == UNDO_LEVELS
    while buffer.undo() is not None:
        pass
    assert buffer.marked == set(range(10))  # the oldest changes fell off the history
