"""The status line under the search box: how many facts match, the active filters, the number
of marked facts, or what is wrong with the query."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from relexplorer.display import one_line

_COUNT = Style(bold=True)
_DIM = Style(dim=True)


class StatusLine(Static):
    """One line of status; errors show until the next valid query."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &.-error {
            color: $text-error;
            text-style: bold;
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(Text("Loading…", _DIM), **kwargs)
        self.message = "Loading…"
        self.error = ""

    def show_counts(self, total_label: str, description: str, marked: int) -> None:
        """``N facts`` (``1,000+`` when capped), the filters, and the marked count."""
        self.error = ""
        self.remove_class("-error")
        noun = "fact" if total_label == "1" else "facts"
        text = Text.assemble((f"{total_label} {noun}", _COUNT))
        if description:
            text.append(" · " + one_line(description))
        if marked:
            text.append(f" · {marked:,} marked", _DIM)
        self.message = text.plain
        self.update(text)

    def show_busy(self) -> None:
        """Say that a search is running (the last results stay until it ends)."""
        if not self.message.endswith("searching…"):
            self.remove_class("-error")
            self.update(Text(self.message + " · searching…", _DIM))
            self.message = self.message + " · searching…"

    def show_error(self, message: str) -> None:
        """A problem with the query or the database; the results stay as they were."""
        self.error = one_line(message)
        self.message = self.error
        self.add_class("-error")
        self.update(Text("⚠ " + self.error))
