"""Pilot tests of notes and saved searches in the explorer: ``N`` and its dialog (tags, edit,
delete, leaving with changes), the list's marker and the detail pane; a note that survives a
restart, a re-ingest of the same file and a re-extraction after an extractor change; ``ctrl+s``,
the tree's "Saved searches" branch, the palette's run and delete commands."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from textual.widgets import TextArea

from relexplorer import catalog
from relexplorer.cli import main
from relexplorer.extract import pipeline
from relexplorer.ingest import ingest_paths
from relexplorer.store import open_store
from relexplorer.tui.app import make_app
from relexplorer.tui.render import MARK_ON, NOTE_MARK
from relexplorer.tui.screens.confirm import ConfirmScreen
from relexplorer.tui.screens.help import HelpScreen
from relexplorer.tui.screens.note_dialog import NoteDialog
from relexplorer.tui.screens.save_search_dialog import SaveSearchDialog
from relexplorer.tui.widgets.search_bar import SearchBar
from relexplorer.tui.widgets.topics_tree import SAVED_BRANCH, SavedSearchNode, TopicsTree
from tests.functional.test_tui import _wait_for_palette, detail_text, plain, settle, texts
from tests.helpers.tui_sample import add_test_document

SIZE = (112, 30)
ARTICLE = """Energy Ties Between Norway and Poland

By Anna Berg

Norway and Poland signed a gas agreement in 2019. Bilateral trade reached $12.5 billion in 2020.

