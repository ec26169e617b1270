"""SVG snapshots of the explorer's main screens (pytest-textual-snapshot).

They run on the hand-built document of ``tui_sample`` (not on the extractors' output), with a
fixed size, date and export folder, so that they only change when the explorer's look does.
Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.worker import WorkerState

from relexplorer.store import open_store
from relexplorer.tui.app import make_app
from relexplorer.tui.widgets.search_bar import SearchBar
from tests.helpers.series_sample import add_series_documents
from tests.helpers.tui_sample import add_test_document


@pytest.fixture
def app(tmp_path):
    store = open_store(tmp_path / "snap.db")
    add_test_document(store)
    return make_app(store, today=date(2026, 1, 2), folder=Path("/home/analyst/briefings"))


async def _settle(pilot) -> None:
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # A cursor move scrolls the list with an animation: the picture is taken once it ends.
        await pilot.wait_for_scheduled_animations()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers):
            return


def _run(*keys: str, search: str = ""):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        if search:
            await pilot.press("slash")
            pilot.app.query_one(SearchBar).insert_text_at_cursor(search)
            await _settle(pilot)
            await pilot.press("enter")
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        await _settle(pilot)
    return run_before


def test_main_screen_wide(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 40), run_before=_run("j", "space", search="trade"))


def test_main_screen_narrow(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run("j"))


def test_hostile_text_shows_literally(app, snap_compare):
    assert snap_compare(app, terminal_size=(100, 30), run_before=_run(search="source wrote"))


def test_help_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=(100, 40), run_before=_run("question_mark"))


def test_export_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run("space", "j", "space", "e"))


def test_figures_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=(100, 30), run_before=_run("f", "s"))


def test_edit_dialog(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run("j", "E"))


def test_note_dialog(app, snap_compare):
    async def run_before(pilot) -> None:
        await _run("j", "N")(pilot)
        from textual.widgets import TextArea

        pilot.app.screen.query_one(TextArea).insert("Compare with the customs data.\n#followup #risk")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_reading_view_wide(app, snap_compare):
    # A marked fact, then the reading view on the next one: the mark, the bar and the badges show.
    assert snap_compare(app, terminal_size=(120, 40), run_before=_run("j", "space", "o", "n"))


def test_reading_view_narrow(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_run("j", "j", "o"))


@pytest.fixture
def series_app(tmp_path):
    store = open_store(tmp_path / "series.db")
    add_series_documents(store)
    add_test_document(store)
    return make_app(store, today=date(2026, 1, 2), folder=Path("/home/analyst/briefings"))


def test_facts_with_source_tags_narrow(series_app, snap_compare):
    assert snap_compare(series_app, terminal_size=(80, 24), run_before=_run(search="trade"))


def test_facts_grouped_by_document_wide(series_app, snap_compare):
    assert snap_compare(series_app, terminal_size=(120, 40), run_before=_run("g", search="trade"))


def test_comparison_view_wide(series_app, snap_compare):
    assert snap_compare(series_app, terminal_size=(120, 40), run_before=_run("c", search="customs"))


def test_comparison_view_narrow(series_app, snap_compare):
    assert snap_compare(series_app, terminal_size=(80, 24), run_before=_run("c", search="customs"))
