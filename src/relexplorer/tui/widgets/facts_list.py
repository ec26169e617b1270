"""The middle pane: the facts that match, a page at a time.

Each entry shows the mark indicator, a marker when the fact has a note, the source tag
(``CSIS 2022``), the section label, the text with search matches highlighted and a badge per
figure. Grouped by document, the first entry of each document carries a heading line with the tag
and the title, and the entries leave the tag out. More rows are asked for (:class:`FactsList.NeedMore`)
when the cursor or the scroll position nears the end of what is loaded.

Every row is :data:`ROW_LINES` lines high, whatever the length of its fact, so that showing
new results costs the same for a 40-character fact and a 600-character one: the list's line
map is arithmetic, a row's text is built (:func:`~relexplorer.tui.render.fact_prompt`) and
wrapped only when the row is first painted, and only the visible rows are painted. A longer
fact ends in ``…``; the detail pane shows it whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size, Spacing
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Padding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from relexplorer.model import FactHit
from relexplorer.search import Query
from relexplorer.tui.render import document_heading, fact_prompt

NEAR_END = 10  # rows from the end at which the next page is asked for
ROW_LINES = 3  # screen lines per fact, whatever its length
ELLIPSIS = "…"


class FactOption(Option):
    """One fact of the list; its text is built on first use, i.e. when its row is painted."""

    def __init__(self, hit: FactHit, query: Query | None, marked: bool, noted: bool,
                 heading: Text | None = None) -> None:
        super().__init__("", id=str(hit.id))
        self.hit = hit
        self.query = query
        self.marked = marked
        self.noted = noted
        self.heading = heading  # grouped by document: the document's first row carries its heading
        self.grouped = False
        self._built = False

    @property
    def prompt(self) -> Text:
        """The row's text (mark, note marker, tag, section, highlighted text, badges); the
        heading is drawn apart, on one line of its own."""
        if not self._built:
            self._prompt = fact_prompt(self.hit, self.query, marked=self.marked, noted=self.noted,
                                       show_source=not self.grouped)
            self._built = True
        return self._prompt

    def set_grouped(self, grouped: bool, heading: Text | None) -> None:
        """Show the row tagged with its source, or under its document's heading."""
        self.grouped, self.heading = grouped, heading
        self._built = False
        self._visual = None

    def set_flags(self, marked: bool, noted: bool) -> bool:
        """Change the mark indicator and the note marker; True when either changed."""
        if (marked, noted) == (self.marked, self.noted):
            return False
        self.marked, self.noted = marked, noted
        self._built = False
        self._visual = None
        return True


def _row_height(option: Option) -> int:
    """A fact's :data:`ROW_LINES`, and a line more for its document's heading."""
    return ROW_LINES + (getattr(option, "heading", None) is not None)