Trade in fish grew by 12 percent. The Baltic Pipe carries 10 billion cubic meters of gas a year.
"""


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.db"
    store = open_store(path)
    add_test_document(store)
    store.close()
    return path


def app_on(path):
    return make_app(open_store(path), today=date(2026, 1, 2))


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def row_text(app, fact_id: int) -> str:
    index = next(i for i, h in enumerate(app.facts.hits) if h.id == fact_id)
    return app.facts.get_option_at_index(index).prompt.plain


def stored_note(path, fact_id: int):
    store = open_store(path)
    try:
        return catalog.fact_detail(store, fact_id).note
    finally:
        store.close()


async def type_search(pilot, text: str) -> None:
    await press(pilot, "slash")
    pilot.app.query_one(SearchBar).insert_text_at_cursor(text)
    await settle(pilot)


# -- the note dialog ---------------------------------------------------------------------


async def test_n_writes_a_note_with_tags_that_the_list_marks_and_the_detail_shows(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        fact = app.facts.current_fact_id
        assert NOTE_MARK not in row_text(app, fact)
        assert "Note" not in detail_text(app)
        await press(pilot, "N")
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(TextArea).insert("Check the #Risk of default.\nAsk the desk. #followup")
        await settle(pilot)
        assert "Tags: #risk #followup" in plain(app.screen.query_one("#tags").content)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, NoteDialog)
        assert fact in app.noted
        assert row_text(app, fact).startswith(f"· {NOTE_MARK} ")
        shown = detail_text(app)
        assert "Note #risk #followup" in shown
        assert "Check the #Risk of default." in shown and "Ask the desk." in shown
        await type_search(pilot, "tag:risk")
        assert [h.id for h in app.facts.hits] == [fact]
    note = stored_note(db, fact)
    assert note.text == "Check the #Risk of default.\nAsk the desk. #followup"
    assert note.tags == ["risk", "followup"]


async def test_the_dialog_edits_and_deletes_a_note(db):
    store = open_store(db)
    fact = catalog.fact_rows(store, [r["id"] for r in store.rows("SELECT id FROM fact_spans")])[2].id
    store.set_note(fact, "first thoughts #draft")
    store.close()
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")
        assert app.facts.current_fact_id == fact
        assert NOTE_MARK in row_text(app, fact)
        await press(pilot, "N")
        area = app.screen.query_one(TextArea)
        assert area.text == "first thoughts #draft"
        area.insert(" and second #final")
        await press(pilot, "ctrl+s")
        assert "Note #draft #final" in detail_text(app)
        assert stored_note(db, fact).tags == ["draft", "final"]
        await press(pilot, "N")
        await pilot.click("#delete")
        await settle(pilot)
        assert not isinstance(app.screen, NoteDialog)
        assert stored_note(db, fact) is None
        assert fact not in app.noted
        assert NOTE_MARK not in row_text(app, fact)
        assert "Note" not in detail_text(app)


async def test_an_emptied_note_is_deleted(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fact = app.facts.current_fact_id
        await press(pilot, "space", "N")  # a marked fact keeps its mark beside the note's marker
        app.screen.query_one(TextArea).insert("short-lived")
        await press(pilot, "ctrl+s")
        assert stored_note(db, fact).text == "short-lived"
        assert row_text(app, fact).startswith(f"{MARK_ON} {NOTE_MARK} ")
        await press(pilot, "N")
        app.screen.query_one(TextArea).clear()
        await press(pilot, "ctrl+s")
        assert stored_note(db, fact) is None
        assert row_text(app, fact).startswith(f"{MARK_ON} ") and NOTE_MARK not in row_text(app, fact)


async def test_leaving_with_changes_asks_and_keeps_editing_on_no(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fact = app.facts.current_fact_id
        await press(pilot, "N", "escape")  # nothing typed: leaves at once
        assert not isinstance(app.screen, (NoteDialog, ConfirmScreen))
        await press(pilot, "N")
        app.screen.query_one(TextArea).insert("half a thought")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await press(pilot, "escape", "y")
        assert not isinstance(app.screen, (NoteDialog, ConfirmScreen))
    assert stored_note(db, fact) is None


async def test_note_from_the_palette_and_help_lists_the_keys(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"write a note")
        await _wait_for_palette(pilot, "Write a note on the fact")
        await press(pilot, "enter")
        assert isinstance(app.screen, NoteDialog)
        await press(pilot, "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one("Static").content)
        assert "Write, change or delete the note on the fact" in text
        assert "Name the current search" in text and "ctrl+s" in text
        assert "note:risk  tag:followup  has:note" in text


# -- notes survive restart, re-ingest and re-extraction ------------------------------------------------


def _merged_pairs(split):
    """An older sentence splitter: two sentences of a paragraph were one fact."""
    def older(text, start=0, end=None):
        spans = split(text, start, end)
        return [(spans[i][0], spans[min(i + 1, len(spans) - 1)][1]) for i in range(0, len(spans), 2)]
    return older


async def _note_shown(db, fragment: str, note: str) -> int:
    """Open the explorer (a restart), find the fact, and check the list and the detail."""
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(pilot, fragment)
        await press(pilot, "enter")
        (fact,) = [h.id for h in app.facts.hits]
        assert NOTE_MARK in row_text(app, fact)
        assert note in detail_text(app)
        return fact


async def test_a_note_written_in_the_explorer_survives_restart_reingest_and_reextraction(tmp_path, monkeypatch):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    monkeypatch.setattr(pipeline, "split_sentences", _merged_pairs(pipeline.split_sentences))
    store = open_store(db)
    ingest_paths(store, [article])
    store.close()
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(pilot, '"Baltic Pipe"')
        await press(pilot, "enter")
        (merged,) = app.facts.hits
        assert merged.text.startswith("Trade in fish") and merged.text.endswith("gas a year.")
        await press(pilot, "N")
        app.screen.query_one(TextArea).insert("Capacity per #gassco")
        await press(pilot, "ctrl+s")
    fact = await _note_shown(db, '"Baltic Pipe"', "Capacity per #gassco")  # a restart
    assert fact == merged.id
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(db), "ingest", "--format", "json", str(article)])
    assert result.exit_code == 0 and '"unchanged"' in result.output
    await _note_shown(db, '"Baltic Pipe"', "Capacity per #gassco")
    monkeypatch.undo()  # the extractor changes: the two sentences become two facts
    result = runner.invoke(main, ["--db", str(db), "ingest", "--replace", "--format", "json", str(article)])
    assert result.exit_code == 0 and '"replaced"' in result.output
    fact = await _note_shown(db, '"Baltic Pipe"', "Capacity per #gassco")
    store = open_store(db)
    try:
        assert catalog.fact_detail(store, fact).text == "The Baltic Pipe carries 10 billion cubic meters of gas a year."
        (entry,) = catalog.notes(store)
        assert (entry.fact_id, entry.tags) == (fact, ["gassco"])
    finally:
        store.close()


# -- saved searches -------------------------------------------------------------------------


def _saved_nodes(app) -> dict[str, str]:
    tree = app.query_one(TopicsTree)
    return {n.data.name: n.data.query for n in TopicsTree._walk(tree.root) if isinstance(n.data, SavedSearchNode)}


def _saved(db) -> dict[str, str]:
    store = open_store(db)
    try:
        return {s.name: s.query for s in catalog.saved_searches(store)}
    finally:
        store.close()


async def _save_as(pilot, name: str) -> None:
    await press(pilot, "ctrl+s")
    dialog = pilot.app.screen
    assert isinstance(dialog, SaveSearchDialog)
    dialog.query_one("#name").value = name
    await press(pilot, "enter")


async def test_ctrl_s_names_the_search_and_the_tree_runs_it(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")  # nothing typed: nothing to save
        assert not isinstance(app.screen, SaveSearchDialog)
        await type_search(pilot, "foo:bar")
        await press(pilot, "ctrl+s")  # an invalid query is not saved
        assert not isinstance(app.screen, SaveSearchDialog)
        app.query_one(SearchBar).value = ""
        await settle(pilot)
        await type_search(pilot, "gazprom OR harbin")
        found = texts(app)
        assert len(found) == 3
        await press(pilot, "ctrl+s")
        assert app.screen.query_one("#name").value == "gazprom OR harbin"  # the query, as a start
        app.screen.query_one("#name").value = "east deals"
        await press(pilot, "enter")
        assert _saved(db) == {"east deals": "gazprom OR harbin"}
        assert _saved_nodes(app) == {"east deals": "gazprom OR harbin"}
        await press(pilot, "escape", "escape")  # leave the box, clear the search
        assert len(app.facts.hits) == 6
        tree = app.query_one(TopicsTree)
        (node,) = [n for n in TopicsTree._walk(tree.root) if isinstance(n.data, SavedSearchNode)]
        assert node.parent.label.plain.startswith(SAVED_BRANCH) and node.parent.is_expanded
        tree.focus()
        tree.move_cursor(node)
        await press(pilot, "enter")
        assert texts(app) == found
        assert app.query_one(SearchBar).value == "gazprom OR harbin"
        assert app.focused is app.facts


async def test_the_same_name_replaces_only_after_asking(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_search(pilot, "gazprom")
        await _save_as(pilot, "watch")
        await type_search(pilot, " -lent")
        await _save_as(pilot, "watch")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert _saved(db) == {"watch": "gazprom"}
        await _save_as(pilot, "watch")
        await press(pilot, "y")
        assert _saved(db) == {"watch": "gazprom -lent"}
        assert _saved_nodes(app) == {"watch": "gazprom -lent"}


async def test_the_palette_runs_and_deletes_a_saved_search(db):
    store = open_store(db)
    store.save_search("tourists", "harbin")
    store.close()
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _saved_nodes(app) == {"tourists": "harbin"}
        await press(pilot, "ctrl+p")
        await pilot.press(*"run saved tourists")
        await _wait_for_palette(pilot, "Run saved search: tourists")
        await press(pilot, "enter")
        assert texts(app) == ["Tourists to Harbin numbered eight hundred thousand."]
        assert app.query_one(SearchBar).value == "harbin"
        await press(pilot, "ctrl+p")
        await pilot.press(*"delete saved tourists")
        await _wait_for_palette(pilot, "Delete saved search: tourists")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert _saved(db) == {}
        assert _saved_nodes(app) == {}
