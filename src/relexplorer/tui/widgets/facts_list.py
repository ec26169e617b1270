"""The middle pane: the facts that match, a page at a time.

Each entry shows the mark indicator, a marker when the fact has a note, the source tag
(``CSIS 2022``), the section label, the text with search matches highlighted and a badge per
figure. Grouped by document, the first entry of each document carries a heading line with the tag
and the title, and the entries leave the tag out. More rows are asked for (:class:`FactsList.NeedMore`)
when the cursor or the scroll position nears the end of what is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from relexplorer.model import FactHit
from relexplorer.search import Query
from relexplorer.tui.render import document_heading, fact_prompt

NEAR_END = 10  # rows from the end at which the next page is asked for


class FactsList(OptionList):
    """The facts list; option ids are fact ids."""

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

    def set_empty_message(self, message: str) -> None:
        """What the list says when nothing matches."""
        self._empty_message = message

    def set_grouped(self, grouped: bool, marked: set[int]) -> None:
        """Group the rows by document (a heading per document) or tag each row."""
        self.grouped = grouped
        self.update_marks(marked)

    def _prompt(self, index: int, marked: set[int]) -> Text:
        hit = self.hits[index]
        heading = None
        if self.grouped and (index == 0 or self.hits[index - 1].document_id != hit.document_id):
            heading = document_heading(hit, hit.document_title)
        return fact_prompt(hit, self.query_shown, marked=hit.id in marked, noted=hit.id in self.noted,
                           heading=heading, show_source=not self.grouped)

    def _option(self, index: int, marked: set[int]) -> Option:
        return Option(self._prompt(index, marked), id=str(self.hits[index].id))

    def update_marks(self, marked: set[int], ids: set[int] | None = None) -> None:
        """Redraw the rows of ``ids`` (all loaded rows when ``None``)."""
        for index, hit in enumerate(self.hits):
            if ids is None or hit.id in ids:
                self.replace_option_prompt_at_index(index, self._prompt(index, marked))

    def update_notes(self, noted: set[int], marked: set[int], ids: set[int] | None = None) -> None:
        """Keep ``noted`` as the facts with a note; redraw the rows of ``ids`` (when ``None``,
        those whose marker changed)."""
        old, self.noted = self.noted, set(noted)
        changed = (old ^ self.noted) if ids is None else set(ids)
        if changed:
            self.update_marks(marked, changed)

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
