"""Pilot tests of the explorer: every key of issue 3, the search flow, marks, export, mouse.

Most tests run on a hand-built document (``tui_sample``) so that they do not move when the
extractors improve; the acceptance flow of the issue runs on the bundled sample article.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Input
from textual.worker import WorkerState

from relexplorer.export import escape_markdown
from relexplorer.model import ExtractedDocument, Fact, Figure, Metadata, Paragraph, Section
from relexplorer.store import open_store, sha256_text
from relexplorer.tui.app import FIRST_PAGE, PAGE, ExplorerApp, make_app
from relexplorer.tui.messages import FactsLoaded, JumpTo
from relexplorer.tui.render import section_label
from relexplorer.tui.screens.confirm import ConfirmScreen
from relexplorer.tui.screens.export_dialog import ExportDialog
from relexplorer.tui.screens.figures_screen import FiguresScreen
from relexplorer.tui.screens.help import HelpScreen
from relexplorer.tui.widgets.fact_detail import FactDetailPane
from relexplorer.tui.widgets.facts_list import FactsList
from relexplorer.tui.widgets.search_bar import SearchBar
from relexplorer.tui.widgets.source_quote import SourceQuote
from relexplorer.tui.widgets.topics_tree import TopicsTree
from tests.helpers.tui_sample import HOSTILE, TITLE, URL, build_document

SIZE = (112, 30)
TODAY = date(2026, 1, 2)


# -- fixtures and helpers ---------------------------------------------------------------


# db and sample_and_test_db are in tests/functional/conftest.py


def app_on(path: Path, **kwargs) -> ExplorerApp:
    return make_app(open_store(path), today=TODAY, **kwargs)


async def settle(pilot) -> None:
    """Let workers finish and their messages (and the workers those start) be handled."""
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers):
            return


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def texts(app: ExplorerApp) -> list[str]:
    return [h.text for h in app.facts.hits]


def plain(renderable) -> str:
    """What a Rich renderable shows, as plain text."""
    console = Console(width=200, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def detail_text(app: ExplorerApp) -> str:
    return plain(app.query_one("#detail-body").content)


def quote_text(app: ExplorerApp) -> str:
    return plain(app.query_one("#quote-body").content)


def fact_id_of(app: ExplorerApp, fragment: str) -> int:
    return next(h.id for h in app.facts.hits if fragment in h.text)


async def search_for(pilot, text: str) -> None:
    """Press / and enter ``text`` at once (typing key by key is tested on its own)."""
    await press(pilot, "slash")
    search_bar = pilot.app.query_one(SearchBar)
    search_bar.insert_text_at_cursor(text)
    await settle(pilot)


# -- opening and searching --------------------------------------------------------------


async def test_opens_on_every_fact_with_detail_and_quote(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.status.message.startswith("6 facts")
        assert len(app.facts.hits) == 6
        assert isinstance(app.focused, FactsList)
        assert app.facts.highlighted == 0
        first = build_document().facts[0].text
        assert first in detail_text(app).replace("\n", " ")
        assert "Ann Analyst" in quote_text(app)
        assert "Journal of Neighbours" in quote_text(app)
        assert section_label(app.facts.hits[0].section_path) == "I.A"


async def test_slash_focuses_search_and_results_update_as_you_type(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert isinstance(app.focused, SearchBar)
        await press(pilot, "g", "a", "z")
        assert app.query_one(SearchBar).value == "gaz"
        assert app.status.message.startswith("2 facts")
        assert "gaz" in app.status.message
        assert all("Gazprom" in t for t in texts(app))
        await press(pilot, "enter")
        assert isinstance(app.focused, FactsList)
        assert app.facts.highlighted == 0


async def test_fast_typing_after_slash_lands_in_the_search_box(db):
    """Keys queued behind "/" must not fire the list's bindings (t, r, a, e...)."""
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "t", "r", "a", "d", "e")
        await settle(pilot)
        assert app.query_one(SearchBar).value == "trade"
        assert app.marked == set()