class FactsList(OptionList):
    """The facts list; option ids are fact ids; every row is :data:`ROW_LINES` lines high."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class NeedMore(Message):
        """The user is near the end of the loaded rows."""

        loaded: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[FactHit] = []
        self.noted: set[int] = set()  # facts with a note (the app keeps it up to date)
        self.query_shown: Query | None = None
        self.complete = True
        self.grouped = False
        self._empty_message = ""

    # -- content ----------------------------------------------------------------------

    def show(self, hits: list[FactHit], query: Query | None, marked: set[int], *, complete: bool,
             keep: int | None = None) -> None:
        """Replace the rows; keep the cursor on fact ``keep`` if it is still there."""
        self.hits = list(hits)
        self.query_shown = query
        self.complete = complete
        self.set_options(self._option(i, marked) for i in range(len(hits)))
        if not hits:
            self.add_option(Option(Text(self._empty_message or "No facts match.", Style(italic=True)),
                                   id="empty", disabled=True))
            self.highlighted = None
            return
        index = 0
        if keep is not None:
            index = next((i for i, h in enumerate(hits) if h.id == keep), 0)
        self.highlighted = index
        self.scroll_to_highlight(top=index == 0)

    def append(self, hits: list[FactHit], marked: set[int], *, complete: bool) -> None:
        """Add the next page of rows."""
        known = {h.id for h in self.hits}
        new = [h for h in hits if h.id not in known]
        first = len(self.hits)
        self.hits += new
        self.complete = complete
        self.add_options(self._option(i, marked) for i in range(first, len(self.hits)))

    def _option(self, index: int, marked: set[int]) -> FactOption:
        hit = self.hits[index]
        option = FactOption(hit, self.query_shown, hit.id in marked, hit.id in self.noted)
        if self.grouped:
            option.set_grouped(True, self._heading(index))
        return option

    def _heading(self, index: int) -> Text | None:
        hit = self.hits[index]
        if index == 0 or self.hits[index - 1].document_id != hit.document_id:
            return document_heading(hit, hit.document_title)
        return None

    def set_grouped(self, grouped: bool, marked: set[int]) -> None:
        """Group the rows by document (a heading per document) or tag each row."""
        self.grouped = grouped
        for index, option in enumerate(self.options):
            if isinstance(option, FactOption):
                option.set_grouped(grouped, self._heading(index) if grouped else None)
        self._clear_caches()  # a heading adds a line to its row: the line map changes
        self.refresh()

    def set_empty_message(self, message: str) -> None:
        """What the list says when nothing matches."""
        self._empty_message = message

    def update_marks(self, marked: set[int], ids: set[int] | None = None) -> None:
        """Redraw the mark indicator of ``ids`` (all loaded rows when ``None``)."""
        changed = False
        for option in self.options:
            if isinstance(option, FactOption) and (ids is None or option.hit.id in ids):
                fact = option.hit.id
                changed = option.set_flags(fact in marked, fact in self.noted) or changed
        if changed:
            self._option_render_cache.clear()
            self.refresh()

    def update_notes(self, noted: set[int], marked: set[int], ids: set[int] | None = None) -> None:
        """Keep ``noted`` as the facts with a note; redraw the rows of ``ids`` (when ``None``,
        those whose marker changed)."""
        old, self.noted = self.noted, set(noted)
        changed = (old ^ self.noted) if ids is None else set(ids)
        if changed:
            self.update_marks(marked, changed)

    # -- fixed-height rows ------------------------------------------------------------
    # OptionList measures every option's wrapped height to map screen lines to options;
    # with fixed-height rows the map is arithmetic and nothing is measured.

    def _update_lines(self) -> None:
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        first_new = len(cache.heights)
        for index in range(first_new, len(self.options)):
            height = _row_height(self.options[index])
            cache.index_to_line[index] = len(cache.lines)
            cache.heights[index] = height
            cache.lines.extend((index, line) for line in range(height))
        virtual_size = Size(self.scrollable_content_region.width, len(cache.lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(_row_height(option) for option in self.options)

    def _get_option_render(self, option: Option, style: VisualStyle) -> list[Strip]:
        """The option's ``ROW_LINES`` lines: wrapped, cut with ``…``, padded to the width."""
        padding = self.get_component_styles("option-list--option").padding
        key = (option, style, padding)
        strips = self._option_render_cache.get(key)
        if strips is None:
            strips = self._row_strips(option, style, padding, self.scrollable_content_region.width)
            self._option_render_cache[key] = strips
        return strips

    def _row_strips(self, option: Option, style: VisualStyle, padding: Spacing, width: int) -> list[Strip]:
        index = self._option_to_index[option]
        prompt = option.prompt
        if isinstance(prompt, Text) and len(prompt) > width * (ROW_LINES + 1):
            # Wrapping cost stays bounded: what lies beyond the row's lines never shows.
            option = Option(prompt[: width * (ROW_LINES + 1)], disabled=option.disabled)
        visual = self._get_visual(option)
        if padding:
            visual = Padding(visual, padding)
        rich_style = style.rich_style
        strips = visual.to_strips(self, visual, width, None, style)
        if len(strips) > ROW_LINES:
            strips = strips[:ROW_LINES]
            last = strips[-1]
            cut = min(cell_len(last.text.rstrip()), width - 1)
            strips[-1] = Strip.join([last.crop(0, cut), Strip([Segment(ELLIPSIS, rich_style)], 1)])
        strips = strips + [Strip.blank(width, rich_style)] * (ROW_LINES - len(strips))
        heading = getattr(option, "heading", None)
        if heading is not None:
            strips = [self._heading_strip(heading, style, width), *strips]
        return [strip.extend_cell_length(width, rich_style).apply_meta({"option": index}) for strip in strips]

    def _heading_strip(self, heading: Text, style: VisualStyle, width: int) -> Strip:
        """A document's heading on one line, cut with ``…`` where it is longer."""
        line = heading.copy()
        if line.cell_len > width:
            line.truncate(max(width - 1, 1))
            line.append(ELLIPSIS)
        return self._get_visual(Option(line)).to_strips(self, self._get_visual(Option(line)), width, None, style)[0]

    # -- cursor -----------------------------------------------------------------------

    @property
    def current_fact_id(self) -> int | None:
        """The id of the fact under the cursor."""
        if self.highlighted is None or self.highlighted >= len(self.hits):
            return None
        return self.hits[self.highlighted].id

    @property
    def current_hit(self) -> FactHit | None:
        """The fact under the cursor."""
        if self.highlighted is None or self.highlighted >= len(self.hits):
            return None
        return self.hits[self.highlighted]

    def select_fact(self, fact_id: int) -> bool:
        """Move the cursor to fact ``fact_id`` if it is loaded."""
        for index, hit in enumerate(self.hits):
            if hit.id == fact_id:
                self.highlighted = index
                return True
        return False

    def reveal(self) -> None:
        """Bring the fact under the cursor to the upper middle of the list, now and again once the
        rows are laid out: a scrollbar that appears with new rows narrows them and makes them taller,
        which would push the fact below the bottom edge."""
        self._reveal()
        self.call_after_refresh(self._reveal)

    def _reveal(self) -> None:
        region = None if self.highlighted is None or not self.is_mounted else self._option_region(self.highlighted)
        if region is None:
            return
        top, bottom = region
        height = self.scrollable_content_region.height
        y = top - height // 3 if bottom - top < height * 2 // 3 else top
        self.scroll_to(y=max(y, 0), animate=False, immediate=True)

    def highlight_in_view(self) -> bool:
        """True when every line of the fact under the cursor is inside the visible part of the list."""
        if self.highlighted is None:
            return False
        region = self._option_region(self.highlighted)
        return region is not None and self.scroll_y <= region[0] and region[1] <= self.scroll_y + self.scrollable_content_region.height

    def _option_region(self, index: int) -> tuple[int, int] | None:
        self._update_lines()
        top = self._index_to_line.get(index)
        return None if top is None else (top, top + self._heights[index])

    def action_cursor_down(self) -> None:
        # No wrap-around: the list grows at the end, so down at the bottom loads more.
        if self.hits:
            current = -1 if self.highlighted is None else self.highlighted
            self.highlighted = min(current + 1, len(self.hits) - 1)
        self._maybe_need_more()

    def action_cursor_up(self) -> None:
        if self.hits:
            self.highlighted = max((self.highlighted or 0) - 1, 0)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._maybe_need_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.max_scroll_y - new_value < 5:
            self._maybe_need_more()

    def _maybe_need_more(self) -> None:
        if self.complete or not self.hits:
            return
        near_end = self.highlighted is not None and self.highlighted >= len(self.hits) - NEAR_END
        if near_end or self.max_scroll_y - self.scroll_y < 5:
            self.post_message(self.NeedMore(len(self.hits)))
