"""Pilot tests of issue 10's reading view, undo, confirmations and go-to-fact.

The hand-built document (``tui_sample``) for the keys; the bundled sample article with it where
more than 50 facts or a long article are needed.
"""

from __future__ import annotations

import pytest

from relexplorer.search import matching_ids, parse_query
from relexplorer.store import open_store
from relexplorer.tui.mark_actions import CONFIRM_OVER
from relexplorer.tui.screens.confirm import ConfirmScreen
from relexplorer.tui.screens.reading_screen import ReadingScreen
from relexplorer.tui.widgets.article_view import ArticleView
from tests.functional.test_tui import _wait_for_palette, app_on, press, search_for, settle

SIZE = (112, 30)


# db (the test document) and sample_and_test_db (the sample's 56 facts too: more than
# CONFIRM_OVER) are in conftest.py.


def article(app) -> ArticleView:
    return app.screen.query_one(ArticleView)


def shown_lines(view: ArticleView) -> range:
    top = round(view.scroll_y)
    return range(top, top + view.scrollable_content_region.height)


# -- the reading view --------------------------------------------------------------------


async def test_o_opens_the_article_n_p_move_and_escape_restores_the_list(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")
        ids = [h.id for h in app.facts.hits]
        before = (app.facts.highlighted, app.facts.scroll_y)
        await press(pilot, "o")
        assert isinstance(app.screen, ReadingScreen)
        view = article(app)
        assert view.current_id == ids[2]
        assert "Tourists to Harbin" in view.document.text
        first, last = view.reading.lines_of(*view.current[1:])
        assert first in shown_lines(view) and last in shown_lines(view)
        await press(pilot, "n")
        assert view.current_id == ids[3]
        await press(pilot, "n", "n", "n")  # past the last fact: stays on it
        assert view.current_id == ids[5]
        await press(pilot, "p", "p")
        assert view.current_id == ids[3]
        await press(pilot, "a", "f")  # the list's keys do nothing here
        assert isinstance(app.screen, ReadingScreen) and not app.marked
        await press(pilot, "escape")
        assert not isinstance(app.screen, ReadingScreen)
        assert (app.facts.highlighted, app.facts.scroll_y) == before
        assert app.focused is app.facts


async def test_opened_from_a_search_n_and_p_move_between_its_hits(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "billion")
        await press(pilot, "enter")
        hits = [h.id for h in app.facts.hits]
        assert len(hits) == 2 and hits[1] - hits[0] > 1  # a fact between them that does not match
        await press(pilot, "o")
        view = article(app)
        assert app.screen.hits == hits
        await press(pilot, "n")
        assert view.current_id == hits[1]
        await press(pilot, "p")
        assert view.current_id == hits[0]
        await press(pilot, "escape")
        assert app.query_one("#search").value == "billion"


async def test_space_in_the_reading_view_marks_and_ctrl_z_takes_it_back(db, tmp_path):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o", "n", "space")
        view = article(app)
        marked_id = view.current_id
        assert app.marked == {marked_id} and view.marked == {marked_id}
        mark_cell = view.line_text(view.reading.lines_of(*view.current[1:])[0]).plain[1]
        assert mark_cell == "●"
        await press(pilot, "ctrl+z")
        assert app.marked == set() and view.marked == set()
        await press(pilot, "space", "escape")
        assert app.marked == {marked_id}
        await press(pilot, "q")
    store = open_store(db)
    assert {h for h in store.marked_ids()} == {marked_id}  # stored, so it survives a restart
    store.close()


async def test_the_fact_is_centred_in_a_long_article_at_80x24(sample_and_test_db):
    app = app_on(sample_and_test_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(30):
            await pilot.press("j")
        await settle(pilot)
        target = app.facts.current_fact_id
        await press(pilot, "o")
        view = article(app)
        assert view.current_id == target
        first, last = view.reading.lines_of(*view.current[1:])
        lines = shown_lines(view)
        assert first in lines and last in lines
        assert abs((first + last) / 2 - (lines.start + lines.stop) / 2) <= 2
        assert view.line_text(first).plain.startswith("▌")
        await press(pilot, "end")
        assert round(view.scroll_y) == view.max_scroll_y > 0
        last_line = len(view.reading) - 1
        assert view.spans.missing(*view.reading.line_span(last_line)) == []  # read as they came on screen


# -- undo and confirmations ------------------------------------------------------------


async def test_ctrl_z_undoes_several_levels_of_mark_changes(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = [h.id for h in app.facts.hits]
        await press(pilot, "space", "j", "space")
        assert app.marked == {ids[0], ids[1]}
        await press(pilot, "a")  # 6 facts: under the threshold, no question
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.marked == set(ids)
        await press(pilot, "u")
        assert app.marked == set()
        await press(pilot, "ctrl+z")
        assert app.marked == set(ids)
        await press(pilot, "ctrl+z")
        assert app.marked == {ids[0], ids[1]}
        await press(pilot, "ctrl+z")
        assert app.marked == {ids[0]}
        assert app.facts.hits[0].id in app.marked
        await press(pilot, "ctrl+z")
        assert app.marked == set()
        await press(pilot, "ctrl+z")
        assert any("Nothing to undo" in n.message for n in app._notifications)
        await press(pilot, "q")
    store = open_store(db)
    assert store.marked_ids() == set()
    store.close()


async def test_a_and_u_ask_before_changing_more_than_50_marks(sample_and_test_db):
    app = app_on(sample_and_test_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = len(matching_ids(app.store, parse_query(""), 1000))
        assert total > CONFIRM_OVER
        await press(pilot, "a")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Mark {total} facts" in app.screen.question
        await press(pilot, "n")  # declined: nothing changes
        assert not isinstance(app.screen, ConfirmScreen) and app.marked == set()
        await press(pilot, "a")
        await press(pilot, "y")
        assert len(app.marked) == total
        await press(pilot, "u")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        assert len(app.marked) == total
        await press(pilot, "u")
        await pilot.click("#yes")
        await settle(pilot)
        assert app.marked == set()
        await press(pilot, "ctrl+z")
        assert len(app.marked) == total


# -- go to fact --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_go_to_fact_keeps_the_search_and_shows_the_fact(sample_and_test_db, size):
    app = app_on(sample_and_test_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search_for(pilot, "the")
        await press(pilot, "enter")
        hits = matching_ids(app.store, parse_query("the"), 1000)
        loaded = len(app.facts.hits)
        assert len(hits) > loaded  # the list is paged: the far facts are not loaded yet
        for target in (hits[-1], hits[loaded + 5], hits[1]):
            await press(pilot, "ctrl+p")
            await pilot.press(*str(target))
            await _wait_for_palette(pilot, f"Go to fact {target}")
            await press(pilot, "enter")
            assert app.query_one("#search").value == "the"
            assert app.facts.current_fact_id == target
            assert app.facts.highlight_in_view(), target
        outside = next(i for i in range(1, 100) if i not in hits)
        await press(pilot, "ctrl+p")
        await pilot.press(*str(outside))
        await _wait_for_palette(pilot, f"Go to fact {outside}")
        await press(pilot, "enter")  # not in the search: the search gives way
        assert app.query_one("#search").value == ""
        assert app.facts.current_fact_id == outside
        assert app.facts.highlight_in_view()