async def test_paste_outside_the_search_box_searches(db):
    from textual import events

    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(events.Paste("/tourists"))
        await settle(pilot)
        assert app.query_one(SearchBar).value == "tourists"
        assert texts(app) == ["Tourists to Harbin numbered eight hundred thousand."]


async def test_matches_are_highlighted_in_list_detail_and_quote(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "tourists")
        prompt = app.facts.get_option_at_index(0).prompt
        highlighted = [prompt.plain[s.start:s.end] for s in prompt.spans if "on" in str(s.style)]
        assert "Tourists" in highlighted
        quote = app.query_one("#quote-body").content.renderables[0]
        assert any(quote.plain[s.start:s.end] == "Tourists" for s in quote.spans)


async def test_invalid_query_keeps_results_and_says_what_is_wrong(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "gazprom")
        before = texts(app)
        search_bar = app.query_one(SearchBar)
        search_bar.value = "gazprom foo:bar"  # as if pasted: one change
        await settle(pilot)
        assert texts(app) == before
        assert "unknown filter 'foo:'" in app.status.message
        assert app.status.has_class("-error")
        await press(pilot, "backspace")  # still invalid: foo:ba
        assert texts(app) == before
        search_bar.value = "gazprom"
        await settle(pilot)
        assert not app.status.has_class("-error")
        assert app.status.message.startswith("2 facts")


async def test_unbalanced_quotes_and_fts_operators_never_break(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, '"trade AND (NEAR* ^ -')
        assert app.is_running
        assert app.status.message  # a count or a message, never a traceback


async def test_query_with_no_result_shows_an_empty_state(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "zanzibar")
        assert app.facts.hits == []
        assert app.status.message.startswith("0 facts")
        option = app.facts.get_option_at_index(0)
        assert option.disabled and "No facts match" in option.prompt.plain
        assert app.facts.current_fact_id is None
        assert "No fact to show" in detail_text(app)
        await press(pilot, "space")  # nothing to mark: a warning, not an error
        assert app.marked == set()


async def test_escape_leaves_search_then_clears_the_filters(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "gazprom")
        await press(pilot, "escape")
        assert isinstance(app.focused, FactsList)
        assert app.query_one(SearchBar).value == "gazprom"
        assert len(app.facts.hits) == 2
        await press(pilot, "escape")
        assert app.query_one(SearchBar).value == ""
        assert len(app.facts.hits) == 6
        assert app.status.message == "6 facts"


async def test_stale_results_are_dropped(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "gazprom")
        current = texts(app)
        from relexplorer.search import search

        stale = search(app.store, "")
        app.post_message(FactsLoaded(app.searches.generation - 1, stale))
        await settle(pilot)
        assert texts(app) == current


async def test_a_newer_search_aborts_the_stale_query_in_sqlite(db):
    """Thread workers cannot be cancelled; their SQL is stopped by the progress handler."""
    import asyncio
    import sqlite3
    import threading
    import time

    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        outcome: dict = {}
        started = threading.Event()

        def slow_search() -> None:
            app.searches._thread.generation = app.searches.generation
            started.set()
            begin = time.monotonic()
            try:
                app.store.rows("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
                               "WHERE n < 1000000000) SELECT count(*) FROM c")
            except sqlite3.OperationalError as exc:
                outcome["error"] = str(exc)
            outcome["seconds"] = time.monotonic() - begin

        thread = threading.Thread(target=slow_search)
        thread.start()
        started.wait()
        await asyncio.sleep(0.2)
        await search_for(pilot, "gazprom")  # a keystroke: a newer generation
        await asyncio.get_running_loop().run_in_executor(None, thread.join, 20)
        assert outcome.get("error") == "interrupted"
        assert outcome["seconds"] < 10
        assert len(app.facts.hits) == 2


# -- moving around -------------------------------------------------------------------------


