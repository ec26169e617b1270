"""The reading view's text: a whole document drawn a line at a time (Textual's line API).

Only the lines on screen are ever built (:meth:`ArticleView.render_line`), from offsets that
:class:`~relexplorer.tui.reading_layout.ReadingLayout` computed once per width, so a 20 MB
report opens and scrolls as fast as a page. Section headings are bold, every figure has the
badge colours of the facts list, the current fact is shaded with a bar in the left margin and
each marked fact shows the mark in the margin.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from relexplorer.catalog import ReadingDocument
from relexplorer.display import safe_text
from relexplorer.tui.reading_layout import ReadingLayout
from relexplorer.tui.render import BADGE, MARK_ON

GUTTER = 2  # the current-fact bar and the mark
CURRENT = Style(bgcolor="#34404c")
CURRENT_BAR = Style(color="#81a2be", bold=True)
MARK_STYLE = Style(color="#de935f", bold=True)
HEADING = Style(bold=True)
TOP_HEADING = Style(bold=True, underline=True)


class ArticleView(ScrollView, can_focus=True):
    """A document's whole text, wrapped to the width, with its facts and figures marked."""

    BINDINGS = [
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "End", show=False),
    ]

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: scroll;
        background: $surface;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document: ReadingDocument | None = None
        self.reading: ReadingLayout | None = None
        self.current: int | None = None
        self.marked: set[int] = set()

    # -- what is shown ----------------------------------------------------------------

    def show(self, document: ReadingDocument, current: int | None, marked: set[int]) -> None:
        """Show ``document`` with fact ``current`` in the middle of the screen."""
        self.document, self.current, self.marked = document, current, marked
        self.reading = None
        self._lay_out()
        self.centre()

    def set_current(self, fact_id: int) -> None:
        """Make ``fact_id`` the current fact and bring it to the middle of the screen."""
        self.current = fact_id
        self.centre()
        self.refresh()

    def set_marked(self, marked: set[int]) -> None:
        """Redraw the marks."""
        self.marked = marked
        self.refresh()

    def centre(self) -> None:
        """Scroll so that the current fact stands in the middle (its start, if it is taller)."""
        if self.reading is None or self.current is None:
            return
        lines = self.reading.fact_lines(self.current)
        if lines is None:
            return
        first, last = lines
        height = self.scrollable_content_region.height
        top = first if last - first + 1 >= height else (first + last + 1) // 2 - height // 2
        self.scroll_to(y=max(top, 0), animate=False, immediate=True)

    @property
    def text_width(self) -> int:
        """Cells per line of text (the margin and the scrollbar left out)."""
        return max(self.scrollable_content_region.width - GUTTER, 10)

    def _lay_out(self) -> None:
        if self.document is None or not self.size.width:
            return
        top_offset = None
        if self.reading is not None and len(self.reading):
            top_offset = self.reading.line_span(min(round(self.scroll_y), len(self.reading) - 1))[0]
        self.reading = ReadingLayout(self.document, self.text_width)
        self.virtual_size = Size(self.text_width + GUTTER, len(self.reading))
        if top_offset is not None:
            self.scroll_to(y=self.reading.line_of(top_offset), animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        """Wrap again at the new width, keeping the line at the top in place."""
        if self.document is None:
            return
        if self.reading is None:
            self._lay_out()
            self.centre()
        elif self.reading.width != self.text_width:
            self._lay_out()

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Screen row ``y``: the margin and one wrapped line of the text."""
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if self.reading is None or index >= len(self.reading):
            return Strip.blank(width, self.rich_style)
        line = self.line_text(index)
        line.stylize_before(self.rich_style)  # under the figures and the current fact
        return Strip(line.render(self.app.console), line.cell_len).crop_extend(0, width, self.rich_style)

    def line_text(self, index: int) -> Text:
        """Line ``index`` as styled text, margin included."""
        reading = self.reading
        assert reading is not None and self.document is not None
        start, end = reading.line_span(index)
        shown_end = end
        text = self.document.text
        while shown_end > start and text[shown_end - 1] in "\n\r":
            shown_end -= 1
        body = Text(safe_text(text[start:shown_end].replace("\t", " ")), no_wrap=True, end="")
        current = False
        marked = False
        for fact_id, f_start, f_end in reading.facts_on(index):
            if fact_id == self.current:
                current = True
                body.stylize(CURRENT, max(f_start - start, 0), min(f_end, shown_end) - start)
            if fact_id in self.marked:
                marked = True
        for h_start, h_end, level in reading.headings_on(index):
            body.stylize(TOP_HEADING if level <= 1 else HEADING, max(h_start - start, 0), min(h_end, shown_end) - start)
        for g_start, g_end in reading.figures_on(index):
            body.stylize(BADGE, max(g_start - start, 0), min(g_end, shown_end) - start)
        margin = Text.assemble(("▌" if current else " ", CURRENT_BAR), (MARK_ON if marked else " ", MARK_STYLE))
        return Text.assemble(margin, body, no_wrap=True, end="")
