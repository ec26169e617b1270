"""The explorer across documents: source tags on the facts, grouping by document, the
comparison view (c) with its table, conflicts, chart, jump and exports, and the tree's counts."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from relexplorer.store import open_store
from relexplorer.tui.app import ExplorerApp, make_app
from relexplorer.tui.screens.figures_screen import FiguresScreen
from relexplorer.tui.screens.series_screen import CONFLICT, SeriesScreen
from relexplorer.tui.widgets.topics_tree import TopicsTree
from tests.functional.test_tui import fact_id_of, press, search_for, settle
from tests.helpers.series_sample import SUBJECT, add_series_documents
from tests.helpers.tui_sample import add_test_document

SIZE = (120, 40)
TAGS = ["Peace&Dev 2018", "Xinhua 2022", "CSIS 2022a", "CSIS 2022b"]  # by date of publication


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "series.db"
    store = open_store(path)
    add_series_documents(store)
    add_test_document(store)
    store.close()
    return path


def app_on(path: Path, folder: Path | None = None) -> ExplorerApp:
    return make_app(open_store(path), today=date(2026, 1, 2), folder=folder)


def rows_plain(app: ExplorerApp) -> list[str]:
    facts = app.facts
    return [facts.get_option_at_index(i).prompt.plain for i in range(facts.option_count)]


async def test_every_fact_row_names_its_source_and_g_groups_by_document(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = rows_plain(app)
        for hit, row in zip(app.facts.hits, rows, strict=True):
            assert hit.source_tag and row.startswith(f"· {hit.source_tag} ")
        assert {h.source_tag for h in app.facts.hits} == {*TAGS, "Neighbours 2019"}
        await press(pilot, "g")
        rows = rows_plain(app)
        facts = app.facts
        options = [facts.get_option_at_index(i) for i in range(facts.option_count)]
        # a document's heading is a line of its own above its first row
        headings = [o.heading.plain for o in options if o.heading is not None]
        assert headings == [f"{tag} {title}" for tag, title in dict(
            (h.source_tag, h.document_title) for h in app.facts.hits).items()]
        assert not any(r.startswith(f"· {h.source_tag}") for r, h in zip(rows, app.facts.hits, strict=True))
        await press(pilot, "g")
        assert rows_plain(app)[0].startswith("· Peace&Dev 2018 ")


async def test_c_opens_the_series_by_year_and_source_with_conflicts_and_enter_jumps(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "customs")
        await press(pilot, "enter", "c")
        screen = app.screen
        assert isinstance(screen, SeriesScreen)
        grid = screen.query_one(DataTable)
        assert [str(c.label) for c in grid.ordered_columns] == ["Year", *TAGS]
        assert [str(grid.get_row_at(i)[0]) for i in range(grid.row_count)] == ["2000", "2017", "2021"]
        row_2017 = grid.get_row_at(1)
        assert [str(c) for c in row_2017] == ["2017", "$84.071 billion", "", "", "$87 billion"]
        assert any(span.style == CONFLICT for span in row_2017[1].spans)
        assert not any(span.style == CONFLICT for span in grid.get_row_at(2)[2].spans)  # 147 vs 146.9 agree
        assert grid.cursor_coordinate == (1, 4)  # on the fact the view was opened from
        title = str(screen.query_one("#series-title").content)
        assert SUBJECT in title and "5 figures from 4 sources" in title and "2 in conflict" in title
        assert screen.query_one(PlotextPlot).display
        grid.move_cursor(row=2, column=2)
        await press(pilot, "enter")
        assert not isinstance(app.screen, SeriesScreen)
        assert app.facts.current_fact_id == fact_id_of(app, "$146.9 billion")


async def test_the_series_exports_to_markdown_with_citations_and_to_csv(db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    app = app_on(db, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "c", "e", "x")
        await settle(pilot)
        await press(pilot, "e")  # again: a new file, never the old one replaced
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["relexplorer-series-china-russia-trade-2026-01-02-2.md",
                     "relexplorer-series-china-russia-trade-2026-01-02.csv",
                     "relexplorer-series-china-russia-trade-2026-01-02.md"]
    markdown = (folder / names[2]).read_text("utf-8")
    assert "| Year | Peace\\&Dev 2018 | Xinhua 2022 | CSIS 2022a | CSIS 2022b |" in markdown
    assert "| 2017 | **\\$84.071 billion**[^2] |  |  | **\\$87 billion**[^3] |" in markdown
    assert markdown.count("[^1]:") == 1 and "[^4]:" in markdown and "[^5]" not in markdown  # one note a fact
    assert "Zhao Mingwen" in markdown and "“Russian Customs and the Trade Numbers”" in markdown
    rows = list(csv.DictReader(io.StringIO((folder / names[1]).read_text("utf-8"))))
    assert sorted((r["year"], r["text"], r["conflict"]) for r in rows) == [
        ("2000", "$8 billion", "false"), ("2017", "$84.071 billion", "true"), ("2017", "$87 billion", "true"),
        ("2021", "$146.9 billion", "false"), ("2021", "$147 billion", "false")]


async def test_a_fact_without_a_series_says_so_and_c_in_the_figures_table_opens_a_row_series(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "tourists")
        await press(pilot, "enter", "c")
        assert isinstance(app.screen, SeriesScreen)
        assert "No series" in str(app.screen.query_one("#series-title").content)
        assert not app.screen.query_one(DataTable).display
        await press(pilot, "escape", "escape", "escape")
        await press(pilot, "f")
        screen = app.screen
        assert isinstance(screen, FiguresScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[r.text for r in screen.rows_shown].index("$8 billion"))
        await press(pilot, "c")
        assert isinstance(app.screen, SeriesScreen)
        assert app.screen.query_one(DataTable).row_count == 3
        await press(pilot, "enter")  # the first value: $8 billion, back to the explorer
        assert not isinstance(app.screen, (SeriesScreen, FiguresScreen))
        assert app.facts.current_fact_id == fact_id_of(app, "$8 billion")


async def test_the_figures_table_filters_by_subject_and_sorts_within_a_unit(db):
    app = app_on(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f", "slash")
        await pilot.press(*"trade")
        await settle(pilot)
        screen = app.screen
        assert {r.label for r in screen.rows_shown} == {"bilateral trade"}
        assert len(screen.rows_shown) == 6
        await press(pilot, "enter", "s")
        assert [r.value for r in screen.rows_shown] == sorted((r.value for r in screen.rows_shown), reverse=True)
        assert screen.query_one(DataTable).get_row_at(0)[1].plain == "CSIS 2022a"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_tree_never_cuts_a_count(tmp_path, size):
    path = tmp_path / "long.db"
    store = open_store(path)
    add_series_documents(store)
    store.close()
    app = app_on(path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if size[0] < 110:
            await press(pilot, "t")
        tree = app.query_one(TopicsTree)
        checked = 0
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            label = tree.render_label(node, Style(), Style())
            depth, parent = 0, node.parent
            while parent is not None:
                depth, parent = depth + 1, parent.parent
            assert label.cell_len <= tree.scrollable_content_region.width - depth * tree.guide_depth
            counted = node.label.plain.rsplit(" ", 1)
            if len(counted) == 2 and counted[1].replace(",", "").isdigit():
                assert label.plain.endswith(" " + counted[1])
                checked += 1
        assert checked >= 4


def test_tags_follow_a_metadata_edit_and_a_new_document_from_another_connection(db):
    from relexplorer import catalog

    store = open_store(db)
    tags = catalog.source_tags(store)
    first = min(tags.by_document)
    assert tags.get(first) == "Peace&Dev 2018"
    store.edit_document(store.rows("SELECT slug FROM documents WHERE id = ?", [first])[0]["slug"],
                        {"source": "Russian International Affairs Council"})
    assert catalog.source_tags(store).get(first) == "RIAC 2018"
    other = open_store(db)
    other.edit_document(store.rows("SELECT slug FROM documents WHERE id = ?", [first])[0]["slug"],
                        {"source": "Xinhua News Agency", "published": "2022-12-30"})
    other.close()
    after = catalog.source_tags(store)
    assert after.get(first) == "Xinhua 2022b" and "Xinhua 2022a" in after.by_document.values()
    assert [h.source_tag for h in catalog.fact_rows(store, [1])] == ["Xinhua 2022b"]
