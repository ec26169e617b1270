"""The reading view's text: a whole document drawn a line at a time (Textual's line API).

Only the lines on screen are ever built (:meth:`ArticleView.render_line`), from offsets that
:class:`~relexplorer.tui.reading_layout.ReadingLayout` computed once per width, and with the facts
and figures of the windows of text read so far, so a 20 MB report opens and scrolls as fast as
a page. Section headings are bold, every figure has the
badge colours of the facts list, the current fact is shaded with a bar in the left margin and
each marked fact shows the mark in the margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from relexplorer.catalog import ReadingDocument, ReadingSpans
from relexplorer.display import safe_text
from relexplorer.tui.reading_layout import ReadingLayout, SpanWindows
from relexplorer.tui.render import BADGE, MARK_ON

GUTTER = 2  # the current-fact bar and the mark
CURRENT = Style(bgcolor="#34404c")
CURRENT_BAR = Style(color="#81a2be", bold=True)
MARK_STYLE = Style(color="#de935f", bold=True)
HEADING = Style(bold=True)
TOP_HEADING = Style(bold=True, underline=True)


class ArticleView(ScrollView, can_focus=True):
    """A document's whole text, wrapped to the width, with its facts and figures marked.

    Lines whose facts and figures are not read yet are drawn plain and ask for them
    (:class:`ArticleView.NeedSpans`); the screen reads them in a worker and hands them to
    :meth:`add_spans`. Drawn lines are kept until what they show changes.
    """

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

    @dataclass
    class NeedSpans(Message):
        """The lines on screen need the facts and figures of these windows of text."""

        windows: list[int]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document: ReadingDocument | None = None
        self.reading: ReadingLayout | None = None
        self.spans = SpanWindows()
        self.current: tuple[int, int, int] | None = None  # (id, start, end)
        self.marked: set[int] = set()
        self._requested: set[int] = set()
        self._drawn: LRUCache[int, Strip] = LRUCache(1024)

    # -- what is shown ----------------------------------------------------------------

    def show(self, document: ReadingDocument, current: tuple[int, int, int], marked: set[int],
             spans: SpanWindows, layout: ReadingLayout | None = None) -> None:
        """Show ``document`` with fact ``current`` in the middle of the screen (``layout``: the
        document already wrapped, used if it was wrapped at this view's width)."""
        self.document, self.current, self.marked, self.spans = document, current, set(marked), spans
        self.reading = None
        if layout is not None and layout.document is document and layout.width == self.text_width and self.size.width:
            self._use(layout)
        else:
            self._lay_out()
        self.centre()

    @property
    def current_id(self) -> int | None:
        """The id of the current fact."""
        return self.current[0] if self.current else None

    def set_current(self, current: tuple[int, int, int]) -> None:
        """Make ``current`` the current fact and bring it to the middle of the screen."""
        for fact in (self.current, current):
            if fact is not None and self.reading is not None:
                first, last = self.reading.lines_of(fact[1], fact[2])
                for line in range(first, last + 1):
                    self._drawn.discard(line)
        self.current = current
        self.centre()
        self.refresh()

    def set_marked(self, marked: set[int]) -> None:
        """Redraw the marks."""
        self.marked = set(marked)
        self._drawn.clear()
        self.refresh()

    def add_spans(self, found: dict[int, ReadingSpans]) -> None:
        """Take the facts and figures read for some windows of text, and draw them."""
        for window, spans in found.items():
            self.spans.add(window, spans)
            self._requested.discard(window)
        self.refresh()

    def centre(self) -> None:
        """Scroll so that the current fact stands in the middle (its start, if it is taller)."""
        if self.reading is None or self.current is None:
            return
        first, last = self.reading.lines_of(self.current[1], self.current[2])
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
        self._use(ReadingLayout(self.document, self.text_width))
        if top_offset is not None:
            self.scroll_to(y=self.reading.line_of(top_offset), animate=False, immediate=True)
        self.refresh()

    def _use(self, layout: ReadingLayout) -> None:
        self.reading = layout
        self._drawn.clear()
        self.virtual_size = Size(layout.width + GUTTER, len(layout))
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
        drawn = self._drawn.get(index)
        if drawn is not None and drawn.cell_length == width:
            return drawn
        start, end = self.reading.line_span(index)
        missing = self.spans.missing(start, end)
        if missing:
            self._ask_for(missing)
        line = self.line_text(index)
        line.stylize_before(self.rich_style)  # under the figures and the current fact
        strip = Strip(line.render(self.app.console), line.cell_len).crop_extend(0, width, self.rich_style)
        if not missing:
            self._drawn[index] = strip
        return strip

    def _ask_for(self, windows: list[int]) -> None:
        # The windows on either side too, so that scrolling on finds them read.
        wanted = {w + d for w in windows for d in (-1, 0, 1) if w + d >= 0} - self._requested
        if wanted:
            self._requested |= wanted
            self.post_message(self.NeedSpans(sorted(wanted)))

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
        for fact_id, f_start, f_end in self.spans.facts_on(start, end):
            if self.current is not None and fact_id == self.current[0]:
                current = True
                body.stylize(CURRENT, max(f_start - start, 0), min(f_end, shown_end) - start)
            if fact_id in self.marked:
                marked = True
        if self.current is not None and not current and self.current[1] < end and self.current[2] > start:
            current = True  # its window is not read yet, but where it stands is known
            body.stylize(CURRENT, max(self.current[1] - start, 0), min(self.current[2], shown_end) - start)
        for h_start, h_end, level in reading.headings_on(index):
            body.stylize(TOP_HEADING if level <= 1 else HEADING, max(h_start - start, 0), min(h_end, shown_end) - start)
        for g_start, g_end in self.spans.figures_on(start, end):
            body.stylize(BADGE, max(g_start - start, 0), min(g_end, shown_end) - start)
        margin = Text.assemble(("▌" if current else " ", CURRENT_BAR), (MARK_ON if marked else " ", MARK_STYLE))
        return Text.assemble(margin, body, no_wrap=True, end="")
