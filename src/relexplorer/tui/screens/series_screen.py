"""The comparison view: one series across sources. A table by period with one column per source
(conflicting values in red), a chart of the values over the years, enter goes to the fact of
the value under the cursor, ``e`` / ``x`` export the series to Markdown / CSV."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static
from textual_plotext import PlotextPlot

from relexplorer import catalog
from relexplorer.comparison import Comparison, chart_points, compare, scale_of
from relexplorer.display import one_line
from relexplorer.errors import ExportError
from relexplorer.export import DEFAULT_STYLE, write_atomic
from relexplorer.export.series import render_series_csv, render_series_markdown
from relexplorer.store import Store, slugify

CONFLICT = Style(color="white", bgcolor="#cc6666", bold=True)
# One marker and colour per source, so that a source reads the same in the legend and the plot.
MARKERS = "●■▲◆✚✖"
COLOURS = ("cyan", "orange", "green", "magenta", "yellow", "blue")
DODGE = 0.3  # years between two sources' points for the same year
DIM = Style(dim=True)


class SeriesScreen(ModalScreen[int | None]):
    """Dismisses with the fact id of the chosen value (``None`` when closed)."""

    BINDINGS = [
        Binding("enter", "choose", "Go to fact"),
        Binding("e", "export('md')", "Export .md"),
        Binding("x", "export('csv')", "Export .csv"),
        Binding("escape,q,c", "close", "Close"),
    ]

    DEFAULT_CSS = """
    SeriesScreen {
        background: $background 60%;
    }
    SeriesScreen > Vertical {
        margin: 1 2;
        border: thick $primary;
        background: $surface;
    }
    SeriesScreen #series-title {
        padding: 0 1;
        height: auto;
        text-style: bold;
    }
    SeriesScreen DataTable {
        height: auto;
        max-height: 50%;
    }
    SeriesScreen PlotextPlot {
        height: 1fr;
        min-height: 8;
    }
    """

    @dataclass
    class Loaded(Message):
        """The worker read the series (``table`` is None when the fact has none)."""

        table: Comparison | None
        error: str = ""

    @dataclass
    class Exported(Message):
        """An export finished (``path`` is None when it failed)."""

        path: Path | None
        error: str = ""

    def __init__(self, store: Store, *, fact_id: int | None = None, series_key: str = "",
                 folder: Path | None = None, today: date | None = None, style: str = DEFAULT_STYLE) -> None:
        super().__init__()
        self.store = store
        self.fact_id = fact_id
        self.series_key = series_key
        self.folder = folder
        self.today = today
        self.style = style
        self.table: Comparison | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Series… (loading)"), id="series-title")
            yield DataTable(cursor_type="cell", zebra_stripes=True, id="series-table")
            yield PlotextPlot(id="series-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="series")
    def _load(self) -> None:
        try:
            if self.series_key:
                found = catalog.series_by_keys(self.store, [self.series_key])
                series = found[0] if found else None
            else:
                series = catalog.series_of_fact(self.store, self.fact_id) if self.fact_id is not None else None
        except Exception as exc:  # a worker's edge: shown in the title rather than ending the app
            self.post_message(self.Loaded(None, str(exc)))
            return
        self.post_message(self.Loaded(compare(series) if series is not None else None))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        if event.error:
            self._title(f"Cannot read the series: {event.error}")
            return
        if event.table is None:
            self._title("No series: none of this fact's figures measures a subject found across sources "
                        "(escape closes)")
            self.query_one(DataTable).display = False
            self.query_one(PlotextPlot).display = False
            return
        self.table = event.table
        self._fill_table(event.table)
        self._fill_chart(event.table)

    def _title(self, message: str) -> None:
        self.query_one("#series-title", Static).update(Text(one_line(message)))

    def _fill_table(self, table: Comparison) -> None:
        series = table.series
        grid = self.query_one(DataTable)
        grid.clear(columns=True)
        grid.add_column(Text("Year"), key="period")
        for source in table.sources:
            grid.add_column(Text(one_line(source.tag)), key=source.document)
        for period in table.periods:
            cells = [Text(period, DIM if period == "no year" else Style(bold=True))]
            for source in table.sources:
                points = table.cell(period, source.document)
                text = Text(justify="right")
                for i, point in enumerate(points):
                    if i:
                        text.append("; ")
                    text.append(one_line(point.figure.text), CONFLICT if point.conflict else None)
                cells.append(text)
            grid.add_row(*cells, key=period)
        noun = "figure" if len(series.points) == 1 else "figures"
        conflicts = f" · {series.conflicts} in conflict (red)" if series.conflicts else " · no conflicts"
        more = " (first shown)" if series.truncated else ""
        self._title(f"{one_line(series.subject or series.key)} · {len(series.points)} {noun}{more} from "
                    f"{len(table.sources)} sources{conflicts} · enter goes to the fact")
        row, column = self._start_cell(table)
        grid.move_cursor(row=row, column=column)

    def _start_cell(self, table: Comparison) -> tuple[int, int]:
        """The cell of the fact the view was opened on, else the first value."""
        first: tuple[int, int] | None = None
        for row, period in enumerate(table.periods):
            for column, source in enumerate(table.sources, 1):
                points = table.cell(period, source.document)
                if any(p.figure.fact_id == self.fact_id for p in points):
                    return row, column
                if points and first is None:
                    first = (row, column)
        return first or (0, 1)

    def _fill_chart(self, table: Comparison) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        pairs = chart_points(table)
        values = [v for points in pairs.values() for _, v in points]
        divisor, word = scale_of(values)
        # Sources giving the same year are drawn side by side (dodged), not one over the other;
        # every line first, then every marker, so that no line hides a value.
        shared = Counter(x for points in pairs.values() for x in {x for x, _ in points})
        dodge = DODGE * (max(1, len(pairs)) - 1) / 2
        drawn = []
        for index, (tag, points) in enumerate(pairs.items()):
            xs = [x + (DODGE * index - dodge if shared[x] > 1 else 0) for x, _ in points]
            drawn.append((index, tag, xs, [v / divisor for _, v in points]))
        for index, _, xs, ys in drawn:
            if len(xs) > 1:
                plt.plot(xs, ys, marker="braille", color=COLOURS[index % len(COLOURS)])
        for index, tag, xs, ys in drawn:
            plt.scatter(xs, ys, marker=MARKERS[index % len(MARKERS)], color=COLOURS[index % len(COLOURS)],
                        label=tag)
        years = sorted({int(x) for points in pairs.values() for x, _ in points})
        if years:
            plt.xticks(years, [str(y) for y in years])
            plt.xlim(years[0] - 1, years[-1] + 1)
        unit = " ".join(x for x in (word, table.chart_unit) if x)
        plt.title(f"{table.series.subject or table.series.key} ({unit})" if unit else table.series.subject)
        plot.refresh()

    # -- choosing and exporting -------------------------------------------------------

    def _current_fact(self) -> int | None:
        if self.table is None:
            return None
        grid = self.query_one(DataTable)
        if not grid.row_count:
            return None
        row, column = grid.cursor_coordinate
        if column == 0 or column > len(self.table.sources) or row >= len(self.table.periods):
            return None
        points = self.table.cell(self.table.periods[row], self.table.sources[column - 1].document)
        return points[0].figure.fact_id if points else None

    def action_choose(self) -> None:
        """Go to the fact of the value under the cursor."""
        fact_id = self._current_fact()
        if fact_id is None:
            self.notify("No value under the cursor: move to a cell with a figure.", severity="warning")
            return
        self.dismiss(fact_id)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_choose()

    def action_export(self, kind: str) -> None:
        """Write the series to a new file in the export folder (Markdown or CSV)."""
        if self.table is None:
            self.notify("No series to export.", severity="warning")
            return
        self._export(self.table, kind)

    def proposed_path(self, kind: str) -> Path:
        """``relexplorer-series-SUBJECT-YYYY-MM-DD.md`` in the folder, numbered if taken."""
        assert self.table is not None
        subject = re.sub(r"[\u2010-\u2015]", "-", self.table.series.subject or self.table.series.key)
        stem = (f"relexplorer-series-{slugify(subject, 40)}-"
                f"{(self.today or date.today()).isoformat()}")
        folder = self.folder or Path.cwd()
        path = folder / f"{stem}.{kind}"
        number = 2
        while path.exists():
            path = folder / f"{stem}-{number}.{kind}"
            number += 1
        return path

    @work(thread=True, exclusive=True, group="series-export")
    def _export(self, table: Comparison, kind: str) -> None:
        try:
            if kind == "csv":
                content = render_series_csv(table)
            else:
                facts = catalog.fact_details(self.store, list(dict.fromkeys(p.figure.fact_id for p in table.points)))
                content = render_series_markdown(table, facts, style=self.style, database=str(self.store.path))
            path = write_atomic(self.proposed_path(kind), content)
        except ExportError as exc:
            self.post_message(self.Exported(None, str(exc)))
            return
        except Exception as exc:  # a worker's edge: the database failed; say so, keep the app
            self.post_message(self.Exported(None, f"cannot export the series: {exc}"))
            return
        self.post_message(self.Exported(path.resolve()))

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        if event.error:
            self.notify(event.error, title="Export failed", severity="error", markup=False)
        else:
            self.notify(f"Wrote the series to {event.path}", title="Exported", markup=False)

    def action_close(self) -> None:
        """Back to where the view was opened."""
        self.dismiss(None)
