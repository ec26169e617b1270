"""The figures table: every figure of the facts shown with its source, sortable by value within
each unit (USD, CNY and head counts never rank in one list), filtered by what the figures
measure; choosing a row jumps to its fact, ``c`` compares the row's series across sources."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from relexplorer.display import one_line
from relexplorer.model import StoredFigure
from relexplorer.search import Query, matching_figures
from relexplorer.store import Store
from relexplorer.tui.render import figure_value

LIMIT = 5000
# (key, header): the column keys are also the sort keys of a header click.
# What a row is (source, as written, what it measures) comes first: at 80 columns the
# normalised value and unit are a scroll to the right.
COLUMNS = [("fact_id", "Fact"), ("source_tag", "Source"), ("text", "As written"), ("label", "Measures"),
           ("value", "Value"), ("unit", "Unit"), ("kind", "Kind")]
SORTS = ("position", "value-desc", "value-asc")
SORT_NAMES = {"position": "document order", "value-desc": "unit, then value largest first",
              "value-asc": "unit, then value smallest first"}


class FiguresScreen(ModalScreen[int | None]):
    """Dismisses with the fact id of the chosen row (``None`` when closed)."""

    BINDINGS = [
        Binding("s", "sort", "Sort by value"),
        Binding("enter", "choose", "Go to fact"),
        Binding("c", "compare", "Compare"),
        Binding("slash", "filter", "Filter"),
        Binding("escape,q,f", "close", "Close"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    DEFAULT_CSS = """
    FiguresScreen {
        background: $background 60%;
    }
    FiguresScreen > Vertical {
        margin: 1 2;
        border: thick $primary;
        background: $surface;
    }
    FiguresScreen #figures-title {
        padding: 0 1;
        height: auto;
        text-style: bold;
    }
    FiguresScreen DataTable {
        height: 1fr;
    }
    FiguresScreen #figures-filter {
        height: 1;
        border: none;
        padding: 0 1;
    }
    """

    @dataclass
    class Loaded(Message):
        """The worker read the figures."""

        rows: list[StoredFigure]
        error: str = ""

    def __init__(self, store: Store, query: Query, marked: set[int], description: str = "") -> None:
        super().__init__()
        self.store = store
        self.figure_query = query
        self.marked = set(marked)
        self.description = description
        self.rows: list[StoredFigure] = []
        self.sort_order = "position"
        self.label_filter = ""
        self.rows_shown: list[StoredFigure] = []  # the table's rows, in its order

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Figures… (loading)"), id="figures-title")
            yield Input(placeholder="/ filter by what the figures measure (e.g. trade)", id="figures-filter")
            table: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="figures-table")
            for key, header in COLUMNS:
                table.add_column(Text(header), key=key)
            yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="figures")
    def _load(self) -> None:
        try:
            rows = matching_figures(self.store, self.figure_query, marked_ids=self.marked, limit=LIMIT)
        except Exception as exc:  # a worker's edge: shown in the title rather than ending the app
            self.post_message(self.Loaded([], str(exc)))
            return
        self.post_message(self.Loaded(rows))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        if event.error:
            self._title(f"Cannot read the figures: {event.error}")
            return
        self.rows = event.rows
        self._fill()

    def _title(self, message: str) -> None:
        self.query_one("#figures-title", Static).update(Text(one_line(message)))

    def _fill(self) -> None:
        wanted = self.label_filter.casefold()
        rows = [r for r in self.rows
                if not wanted or wanted in f"{r.label} {getattr(r, 'subject', '')}".casefold()]
        if self.sort_order == "value-desc":
            rows.sort(key=lambda r: (r.unit.casefold(), -r.value))
        elif self.sort_order == "value-asc":
            rows.sort(key=lambda r: (r.unit.casefold(), r.value))
        elif self.sort_order != "position":
            rows.sort(key=lambda r: (str(getattr(r, self.sort_order, "") or "").lower(), r.value))
        table = self.query_one(DataTable)
        table.clear()
        self.rows_shown = rows
        for row in rows:
            table.add_row(
                Text(str(row.fact_id), justify="right"), Text(one_line(row.source_tag or row.document)),
                Text(one_line(row.text)), Text(one_line(row.label or "")),
                Text(figure_value(row), justify="right"), Text(one_line(row.unit)), Text(one_line(row.kind)),
                key=str(row.id),
            )
        count = f"{len(rows):,}" + ("+" if len(rows) >= LIMIT else "")
        scope = f" of {one_line(self.description)}" if self.description else ""
        scope += f" measuring “{one_line(self.label_filter)}”" if wanted else ""
        noun = "figure" if len(rows) == 1 else "figures"
        self._title(f"{count} {noun}{scope} · sorted by {SORT_NAMES.get(self.sort_order, self.sort_order)}"
                    " · s sorts · / filters · c compares · enter goes to the fact")

    def action_filter(self) -> None:
        """Type what the figures measure (their subject or label) to show only those."""
        # Focus now, not later: the keys typed next are routed to whatever has the focus.
        self.set_focus(self.query_one("#figures-filter", Input))

    @on(Input.Changed, "#figures-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.label_filter = event.value.strip()
        self._fill()

    @on(Input.Submitted, "#figures-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(self.query_one(DataTable))

    def _current_row(self) -> StoredFigure | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if str(r.id) == key), None)

    def action_compare(self) -> None:
        """Compare the series of the figure under the cursor across sources."""
        from relexplorer.tui.screens.series_screen import SeriesScreen

        row = self._current_row()
        if row is None or not row.series:
            self.notify("This figure is in no series (its subject was not recognised).", severity="warning")
            return

        def chosen(fact_id: int | None) -> None:
            if fact_id is not None:
                self.dismiss(fact_id)

        app = self.app
        self.app.push_screen(SeriesScreen(self.store, series_key=row.series, folder=getattr(app, "folder", None),
                                          today=getattr(app, "today", None),
                                          style=getattr(app, "citation_style", "plain")), chosen)

    def action_sort(self) -> None:
        """Cycle: document order, value largest first, value smallest first."""
        index = SORTS.index(self.sort_order) if self.sort_order in SORTS else -1
        self.sort_order = SORTS[(index + 1) % len(SORTS)]
        self._fill()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key.value
        if key == "value":
            self.action_sort()
        else:
            self.sort_order = "position" if key == "fact_id" else key
            self._fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose(event.row_key.value)

    def action_choose(self) -> None:
        """Go to the fact of the row under the cursor."""
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self._choose(key.value)

    def _choose(self, figure_key: str | None) -> None:
        for row in self.rows:
            if str(row.id) == figure_key:
                self.dismiss(row.fact_id)
                return

    def action_cursor(self, direction: str) -> None:
        """Move the row cursor (for j/k)."""
        table = self.query_one(DataTable)
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_close(self) -> None:
        """Back to the explorer (from the filter box: back to the table)."""
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
