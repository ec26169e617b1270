"""Pilot tests of citations in the explorer: the style chosen in the export dialog, the quote
pane and ``y`` following it, the palette's style commands, and the ``E`` dialog that corrects a
document's metadata (checked like ``relexplorer edit``, stored by a worker, kept on re-ingest)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, RadioSet

from relexplorer import catalog
from relexplorer.store import open_store
from relexplorer.tui.app import make_app
from relexplorer.tui.screens.edit_dialog import EditDialog
from relexplorer.tui.screens.export_dialog import ExportDialog
from relexplorer.tui.widgets.source_quote import SourceQuote
from tests.helpers.tui_sample import URL, add_test_document, build_document

SIZE = (112, 30)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.db"
    store = open_store(path)
    add_test_document(store)
    store.close()
    return path


async def settle(pilot) -> None:
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def quote_text(app) -> str:
    body = app.query_one(SourceQuote).query_one("#quote-body")
    return "\n".join(text.plain for text in body.content.renderables)


def stored_document(path):
    store = open_store(path)
    try:
        (doc,) = catalog.documents(store)
        return doc
    finally:
        store.close()


async def test_export_dialog_offers_the_style_and_the_explorer_keeps_it(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(open_store(db), today=date(2026, 1, 2), folder=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "space", "e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        radio = dialog.query_one("#style", RadioSet)
        assert radio.pressed_button.name == "plain"
        await press(pilot, "tab", "right", "right", "space")  # to the radio set; choose APA
        assert radio.pressed_button.name == "apa"
        await press(pilot, "shift+tab", "enter")
        assert not isinstance(app.screen, ExportDialog)
        assert app.citation_style == "apa"
        assert "(Analyst, 2019, Section I.A)" in quote_text(app)
        await press(pilot, "y")
        assert app.clipboard.endswith("— (Analyst, 2019, Section I.A)\n")
    written = (tmp_path / "relexplorer-marked-2026-01-02.md").read_text(encoding="utf-8")
    assert "citations: apa" in written and "## References" in written
    assert f"Analyst, A. (2019, March 1). Trade and Energy Between Two Neighbours. *Journal of Neighbours*. <{URL}>" \
        in written


async def test_the_quote_pane_cites_with_the_url_and_no_character_span(db):
    app = make_app(open_store(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        shown = quote_text(app)
        assert "Ann Analyst, “Trade and Energy Between Two Neighbours”, Journal of Neighbours, 1 March 2019, " \
               f"section I.A. Goods, {URL}." in shown
        assert "characters" not in shown
        app.set_citation_style("chicago")
        await settle(pilot)
        assert "“Trade and Energy Between Two Neighbours,” Journal of Neighbours, March 1, 2019, sec. I.A" \
            in quote_text(app)


async def test_palette_lists_the_style_and_edit_commands(db):
    from relexplorer.tui.commands import ExplorerCommands

    app = make_app(open_store(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = ExplorerCommands(app.screen)
        titles = [title for title, _, _ in provider._actions()]
        assert {"Cite in plain style", "Cite in Chicago style", "Cite in APA style",
                "Edit the source's metadata"} <= set(titles)


async def test_e_edits_the_facts_document_and_the_citation_follows(db):
    app = make_app(open_store(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "E")
        dialog = app.screen
        assert isinstance(dialog, EditDialog)
        assert dialog.query_one("#field-author", Input).value == "Ann Analyst"
        dialog.query_one("#field-author", Input).value = "Berg, Anna"
        dialog.query_one("#field-date", Input).value = "7 June 2018"
        dialog.query_one("#field-source", Input).value = ""
        await press(pilot, "enter")
        assert not isinstance(app.screen, EditDialog)
        assert any("Saved author, date, outlet" in n.message for n in app._notifications)
        shown = quote_text(app)
        assert "Anna Berg, “Trade and Energy Between Two Neighbours”, 7 June 2018, section I.A. Goods" in shown
    doc = stored_document(db)
    assert (doc.author, doc.published, doc.source, doc.url) == ("Berg, Anna", "2018-06-07", "", URL)


async def test_a_bad_value_is_explained_and_nothing_is_saved(db):
    app = make_app(open_store(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "E")
        dialog = app.screen
        dialog.query_one("#field-url", Input).value = "ftp://files.example/x"
        dialog.query_one("#field-date", Input).value = "5/1/2021"
        await press(pilot, "ctrl+s")
        assert app.screen is dialog
        problem = str(dialog.query_one("#problem").render())
        assert "Date '5/1/2021' is ambiguous" in problem
        assert app.focused is dialog.query_one("#field-date", Input)
        dialog.query_one("#field-date", Input).value = "2021-01-05"
        await press(pilot, "ctrl+s")
        assert "URL 'ftp://files.example/x': give an http:// or https:// address" in str(
            dialog.query_one("#problem").render())
        await press(pilot, "escape")
        assert not isinstance(app.screen, EditDialog)
    doc = stored_document(db)
    assert (doc.published, doc.url) == ("2019-03-01", URL)


async def test_an_edit_in_the_explorer_survives_reingest(db):
    app = make_app(open_store(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "E")
        app.screen.query_one("#field-title", Input).value = "Neighbours: Trade and Energy"
        await press(pilot, "enter")
    store = open_store(db)
    try:
        doc = build_document()
        from relexplorer.store import sha256_text

        result = store.add_document(doc, sha256=sha256_text(doc.text), path="neighbours.txt", replace=True)
        assert result.status == "replaced"
        (stored,) = catalog.documents(store)
        assert stored.title == "Neighbours: Trade and Energy"
    finally:
        store.close()


async def test_nothing_changed_says_so(db):
    app = make_app(open_store(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "E", "enter")
        assert not isinstance(app.screen, EditDialog)
        assert any("Nothing changed" in n.message for n in app._notifications)
