"""The right-top pane: the whole fact, its section path, its figures table, the user's note and
its tags, who says it, and its people, organisations, places and themes."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from relexplorer.display import one_line, safe_text, speakers_label
from relexplorer.model import FactDetail, StoredFigure
from relexplorer.search import Query
from relexplorer.tui.render import figure_value, highlighted, section_title

_HEADING = Style(bold=True)
_DIM = Style(dim=True)
_NOTE = Style(bold=True, color="#81a2be")
TABLE_WIDTH = 60
ENTITY_TITLES = (("person", "People"), ("organization", "Organisations"), ("place", "Places"))


def _figures_table(figures: list[StoredFigure]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True, header_style=_HEADING)
    table.add_column("As written", overflow="fold", ratio=3)
    table.add_column("Value", justify="right", overflow="fold", ratio=3)
    table.add_column("Unit", no_wrap=True, overflow="ellipsis")
    table.add_column("Kind", no_wrap=True, overflow="ellipsis")
    table.add_column("Measures", overflow="fold", ratio=3)
    for figure in figures:
        table.add_row(Text(one_line(figure.text)), Text(figure_value(figure)),
                      Text(one_line(figure.unit)), Text(one_line(figure.kind)),
                      Text(one_line(figure.label or "")))
    return table


def _figures_list(figures: list[StoredFigure]) -> Group:
    """The figures one under the other, for a narrow pane."""
    lines = []
    for figure in figures:
        line = Text("• ")
        line.append(one_line(figure.text), _HEADING)
        line.append(f" = {figure_value(figure)} {one_line(figure.unit)}")
        details = ", ".join(x for x in (one_line(figure.kind), one_line(figure.label or "")) if x)
        line.append(f" ({details})", _DIM)
        lines.append(line)
    return Group(*lines)


def said_by(detail: FactDetail) -> Text:
    """"Said by: Vladimir Putin (“Putin said”)", or the author when no one else speaks."""
    line = Text.assemble(("Said by: ", _HEADING))
    author = detail.doc.author if detail.doc else ""
    line.append(speakers_label(detail.speakers, author))
    cues = [one_line(s.cue) for s in detail.speakers if s.cue]
    if cues:
        line.append(" (" + "; ".join(f"“{c}”" for c in dict.fromkeys(cues)) + ")", _DIM)
    return line


def note_text(detail: FactDetail) -> Text | None:
    """"Note #tag #tag:" over the note's lines (made safe), or None when the fact has none."""
    note = detail.note
    if note is None:
        return None
    text = Text.assemble(("Note", _NOTE))
    if note.tags:
        text.append(" " + " ".join("#" + one_line(t) for t in note.tags), _NOTE)
    text.append(" (N to edit)\n", _DIM)
    text.append(safe_text(note.text.strip()))
    return text


def detail_renderable(detail: FactDetail, query: Query | None, width: int = 80) -> Group:
    """The detail pane's content for one fact (as returned by ``catalog.fact_detail``).

    Figures are a table when the pane is at least ``TABLE_WIDTH`` wide, else a list.
    """
    parts: list = []
    where = section_title(detail.section_path)
    header = Text.assemble((f"Fact {detail.id}", _DIM))
    if detail.source_tag:
        header.append(" · ", _DIM)
        header.append(one_line(detail.source_tag), _HEADING)
    if where:
        header.append(" · § ", _DIM)
        header.append(where, _HEADING)
    parts.append(header)
    # The note and the figures first: the list beside already shows the text, and a short pane
    # should show what only this pane has.
    note = note_text(detail)
    if note is not None:
        parts += [note, Text()]
    figures = detail.figures
    if figures and width >= TABLE_WIDTH:
        parts.append(_figures_table(figures))
    elif figures:
        parts.append(_figures_list(figures))
    subjects = list(dict.fromkeys(g.subject for g in figures if g.series and g.subject))
    if subjects:
        parts.append(Text.assemble(("Series: ", _HEADING), one_line(", ".join(subjects)),
                                   (" (c compares the sources)", _DIM)))
    if figures:
        parts.append(Text())
    parts.append(highlighted(detail.text, query))
    parts.append(Text())
    parts.append(said_by(detail))
    entities = detail.entities
    lines = []
    for kind, title in ENTITY_TITLES:
        names = list(dict.fromkeys(e.name for e in entities if e.kind == kind))
        if names:
            lines.append((title, names))
    if detail.topics:
        lines.append(("Themes", detail.topics))
    if lines:
        parts.append(Text())
    for title, names in lines:
        line = Text.assemble((f"{title}: ", _HEADING), one_line(", ".join(names)))
        parts.append(line)
    return Group(*parts)


class FactDetailPane(VerticalScroll):
    """Shows one fact in full; scrolls with j/k when focused."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    FactDetailPane > Static {
        width: 100%;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[FactDetail, Query | None] | None = None
        self._layout_width = 0

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, detail: FactDetail, query: Query | None) -> None:
        """Show ``detail`` with the query's matches highlighted."""
        self._shown = (detail, query)
        self._render_shown()
        self.scroll_home(animate=False)

    def _render_shown(self) -> None:
        if self._shown is None:
            return
        self._layout_width = self.scrollable_content_region.width
        detail, query = self._shown
        self.query_one("#detail-body", Static).update(
            detail_renderable(detail, query, self._layout_width or 80)
        )

    def on_resize(self) -> None:
        # The figures switch between a table and a list at TABLE_WIDTH.
        width = self.scrollable_content_region.width
        if (width >= TABLE_WIDTH) != (self._layout_width >= TABLE_WIDTH):
            self._render_shown()

    def clear(self, message: str = "") -> None:
        """Show nothing (or a short message)."""
        self._shown = None
        self.query_one("#detail-body", Static).update(Text(message, _DIM))