async def test_up_down_and_j_k_move_and_the_detail_follows(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        facts = app.facts
        await press(pilot, "j")
        assert facts.highlighted == 1
        assert app.current_detail.id == facts.hits[1].id
        await press(pilot, "down", "down")
        assert facts.highlighted == 3
        await press(pilot, "k")
        assert facts.highlighted == 2
        await press(pilot, "up", "up", "up")
        assert facts.highlighted == 0
        await press(pilot, "end", "down")  # no wrap-around at the end
        assert facts.highlighted == 5
        assert app.current_detail.id == facts.hits[5].id


async def test_tab_moves_to_the_next_pane(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, FactsList)
        await press(pilot, "tab")
        assert isinstance(app.focused, FactDetailPane)
        await press(pilot, "tab")
        assert isinstance(app.focused, SourceQuote)
        await press(pilot, "shift+tab", "shift+tab")
        assert isinstance(app.focused, FactsList)
        await press(pilot, "shift+tab")
        assert isinstance(app.focused, TopicsTree)


async def test_clicking_a_fact_shows_it(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        facts = app.facts
        # Find the screen line of the third fact and click it.
        line = facts._index_to_line[2]
        await pilot.click(FactsList, offset=(5, 1 + line))
        await settle(pilot)
        assert facts.highlighted == 2
        assert app.current_detail.id == facts.hits[2].id


async def test_paging_loads_more_rows_at_the_end_never_all_at_once(tmp_path):
    path = tmp_path / "many.db"
    store = open_store(path)
    store.add_document(_many_facts(PAGE * 2 + 30), sha256=sha256_text("many"))
    store.close()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.facts.hits) == FIRST_PAGE
        assert app.status.message.startswith(f"{PAGE * 2 + 30} facts")
        await press(pilot, "end")
        assert len(app.facts.hits) == FIRST_PAGE + PAGE
        await press(pilot, "end")
        assert len(app.facts.hits) == FIRST_PAGE + PAGE * 2
        await press(pilot, "end")
        assert len(app.facts.hits) == PAGE * 2 + 30
        assert app.facts.complete
        ids = [h.id for h in app.facts.hits]
        assert ids == sorted(set(ids))


def _many_facts(n: int) -> ExtractedDocument:
    sentences = [f"Fact number {i} says that {i} tons moved." for i in range(n)]
    text = " ".join(sentences)
    facts, pos = [], 0
    for s in sentences:
        at = s.index(" tons") - len(str(int(s.split()[2])))
        fig = Figure(pos + at, pos + at + len(s.split()[2]) + 5, s[at:at + len(s.split()[2]) + 5],
                     float(s.split()[2]), "tons", "quantity")
        facts.append(Fact(pos, pos + len(s), s, 0, 0, [fig]))
        pos += len(s) + 1
    return ExtractedDocument(text, Metadata(title="Many facts"), [Section("", "Body", 1, 0, len(text))],
                             [Paragraph(0, len(text), 0)], facts)


# -- the tree ---------------------------------------------------------------------------


def _node(app: ExplorerApp, label: str):
    tree = app.query_one(TopicsTree)
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if node.label.plain.startswith(label):
            return node
        stack.extend(node.children)
    raise AssertionError(f"no tree node {label!r}")


async def test_tree_shows_documents_sections_themes_entities_and_kinds_with_counts(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _node(app, "All facts").label.plain == "All facts 6"
        assert _node(app, TITLE[:19]).label.plain == f"{TITLE[:19]}… 6"
        assert _node(app, "I. Trade Has Grown").label.plain.endswith(" 4")  # with its subsections
        assert _node(app, "I.A. Goods").label.plain.endswith(" 2")
        assert _node(app, "Trade").label.plain == "Trade 1"
        assert _node(app, "Gazprom").label.plain == "Gazprom 2"
        assert _node(app, "People").label.plain == "People 2"
        assert _node(app, "money").label.plain == "money 2"


async def test_choosing_tree_nodes_filters_the_facts(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.query_one(TopicsTree)
        app.screen.set_focus(tree)
        for label, expected in [("I. Trade Has Grown", 4), ("I.B. Services", 2), ("Gazprom", 2),
                                ("Harbin", 1), ("money", 2), ("Energy", 2)]:
            node = _node(app, label)
            node.parent.expand()
            await settle(pilot)
            tree.move_cursor(node)
            await press(pilot, "enter")
            assert len(app.facts.hits) == expected, label
        assert "organization Gazprom" not in app.status.message
        assert "theme Energy" in app.status.message
        # The typed search composes with the node.
        await search_for(pilot, "lng")
        assert len(app.facts.hits) == 1
        await search_for(pilot, "x")  # "lngx"
        assert app.facts.hits == []
        # The root shows everything again (the typed search stays).
        await press(pilot, "escape")
        app.screen.set_focus(tree)
        tree.move_cursor(tree.root)
        await press(pilot, "enter")
        assert "theme" not in app.status.message


async def test_clicking_a_tree_node_filters(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        node = _node(app, "Tourism")
        await pilot.click(TopicsTree, offset=(8, 1 + node.line))
        await settle(pilot)
        assert texts(app) == ["Tourists to Harbin numbered eight hundred thousand."]


# -- marks --------------------------------------------------------------------------------


async def test_space_marks_and_marks_survive_a_restart(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "j", "j", "space")
        first, third = app.facts.hits[0].id, app.facts.hits[2].id
        assert app.marked == {first, third}
        assert app.facts.get_option_at_index(0).prompt.plain.startswith("●")
        assert app.facts.get_option_at_index(1).prompt.plain.startswith("·")
        assert "2 marked" in app.status.message
        await press(pilot, "k", "k", "space")  # unmark the first again
        assert app.marked == {third}
        await press(pilot, "space")
        await press(pilot, "q")
    assert not app.is_running
    again = app_on(db)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.marked == {first, third}
        assert again.facts.get_option_at_index(2).prompt.plain.startswith("●")
        assert again.store.marked_ids() == {first, third}


async def test_a_marks_all_shown_and_u_unmarks_all(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "gazprom")
        await press(pilot, "enter", "a")
        assert app.marked == {h.id for h in app.facts.hits}
        assert len(app.marked) == 2
        assert app.store.marked_ids() == app.marked
        await press(pilot, "u")
        assert app.marked == set()
        assert app.store.marked_ids() == set()


async def test_m_shows_only_marked_facts(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        assert app.facts.hits == []
        assert "No marked facts yet" in app.facts.get_option_at_index(0).prompt.plain
        await press(pilot, "m", "j", "space")
        marked = app.facts.hits[1].id
        await press(pilot, "m")
        assert [h.id for h in app.facts.hits] == [marked]
        assert "only marked" in app.status.message
        await press(pilot, "m")
        assert len(app.facts.hits) == 6


# -- export, copy, figures ------------------------------------------------------------------


async def test_e_exports_marked_facts_to_the_proposed_file(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "j", "j", "j", "space")
        chosen = [app.facts.hits[0].text, app.facts.hits[3].text]
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one(Input).value == "relexplorer-marked-2026-01-02.md"
        await press(pilot, "enter")
        assert not isinstance(app.screen, ExportDialog)
    written = tmp_path / "relexplorer-marked-2026-01-02.md"
    content = written.read_text(encoding="utf-8")
    for text in chosen:
        assert escape_markdown(text) in content
    assert "Ann Analyst" in content and "84,071,000,000" in content
    assert not list(tmp_path.glob(".*.tmp"))


async def test_export_asks_before_overwriting(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "relexplorer-marked-2026-01-02.md"
    target.write_text("keep me", encoding="utf-8")
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, ExportDialog)
        assert target.read_text(encoding="utf-8") == "keep me"
        await press(pilot, "enter", "y")
        assert not isinstance(app.screen, (ExportDialog, ConfirmScreen))
    assert "In 2017, bilateral trade" in target.read_text(encoding="utf-8")


async def test_export_to_another_name_and_cancel(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space", "e", "escape")
        assert not isinstance(app.screen, ExportDialog)
        assert list(tmp_path.glob("*.md")) == []
        await press(pilot, "e")
        app.screen.query_one(Input).value = "brief.md"
        await press(pilot, "enter")
    assert (tmp_path / "brief.md").is_file()


async def test_e_without_marks_says_so(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert not isinstance(app.screen, ExportDialog)
        assert any("No marked facts" in n.message for n in app._notifications)


async def test_y_copies_the_quote_with_its_citation(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "y")
        copied = app.clipboard
        assert copied.startswith("“Xi Jinping met Vladimir Putin in Moscow five times.”")
        assert "Ann Analyst" in copied and f"“{TITLE}”" in copied
        assert "Journal of Neighbours" in copied and "1 March 2019" in copied
        assert "section I.A. Goods" in copied and copied.rstrip().endswith(f"{URL}.")
        assert "characters" not in copied


async def test_f_shows_figures_sortable_by_value_and_enter_jumps_to_the_fact(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 8
        await press(pilot, "s")  # by unit, then largest first: units never mix
        rows = [screen.rows_shown[i] for i in range(table.row_count)]
        units = [r.unit for r in rows]
        assert all(units.index(u) == i or units[i - 1] == u for i, u in enumerate(units))  # each unit one run
        for a, b in zip(rows, rows[1:], strict=False):
            assert a.unit != b.unit or a.value >= b.value
        assert [r.text for r in rows if r.unit == "USD"][0] == "$84.071 billion"
        await press(pilot, "s")  # by unit, then smallest first
        rows = [screen.rows_shown[i] for i in range(table.row_count)]
        for a, b in zip(rows, rows[1:], strict=False):
            assert a.unit != b.unit or a.value <= b.value
        table.move_cursor(row=[r.text for r in rows].index("20.8 percent"))
        await press(pilot, "enter")
        assert not isinstance(app.screen, FiguresScreen)
        assert app.facts.current_fact_id == fact_id_of(app, "20.8 percent")


async def test_figures_of_what_is_shown_and_mouse_on_header_and_row(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "gazprom")
        await press(pilot, "enter", "f")
        table = app.screen.query_one(DataTable)
        assert {str(table.get_row_at(i)[2]) for i in range(table.row_count)} == {
            "$3 billion", "4 million tons", "2018 to 2022"}
        keys = [c.key.value for c in table.ordered_columns]
        value_x = sum(c.get_render_width(table) for c in table.ordered_columns[: keys.index("value")]) + 2
        await pilot.click(DataTable, offset=(value_x, 0))  # the Value header: by unit, then value
        await settle(pilot)
        assert [str(table.get_row_at(i)[2]) for i in range(3)] == ["4 million tons", "$3 billion", "2018 to 2022"]
        await pilot.click(DataTable, offset=(5, 3))  # the third row: moves the cursor there
        await settle(pilot)
        assert isinstance(app.screen, FiguresScreen)
        await pilot.click(DataTable, offset=(5, 3))  # clicked again: go to its fact
        await settle(pilot)
        assert not isinstance(app.screen, FiguresScreen)
        assert app.current_detail.text.startswith("Gazprom will deliver")


async def test_jump_to_a_fact_hidden_by_the_filters_clears_them(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.facts.hits[5].id
        await search_for(pilot, "gazprom")
        await press(pilot, "enter")
        app.post_message(JumpTo(app.facts.hits[0].id - 1))  # not in the results
        await settle(pilot)
        assert app.query_one(SearchBar).value == ""
        assert len(app.facts.hits) == 6
        app.post_message(JumpTo(target))
        await settle(pilot)
        assert app.facts.current_fact_id == target
        app.post_message(JumpTo(999_999))
        await settle(pilot)
        assert any("no fact 999999" in n.message.lower() for n in app._notifications)


# -- help, palette, refresh, quit, layout ----------------------------------------------------


async def test_question_mark_shows_every_key_and_the_syntax(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one("Static").content)
        for key in ["/", "space", "a", "u", "m", "e", "y", "f", "?", "q", "esc", "tab", "ctrl+p", "r", "t"]:
            assert re.search(rf"(^|\s){re.escape(key)}[\s,]", text), key
        for syntax in ["topic:energy", "value>1e9", '"strategic partnership"', "-sanctions", "is:marked"]:
            assert syntax in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_a_fact_by_id(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.facts.hits[4].id
        await press(pilot, "ctrl+p")
        await pilot.press(*str(target))
        await _wait_for_palette(pilot, f"Go to fact {target}")
        await press(pilot, "enter")
        assert app.facts.current_fact_id == target


async def test_palette_filters_by_entity(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"putin")
        await _wait_for_palette(pilot, "Filter by person: Vladimir Putin")
        await press(pilot, "enter")
        assert texts(app) == ["Xi Jinping met Vladimir Putin in Moscow five times."]
        assert "person Vladimir Putin" in app.status.message


async def _wait_for_palette(pilot, title: str) -> None:
    from textual.command import CommandList

    for _ in range(50):
        await pilot.pause(0.05)
        options = pilot.app.screen.query_one(CommandList)
        if options.option_count and title in str(options.get_option_at_index(0).prompt):
            options.highlighted = 0
            return
    raise AssertionError(f"the palette never offered {title!r}")


async def test_r_and_ctrl_r_reread_counts_and_results(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = open_store(db)  # another process ingests meanwhile
        other.add_document(_many_facts(3), sha256=sha256_text("three"))
        other.close()
        await press(pilot, "r")
        assert app.status.message.startswith("9 facts")
        assert _node(app, "Many facts").label.plain == "Many facts 3"
        other = open_store(db)
        other.remove_document("many-facts")
        other.close()
        await press(pilot, "ctrl+r")
        assert app.status.message.startswith("6 facts")


async def test_q_quits(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_narrow_terminal_hides_the_tree_until_t(db):
    app = app_on(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.query_one(TopicsTree)
        assert not tree.display or tree.region.width == 0
        await press(pilot, "t")
        assert tree.region.width > 0
        assert isinstance(app.focused, TopicsTree)  # shown to be used
        await press(pilot, "t")
        assert tree.region.width == 0
        assert isinstance(app.focused, FactsList)


# -- safety of what is shown -----------------------------------------------------------------


async def test_markup_and_escapes_in_sources_show_literally(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "source wrote")
        await press(pilot, "enter")
        prompt = app.facts.get_option_at_index(0).prompt
        assert "[bold]not bold[/bold]" in prompt.plain
        assert "\x1b" not in prompt.plain and "␛[31m" in prompt.plain
        shown = detail_text(app) + quote_text(app)
        assert "[bold]not bold[/bold]" in shown and "\x1b" not in shown
        await press(pilot, "y")
        assert "\x1b" not in app.clipboard
        assert HOSTILE.replace("\x1b", "␛") in app.clipboard


# -- the acceptance flow of the issue, on the bundled sample --------------------------------


async def test_new_user_flow_on_the_sample(sample_and_test_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = app_on(sample_and_test_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await search_for(pilot, "trade")
        await press(pilot, "enter")
        target = next(h for h in app.facts.hits
                      if "$84.071 billion" in h.text and "between China and Russia" in h.text)
        while app.facts.current_fact_id != target.id:
            await press(pilot, "j")
        assert "$84.071 billion" in detail_text(app)
        assert "84,071,000,000" in detail_text(app)  # its figures, normalised
        assert "China is the largest source of foreign investment" in quote_text(app).replace("\n", " ")
        assert "Zhao Mingwen" in quote_text(app)
        await press(pilot, "space", "j", "space")
        chosen = [target.text, app.current_detail.text]
        assert len(app.marked) == 2
        await press(pilot, "e", "enter")
    content = (tmp_path / "relexplorer-marked-2026-01-02.md").read_text(encoding="utf-8")
    for text in chosen:
        assert escape_markdown(text) in content
    assert "Zhao Mingwen" in content
    assert "84,071,000,000" in content


async def test_startup_reads_only_counters_and_one_page(sample_and_test_db):
    """A million-fact database must open instantly: nothing at start-up scans all facts."""
    store = open_store(sample_and_test_db)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    touching_facts = [s for s in statements if re.search(r"(FROM|JOIN) facts\b(?!_)", s)]
    assert touching_facts
    for sql in touching_facts:
        if "LIMIT" in sql:
            continue
        plan = " / ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert not re.search(r"SCAN (f|facts|x)\b(?! USING)", plan), (sql, plan)
